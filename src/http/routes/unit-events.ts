/**
 * Units across reorganisations: record an event (unit.admin), import a list of them (preview, then
 * all or nothing), a unit's lineage both ways and a successor's last year (plan.read), the rule
 * chosen for it (unit.admin).
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AppError } from '../../modules/errors.js';
import {
  importUnitEvents,
  lastYearOf,
  recordLastYear,
  recordUnitEvent,
  unitLineage,
} from '../../modules/unit-events.js';
import {
  LastYearInput,
  LastYearQuery,
  LastYearView,
  LineageListQuery,
  LineageListResult,
  UnitEventInput,
  UnitEventView,
  UnitIdParams,
  UnitLineage,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { adminErrors } from './admin-schemas.js';
import { readUpload } from './imports.js';

export function unitEventRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/units/:unitId/lineage',
      {
        schema: {
          tags: ['admin'],
          summary: 'Lịch sử sắp xếp của đơn vị: các đơn vị tiền thân và kế thừa, với ngày và quyết định',
          params: UnitIdParams,
          response: { 200: UnitLineage, ...adminErrors },
        },
      },
      (request) => unitLineage(deps.db, actorOf(request), request.params.unitId),
    );

    app.post(
      '/unit-events',
      {
        schema: {
          tags: ['admin'],
          summary: 'Ghi nhận sắp xếp đơn vị: sáp nhập, chia tách, đổi tên, chuyển đơn vị cấp trên, giải thể',
          body: UnitEventInput,
          response: { 200: UnitEventView, ...adminErrors },
        },
      },
      (request) => recordUnitEvent(deps, actorOf(request), request.body),
    );

    app.post(
      '/unit-events/import',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Danh sách sắp xếp đơn vị (CSV/XLSX: đơn vị cũ, đơn vị mới, sự kiện, ngày, quyết định): xem trước, hoặc ghi tất cả (confirm=1)',
          consumes: ['multipart/form-data'],
          querystring: LineageListQuery,
          response: { 200: LineageListResult, ...adminErrors, 413: adminErrors[400] },
        },
      },
      async (request) => {
        const upload = await readUpload(request);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        return importUnitEvents(deps, actorOf(request), upload, request.query.confirm === '1');
      },
    );

    app.get(
      '/units/:unitId/last-year',
      {
        schema: {
          tags: ['admin'],
          summary: 'Điểm năm trước của đơn vị kế thừa: kế hoạch các đơn vị tiền thân năm đó, cạnh nhau',
          params: UnitIdParams,
          querystring: LastYearQuery,
          response: { 200: LastYearView, ...adminErrors },
        },
      },
      (request) => lastYearOf(deps.db, actorOf(request), request.params.unitId, request.query.year),
    );

    app.put(
      '/units/:unitId/last-year',
      {
        schema: {
          tags: ['admin'],
          summary: 'Ghi nhận điểm năm trước theo cách chọn: đơn vị lớn nhất, trung bình, hoặc nhập giá trị',
          params: UnitIdParams,
          body: LastYearInput,
          response: { 200: LastYearView, ...adminErrors },
        },
      },
      (request) => recordLastYear(deps, actorOf(request), request.params.unitId, request.body),
    );

    done();
  };
}
