/**
 * The provincial office's overview of a round, its results and exports (modules/round-results.ts):
 * read by the round's managers, the council and appraisers; the results also, after publication, by
 * plan readers of the units they reach; a unit's self-assessment report by whoever reads its assessment.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  exportRoundWorkbook,
  exportSelfReport,
  roundOverview,
  roundResults,
} from '../../modules/round-results.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { ApiError, IdParams, OverviewUnitParams, RoundOverview, RoundResults } from '../../shared/api.js';
import { actorOf } from '../auth.js';

const TAGS = ['rounds'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function overviewRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/rounds/:id/overview',
      {
        schema: {
          tags: TAGS,
          summary: 'Tổng quan đợt đánh giá: đơn vị × lĩnh vực, chênh lệch, đơn vị chậm, tiến độ thẩm định',
          params: IdParams,
          response: { 200: RoundOverview, ...readErrors },
        },
      },
      (request) => roundOverview(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/rounds/:id/results',
      {
        schema: {
          tags: TAGS,
          summary: 'Kết quả đợt đánh giá: điểm tự đánh giá, thẩm định, chính thức, chỉ số, xếp hạng',
          params: IdParams,
          response: { 200: RoundResults, ...readErrors },
        },
      },
      (request) => roundResults(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/rounds/:id/export.xlsx',
      {
        schema: {
          tags: TAGS,
          summary: 'Tải XLSX điểm của mọi đơn vị (tổng hợp theo lĩnh vực và từng tiêu chí)',
          params: IdParams,
          response: readErrors,
        },
      },
      async (request, reply) => {
        const file = await exportRoundWorkbook(deps, actorOf(request), request.params.id);
        return (reply as FastifyReply)
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes));
      },
    );

    app.get(
      '/rounds/:id/units/:unitId/report.docx',
      {
        schema: {
          tags: TAGS,
          summary: 'Tải báo cáo tự đánh giá của đơn vị (DOCX)',
          params: OverviewUnitParams,
          response: readErrors,
        },
      },
      async (request, reply) => {
        const { id, unitId } = request.params;
        const file = await exportSelfReport(deps, actorOf(request), id, unitId);
        return (reply as FastifyReply)
          .type(DOCX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes));
      },
    );
    done();
  };
}
