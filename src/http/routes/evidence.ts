/**
 * A unit's evidence files in a round (modules/evidence.ts): list, upload (multipart: the file, and
 * optionally the criterion it supports), link and unlink, remove; and a file's bytes, downloaded as
 * an attachment under its own name, or shown in the browser (PDF, JPEG, PNG only) in a sandbox.
 */
import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cleanFileName } from '../../core/text.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { AppError } from '../../modules/errors.js';
import {
  evidenceContent,
  linkEvidence,
  listEvidence,
  removeEvidence,
  unlinkEvidence,
  uploadEvidence,
  type EvidenceUpload,
} from '../../modules/evidence.js';
import {
  ApiError,
  EVIDENCE_UPLOAD_FIELDS,
  EvidenceContentParams,
  EvidenceContentQuery,
  EvidenceFileAnswer,
  EvidenceFileParams,
  EvidenceLinkParams,
  EvidenceList,
  EvidenceUnitParams,
  IdParam,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';
import { MalformedMultipart } from '../errors.js';

const TAGS = ['evidence'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 422: ApiError };
const changeErrors = { ...readErrors, 409: ApiError, 413: ApiError };

/**
 * The upload's parts, in whatever order the browser sends them: the file (read up to the per-file
 * limit and no further: past it the rest is drained unread and the upload is refused by its size)
 * and the optional criterionId field.
 */
async function readEvidenceUpload(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<{ upload: EvidenceUpload | null; criterionId: number | null }> {
  let upload: EvidenceUpload | null = null;
  let criterion: string | null = null;
  try {
    // past the limit the stream ends, marked truncated: refused with the evidence wording (the
    // option is read per request by @fastify/multipart; its types list it for the plugin only)
    const options: FastifyMultipartBaseOptions = {
      limits: { fileSize: maxFileBytes, files: 1, fields: 2, fieldSize: 64 },
      throwFileSizeLimit: false,
    };
    const parts = request.parts(options);
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== EVIDENCE_UPLOAD_FIELDS.file) {
          part.file.resume();
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        upload = part.file.truncated
          ? { name: part.filename, tooLarge: true }
          : { name: part.filename, bytes: new Uint8Array(Buffer.concat(chunks)) };
      } else if (part.fieldname === EVIDENCE_UPLOAD_FIELDS.criterionId) {
        criterion = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') throw error;
    throw new MalformedMultipart(error);
  }
  let criterionId: number | null = null;
  if (criterion !== null && criterion.trim() !== '') {
    const parsed = IdParam.safeParse(criterion.trim());
    if (!parsed.success) throw new BadField();
    criterionId = parsed.data;
  }
  return { upload, criterionId };
}

/** A criterionId field that is not an id: a 400 like any schema failure. */
class BadField extends MalformedMultipart {
  constructor() {
    super(new Error('criterionId is not an id'));
  }
}

/** RFC 5987 ext-value characters: what encodeURIComponent leaves alone but attr-char does not allow. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Content-Disposition (RFC 6266) with the original name: `filename*` in UTF-8 (RFC 5987) for every
 * browser of today, and an ASCII `filename` (diacritics folded, anything else replaced) for older
 * clients. Path separators, quotes and control characters never reach the header.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const base = cleanFileName(name, 'minh-chung');
  const ascii = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${extValue(base)}`;
}

/** A sandboxed document with nothing of its own to run: what an inline file is shown as. */
const INLINE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
const ATTACHMENT_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

function sendContent(
  reply: FastifyReply,
  file: { name: string; mime: string; sha256: string; bytes: Uint8Array },
  inline: boolean,
) {
  return reply
    .header('content-type', file.mime)
    .header('content-length', String(file.bytes.length))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', inline ? INLINE_CSP : ATTACHMENT_CSP)
    .header('cache-control', 'private, no-cache')
    .header('etag', `"${file.sha256}"`)
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

export function evidenceRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/rounds/:id/units/:unitId/evidence',
      {
        schema: {
          tags: TAGS,
          summary: 'Tài liệu kiểm chứng của đơn vị trong đợt đánh giá, dung lượng đã dùng và giới hạn',
          params: EvidenceUnitParams,
          response: { 200: EvidenceList, ...readErrors },
        },
      },
      (request) => listEvidence(deps, actorOf(request), request.params.id, request.params.unitId),
    );

    app.post(
      '/rounds/:id/units/:unitId/evidence',
      {
        schema: {
          tags: TAGS,
          summary:
            'Tải lên tài liệu kiểm chứng (multipart: trường "file", tùy chọn "criterionId" để gắn ngay vào tiêu chí)',
          consumes: ['multipart/form-data'],
          params: EvidenceUnitParams,
          response: { 200: EvidenceFileAnswer, ...changeErrors },
        },
      },
      async (request) => {
        if (!deps.evidence) throw new Error('the server was built without an evidence store');
        const { upload, criterionId } = await readEvidenceUpload(request, deps.evidence.limits.maxFileBytes);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        const { id, unitId } = request.params;
        return { file: await uploadEvidence(deps, actorOf(request), id, unitId, upload, criterionId) };
      },
    );

    app.put(
      '/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Gắn tài liệu kiểm chứng vào một tiêu chí',
          params: EvidenceLinkParams,
          response: { 200: EvidenceFileAnswer, ...changeErrors },
        },
      },
      async (request) => {
        const { id, unitId, evidenceId, criterionId } = request.params;
        return { file: await linkEvidence(deps, actorOf(request), id, unitId, evidenceId, criterionId) };
      },
    );

    app.delete(
      '/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Bỏ tài liệu kiểm chứng khỏi một tiêu chí (tệp vẫn giữ)',
          params: EvidenceLinkParams,
          response: { 200: EvidenceFileAnswer, ...changeErrors },
        },
      },
      async (request) => {
        const { id, unitId, evidenceId, criterionId } = request.params;
        return { file: await unlinkEvidence(deps, actorOf(request), id, unitId, evidenceId, criterionId) };
      },
    );

    app.delete(
      '/rounds/:id/units/:unitId/evidence/:evidenceId',
      {
        schema: {
          tags: TAGS,
          summary: 'Xóa tài liệu kiểm chứng của đơn vị (khi giai đoạn còn mở)',
          params: EvidenceFileParams,
          response: { 204: z.null().describe('removed'), ...changeErrors },
        },
      },
      async (request, reply) => {
        const { id, unitId, evidenceId } = request.params;
        await removeEvidence(deps, actorOf(request), id, unitId, evidenceId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/evidence/:evidenceId/content',
      {
        schema: {
          tags: TAGS,
          summary:
            'Nội dung tệp minh chứng: tải về, hoặc xem trong trình duyệt (inline=1: chỉ PDF, JPEG, PNG)',
          params: EvidenceContentParams,
          querystring: EvidenceContentQuery,
          response: { ...readErrors, 500: ApiError },
        },
      },
      async (request, reply) => {
        const inline = request.query.inline === '1';
        const file = await evidenceContent(deps, actorOf(request), request.params.evidenceId, inline);
        return sendContent(reply, file, inline);
      },
    );
    done();
  };
}
