/**
 * Resolving a plan's own inconsistencies from its findings list (docs/decisions/0007):
 * "use the children's sum" replaces a stated parent (or the total row) with the sum of its
 * children — for one finding or every open one — and the ancestors that agreed follow, as after an
 * edit; "keep as written" acknowledges a finding with a note, for the values it has now. Both take
 * the plan's lock, check the version the client saw, bump the plan and are audited with old and new
 * values in the same transaction, so the replaced stated value stays in the history.
 */
import type { Kysely } from 'kysely';
import { checkPlan } from '../core/check.js';
import { findingKey, sumSubject } from '../core/consistency.js';
import { adoptChildrenSums, type ScoredRow } from '../core/edits.js';
import type { Finding, ScoreField } from '../core/findings.js';
import { decimalOrNull, storedScore } from '../core/score.js';
import { acknowledge, planAcknowledgements } from '../db/findings-repo.js';
import { lockAndFindPlan, planRows, setItemScore } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import type { AcknowledgeFinding, AdoptSums } from '../shared/api.js';
import { requireWholePlanOf, type Actor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import { AppError } from './errors.js';
import { bumpPlan, type EditDeps } from './plan-edits.js';
import { isAdoptable, planDocument } from './plan-view.js';

const STATED_COLUMN = { max: 'stated_max', baseline: 'stated_baseline', target: 'stated_target' } as const;

/** Opens the plan under its lock for an officer who may edit it, at the version they saw. */
async function openPlan(db: Kysely<DB>, actor: Actor, planId: number, version: number) {
  const plan = await lockAndFindPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  await requireWholePlanOf(db, actor, 'plan.edit', plan.subject_unit_id);
  if (plan.version !== version) throw new AppError('STALE_VERSION');
  const findings = checkPlan(await planDocument(db, planId));
  return { plan, findings };
}

async function acknowledgedKeys(db: Kysely<DB>, planId: number): Promise<Set<string>> {
  return new Set((await planAcknowledgements(db, planId)).keys());
}

function byKey(findings: readonly Finding[], key: string): Finding {
  const found = findings.find((f) => findingKey(f) === key);
  if (!found) throw new AppError('FINDING_NOT_FOUND');
  return found;
}

/** "Use the children's sum" for one finding (key) or every open adoptable one (key null). */
export async function adoptSums(
  deps: EditDeps,
  actor: Actor,
  planId: number,
  body: AdoptSums,
): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const { plan, findings } = await openPlan(db, actor, planId, body.version);
    let chosen: Finding[];
    if (body.key !== null) {
      const f = byKey(findings, body.key);
      if (!isAdoptable(f)) throw new AppError('FINDING_NOT_ADOPTABLE', { code: f.code ?? '' });
      chosen = [f];
    } else {
      // an acknowledged finding was kept as written on purpose: the whole-plan action leaves it
      const kept = await acknowledgedKeys(db, planId);
      chosen = findings.filter((f) => isAdoptable(f) && !kept.has(findingKey(f)!));
    }
    const targets = chosen.map((f) => sumSubject(f)!).map((s) => ({ code: s.code, field: s.field }));
    if (targets.length === 0) return;

    const rows = await planRows(db, planId);
    const stored = storedScore;
    const scored: ScoredRow[] = rows.map((r) => ({
      code: r.code,
      max: stored(r.maxScore),
      baseline: stored(r.baseline),
      target: stored(r.target),
    }));
    const hasTotals =
      plan.stated_max !== null || plan.stated_baseline !== null || plan.stated_target !== null;
    const totals = {
      max: stored(plan.stated_max),
      baseline: stored(plan.stated_baseline),
      target: stored(plan.stated_target),
    };
    const { changes } = adoptChildrenSums(
      { rows: scored, totals: hasTotals || targets.some((t) => t.code === null) ? totals : null },
      targets,
    );

    const on = { planId, unitId: plan.subject_unit_id };
    const trail: AuditEntry[] = [];
    const planSet: Partial<Record<(typeof STATED_COLUMN)[ScoreField], string | null>> = {};
    for (const c of changes) {
      const oldValue = decimalOrNull(c.old);
      const newValue = decimalOrNull(c.new);
      if (c.code === null) {
        planSet[STATED_COLUMN[c.field]] = newValue;
        trail.push({
          action: c.kind === 'adopted' ? 'finding.adopt_sum' : 'plan.total',
          entity: 'plan',
          entityId: planId,
          field: c.field,
          oldValue,
          newValue,
          ...on,
        });
        continue;
      }
      // the framework's max is not the plan's: only a baseline or target of a row changes here
      if (c.field === 'max') throw new AppError('FINDING_NOT_ADOPTABLE', { code: c.code });
      const item = rows.find((r) => r.code === c.code)!;
      await setItemScore(db, item.itemId, c.field, newValue, now);
      trail.push({
        action: c.kind === 'adopted' ? 'finding.adopt_sum' : 'item.follow',
        entity: 'plan_item',
        entityId: item.itemId,
        itemId: item.itemId,
        code: c.code,
        field: c.field,
        oldValue,
        newValue,
        ...on,
      });
    }
    await bumpPlan(db, planId, now, planSet);
    await audit(db, actor, now, trail);
  });
}

/** "Keep as written": the finding is acknowledged with a note for the values it has now. */
export async function acknowledgeFinding(
  deps: EditDeps,
  actor: Actor,
  planId: number,
  body: AcknowledgeFinding,
): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const { plan, findings } = await openPlan(db, actor, planId, body.version);
    const f = byKey(findings, body.key);
    const subject = sumSubject(f)!;
    const note = body.note.trim();
    await acknowledge(db, planId, body.key, actor, note, now);
    const item =
      subject.code === null ? undefined : (await planRows(db, planId)).find((r) => r.code === subject.code);
    await bumpPlan(db, planId, now);
    await audit(db, actor, now, [
      {
        action: 'finding.acknowledge',
        entity: item ? 'plan_item' : 'plan',
        entityId: item ? item.itemId : planId,
        itemId: item?.itemId ?? null,
        code: subject.code,
        field: subject.field,
        // the stated value kept as written, and why
        oldValue: decimalOrNull(subject.stated),
        newValue: note,
        planId,
        unitId: plan.subject_unit_id,
      },
    ]);
  });
}
