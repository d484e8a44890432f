/**
 * A unit's self-assessment in a round: read it (the unit, the round's managers, the council,
 * appraisers for their areas; after publication whoever reads the unit's plans), save one answer,
 * submit, withdraw, the report's texts (assessment.self reaching the unit, self phase open). The
 * use-cases are modules/self-assessment.ts.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  getAssessment,
  saveAnswer,
  submitAssessment,
  updateReport,
  withdrawAssessment,
} from '../../modules/self-assessment.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import {
  AnswerPatch,
  AnswerSaved,
  ApiError,
  AssessmentAnswerParams,
  AssessmentUnitParams,
  AssessmentView,
  ReportPatch,
  UnitSaved,
  UnitVersionBody,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';
import { langOf } from '../errors.js';

const TAGS = ['assessment'];
const readErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 422: ApiError };
const changeErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function assessmentRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/rounds/:id/units/:unitId/assessment',
      {
        schema: {
          tags: TAGS,
          summary:
            'Bản tự đánh giá của đơn vị: tiêu chí, câu trả lời, điểm theo cách tính, tài liệu kiểm chứng, hạn',
          params: AssessmentUnitParams,
          response: { 200: AssessmentView, ...readErrors },
        },
      },
      (request) =>
        getAssessment(deps, actorOf(request), langOf(request), request.params.id, request.params.unitId),
    );

    app.patch(
      '/rounds/:id/units/:unitId/answers/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary: 'Lưu câu trả lời tự đánh giá của một tiêu chí (điểm do cách tính điểm cho)',
          params: AssessmentAnswerParams,
          body: AnswerPatch,
          response: { 200: AnswerSaved, ...changeErrors },
        },
      },
      (request) =>
        saveAnswer(
          deps,
          actorOf(request),
          langOf(request),
          request.params.id,
          request.params.unitId,
          request.params.criterionId,
          request.body,
        ),
    );

    app.post(
      '/rounds/:id/units/:unitId/submit',
      {
        schema: {
          tags: TAGS,
          summary: 'Gửi bản tự đánh giá (đủ câu trả lời, có diễn giải khi không có tài liệu kiểm chứng)',
          params: AssessmentUnitParams,
          body: UnitVersionBody,
          response: { 200: UnitSaved, ...changeErrors },
        },
      },
      (request) =>
        submitAssessment(
          deps,
          actorOf(request),
          request.params.id,
          request.params.unitId,
          request.body.version,
        ),
    );

    app.post(
      '/rounds/:id/units/:unitId/withdraw',
      {
        schema: {
          tags: TAGS,
          summary: 'Rút lại bản tự đánh giá đã gửi (trong thời hạn tự đánh giá)',
          params: AssessmentUnitParams,
          body: UnitVersionBody,
          response: { 200: UnitSaved, ...changeErrors },
        },
      },
      (request) =>
        withdrawAssessment(
          deps,
          actorOf(request),
          request.params.id,
          request.params.unitId,
          request.body.version,
        ),
    );

    app.patch(
      '/rounds/:id/units/:unitId/report',
      {
        schema: {
          tags: TAGS,
          summary: 'Báo cáo tự đánh giá: khó khăn, vướng mắc; đề xuất, kiến nghị',
          params: AssessmentUnitParams,
          body: ReportPatch,
          response: { 200: UnitSaved, ...changeErrors },
        },
      },
      (request) =>
        updateReport(deps, actorOf(request), request.params.id, request.params.unitId, request.body),
    );

    done();
  };
}
