/**
 * The sample plans a new installation starts with: the appendices in samples/ (Đắk Nông province
 * 2022, Krông Nô district 2023), imported once into a database that holds no unit yet, and the
 * relations between their units that the appendices do not say (samples/units.json); and the sample
 * commune framework (samples/frameworks/, its tab-separated source: the DOCX and XLSX beside it are
 * the same framework written for people).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Answer, ScoringRule } from '../core/framework.js';
import { dayAfter, type LineageKind } from '../core/lineage.js';
import { ZERO, type Score } from '../core/score.js';
import { unitKey } from '../core/units.js';
import type { DB } from '../db/schema.js';
import { anyUnit, findUnitByKey, insertUnit, updateUnitRow } from '../db/units-repo.js';
import { systemActor } from './access.js';
import { audit } from './audit.js';
import { importFrameworkFile, type FrameworkDeps } from './frameworks.js';
import { importPlans, type ImportedPlan } from './imports.js';
import { recordEventIn } from './unit-events.js';

interface SampleUnit {
  name: string;
  kind: string;
  parent?: string;
  successor?: string;
  lineage?: LineageKind;
  validTo?: string;
  decision?: string;
}

export async function loadSamplesIfEmpty(
  deps: { db: Kysely<DB>; clock: () => Date },
  folder: string,
): Promise<ImportedPlan[]> {
  if (await anyUnit(deps.db)) return [];
  const actor = systemActor('system');
  const loaded: ImportedPlan[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.(txt|tsv|csv|xlsx|docx)$/i.test(name)) continue;
    const result = await importPlans(deps, {
      actor,
      bytes: new Uint8Array(readFileSync(join(folder, name))),
      sourceName: name,
    });
    if (!result.ok) throw new Error(`sample ${name} could not be imported: ${result.error.code}`);
    loaded.push(...result.plans);
  }
  const relations = JSON.parse(readFileSync(join(folder, 'units.json'), 'utf8')) as { units: SampleUnit[] };
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const idOf = async (name: string, kind?: string): Promise<number> => {
      const key = unitKey(name, { levelWords: [] });
      const found = await findUnitByKey(db, null, key);
      if (found) return found.id;
      const id = await insertUnit(db, {
        name,
        name_key: key,
        kind: kind ?? 'other',
        parent_id: null,
        created_at: now,
      });
      await audit(db, actor, now, [
        { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, newValue: name },
      ]);
      return id;
    };
    // each unit's id as found or made here, before parents move them away from the top level
    const ids = new Map<string, number>();
    for (const u of relations.units) {
      const id = await idOf(u.name, u.kind);
      ids.set(u.name, id);
      const parent = u.parent ? await idOf(u.parent) : null;
      await updateUnitRow(db, id, { parent_id: parent });
      if (parent !== null) {
        await audit(db, actor, now, [
          {
            action: 'unit.update',
            entity: 'unit',
            entityId: id,
            unitId: id,
            field: 'parent_id',
            newValue: parent,
          },
        ]);
      }
    }
    // what became of them: events dated the day after their last day (units.* follow, decision 0012)
    for (const u of relations.units) {
      if (!u.lineage || !u.validTo) continue;
      await recordEventIn(
        db,
        actor,
        now,
        {
          kind: u.lineage,
          date: dayAfter(u.validTo),
          decision: u.decision ?? '',
          note: 'samples/units.json',
          from: [ids.get(u.name)!],
          to: u.successor ? [ids.get(u.successor) ?? (await idOf(u.successor))] : [],
        },
        false,
      );
    }
  });
  return loaded;
}

/** The sample frameworks of a new installation (call it when loadSamplesIfEmpty loaded plans). */
export async function loadSampleFrameworks(deps: FrameworkDeps, folder: string): Promise<string[]> {
  const actor = systemActor('system');
  const loaded: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.txt$/i.test(name)) continue;
    const result = await importFrameworkFile(deps, actor, {
      fileName: name,
      bytes: new Uint8Array(readFileSync(join(folder, name))),
    });
    loaded.push(...result.frameworks.map((f) => f.name));
  }
  return loaded;
}

// ——— the sample round ———

/** How well a sample unit did: every criterion at its best, or somewhere below. */
export type SampleLevel = 'good' | 'fair';

/**
 * An answer a unit could give to a rule, of the kind the rule takes (every kind of the sample
 * framework): the best option, 45 of 50 files on time, no incident, every part met, the max for a
 * manual score … or, for a 'fair' unit, the next option, 43 of 50, one incident, half the parts.
 * null for a survey's rule: the unit does not answer it. Pure: the sample round, the bench and the
 * tests give the same answers.
 */
export function sampleAnswer(rule: ScoringRule, max: Score, level: SampleLevel): Answer | null {
  const fair = level === 'fair';
  switch (rule.kind) {
    case 'gate':
      return sampleAnswer(rule.rule, max, level);
    case 'choice':
      return { kind: 'choice', option: fair && rule.options.length > 1 ? 1 : 0 };
    case 'bands':
    case 'linear':
      return fair ? { kind: 'ratio', numerator: 43, denominator: 50 } : { kind: 'percent', value: 9500 };
    case 'count':
      return { kind: 'count', count: fair ? 1 : 0 };
    case 'parts':
      return {
        kind: 'parts',
        met: rule.parts.map((_, i) => i).filter((i) => !fair || i % 2 === 0),
      };
    case 'all':
      return { kind: 'all', met: rule.conditions.map((_, i) => !fair || i < rule.conditions.length - 1) };
    case 'manual':
      return { kind: 'score', score: fair ? ZERO : max };
    case 'survey':
      return null;
    case 'bonus':
      return { kind: 'score', score: fair ? ZERO : rule.cap };
    case 'penalty':
      return rule.each !== null && fair ? { kind: 'count', count: 1 } : { kind: 'score', score: ZERO };
  }
}
