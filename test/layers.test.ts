/**
 * The layer rules of docs/ARCHITECTURE.md, enforced by the lint configuration: an import that crosses a
 * layer, placed in a file of each layer, is reported; the imports each layer may make are not.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// the project's own configuration, without the type-checked rules (the layer rule needs no types)
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint zones between layers', () => {
  it.each<[string, string, string]>([
    ['core → db', 'src/core/score.ts', "import type { DB } from '../db/schema.js';"],
    ['core → shared', 'src/core/score.ts', "import { MAX_FILE_BYTES } from '../shared/limits.js';"],
    ['core → node:', 'src/core/score.ts', "import { readFileSync } from 'node:fs';"],
    ['core → a Node module without node:', 'src/core/text.ts', "import path from 'path';"],
    ['shared → modules', 'src/shared/limits.ts', "import { AppError } from '../modules/errors.js';"],
    ['formats → db', 'src/formats/read.ts', "import type { DB } from '../db/schema.js';"],
    ['formats → modules', 'src/formats/read.ts', "import { AppError } from '../modules/errors.js';"],
    ['db → modules', 'src/db/plans-repo.ts', "import { AppError } from '../modules/errors.js';"],
    ['db → http', 'src/db/plans-repo.ts', "import { buildApp } from '../http/app.js';"],
    [
      'db migration → modules',
      'src/db/migrations/common.ts',
      "import { AppError } from '../../modules/errors.js';",
    ],
    ['modules → http', 'src/modules/plans.ts', "import { buildApp } from '../http/app.js';"],
    ['modules → cli', 'src/modules/plans.ts', "import { run } from '../cli/main.js';"],
    [
      'web → modules',
      'web/src/features/plans/model.ts',
      "import { AppError } from '../../../../src/modules/errors';",
    ],
    ['web → db', 'web/src/App.tsx', "import type { DB } from '../../src/db/schema';"],
    ['web → core by path', 'web/src/App.tsx', "import { fold } from '../../src/core/text';"],
    ['web → node:', 'web/src/App.tsx', "import { readFileSync } from 'node:fs';"],
  ])('%s is reported', async (_name, filePath, code) => {
    expect(await restricted(filePath, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ['core → core', 'src/core/score.ts', "import { fold } from './text.js';"],
    ['shared → core', 'src/shared/limits.ts', "import { fold } from '../core/text.js';"],
    [
      'formats → core and shared',
      'src/formats/read.ts',
      "import { fold } from '../core/text.js';\nimport { MAX_FILE_BYTES } from '../shared/limits.js';",
    ],
    ['db → core', 'src/db/plans-repo.ts', "import { fold } from '../core/text.js';"],
    [
      'modules → db and formats',
      'src/modules/plans.ts',
      "import type { DB } from '../db/schema.js';\nimport { readPlanFile } from '../formats/read.js';",
    ],
    ['http → modules', 'src/http/app.ts', "import { AppError } from '../modules/errors.js';"],
    ['cli → db', 'src/cli/main.ts', "import type { DB } from '../db/schema.js';"],
    [
      'web → @core and @shared',
      'web/src/App.tsx',
      "import { fold } from '@core/text';\nimport type { PlanView } from '@shared/api';",
    ],
  ])('%s is allowed', async (_name, filePath, code) => {
    expect(await restricted(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });
});
