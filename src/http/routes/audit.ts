/** The audit trail: the page (filtered, in words), its XLSX export, one criterion's history. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lang } from '../../core/findings.js';
import { auditQueryFor, criterionHistory, queryAudit, type AuditRow } from '../../modules/audit-query.js';
import { auditWorkbook, describeAudit } from '../../modules/audit-view.js';
import { AuditEntryView, AuditPage, AuditQueryString, ItemParams } from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { langOf } from '../errors.js';
import { adminErrors } from './admin-schemas.js';

export function auditRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi (lọc theo người, đơn vị, kế hoạch, ngày)',
          querystring: AuditQueryString,
          response: { 200: AuditPage, ...adminErrors },
        },
      },
      async (request) => {
        const { rows, total } = await queryAudit(
          deps.db,
          await auditQueryFor(deps.db, actorOf(request), request.query),
        );
        return { total, entries: await entryViews(deps.db, rows, langOf(request)) };
      },
    );

    app.get(
      '/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi dạng XLSX (cùng bộ lọc, tối đa 5000 dòng)',
          querystring: AuditQueryString,
          response: { ...adminErrors },
        },
      },
      async (request, reply) => {
        const query = {
          ...(await auditQueryFor(deps.db, actorOf(request), request.query)),
          limit: 5000,
          offset: 0,
        };
        const { rows } = await queryAudit(deps.db, query);
        return (reply as FastifyReply)
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="nhat-ky.xlsx"')
          .send(Buffer.from(await auditWorkbook(deps.db, rows)));
      },
    );

    app.get(
      '/plans/:id/items/:itemId/history',
      {
        schema: {
          tags: ['audit'],
          summary: 'Lịch sử thay đổi của một tiêu chí (điểm, nhiệm vụ)',
          params: ItemParams,
          response: { 200: z.array(AuditEntryView), ...adminErrors },
        },
      },
      async (request) =>
        entryViews(
          deps.db,
          await criterionHistory(deps.db, actorOf(request), request.params.id, request.params.itemId),
          langOf(request),
        ),
    );
    done();
  };
}

async function entryViews(
  db: AppDeps['db'],
  rows: readonly AuditRow[],
  lang: Lang,
): Promise<z.infer<typeof AuditEntryView>[]> {
  const texts = await describeAudit(db, rows, lang);
  return rows.map((r, i) => ({
    id: r.id,
    at: r.at,
    username: r.username,
    ip: r.ip,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    planId: r.plan_id,
    itemId: r.item_id,
    unitId: r.unit_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    ...texts[i]!,
  }));
}
