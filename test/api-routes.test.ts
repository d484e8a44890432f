/**
 * The route table's completeness across the HTTP API's route test files: every part the table asks of
 * a route (its happy path, a refused input, each missing thing) is exercised by some file, and every
 * file COVERS names exists and checks its part. Each file checks its own requests against its part
 * (expectExercised); test/api-plans.test.ts checks that the app serves exactly the table's routes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERS, requiredParts, ROUTES, type ApiFile, type Part } from './helpers/route-table.js';

describe('the route table across the API test files', () => {
  it('the files together exercise every part of every route of the table', () => {
    const uncovered: string[] = [];
    for (const [route, parts] of requiredParts()) {
      for (const part of parts) {
        const by = (Object.keys(COVERS) as ApiFile[]).filter((file) =>
          ((COVERS[file] as Record<string, readonly Part[] | undefined>)[route] ?? []).includes(part),
        );
        if (by.length === 0) uncovered.push(`${route}: ${part}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it('names only routes of the table', () => {
    for (const file of Object.keys(COVERS) as ApiFile[]) {
      for (const route of Object.keys(COVERS[file])) expect(ROUTES[route], `${file}: ${route}`).toBeDefined();
    }
  });

  it.each(Object.keys(COVERS))('test/api-%s.test.ts checks its part of the table', (file) => {
    const text = readFileSync(new URL(`api-${file}.test.ts`, import.meta.url), 'utf8');
    expect(text).toContain(`expectExercised(api.watch.hits, '${file}')`);
  });
});
