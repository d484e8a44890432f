/** A pool's result of a year as a workbook with its charts (modules/results-export.ts); plan.read. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { exportResultWorkbook } from '../../modules/results-export.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { ApiError, IdParams } from '../../shared/api.js';
import { actorOf } from '../auth.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function resultExportRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/results/:id/export.xlsx',
      {
        schema: {
          tags: ['results'],
          summary: 'Tải XLSX kết quả xếp hạng: bảng xếp hạng, điểm từng phần của các đơn vị, biểu đồ',
          params: IdParams,
          response: { 400: ApiError, 403: ApiError, 404: ApiError },
        },
        // the ranking's head is read with the session (http/auth.ts)
        config: { resultHead: true },
      },
      async (request, reply) => {
        const file = await exportResultWorkbook(deps, actorOf(request), request.params.id, {
          head: request.resultHead,
        });
        return (reply as FastifyReply)
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes));
      },
    );
    done();
  };
}
