/**
 * Criteria frameworks: list and read (plan.read); import from a document, edit, publish, new
 * version, copy to the next year, crosswalk (framework.manage, installation-wide). The use-cases
 * are modules/frameworks.ts.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../modules/errors.js';
import {
  confirmFrameworkCrosswalk,
  confirmFrameworkImport,
  copyFrameworkToNextYear,
  frameworkDiff,
  getCrosswalk,
  getFramework,
  listFrameworks,
  newFrameworkVersion,
  previewFrameworkImport,
  proposeFrameworkCrosswalk,
  publishFramework,
  updateCriterion,
  updateFramework,
} from '../../modules/frameworks.js';
import {
  ApiError,
  CriterionParams,
  CriterionPatch,
  Crosswalk,
  CrosswalkConfirm,
  CrosswalkPropose,
  CrosswalkQuery,
  DiffQuery,
  FrameworkCreated,
  FrameworkDiff,
  FrameworkImportConfirm,
  FrameworkImportPreview,
  FrameworkImportResult,
  FrameworkListQuery,
  FrameworkPatch,
  FrameworkSummary,
  FrameworkView,
  IdParams,
  TokenParams,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { readUpload } from './imports.js';

const TAGS = ['frameworks'];
const readErrors = { 403: ApiError, 404: ApiError };
const changeErrors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function frameworkRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/frameworks',
      {
        schema: {
          tags: TAGS,
          summary: 'Danh sách bộ tiêu chí (lọc theo nhóm đơn vị, năm, trạng thái)',
          querystring: FrameworkListQuery,
          response: { 200: z.array(FrameworkSummary), 400: ApiError, 403: ApiError },
        },
      },
      (request) => listFrameworks(deps, actorOf(request), request.query),
    );

    app.get(
      '/frameworks/:id',
      {
        schema: {
          tags: TAGS,
          summary: 'Một bộ tiêu chí: cây tiêu chí với cách tính điểm, phát hiện của bộ kiểm tra',
          params: IdParams,
          response: { 200: FrameworkView, ...readErrors },
        },
      },
      (request) => getFramework(deps, actorOf(request), request.params.id),
    );

    app.patch(
      '/frameworks/:id',
      {
        schema: {
          tags: TAGS,
          summary: 'Sửa thông tin bộ tiêu chí (tên, tiêu đề, quyết định ban hành, năm cuối)',
          params: IdParams,
          body: FrameworkPatch,
          response: { 200: FrameworkView, ...changeErrors },
        },
      },
      (request) => updateFramework(deps, actorOf(request), request.params.id, request.body),
    );

    app.patch(
      '/frameworks/:id/criteria/:criterionId',
      {
        schema: {
          tags: TAGS,
          summary:
            'Sửa một tiêu chí (cách tính điểm, tài liệu kiểm chứng, quy tắc, người chấm, khi không áp dụng, đơn vị theo dõi)',
          params: CriterionParams,
          body: CriterionPatch,
          response: { 200: FrameworkView, ...changeErrors },
        },
      },
      (request) =>
        updateCriterion(deps, actorOf(request), request.params.id, request.params.criterionId, request.body),
    );

    app.post(
      '/frameworks/:id/publish',
      {
        schema: {
          tags: TAGS,
          summary: 'Công bố bộ tiêu chí (bị từ chối khi bộ kiểm tra còn lỗi)',
          params: IdParams,
          response: { 200: FrameworkView, ...changeErrors },
        },
      },
      (request) => publishFramework(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/frameworks/:id/versions',
      {
        schema: {
          tags: TAGS,
          summary: 'Tạo phiên bản mới (bản nháp) từ bộ tiêu chí này',
          params: IdParams,
          response: { 200: FrameworkCreated, ...changeErrors },
        },
      },
      (request) => newFrameworkVersion(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/frameworks/:id/next-year',
      {
        schema: {
          tags: TAGS,
          summary: 'Sao chép bộ tiêu chí sang năm sau (bản nháp)',
          params: IdParams,
          response: { 200: FrameworkCreated, ...changeErrors },
        },
      },
      (request) => copyFrameworkToNextYear(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/frameworks/:id/diff',
      {
        schema: {
          tags: TAGS,
          summary: 'Thay đổi so với phiên bản trước (theo mã tiêu chí)',
          params: IdParams,
          querystring: DiffQuery,
          response: { 200: FrameworkDiff, ...readErrors, 422: ApiError },
        },
      },
      (request) => frameworkDiff(deps, actorOf(request), request.params.id, request.query.from),
    );

    app.get(
      '/frameworks/:id/crosswalk',
      {
        schema: {
          tags: TAGS,
          summary: 'Đối chiếu tiêu chí với phiên bản trước (đã lưu)',
          params: IdParams,
          querystring: CrosswalkQuery,
          response: { 200: Crosswalk, ...readErrors, 422: ApiError },
        },
      },
      (request) => getCrosswalk(deps, actorOf(request), request.params.id, request.query.from),
    );

    app.post(
      '/frameworks/:id/crosswalk/propose',
      {
        schema: {
          tags: TAGS,
          summary: 'Đề xuất đối chiếu theo mã và tên tiêu chí (giữ các dòng đã xác nhận)',
          params: IdParams,
          body: CrosswalkPropose,
          response: { 200: Crosswalk, ...changeErrors },
        },
      },
      (request) => proposeFrameworkCrosswalk(deps, actorOf(request), request.params.id, request.body?.from),
    );

    app.post(
      '/frameworks/:id/crosswalk/confirm',
      {
        schema: {
          tags: TAGS,
          summary: 'Xác nhận hoặc sửa các dòng đối chiếu',
          params: IdParams,
          body: CrosswalkConfirm,
          response: { 200: Crosswalk, ...changeErrors },
        },
      },
      (request) => confirmFrameworkCrosswalk(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/frameworks/imports',
      {
        schema: {
          tags: TAGS,
          summary: 'Tải văn bản bộ tiêu chí lên (multipart, trường "file") và xem trước; chưa ghi gì',
          consumes: ['multipart/form-data'],
          response: {
            200: FrameworkImportPreview,
            400: ApiError,
            403: ApiError,
            413: ApiError,
            422: ApiError,
          },
        },
      },
      async (request) => {
        const upload = await readUpload(request);
        if (!upload) throw new AppError('READ_FAILED', { file: '?', failure: { code: 'no-file' } });
        return previewFrameworkImport(deps, actorOf(request), upload);
      },
    );

    app.post(
      '/frameworks/imports/:token/confirm',
      {
        schema: {
          tags: TAGS,
          summary: 'Nhập bộ tiêu chí đã xem trước (bản nháp)',
          params: TokenParams,
          body: FrameworkImportConfirm,
          response: { 200: FrameworkImportResult, ...changeErrors, 410: ApiError },
        },
      },
      (request) => confirmFrameworkImport(deps, actorOf(request), request.params.token, request.body),
    );
    done();
  };
}
