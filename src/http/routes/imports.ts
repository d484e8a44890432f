/** The import wizard's routes: upload for a preview (nothing written), then confirm. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { MAX_FILE_BYTES } from '../../formats/read.js';
import { AppError } from '../../modules/errors.js';
import { confirmImport, previewImport } from '../../modules/import-sessions.js';
import { ApiError, ImportConfirm, ImportPreview, ImportResult, TokenParams } from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { MalformedMultipart } from '../errors.js';

/**
 * The one file of a multipart upload. The parser's own errors (no boundary, a part cut short,
 * junk) are plain Errors: they become MalformedMultipart, a 400; Fastify's coded ones (not
 * multipart, too large, too many parts) go to the error mapper as they are.
 */
export async function readUpload(
  request: FastifyRequest,
): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  try {
    const file = await request.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
    if (!file) return null;
    return { fileName: file.filename, bytes: new Uint8Array(await file.toBuffer()) };
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') throw error;
    throw new MalformedMultipart(error);
  }
}

export function importRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Tải tệp lên (multipart, trường "file") và xem trước; không ghi gì vào kế hoạch',
          consumes: ['multipart/form-data'],
          response: { 200: ImportPreview, 400: ApiError, 413: ApiError, 422: ApiError },
        },
      },
      async (request) => {
        const upload = await readUpload(request);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        return previewImport(deps, actorOf(request), upload);
      },
    );

    app.post(
      '/imports/:token/confirm',
      {
        schema: {
          tags: ['imports'],
          summary: 'Nhập tệp đã xem trước, với lựa chọn cho các đơn vị mới',
          params: TokenParams,
          body: ImportConfirm,
          response: { 200: ImportResult, 400: ApiError, 409: ApiError, 410: ApiError, 422: ApiError },
        },
      },
      (request) => confirmImport(deps, actorOf(request), request.params.token, request.body),
    );
    done();
  };
}
