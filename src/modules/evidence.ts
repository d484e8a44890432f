/**
 * A unit's evidence files in an assessment round (issue 11 point 3, decisions 0013 and 0014): upload
 * (type by content off the server's thread, the unit's allowance summed under the unit's lock, the
 * same content twice in a unit = the same row), link to and unlink from criteria, remove, list, and
 * the bytes for a download. One transaction per change with its audit entries.
 *
 * When a unit's evidence may change: while the self-assessment phase is open for it (its granted
 * extension counted) and it has not submitted; or in the explanation phase, for criteria returned to
 * it, adding (and taking back what was added then) — what the appraisers saw stays. After
 * publication, nothing.
 *
 * Who: the unit's assessors change it (canSelfAssess). Readers are canReadAssessment's: the unit,
 * the round's managers, the council, installation-wide appraisers and, after publication, readers of
 * the unit's plans see every file; an area appraiser sees the files linked to criteria of its areas,
 * with those criteria only. Anyone else: 403, as for plans.
 *
 * A content leaves the store only when no evidence_files row anywhere refers to it: the removal is
 * committed, then the references are counted again under the content's lock (which an upload of the
 * same content takes too) and the store's copy goes. A removal that fails there leaves an orphan that
 * `parindex evidence gc` (collectEvidenceGarbage) removes.
 */
import type { Kysely } from 'kysely';
import {
  canAppraise,
  canReadAssessment,
  canSelfAssess,
  isPhaseOpen,
  type Phase,
} from '../core/assessment.js';
import type { Actor } from '../core/access.js';
import type { ExplanationOnlyReason } from '../core/messages/evidence.js';
import { cleanFileName } from '../core/text.js';
import {
  deleteEvidenceFile,
  deleteEvidenceLink,
  evidenceFileRow,
  evidenceIdsByCriterion,
  evidenceLinkRows,
  evidenceShaCounts,
  evidenceShaReferences,
  evidenceTotals,
  insertEvidenceFile,
  insertEvidenceLink,
  lockEvidenceContent,
  lockRoundUnit,
  recordEvidenceRemovals,
  returnedCriterionIds,
  unitEvidenceBySha,
  unitEvidenceBytes,
  unitEvidenceRows,
  type EvidenceFileRecord,
  type EvidenceLinkRecord,
} from '../db/evidence-repo.js';
import { grantedUntil, roundUnitRows, type RoundUnitRecord } from '../db/rounds-repo.js';
import type { DB } from '../db/schema.js';
import { evidenceTypeInPool } from '../formats/read-pool.js';
import type { EvidenceType } from '../core/messages.js';
import { EVIDENCE_INLINE_TYPES, type EvidenceFile, type EvidenceList } from '../shared/api/evidence.js';
import { parentsFor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import type { Deps, EvidenceDeps, ServerDeps } from './deps.js';
import { AppError } from './errors.js';
import { acceptEvidence, type EvidenceStore } from './evidence-store.js';
import { sha256 } from './hash.js';
import {
  loadRound,
  requireNotPublished,
  requirePhaseOpen,
  requireRoundUnit,
  type RoundContext,
  type RoundCriterion,
} from './round-context.js';

/** An uploaded file as the route read it: whole, or cut at the per-file limit. */
export type EvidenceUpload = { name: string; bytes: Uint8Array } | { name: string; tooLarge: true };

function evidenceOf(deps: ServerDeps): EvidenceDeps {
  if (!deps.evidence) throw new Error('the server was built without an evidence store (ServerDeps.evidence)');
  return deps.evidence;
}

// ——— who ———

/** The actor's grants without the area appraiser's permission: what it reads as anything but that. */
function withoutAppraisal(actor: Actor): Actor {
  return {
    ...actor,
    grants: actor.grants.map((g) => ({
      ...g,
      permissions: new Set([...g.permissions].filter((p) => p !== 'appraisal.edit')),
    })),
  };
}

/** What of a unit's evidence the actor reads: all of it, the criteria of its areas, or FORBIDDEN. */
async function readScope(
  db: Kysely<DB>,
  actor: Actor,
  ctx: RoundContext,
  unitId: number,
): Promise<'all' | ReadonlySet<number>> {
  const parents = await parentsFor(db, actor);
  if (canReadAssessment(withoutAppraisal(actor), unitId, parents, ctx.published)) return 'all';
  if (!canReadAssessment(actor, unitId, parents, ctx.published)) throw new AppError('FORBIDDEN');
  return new Set(ctx.criteria.filter((c) => canAppraise(actor, c.followedByUnitId)).map((c) => c.id));
}

async function requireChange(db: Kysely<DB>, actor: Actor, unitId: number): Promise<void> {
  if (!canSelfAssess(actor, unitId, await parentsFor(db, actor))) throw new AppError('FORBIDDEN');
}

/** A leaf criterion of the round's framework, or CRITERION_NOT_FOUND / NOT_A_LEAF. */
function requireLeaf(ctx: RoundContext, criterionId: number): RoundCriterion {
  const criterion = ctx.criteria.find((c) => c.id === criterionId);
  if (!criterion) throw new AppError('CRITERION_NOT_FOUND', { id: criterionId });
  if (ctx.criteria.some((c) => c.parentCode === criterion.code)) {
    throw new AppError('NOT_A_LEAF', { code: criterion.code });
  }
  return criterion;
}

// ——— when ———

/** A link a change makes or takes away: its criterion, and the phase an existing link was made in. */
interface Touched {
  criterion: RoundCriterion;
  /** null: a link the change makes */
  madeIn: string | null;
}

const EDITABLE_STATES = new Set(['not-started', 'in-progress']);

/**
 * The phase in which the change happens ('self' or 'explanation'), or the refusal: published,
 * submitted, a criterion not returned, evidence the appraisers saw, or PHASE_CLOSED with the self
 * phase's dates. `unit` is read in the change's transaction.
 */
async function changePhase(
  db: Kysely<DB>,
  ctx: RoundContext,
  unit: RoundUnitRecord,
  touched: readonly Touched[],
  upload: boolean,
): Promise<Phase> {
  requireNotPublished(ctx);
  const until = (phase: Phase) => grantedUntil(db, ctx.round.id, unit.unit_id, phase);
  if (isPhaseOpen(ctx.calendar, 'self', ctx.day, await until('self'))) {
    if (!EDITABLE_STATES.has(unit.state)) {
      throw new AppError('EVIDENCE_UNIT_SUBMITTED', { unit: unit.unit_name });
    }
    return 'self';
  }
  if (isPhaseOpen(ctx.calendar, 'explanation', ctx.day, await until('explanation'))) {
    const refuse = (code: string | null, reason: ExplanationOnlyReason) =>
      new AppError('EVIDENCE_EXPLANATION_ONLY', { code, reason });
    if (upload && touched.length === 0) throw refuse(null, 'no-criterion');
    const returned = await returnedCriterionIds(db, ctx.round.id, unit.unit_id);
    for (const t of touched) {
      if (!returned.has(t.criterion.id)) throw refuse(t.criterion.code, 'not-returned');
      if (t.madeIn !== null && t.madeIn !== 'explanation') throw refuse(t.criterion.code, 'earlier');
    }
    return 'explanation';
  }
  await requirePhaseOpen(db, ctx, 'self', unit.unit_id);
  throw new Error('unreachable: the self phase is closed');
}

/** The unit's row read again inside the change's transaction (its state may have moved). */
async function unitNow(db: Kysely<DB>, ctx: RoundContext, unitId: number): Promise<RoundUnitRecord> {
  const [unit] = await roundUnitRows(db, ctx.round.id, unitId);
  if (!unit) throw new AppError('UNIT_NOT_IN_ROUND', { unit: `#${unitId}`, round: ctx.round.name });
  return unit;
}

/** The unit's file in the round, or EVIDENCE_NOT_FOUND (another unit's id included). */
async function unitFile(
  db: Kysely<DB>,
  ctx: RoundContext,
  unitId: number,
  evidenceId: number,
): Promise<EvidenceFileRecord> {
  const row = await evidenceFileRow(db, evidenceId);
  if (!row || row.round_id !== ctx.round.id || row.unit_id !== unitId) {
    throw new AppError('EVIDENCE_NOT_FOUND', { id: evidenceId });
  }
  return row;
}

// ——— views ———

function viewOf(
  row: EvidenceFileRecord,
  links: readonly EvidenceLinkRecord[],
  scope: 'all' | ReadonlySet<number>,
): EvidenceFile {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    type: row.type as EvidenceType,
    mime: row.mime,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    criterionIds: links
      .filter((l) => l.evidence_id === row.id && (scope === 'all' || scope.has(l.criterion_id)))
      .map((l) => l.criterion_id)
      .sort((a, b) => a - b),
  };
}

async function fileView(db: Kysely<DB>, id: number): Promise<EvidenceFile> {
  const row = await evidenceFileRow(db, id);
  if (!row) throw new AppError('EVIDENCE_NOT_FOUND', { id });
  return viewOf(row, await evidenceLinkRows(db, [id]), 'all');
}

const described = (row: { name: string; sha256: string }) => `${row.name} · sha256 ${row.sha256}`;

function entry(
  ctx: RoundContext,
  unitId: number,
  action: 'evidence.upload' | 'evidence.link' | 'evidence.unlink' | 'evidence.remove',
  row: { name: string; sha256: string },
  criterion: RoundCriterion | null,
): AuditEntry {
  const added = action === 'evidence.upload' || action === 'evidence.link';
  return {
    action,
    entity: 'assessment',
    entityId: `${ctx.round.id}:${unitId}`,
    code: criterion?.code ?? null,
    unitId,
    field: 'evidence',
    oldValue: added ? null : described(row),
    newValue: added ? described(row) : null,
  };
}

// ——— the use-cases ———

/** The unit's files in the round with their criteria, its usage and its limits. */
export async function listEvidence(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
): Promise<EvidenceList> {
  const { limits } = evidenceOf(deps);
  const ctx = await loadRound(deps.db, roundId, deps.clock(), { unitId });
  const scope = await readScope(deps.db, actor, ctx, unitId);
  requireRoundUnit(ctx, unitId);
  const rows = await unitEvidenceRows(deps.db, roundId, unitId);
  const links = await evidenceLinkRows(
    deps.db,
    rows.map((r) => r.id),
  );
  const files = rows
    .map((r) => viewOf(r, links, scope))
    // an area appraiser sees the files that support criteria of its areas
    .filter((f) => scope === 'all' || f.criterionIds.length > 0);
  return {
    files,
    usedBytes: rows.reduce((sum, r) => sum + r.size, 0),
    limitBytes: limits.maxUnitBytes,
    maxFileBytes: limits.maxFileBytes,
  };
}

/**
 * Adds a file to the unit's evidence in the round (and links it to `criterionId` when given). The
 * same content the unit has already is the same row (a new link at most); the store keeps one copy
 * of a content whatever the number of units holding it.
 */
export async function uploadEvidence(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
  upload: EvidenceUpload,
  criterionId: number | null,
): Promise<EvidenceFile> {
  const { store, limits } = evidenceOf(deps);
  const name = cleanFileName(upload.name, 'minh-chung');
  const ctx = await loadRound(deps.db, roundId, deps.clock(), { unitId });
  await requireChange(deps.db, actor, unitId);
  requireRoundUnit(ctx, unitId);
  const criterion = criterionId === null ? null : requireLeaf(ctx, criterionId);
  const touched: Touched[] = criterion ? [{ criterion, madeIn: null }] : [];
  // refused early, before the file is looked at: the phase, then the size, then the type
  await changePhase(deps.db, ctx, requireRoundUnit(ctx, unitId), touched, true);
  if ('tooLarge' in upload) {
    throw new AppError('EVIDENCE_REFUSED', {
      file: name,
      refusal: { code: 'evidence.tooLarge', params: { size: null, limit: limits.maxFileBytes } },
    });
  }
  const verdict = await evidenceTypeInPool(upload.bytes, name, limits.maxFileBytes);
  if ('failure' in verdict) throw new AppError('READ_FAILED', { file: name, failure: verdict.failure });
  if (!verdict.ok) throw new AppError('EVIDENCE_REFUSED', { file: name, refusal: verdict.refusal });
  const content = sha256(upload.bytes);
  const now = deps.clock().toISOString();

  const id = await deps.db.transaction().execute(async (db) => {
    await lockRoundUnit(db, roundId, unitId);
    const phase = await changePhase(db, ctx, await unitNow(db, ctx, unitId), touched, true);
    await lockEvidenceContent(db, content);
    const existing = await unitEvidenceBySha(db, roundId, unitId, content);
    const usedBytes = await unitEvidenceBytes(db, roundId, unitId);
    // the store's copy is written under the content's lock: a removal's recount waits for this commit
    const accepted = await acceptEvidence(
      store,
      { name, bytes: upload.bytes },
      { usedBytes, holds: () => existing !== undefined },
      limits,
      verdict,
    );
    const entries: AuditEntry[] = [];
    let row = existing;
    if (!row) {
      const values = {
        round_id: roundId,
        unit_id: unitId,
        sha256: accepted.sha256,
        size: accepted.size,
        type: accepted.type,
        mime: accepted.mime,
        name,
        uploaded_by: actor.username,
        uploaded_at: now,
      };
      row = { id: await insertEvidenceFile(db, values), ...values };
      entries.push(entry(ctx, unitId, 'evidence.upload', row, null));
    }
    if (criterion) {
      const links = await evidenceLinkRows(db, [row.id]);
      if (!links.some((l) => l.criterion_id === criterion.id)) {
        await insertEvidenceLink(db, {
          evidence_id: row.id,
          criterion_id: criterion.id,
          phase,
          added_at: now,
        });
        entries.push(entry(ctx, unitId, 'evidence.link', row, criterion));
      }
    }
    await audit(db, actor, now, entries);
    return row.id;
  });
  return fileView(deps.db, id);
}

/** Links one of the unit's files to a criterion (nothing changes when it is linked already). */
export async function linkEvidence(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
  evidenceId: number,
  criterionId: number,
): Promise<EvidenceFile> {
  return changeLink(deps, actor, roundId, unitId, evidenceId, criterionId, 'link');
}

/** Unlinks one of the unit's files from a criterion (the file stays; nothing when not linked). */
export async function unlinkEvidence(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
  evidenceId: number,
  criterionId: number,
): Promise<EvidenceFile> {
  return changeLink(deps, actor, roundId, unitId, evidenceId, criterionId, 'unlink');
}

async function changeLink(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
  evidenceId: number,
  criterionId: number,
  change: 'link' | 'unlink',
): Promise<EvidenceFile> {
  const ctx = await loadRound(deps.db, roundId, deps.clock(), { unitId });
  await requireChange(deps.db, actor, unitId);
  requireRoundUnit(ctx, unitId);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    await lockRoundUnit(db, roundId, unitId);
    const row = await unitFile(db, ctx, unitId, evidenceId);
    const criterion = requireLeaf(ctx, criterionId);
    const link = (await evidenceLinkRows(db, [row.id])).find((l) => l.criterion_id === criterionId);
    if ((change === 'link') === (link !== undefined)) return;
    const touched = [{ criterion, madeIn: link?.phase ?? null }];
    const phase = await changePhase(db, ctx, await unitNow(db, ctx, unitId), touched, false);
    if (change === 'link') {
      await insertEvidenceLink(db, { evidence_id: row.id, criterion_id: criterionId, phase, added_at: now });
    } else {
      await deleteEvidenceLink(db, row.id, criterionId);
      await recordEvidenceRemovals(db, ctx.round.id, unitId, [criterionId], now);
    }
    await audit(db, actor, now, [
      entry(ctx, unitId, change === 'link' ? 'evidence.link' : 'evidence.unlink', row, criterion),
    ]);
  });
  return fileView(deps.db, evidenceId);
}

/**
 * Removes one of the unit's files (and its links). The store's copy goes once no file of any unit
 * holds that content any more, after the removal is committed.
 */
export async function removeEvidence(
  deps: ServerDeps,
  actor: Actor,
  roundId: number,
  unitId: number,
  evidenceId: number,
): Promise<void> {
  const { store } = evidenceOf(deps);
  const ctx = await loadRound(deps.db, roundId, deps.clock(), { unitId });
  await requireChange(deps.db, actor, unitId);
  requireRoundUnit(ctx, unitId);
  const now = deps.clock().toISOString();
  const removed = await deps.db.transaction().execute(async (db) => {
    await lockRoundUnit(db, roundId, unitId);
    const row = await unitFile(db, ctx, unitId, evidenceId);
    const links = await evidenceLinkRows(db, [row.id]);
    const linked = links.map((l) => ({
      criterion: ctx.criteria.find((c) => c.id === l.criterion_id)!,
      madeIn: l.phase,
    }));
    await changePhase(db, ctx, await unitNow(db, ctx, unitId), linked, false);
    await deleteEvidenceFile(db, row.id);
    await recordEvidenceRemovals(
      db,
      ctx.round.id,
      unitId,
      links.map((l) => l.criterion_id),
      now,
    );
    await audit(db, actor, now, [
      ...linked.map((l) => entry(ctx, unitId, 'evidence.unlink', row, l.criterion)),
      entry(ctx, unitId, 'evidence.remove', row, null),
    ]);
    return row;
  });
  await releaseContent(deps.db, store, removed.sha256);
}

/**
 * Removes a content from the store when no file refers to it any more: counted again under the
 * content's lock, so an upload of the same content either committed before (the count sees it) or
 * writes its copy after. A failure leaves an orphan for `parindex evidence gc`; the removal of the
 * file itself stands. True when the store's copy went.
 */
export async function releaseContent(
  db: Kysely<DB>,
  store: EvidenceStore,
  content: string,
): Promise<boolean> {
  try {
    return await db.transaction().execute(async (tx) => {
      await lockEvidenceContent(tx, content);
      if ((await evidenceShaReferences(tx, content)) > 0) return false;
      return store.remove(content);
    });
  } catch {
    return false;
  }
}

/** A file's bytes for a download, with what the headers need; checked against their hash. */
export interface EvidenceContent {
  name: string;
  type: EvidenceType;
  mime: string;
  sha256: string;
  bytes: Uint8Array;
}

export async function evidenceContent(
  deps: ServerDeps,
  actor: Actor,
  evidenceId: number,
  inline: boolean,
): Promise<EvidenceContent> {
  const { store } = evidenceOf(deps);
  const row = await evidenceFileRow(deps.db, evidenceId);
  if (!row) throw new AppError('EVIDENCE_NOT_FOUND', { id: evidenceId });
  const ctx = await loadRound(deps.db, row.round_id, deps.clock(), { unitId: row.unit_id });
  const scope = await readScope(deps.db, actor, ctx, row.unit_id);
  if (scope !== 'all') {
    const links = await evidenceLinkRows(deps.db, [row.id]);
    if (!links.some((l) => scope.has(l.criterion_id))) throw new AppError('FORBIDDEN');
  }
  const type = row.type as EvidenceType;
  if (inline && !EVIDENCE_INLINE_TYPES.includes(type)) {
    throw new AppError('EVIDENCE_NOT_INLINE', { name: row.name, type });
  }
  const bytes = await store.get(row.sha256);
  if (!bytes) throw new AppError('EVIDENCE_MISSING', { name: row.name, sha256: row.sha256 });
  return { name: row.name, type, mime: row.mime, sha256: row.sha256, bytes };
}

// ——— the store against the database ———

export interface EvidenceGcResult {
  /** contents removed from the store (with dryRun: that would be) */
  removed: number;
  bytes: number;
  /** contents kept: referred to, or younger than the minimum age */
  kept: number;
  /** contents the database refers to that the store does not have */
  missing: { sha256: string; files: number }[];
}

/**
 * `parindex evidence gc`: removes from the store every content no evidence file refers to (a removal
 * that failed after its commit, an upload whose transaction did not commit), each one recounted
 * under its lock first; younger than `minAgeMs` it is left (an upload may be on its way). Also says
 * which referred contents the store lacks (a store restored from an older backup than the database).
 */
export async function collectEvidenceGarbage(
  deps: Deps,
  store: EvidenceStore,
  options: { minAgeMs: number; dryRun: boolean },
): Promise<EvidenceGcResult> {
  const counts = await evidenceShaCounts(deps.db);
  const now = deps.clock().getTime();
  const seen = new Set<string>();
  const result: EvidenceGcResult = { removed: 0, bytes: 0, kept: 0, missing: [] };
  for await (const listed of store.list()) {
    seen.add(listed.sha256);
    const orphan = !counts.has(listed.sha256) && now - listed.modifiedAt.getTime() >= options.minAgeMs;
    const gone = orphan && (options.dryRun || (await releaseContent(deps.db, store, listed.sha256)));
    if (gone) {
      result.removed += 1;
      result.bytes += listed.size;
    } else {
      result.kept += 1;
    }
  }
  for (const [content, files] of counts) {
    if (!seen.has(content)) result.missing.push({ sha256: content, files });
  }
  return result;
}

/**
 * The evidence the database's records refer to (each content once): what a database backup does
 * not hold and the store's own backup must (decision 0013), printed by `parindex backup`.
 */
export function evidenceHeld(db: Kysely<DB>): Promise<{ files: number; bytes: number }> {
  return evidenceTotals(db);
}

/**
 * The ids of the unit's evidence files supporting each criterion (criterion id → file ids): for the
 * views that show an answer with its evidence (SELF's criteria, APPRAISAL's side by side). The
 * caller has checked who reads; an area appraiser's view keeps its areas' criteria only.
 */
export function evidenceIdsOfUnit(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<Map<number, number[]>> {
  return evidenceIdsByCriterion(db, roundId, unitId);
}
