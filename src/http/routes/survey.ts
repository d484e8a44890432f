/** A survey's scores into a round: upload for a preview (nothing written), then confirm with the names mapped. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AppError } from '../../modules/errors.js';
import type { ServerDeps } from '../../modules/deps.js';
import { confirmSurvey, previewSurvey } from '../../modules/survey.js';
import {
  ApiError,
  IdParams,
  RoundTokenParams,
  SurveyConfirm,
  SurveyPreview,
  SurveyResult,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';
import { readUpload } from './imports.js';

export function surveyRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/rounds/:id/survey-imports',
      {
        schema: {
          tags: ['survey'],
          summary:
            'Tải tệp điểm điều tra xã hội học lên (multipart, trường "file") và xem trước; chưa ghi điểm nào',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: {
            200: SurveyPreview,
            400: ApiError,
            403: ApiError,
            404: ApiError,
            409: ApiError,
            413: ApiError,
            422: ApiError,
          },
        },
      },
      async (request) => {
        const upload = await readUpload(request);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        return previewSurvey(deps, actorOf(request), request.params.id, upload);
      },
    );

    app.post(
      '/rounds/:id/survey-imports/:token/confirm',
      {
        schema: {
          tags: ['survey'],
          summary: 'Ghi điểm khảo sát của tệp đã xem trước, với đơn vị cho các tên chưa nhận ra',
          params: RoundTokenParams,
          body: SurveyConfirm,
          response: {
            200: SurveyResult,
            400: ApiError,
            403: ApiError,
            404: ApiError,
            409: ApiError,
            410: ApiError,
            422: ApiError,
          },
        },
      },
      (request) =>
        confirmSurvey(deps, actorOf(request), request.params.id, request.params.token, request.body),
    );
    done();
  };
}
