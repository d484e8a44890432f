/**
 * A published result's table into a pool's result of a year: upload (multipart: file, year, pool,
 * title) for a preview (nothing stored), then confirm with the unknown names mapped.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { MAX_FILE_BYTES } from '../../formats/read.js';
import type { ServerDeps } from '../../modules/deps.js';
import { AppError } from '../../modules/errors.js';
import { confirmResults, previewResults, requireManager } from '../../modules/results-import.js';
import {
  ApiError,
  ResultsImportConfirm,
  ResultsImportFields,
  ResultsImportPreview,
  ResultsImportResult,
  ResultsImportTokenParams,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';
import { MalformedMultipart } from '../errors.js';

const FIELDS = ['year', 'pool', 'title'] as const;

/** The upload's parts in whatever order they come: the file and the fields year, pool, title. */
async function readResultsUpload(request: FastifyRequest): Promise<{
  upload: { fileName: string; bytes: Uint8Array } | null;
  fields: ResultsImportFields;
}> {
  let upload: { fileName: string; bytes: Uint8Array } | null = null;
  const raw: Record<string, string> = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: FIELDS.length, fieldSize: 400 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        upload = { fileName: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
      } else if ((FIELDS as readonly string[]).includes(part.fieldname)) {
        raw[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') throw error;
    throw new MalformedMultipart(error);
  }
  const fields = ResultsImportFields.safeParse(raw);
  if (!fields.success) throw new MalformedMultipart(new Error('year and pool are required'));
  return { upload, fields: fields.data };
}

export function resultsImportRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/results/imports',
      {
        schema: {
          tags: ['results'],
          summary:
            'Tải bảng kết quả đã công bố lên (multipart: file, year, pool, title) và xem trước; chưa ghi gì',
          consumes: ['multipart/form-data'],
          response: {
            200: ResultsImportPreview,
            400: ApiError,
            403: ApiError,
            404: ApiError,
            413: ApiError,
            422: ApiError,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        requireManager(actor);
        const { upload, fields } = await readResultsUpload(request);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        return previewResults(
          deps,
          actor,
          { poolId: fields.pool, year: fields.year, title: fields.title },
          upload,
        );
      },
    );

    app.post(
      '/results/imports/:token/confirm',
      {
        schema: {
          tags: ['results'],
          summary:
            'Ghi bảng kết quả đã xem trước (thay kết quả cùng năm của nhóm), với đơn vị cho các tên chưa nhận ra',
          params: ResultsImportTokenParams,
          body: ResultsImportConfirm,
          response: {
            200: ResultsImportResult,
            400: ApiError,
            403: ApiError,
            404: ApiError,
            409: ApiError,
            410: ApiError,
            422: ApiError,
          },
        },
      },
      (request) => confirmResults(deps, actorOf(request), request.params.token, request.body.mapping),
    );
    done();
  };
}
