/**
 * Results and ranking (issue 12, decision 0015): ranking pools and their bands per year, each pool's
 * results listed, ranked and explained per unit, a result removed, a published round's results made a
 * result. Reading needs plan.read; every change results.manage (installation-wide). The use-cases are
 * modules/results.ts.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerDeps } from '../../modules/deps.js';
import {
  createPool,
  editPool,
  explainUnit,
  listPools,
  listResultSummaries,
  poolBands,
  publishRoundResult,
  rankingPageOf,
  removeResult,
  savePoolBands,
} from '../../modules/results.js';
import { ApiError, IdParams } from '../../shared/api.js';
import {
  BandsBody,
  BandsParams,
  BandsResponse,
  Pool,
  PoolBody,
  PoolPatch,
  PoolsResponse,
  RankingPage,
  RankingQuery,
  ResultsQuery,
  ResultsResponse,
  ResultUnitParams,
  RoundResultsBody,
  UnitExplanation,
} from '../../shared/api/results.js';
import { actorOf } from '../auth.js';

const errors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };
const Saved = z.object({ resultId: z.number().int(), replaced: z.number().int().nullable() });

export function resultRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/results/pools',
      {
        schema: {
          tags: ['results'],
          summary:
            'Các nhóm xếp hạng (đơn vị được xếp hạng cùng nhau) và các năm đã có kết quả hoặc mức xếp loại',
          response: { 200: PoolsResponse, ...errors },
        },
      },
      async (request) => ({ pools: await listPools(deps, actorOf(request)) }),
    );

    app.post(
      '/results/pools',
      {
        schema: {
          tags: ['results'],
          summary: 'Tạo nhóm xếp hạng (quản trị toàn hệ thống)',
          body: PoolBody,
          response: { 200: Pool, ...errors },
        },
      },
      (request) => createPool(deps, actorOf(request), request.body),
    );

    app.patch(
      '/results/pools/:id',
      {
        schema: {
          tags: ['results'],
          summary:
            'Đổi tên, mô tả hoặc thứ tự so sánh khi bằng chỉ số của nhóm xếp hạng (có kiểm tra phiên bản)',
          params: IdParams,
          body: PoolPatch,
          response: { 200: Pool, ...errors },
        },
      },
      (request) => editPool(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/results/pools/:id/bands/:year',
      {
        schema: {
          tags: ['results'],
          summary: 'Các mức xếp loại của nhóm trong một năm (cao nhất trước)',
          params: BandsParams,
          response: { 200: BandsResponse, ...errors },
        },
      },
      (request) => poolBands(deps, actorOf(request), request.params.id, request.params.year),
    );

    app.put(
      '/results/pools/:id/bands/:year',
      {
        schema: {
          tags: ['results'],
          summary: 'Thay toàn bộ các mức xếp loại của nhóm trong một năm (tên, chỉ số thấp nhất, màu)',
          params: BandsParams,
          body: BandsBody,
          response: { 200: BandsResponse, ...errors },
        },
      },
      (request) =>
        savePoolBands(deps, actorOf(request), request.params.id, request.params.year, request.body.bands),
    );

    app.get(
      '/results',
      {
        schema: {
          tags: ['results'],
          summary: 'Các kết quả xếp hạng, theo nhóm và năm (mới nhất trước)',
          querystring: ResultsQuery,
          response: { 200: ResultsResponse, ...errors },
        },
      },
      async (request) => ({
        results: await listResultSummaries(deps, actorOf(request), {
          poolId: request.query.pool,
          year: request.query.year,
        }),
      }),
    );

    app.get(
      '/results/:id/ranking',
      {
        schema: {
          tags: ['results'],
          summary:
            'Một trang bảng xếp hạng của một kết quả (offset, limit): hạng, xếp loại tính từ chỉ số, điểm mất nhiều nhất; cả nhóm: số đơn vị, trung bình, cao nhất, số đơn vị mỗi loại, phát hiện',
          params: IdParams,
          querystring: RankingQuery,
          response: { 200: RankingPage, ...errors },
        },
        // the ranking's head is read with the session: one statement, one round trip (http/auth.ts)
        config: { resultHead: true },
      },
      async (request) =>
        rankingPageOf(deps, actorOf(request), request.params.id, request.query, {
          head: request.resultHead,
        }),
    );

    app.get(
      '/results/:id/units/:unitId',
      {
        schema: {
          tags: ['results'],
          summary:
            'Vì sao đơn vị đứng ở hạng này: điểm từng phần, điểm mất, các năm trước (kể cả đơn vị tiền thân)',
          params: ResultUnitParams,
          response: { 200: UnitExplanation, ...errors },
        },
        config: { resultHead: true },
      },
      (request) =>
        explainUnit(deps, actorOf(request), request.params.id, request.params.unitId, {
          head: request.resultHead,
        }),
    );

    app.delete(
      '/results/:id',
      {
        schema: {
          tags: ['results'],
          summary: 'Xóa một kết quả xếp hạng (ghi nhật ký)',
          params: IdParams,
          response: { 200: z.object({ ok: z.boolean() }), ...errors },
        },
      },
      async (request) => {
        await removeResult(deps, actorOf(request), request.params.id);
        return { ok: true };
      },
    );

    app.post(
      '/rounds/:id/results',
      {
        schema: {
          tags: ['results'],
          summary:
            'Đưa điểm chính thức của đợt đánh giá đã công bố vào xếp hạng của một nhóm (thay kết quả cùng năm)',
          params: IdParams,
          body: RoundResultsBody,
          response: { 200: Saved, ...errors },
        },
      },
      (request) => publishRoundResult(deps, actorOf(request), request.params.id, request.body.poolId),
    );
    done();
  };
}
