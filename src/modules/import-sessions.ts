/**
 * The import wizard's two steps. Preview reads the uploaded file, keeps its bytes for a while (in
 * the database, so any server process can confirm) and says what each plan holds, what is wrong with
 * it and which lead units are new — writing nothing else. Confirm imports the kept file with the
 * officer's choices for the new units, in one transaction.
 */
import type { Kysely } from 'kysely';
import { blockingFindings } from '../core/findings.js';
import { diffPlan } from '../core/plan-diff.js';
import { decimalOrNull } from '../core/score.js';
import { parentKindsFor } from '../core/subject-unit.js';
import { summarise } from '../core/summary.js';
import { cleanFileName, fold } from '../core/text.js';
import { resolveUnits } from '../core/units.js';
import { takePendingImport } from '../db/pending-imports-repo.js';
import { findPlanBySubjectYear } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { unitsUnder, type UnitWithAliases } from '../db/units-repo.js';
import type { ReadPlan } from '../formats/read.js';
import { readPlansIsolated } from '../formats/read-pool.js';
import type { ImportConfirm, ImportPreview, ImportPreviewPlan, ImportResult } from '../shared/api.js';
import { hasPermission, type Actor } from './access.js';
import { AppError } from './errors.js';
import { keepUpload, keptUpload } from './pending-imports.js';
import { incomingDiffRows, storedDiffRows } from './import-merge.js';
import {
  importPlans,
  parentOptions,
  planHash,
  resolveImportTarget,
  UNNAMED_FILE,
  sameContent,
  subjectEnded,
} from './imports.js';
import type { Deps } from './deps.js';

export type SessionDeps = Deps;

export async function previewImport(
  deps: SessionDeps,
  actor: Actor,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<ImportPreview> {
  if (!hasPermission(actor, 'plan.import')) throw new AppError('FORBIDDEN');
  const fileName = cleanFileName(upload.fileName, UNNAMED_FILE);
  const read = await readPlansIsolated(upload.bytes);
  if (!read.ok) {
    throw new AppError('READ_FAILED', { file: fileName, failure: read.failure });
  }
  const { token, expiresAt } = await keepUpload(
    deps.db,
    actor,
    deps.clock(),
    { fileName, bytes: upload.bytes },
    { kind: 'plan' },
  );
  const plans: ImportPreviewPlan[] = [];
  for (const plan of read.plans) plans.push(await previewPlan(deps.db, actor, plan, plans));
  return {
    token,
    fileName,
    format: read.format,
    expiresAt,
    plans,
    canConfirm: plans.length > 0 && plans.every((p) => !p.blocking && p.allowed && p.ended === null),
  };
}

async function previewPlan(
  db: Kysely<DB>,
  actor: Actor,
  read: ReadPlan,
  earlier: readonly ImportPreviewPlan[],
): Promise<ImportPreviewPlan> {
  const { plan, subject } = read;
  const summary = summarise(plan);
  const target = subject ? await resolveImportTarget(db, actor, subject) : null;
  // a plan without a subject is blocked by its findings; one the account may not import is refused,
  // and what is stored for a unit out of its reach stays unsaid
  const allowed = target === null || target.kind === 'existing' || target.kind === 'new';
  const subjectUnit = target?.kind === 'existing' ? { id: target.id } : undefined;
  const known: UnitWithAliases[] = subjectUnit ? await unitsUnder(db, subjectUnit.id) : [];
  const ctx = { levelWords: subject ? [subject.levelWord] : [] };
  const cells = [...plan.rows.map((r) => r.leadUnits), ...plan.rows.map((r) => r.supportUnits)];
  const resolution = resolveUnits(cells, known, ctx);
  const existing =
    subjectUnit && plan.year !== null
      ? await findPlanBySubjectYear(db, subjectUnit.id, plan.year)
      : undefined;
  const names = resolution.cells.map((m) => m.map((x) => resolution.units[x.unit]!.name));
  const unchanged = existing !== undefined && (await sameContent(db, existing, planHash(plan, names)));
  const diff =
    existing && !unchanged
      ? diffPlan(await storedDiffRows(db, existing.id), incomingDiffRows(plan, names))
      : null;
  const ended = subjectUnit && plan.year !== null ? await subjectEnded(db, subjectUnit.id, plan.year) : null;
  let newSubject: ImportPreviewPlan['newSubject'] = null;
  if (target?.kind === 'new' && subject) {
    const kinds = parentKindsFor(subject.group);
    newSubject = {
      kind: subject.kind,
      needsParent: kinds.length > 0,
      parentOptions: plan.year === null ? [] : await parentOptions(db, actor, subject, plan.year),
      parentPlans: earlier.flatMap((p, i) => (p.newSubject && kinds.includes(p.newSubject.kind) ? [i] : [])),
    };
  }
  return {
    allowed,
    subject: plan.subject,
    year: plan.year,
    baselineYear: plan.baselineYear,
    criteria: summary.criteria,
    areas: summary.areas,
    totals: {
      max: decimalOrNull(summary.totals.max),
      baseline: decimalOrNull(summary.totals.baseline),
      target: decimalOrNull(summary.totals.target),
    },
    rows: plan.rows.map((r) => ({
      code: r.code,
      name: r.name,
      depth: r.code.split('.').length,
      max: decimalOrNull(r.max),
      baseline: decimalOrNull(r.baseline),
      target: decimalOrNull(r.target),
      task: r.task,
      leadUnits: r.leadUnits,
    })),
    findings: read.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      code: f.code,
      params: f.params,
      location: f.location,
    })),
    blocking: blockingFindings(read.findings).length > 0,
    existingPlanId: existing?.id ?? null,
    existingVersion: existing?.version ?? null,
    unchanged,
    diff: diff && {
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      moved: diff.moved,
      lostFollowUp: diff.lostFollowUp,
      rows: diff.rows,
    },
    ended,
    newSubject,
    unknownUnits: resolution.units
      .filter((u) => u.id === null)
      .map((u) => ({ name: u.name, variants: u.variants, suggestion: suggest(u.name, known) })),
    knownUnits: known.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
  };
}

/** The registered unit sharing most words with a new name, when they share at least half. */
export function suggest(
  name: string,
  known: readonly Pick<UnitWithAliases, 'id' | 'name'>[],
): { id: number; name: string } | null {
  const words = (s: string) =>
    new Set(
      fold(s)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    );
  const a = words(name);
  let best: { id: number; name: string } | null = null;
  let bestScore = 0.5;
  for (const u of known) {
    const b = words(u.name);
    const shared = [...a].filter((w) => b.has(w)).length;
    const score = shared / Math.max(a.size, b.size, 1);
    if (score >= bestScore) {
      best = { id: u.id, name: u.name };
      bestScore = score;
    }
  }
  return best;
}

export async function confirmImport(
  deps: SessionDeps,
  actor: Actor,
  token: string,
  choice: ImportConfirm,
): Promise<ImportResult> {
  // an upload is confirmed by whoever uploaded it, nobody else, as the plans it was previewed as
  const pending = await keptUpload(deps.db, actor, deps.clock(), token, { kind: 'plan' });
  const result = await importPlans(deps, {
    actor,
    // the upload is taken in the import's own transaction: a second confirmation finds it gone
    claim: (db) => takePendingImport(db, token),
    bytes: new Uint8Array(pending.bytes),
    sourceName: pending.file_name,
    replace: choice.replace,
    requireParent: true,
    subjectParents: choice.parents,
    seenVersions: choice.seenVersions,
    unitAliases: choice.mapping.flatMap((m) =>
      m.unitId === null ? [] : [{ plan: m.plan, name: m.name, unitId: m.unitId }],
    ),
  });
  if (!result.ok) throw result.error;
  return {
    plans: result.plans.map((p) => ({ id: p.planId, subject: p.subject, year: p.year, outcome: p.outcome })),
  };
}
