/**
 * Assessment rounds: the list and one round (what the reader may see), create, change the name or
 * calendar (round.manage over every unit of the round), a unit's request for more time
 * (assessment.self in the unit) and the office's decision. The use-cases are modules/rounds.ts.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRound,
  decideExtension,
  getRound,
  listRounds,
  requestExtension,
  updateRound,
} from '../../modules/rounds.js';
import {
  ApiError,
  Extension,
  ExtensionDecision,
  ExtensionParams,
  ExtensionRequest,
  RoundCreate,
  RoundIdParams,
  RoundList,
  RoundPatch,
  RoundUnitParams,
  RoundView,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';

const TAGS = ['rounds'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError };
const changeErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function roundRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/rounds',
      {
        schema: {
          tags: TAGS,
          summary:
            'Các đợt đánh giá người dùng được xem (giai đoạn hiện tại, số đơn vị đã gửi, đơn vị của mình)',
          response: { 200: RoundList, 403: ApiError },
        },
      },
      (request) => listRounds(deps, actorOf(request)),
    );

    app.post(
      '/rounds',
      {
        schema: {
          tags: TAGS,
          summary: 'Tạo đợt đánh giá: năm, bộ tiêu chí, đơn vị (danh sách hoặc nhóm), lịch sáu giai đoạn',
          body: RoundCreate,
          response: { 200: RoundView, ...changeErrors },
        },
      },
      (request) => createRound(deps, actorOf(request), request.body),
    );

    app.get(
      '/rounds/:id',
      {
        schema: {
          tags: TAGS,
          summary: 'Một đợt đánh giá: lịch, trạng thái từng đơn vị, đơn vị chậm, đề nghị gia hạn',
          params: RoundIdParams,
          response: { 200: RoundView, ...readErrors },
        },
      },
      (request) => getRound(deps, actorOf(request), request.params.id),
    );

    app.patch(
      '/rounds/:id',
      {
        schema: {
          tags: TAGS,
          summary: 'Sửa tên hoặc lịch đợt đánh giá (trước khi công bố; kiểm tra phiên bản)',
          params: RoundIdParams,
          body: RoundPatch,
          response: { 200: RoundView, ...changeErrors },
        },
      },
      (request) => updateRound(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/rounds/:id/units/:unitId/extensions',
      {
        schema: {
          tags: TAGS,
          summary: 'Đơn vị xin gia hạn giai đoạn tự đánh giá hoặc giải trình (nêu lý do)',
          params: RoundUnitParams,
          body: ExtensionRequest,
          response: { 200: z.object({ extension: Extension }), ...changeErrors },
        },
      },
      async (request) => ({
        extension: await requestExtension(
          deps,
          actorOf(request),
          request.params.id,
          request.params.unitId,
          request.body,
        ),
      }),
    );

    app.post(
      '/rounds/:id/extensions/:extensionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Chấp thuận gia hạn đến một ngày, hoặc từ chối kèm ghi chú',
          params: ExtensionParams,
          body: ExtensionDecision,
          response: { 200: RoundView, ...changeErrors },
        },
      },
      (request) =>
        decideExtension(deps, actorOf(request), request.params.id, request.params.extensionId, request.body),
    );

    done();
  };
}
