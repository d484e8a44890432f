/** What-if on a result (a unit's expected scores → index, rank, group) and a plan against its year's result. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../../modules/deps.js';
import { planResult } from '../../modules/plan-result.js';
import { nextGroup, simulate, whatIfData } from '../../modules/what-if.js';
import {
  ApiError,
  IdParams,
  NextGroupResponse,
  PlanResultResponse,
  WhatIfBody,
  WhatIfData,
  WhatIfQuery,
  WhatIfResponse,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';

const TAGS = ['results'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError };

export function whatIfRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/results/:id/what-if',
      {
        schema: {
          tags: TAGS,
          summary:
            'Dữ liệu mô phỏng của một đơn vị trong kết quả: điểm từng phần, các đơn vị cùng nhóm xếp hạng, phân loại',
          params: IdParams,
          querystring: WhatIfQuery,
          response: { 200: WhatIfData, ...readErrors },
        },
      },
      (request) => whatIfData(deps, actorOf(request), request.params.id, request.query.unit),
    );

    app.post(
      '/results/:id/what-if',
      {
        schema: {
          tags: TAGS,
          summary:
            'Mô phỏng: điểm dự kiến của các tiêu chí chọn → chỉ số, thứ hạng và nhóm mới, các đơn vị vượt qua',
          params: IdParams,
          body: WhatIfBody,
          response: { 200: WhatIfResponse, ...readErrors, 422: ApiError },
        },
      },
      (request) => simulate(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/results/:id/what-if/next-group',
      {
        schema: {
          tags: TAGS,
          summary:
            'Ít tiêu chí nhất (mỗi tiêu chí đạt tối đa, nhiều điểm bị mất trước) để lên nhóm trên; null nếu không thể',
          params: IdParams,
          querystring: WhatIfQuery,
          response: { 200: NextGroupResponse, ...readErrors },
        },
      },
      (request) => nextGroup(deps, actorOf(request), request.params.id, request.query.unit),
    );

    app.get(
      '/plans/:id/result',
      {
        schema: {
          tags: ['plans'],
          summary:
            'Kế hoạch so với kết quả năm của nó: mục tiêu và điểm đạt, nhiệm vụ và điểm tăng, đơn vị chủ trì',
          params: IdParams,
          response: { 200: PlanResultResponse, ...readErrors },
        },
      },
      (request) => planResult(deps, actorOf(request), request.params.id),
    );
    done();
  };
}
