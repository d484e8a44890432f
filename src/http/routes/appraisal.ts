/**
 * The appraisal of a round: the area appraiser's worklist, stage scores (appraisal 1 and 2, the
 * council's), returns with a question and the unit's explanation, the council's table, final
 * scores and corrections. The use-cases and their rights are modules/appraisal.ts.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  appraisalWorklist,
  correctFinalScore,
  councilView,
  explainReturn,
  fixFinalScores,
  returnCriterion,
  setStageScore,
} from '../../modules/appraisal.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import {
  ApiError,
  AppraisalQuery,
  AppraisalView,
  CorrectionPost,
  CorrectionResult,
  CouncilView,
  ExplanationPost,
  FinalPost,
  FinalResult,
  IdParams,
  ReturnPost,
  ReturnResult,
  RoundUnitCriterionParams,
  RoundUnitParams,
  StageScoreParams,
  StageScorePut,
  StageScoreResult,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';

const TAGS = ['appraisal'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError };
const changeErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function appraisalRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/rounds/:id/appraisal',
      {
        schema: {
          tags: TAGS,
          summary:
            'Thẩm định: các tiêu chí thuộc lĩnh vực của người đọc × các đơn vị đã gửi (lần 1 hoặc lần 2)',
          params: IdParams,
          querystring: AppraisalQuery,
          response: { 200: AppraisalView, ...readErrors },
        },
      },
      (request) => appraisalWorklist(deps, actorOf(request), request.params.id, request.query),
    );

    app.put(
      '/rounds/:id/units/:unitId/scores/:criterionId/:stage',
      {
        schema: {
          tags: TAGS,
          summary:
            'Điểm thẩm định lần 1, lần 2 hoặc điểm chính thức của Hội đồng: theo câu trả lời (cách tính điểm) hoặc nhập đè kèm nhận xét',
          params: StageScoreParams,
          body: StageScorePut,
          response: { 200: StageScoreResult, ...changeErrors },
        },
      },
      (request) => {
        const { id, unitId, criterionId, stage } = request.params;
        return setStageScore(
          deps,
          actorOf(request),
          { roundId: id, unitId, criterionId, stage },
          request.body,
        );
      },
    );

    app.post(
      '/rounds/:id/units/:unitId/returns/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Trả lại một tiêu chí để đơn vị giải trình (giai đoạn thẩm định lần 1)',
          params: RoundUnitCriterionParams,
          body: ReturnPost,
          response: { 200: ReturnResult, ...changeErrors },
        },
      },
      (request) => {
        const { id, unitId, criterionId } = request.params;
        return returnCriterion(deps, actorOf(request), { roundId: id, unitId, criterionId }, request.body);
      },
    );

    app.post(
      '/rounds/:id/units/:unitId/returns/:criterionId/explanation',
      {
        schema: {
          tags: TAGS,
          summary: 'Giải trình của đơn vị cho tiêu chí bị trả lại (giai đoạn giải trình)',
          params: RoundUnitCriterionParams,
          body: ExplanationPost,
          response: { 200: ReturnResult, ...changeErrors },
        },
      },
      (request) => {
        const { id, unitId, criterionId } = request.params;
        return explainReturn(deps, actorOf(request), { roundId: id, unitId, criterionId }, request.body);
      },
    );

    app.get(
      '/rounds/:id/council',
      {
        schema: {
          tags: TAGS,
          summary:
            'Hội đồng thẩm định: điểm tự chấm, thẩm định, đề xuất và chính thức theo đơn vị × lĩnh vực',
          params: IdParams,
          response: { 200: CouncilView, ...readErrors },
        },
      },
      (request) => councilView(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/rounds/:id/units/:unitId/final',
      {
        schema: {
          tags: TAGS,
          summary: 'Chốt điểm chính thức theo đề xuất: mọi tiêu chí của đơn vị hoặc các tiêu chí chọn',
          params: RoundUnitParams,
          body: FinalPost,
          response: { 200: FinalResult, ...changeErrors },
        },
      },
      (request) => {
        const { id, unitId } = request.params;
        return fixFinalScores(deps, actorOf(request), { roundId: id, unitId }, request.body);
      },
    );

    app.post(
      '/rounds/:id/units/:unitId/corrections/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Đính chính điểm chính thức sau phiên Hội đồng, trước khi công bố (bắt buộc nêu lý do)',
          params: RoundUnitCriterionParams,
          body: CorrectionPost,
          response: { 200: CorrectionResult, ...changeErrors },
        },
      },
      (request) => {
        const { id, unitId, criterionId } = request.params;
        return correctFinalScore(deps, actorOf(request), { roundId: id, unitId, criterionId }, request.body);
      },
    );

    done();
  };
}
