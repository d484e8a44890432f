/**
 * Evidence files of a unit in an assessment round (issue 11 point 3, decision 0013): the unit's list
 * with its usage and allowance, one file with the criteria it supports, and the addresses of the
 * upload, link, unlink, removal and download routes. A file's bytes are stored once by their
 * SHA-256; `type` is decided by content (PDF, DOCX, XLSX, JPEG, PNG), never by the name.
 */
import { z } from 'zod';
import { IdParam } from './common.js';
import { EVIDENCE_TYPES } from '../../core/messages/evidence.js';

export const EvidenceType = z.enum(EVIDENCE_TYPES);

export const EvidenceFile = z.object({
  id: z.number().int(),
  /** the name as uploaded: shown as text, never as HTML or a path */
  name: z.string(),
  /** bytes */
  size: z.number().int(),
  type: EvidenceType,
  mime: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.string(),
  /** ISO instant */
  uploadedAt: z.string(),
  /** the criteria (ids of the round's framework) the file supports, ascending */
  criterionIds: z.array(z.number().int()),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const EvidenceList = z.object({
  files: z.array(EvidenceFile),
  /** the bytes of the unit's files in the round, each file once */
  usedBytes: z.number().int(),
  /** the unit's allowance in the round (PARINDEX_EVIDENCE_MAX_UNIT_MB) */
  limitBytes: z.number().int(),
  /** the limit of one file (PARINDEX_EVIDENCE_MAX_FILE_MB) */
  maxFileBytes: z.number().int(),
});
export type EvidenceList = z.infer<typeof EvidenceList>;

export const EvidenceFileAnswer = z.object({ file: EvidenceFile });
export type EvidenceFileAnswer = z.infer<typeof EvidenceFileAnswer>;

/** /api/rounds/:id/units/:unitId/evidence */
export const EvidenceUnitParams = z.object({ id: IdParam, unitId: IdParam });
/** /api/rounds/:id/units/:unitId/evidence/:evidenceId */
export const EvidenceFileParams = EvidenceUnitParams.extend({ evidenceId: IdParam });
/** /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId */
export const EvidenceLinkParams = EvidenceFileParams.extend({ criterionId: IdParam });
/** /api/evidence/:evidenceId/content */
export const EvidenceContentParams = z.object({ evidenceId: IdParam });
/** inline=1: shown in the browser (PDF, JPEG, PNG only); otherwise downloaded */
export const EvidenceContentQuery = z.object({ inline: z.enum(['0', '1']).optional() });

/** The multipart upload's optional text field: link the file to this criterion at once. */
export const EVIDENCE_UPLOAD_FIELDS = { file: 'file', criterionId: 'criterionId' } as const;

/** The address of a file's bytes, for a link or a preview. */
export function evidenceContentUrl(evidenceId: number, inline = false): string {
  return `/api/evidence/${evidenceId}/content${inline ? '?inline=1' : ''}`;
}

/** The types a browser may show inline (the others are always downloaded). */
export const EVIDENCE_INLINE_TYPES: readonly z.infer<typeof EvidenceType>[] = ['pdf', 'jpeg', 'png'];
