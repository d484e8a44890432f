/** Routes on plans: list, one plan, edits, units, the lead-unit view and downloads. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ensurePlanUnit, updateItemScores, updateTask } from '../../modules/plan-edits.js';
import { acknowledgeFinding, adoptSums } from '../../modules/plan-findings.js';
import {
  leadUnitView,
  planListChoices,
  planListPage,
  planSubjectChoices,
  planViewFor,
  type PlanAnswer,
} from '../../modules/plan-view.js';
import { exportPlan } from '../../modules/plans.js';
import { exportProgressReport } from '../../modules/reports.js';
import { deletePlan, setPlanArchived } from '../../modules/plan-archive.js';
import { AppError } from '../../modules/errors.js';
import {
  AcknowledgeFinding,
  AdoptSums,
  ApiError,
  IdParams,
  ItemParams,
  ItemPatch,
  LeadUnitView,
  PlanChoicesQuery,
  PlanDelete,
  PlanEdit,
  PlanListChoices,
  PlanListItem,
  PlanListQuery,
  PlanPatch,
  PlanView,
  ReportQuery,
  SubjectChoices,
  SubjectChoicesQuery,
  TaskPatch,
  Unit,
  UnitCreate,
  UnitParams,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { sendKeptJson } from '../kept-encodings.js';

const errors = { 400: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/**
 * Sends a plan already serialised and compressed (kept per version and reader's rights, plan-view.ts);
 * with its ETag when asked (GET: 304 to a client that holds it).
 */
function sendPlanAnswer(request: FastifyRequest, reply: FastifyReply, answer: PlanAnswer, etag = false) {
  return sendKeptJson(request, reply, answer.json, answer.encoded, etag ? answer.etag : undefined);
}

export function planRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/plans',
      {
        schema: {
          tags: ['plans'],
          summary:
            'Danh sách kế hoạch (tìm kiếm, lọc theo năm, đơn vị, lỗi, quá hạn; kế hoạch đã lưu trữ khi có archived=1)',
          querystring: PlanListQuery,
          response: { 200: z.array(PlanListItem) },
        },
      },
      async (request, reply) => {
        const { items, total } = await planListPage(deps.db, actorOf(request), deps.clock, request.query);
        void reply.header('x-total-count', String(total));
        return items;
      },
    );

    app.get(
      '/plans/choices',
      {
        schema: {
          tags: ['plans'],
          summary: 'Các năm của bộ lọc danh sách: các năm có kế hoạch người dùng được xem',
          querystring: PlanChoicesQuery,
          response: { 200: PlanListChoices },
        },
      },
      (request) => planListChoices(deps.db, actorOf(request), request.query.archived === true),
    );

    app.get(
      '/plans/choices/units',
      {
        schema: {
          tags: ['plans'],
          summary:
            'Các đơn vị của bộ lọc danh sách: tìm theo tên (không cần gõ dấu), từng trang, hoặc một đơn vị theo id',
          querystring: SubjectChoicesQuery,
          response: { 200: SubjectChoices },
        },
      },
      (request) => planSubjectChoices(deps.db, actorOf(request), request.query),
    );

    app.get(
      '/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: 'Một kế hoạch: cây tiêu chí, nhiệm vụ, phát hiện',
          params: IdParams,
          response: { 200: PlanView, 404: ApiError },
        },
        // sent kept per version, compressed once (kept-encodings.ts)
        compress: false,
        // the plan's head is read with the session: one statement, one round trip (http/auth.ts)
        config: { planHead: true },
      },
      async (request, reply) => {
        const answer = await planViewFor(deps.db, request.params.id, actorOf(request), {
          head: request.planHead,
        });
        return sendPlanAnswer(request, reply, answer, true);
      },
    );

    const sendPlan = async (request: FastifyRequest, planId: number, reply: FastifyReply) =>
      sendPlanAnswer(request, reply, await planViewFor(deps.db, planId, actorOf(request)));

    app.patch(
      '/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: 'Lưu trữ hoặc bỏ lưu trữ một kế hoạch',
          params: IdParams,
          body: PlanPatch,
          response: { 200: PlanView, ...errors },
        },
        // sent kept per version, compressed once (kept-encodings.ts)
        compress: false,
      },
      async (request, reply) => {
        await setPlanArchived(deps, actorOf(request), request.params.id, request.body.archived);
        return sendPlan(request, request.params.id, reply);
      },
    );

    app.delete(
      '/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: 'Xóa một kế hoạch (quản trị; gõ tên kế hoạch để xác nhận; nội dung giữ trong nhật ký)',
          params: IdParams,
          body: PlanDelete,
          response: { 200: z.object({ ok: z.boolean() }), ...errors },
        },
      },
      async (request) => {
        await deletePlan(deps, actorOf(request), request.params.id, request.body.confirm);
        return { ok: true };
      },
    );

    app.patch(
      '/plans/:id/items/:itemId',
      {
        schema: {
          tags: ['plans'],
          summary:
            'Sửa điểm đạt được / mục tiêu của một tiêu chí lá (có kiểm tra phiên bản); trả về phần thay đổi',
          params: ItemParams,
          body: ItemPatch,
          response: { 200: PlanEdit, ...errors },
        },
      },
      // what changed, not the whole plan: the page merges it (shared/plan-edit.ts)
      (request) =>
        updateItemScores(deps, actorOf(request), request.params.id, request.params.itemId, request.body),
    );

    app.patch(
      '/plans/:id/items/:itemId/task',
      {
        schema: {
          tags: ['plans'],
          summary: 'Sửa nhiệm vụ, theo dõi thực hiện và đơn vị chủ trì của một tiêu chí',
          params: ItemParams,
          body: TaskPatch,
          response: { 200: PlanView, ...errors },
        },
        // sent kept per version, compressed once (kept-encodings.ts)
        compress: false,
      },
      async (request, reply) => {
        await updateTask(deps, actorOf(request), request.params.id, request.params.itemId, request.body);
        return sendPlan(request, request.params.id, reply);
      },
    );

    app.post(
      '/plans/:id/findings/adopt-sum',
      {
        schema: {
          tags: ['plans'],
          summary:
            'Dùng tổng các tiêu chí con thay giá trị ghi ở tiêu chí cha / dòng tổng (một phát hiện hoặc cả kế hoạch)',
          params: IdParams,
          body: AdoptSums,
          response: { 200: PlanView, ...errors },
        },
        // sent kept per version, compressed once (kept-encodings.ts)
        compress: false,
      },
      async (request, reply) => {
        await adoptSums(deps, actorOf(request), request.params.id, request.body);
        return sendPlan(request, request.params.id, reply);
      },
    );

    app.post(
      '/plans/:id/findings/acknowledge',
      {
        schema: {
          tags: ['plans'],
          summary: 'Giữ như văn bản: xác nhận một phát hiện kèm ghi chú (cho đến khi số liệu thay đổi)',
          params: IdParams,
          body: AcknowledgeFinding,
          response: { 200: PlanView, ...errors },
        },
        // sent kept per version, compressed once (kept-encodings.ts)
        compress: false,
      },
      async (request, reply) => {
        await acknowledgeFinding(deps, actorOf(request), request.params.id, request.body);
        return sendPlan(request, request.params.id, reply);
      },
    );

    app.post(
      '/plans/:id/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Tìm hoặc tạo đơn vị thuộc địa phương của kế hoạch',
          params: IdParams,
          body: UnitCreate,
          response: { 200: Unit, ...errors },
        },
      },
      (request) => ensurePlanUnit(deps, actorOf(request), request.params.id, request.body.name),
    );

    app.get(
      '/plans/:id/units/:unitId',
      {
        schema: {
          tags: ['units'],
          summary: 'Các tiêu chí, nhiệm vụ của một đơn vị trong kế hoạch',
          params: UnitParams,
          response: { 200: LeadUnitView, 404: ApiError },
        },
      },
      (request) => leadUnitView(deps.db, request.params.id, request.params.unitId, actorOf(request)),
    );

    app.get(
      '/plans/:id/export/:format',
      {
        schema: {
          tags: ['plans'],
          summary: 'Tải phụ lục XLSX hoặc DOCX theo mẫu',
          params: IdParams.extend({ format: z.enum(['xlsx', 'docx']) }),
          response: { 404: ApiError },
        },
      },
      async (request, reply) => {
        const { id, format } = request.params;
        const file = await exportPlan(deps.db, id, format, actorOf(request));
        if (!file) throw new AppError('PLAN_NOT_FOUND', { id });
        return (reply as FastifyReply)
          .type(CONTENT_TYPE[format])
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes));
      },
    );

    app.get(
      '/plans/:id/report/:format',
      {
        schema: {
          tags: ['plans'],
          summary: 'Tải báo cáo tiến độ thực hiện (XLSX/DOCX) của kế hoạch hoặc của một đơn vị chủ trì',
          params: IdParams.extend({ format: z.enum(['xlsx', 'docx']) }),
          querystring: ReportQuery,
          response: { 400: ApiError, 403: ApiError, 404: ApiError },
        },
      },
      async (request, reply) => {
        const { id, format } = request.params;
        const file = await exportProgressReport(deps.db, actorOf(request), deps.clock, {
          planId: id,
          format,
          unitId: request.query.unit,
          asOf: request.query.asOf,
        });
        return (reply as FastifyReply)
          .type(CONTENT_TYPE[format])
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes));
      },
    );
    done();
  };
}

const CONTENT_TYPE = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
