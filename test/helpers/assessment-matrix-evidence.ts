/**
 * The evidence routes in the assessment rights matrix (test/helpers/assessment-matrix.ts): a unit's
 * assessors change its evidence; the office, the council and the appraisers read it (an appraiser
 * of another area reads only what supports its areas: a file linked to a criterion followed by Sở
 * Nội vụ is refused to Sở Tư pháp); another commune's assessors, viewers before publication and lead
 * units are refused. The app of the matrix stores evidence in EVIDENCE_MATRIX_DEPS's folder.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceDeps } from '../../src/modules/deps.js';
import { FolderEvidenceStore } from '../../src/modules/evidence-store.js';
import { sha256 } from '../../src/modules/hash.js';
// A and D from access-matrix.ts itself: assessment-matrix.ts imports this file (a cycle for values)
import { A, D } from './access-matrix.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';
import { pdf } from './evidence-files.js';
import { multipartFile } from './http.js';

/** What the matrix's app is given for evidence (a folder under the system's temporary folder). */
export const EVIDENCE_MATRIX_DEPS: EvidenceDeps = {
  store: new FolderEvidenceStore(mkdtempSync(join(tmpdir(), 'parindex-matrix-evidence-'))),
  limits: { maxFileBytes: 1024 * 1024, maxUnitBytes: 50 * 1024 * 1024 },
};

/** The unit's own assessors change; nobody else. */
const CHANGE: AssessmentEntry['rule'] = {
  office: D,
  assessor: { own: A, other: D },
  officer: { own: A, other: D },
  appraiser: D,
  otherAppraiser: D,
  council: D,
  viewer: D,
  leadUnit: D,
};

/** The list: the unit, the office, the council, every appraiser (filtered to its areas). */
const LIST: AssessmentEntry['rule'] = {
  office: A,
  assessor: { own: A, other: D },
  officer: { own: A, other: D },
  appraiser: A,
  otherAppraiser: A,
  council: A,
  viewer: D,
  leadUnit: D,
};

/** A file of the unit's (stored, and linked to the criterion followed by Sở Nội vụ when asked). */
async function fileOf(ctx: MatrixContext, options: { link: boolean }): Promise<number> {
  const bytes = pdf(`ma trận ${randomUUID()}`);
  await EVIDENCE_MATRIX_DEPS.store.put(bytes);
  const at = ctx.now().toISOString();
  const row = await ctx.db
    .insertInto('evidence_files')
    .values({
      round_id: ctx.fixture.roundId,
      unit_id: ctx.unitId,
      sha256: sha256(bytes),
      size: bytes.length,
      type: 'pdf',
      mime: 'application/pdf',
      name: 'ma-tran.pdf',
      uploaded_by: 'test',
      uploaded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.link) {
    await ctx.db
      .insertInto('answer_evidence')
      .values({ evidence_id: row.id, criterion_id: ctx.inArea.id, phase: 'self', added_at: at })
      .execute();
  }
  return row.id;
}

const base = (ctx: MatrixContext) => `/api/rounds/${ctx.fixture.roundId}/units/${ctx.unitId}/evidence`;

export const EVIDENCE_MATRIX: Record<string, AssessmentEntry> = {
  'GET /api/rounds/:id/units/:unitId/evidence': {
    rule: LIST,
    request: (ctx) => Promise.resolve({ method: 'GET', url: base(ctx) }),
  },
  'POST /api/rounds/:id/units/:unitId/evidence': {
    rule: CHANGE,
    request: (ctx) => {
      ctx.setPhase('self');
      return Promise.resolve({
        method: 'POST',
        url: base(ctx),
        ...multipartFile('minh-chung.pdf', pdf(`tải lên ${randomUUID()}`), {
          fields: { criterionId: String(ctx.inArea.id) },
        }),
      });
    },
  },
  'PUT /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': {
    rule: CHANGE,
    request: async (ctx) => {
      ctx.setPhase('self');
      const id = await fileOf(ctx, { link: false });
      return { method: 'PUT', url: `${base(ctx)}/${id}/criteria/${ctx.inArea.id}` };
    },
  },
  'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': {
    rule: CHANGE,
    request: async (ctx) => {
      ctx.setPhase('self');
      const id = await fileOf(ctx, { link: true });
      return { method: 'DELETE', url: `${base(ctx)}/${id}/criteria/${ctx.inArea.id}` };
    },
  },
  'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId': {
    rule: CHANGE,
    request: async (ctx) => {
      ctx.setPhase('self');
      const id = await fileOf(ctx, { link: true });
      return { method: 'DELETE', url: `${base(ctx)}/${id}` };
    },
  },
  'GET /api/evidence/:evidenceId/content': {
    // linked to a criterion of Sở Nội vụ's area: Sở Tư pháp's appraiser is refused
    rule: { ...LIST, otherAppraiser: D },
    request: async (ctx) => {
      const id = await fileOf(ctx, { link: true });
      return { method: 'GET', url: `/api/evidence/${id}/content` };
    },
  },
};
