/**
 * The sample plans a new installation starts with: the appendices in samples/ (Đắk Nông province
 * 2022, Krông Nô district 2023), imported once into a database that holds no unit yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { importPlans, type ImportedPlan } from './imports.js';

export async function loadSamplesIfEmpty(
  deps: { db: Kysely<DB>; clock: () => Date },
  folder: string,
): Promise<ImportedPlan[]> {
  const any = await deps.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) return [];
  const loaded: ImportedPlan[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.(txt|tsv|csv|xlsx|docx)$/i.test(name)) continue;
    const result = await importPlans(deps, {
      bytes: new Uint8Array(readFileSync(join(folder, name))),
      sourceName: name,
    });
    if (!result.ok) throw new Error(`sample ${name} could not be imported: ${result.error.code}`);
    loaded.push(...result.plans);
  }
  return loaded;
}
