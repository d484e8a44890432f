/** Next year's plan from a unit's result: the proposed rows (dry run) or the draft stored as the unit's plan. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../../modules/deps.js';
import { nextPlan } from '../../modules/next-plan.js';
import { ApiError, NextPlanBody, NextPlanParams, NextPlanResponse } from '../../shared/api.js';
import { actorOf } from '../auth.js';

export function nextPlanRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/results/:id/units/:unitId/next-plan',
      {
        schema: {
          tags: ['results'],
          summary:
            'Lập kế hoạch năm sau từ điểm bị mất của đơn vị trong kết quả: xem trước (dryRun) hoặc lưu thành dự thảo kế hoạch',
          params: NextPlanParams,
          body: NextPlanBody,
          response: {
            200: NextPlanResponse,
            400: ApiError,
            403: ApiError,
            404: ApiError,
            409: ApiError,
            422: ApiError,
          },
        },
      },
      (request) => nextPlan(deps, actorOf(request), request.params.id, request.params.unitId, request.body),
    );
    done();
  };
}
