/** The import wizard's routes: upload for a preview (nothing written), then confirm. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { MAX_FILE_BYTES } from '../../formats/read.js';
import { AppError } from '../../modules/errors.js';
import { confirmImport, previewImport } from '../../modules/import-sessions.js';
import { ApiError, ImportConfirm, ImportPreview, ImportResult, TokenParams } from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';

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
        const file = await request.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
        if (!file)
          throw new AppError('READ_FAILED', { file: '?', reasonVi: 'không có tệp', reasonEn: 'no file' });
        const bytes = await file.toBuffer();
        return previewImport(deps, actorOf(request), {
          fileName: file.filename || 'tep-tai-len',
          bytes: new Uint8Array(bytes),
        });
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
