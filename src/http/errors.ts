/**
 * One place turns every failure into `{"error":{"code","message"}}` with the right status. Use-case
 * errors map by code in an exhaustive switch; schema failures are 400; a transaction the database
 * refused for what ran at the same moment (a deadlock, a serialization failure) is 503 "try again"
 * (not retried here: the use-case may have done things outside it); anything unknown is logged and
 * answered 500 with no internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Lang } from '../core/findings.js';
import { render } from '../core/messages.js';
import { isRetryableRefusal } from '../db/errors.js';
import { MAX_FILE_BYTES, megabytes } from '../shared/limits.js';
import { AppError, type AppErrorCode } from '../modules/errors.js';

export function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'PLAN_NOT_FOUND':
    case 'ITEM_NOT_FOUND':
    case 'UNIT_NOT_FOUND':
    case 'FRAMEWORK_NOT_FOUND':
    case 'ROUND_NOT_FOUND':
    case 'EXTENSION_NOT_FOUND':
    case 'NOTIFICATION_NOT_FOUND':
    case 'CRITERION_NOT_FOUND':
    case 'RETURN_NOT_FOUND':
    case 'EVIDENCE_NOT_FOUND':
    case 'RESULTS_POOL_NOT_FOUND':
    case 'RESULT_NOT_FOUND':
    case 'RESULT_UNIT_NOT_FOUND':
    case 'POOL_NOT_FOUND':
      return 404;
    case 'IMPORT_NOT_FOUND':
      return 410;
    case 'NOT_A_LEAF':
    case 'FINDING_NOT_ADOPTABLE':
    case 'SCORE_ABOVE_MAX':
    case 'SCORE_NEGATIVE':
    case 'UNIT_NOT_IN_PLAN':
    case 'UNIT_NOT_IN_ROUND':
    case 'ANSWER_INVALID':
    case 'NOT_APPLICABLE_REFUSED':
    case 'NOT_APPLICABLE_REASON':
    case 'NOT_SELF_SCORED':
    case 'ASSESSMENT_INCOMPLETE':
    case 'READ_FAILED':
    case 'IMPORT_REJECTED':
    case 'WHAT_IF_PART_UNKNOWN':
    case 'WHAT_IF_PART_REPEATED':
    case 'WHAT_IF_PART_NESTED':
    case 'WHAT_IF_NO_MAX':
    case 'WHAT_IF_OUT_OF_RANGE':
    case 'BANDS_INVALID':
    case 'RESULT_INVALID':
      return 422;
    case 'STALE_VERSION':
    case 'FINDING_NOT_FOUND':
    case 'PLAN_EXISTS':
    case 'PLAN_CHANGED':
    case 'USERNAME_TAKEN':
    case 'UNIT_EXISTS':
    case 'SUBJECT_AMBIGUOUS':
    case 'BACKUP_USE_PG_DUMP':
    case 'DEMO_NOT_EMPTY':
    case 'PLAN_ARCHIVED':
    case 'FRAMEWORK_FROZEN':
    case 'PHASE_CLOSED':
    case 'ROUND_PUBLISHED':
    case 'ASSESSMENT_NOT_EDITABLE':
    case 'EXTENSION_NOT_ALLOWED':
    case 'EXTENSION_PENDING':
    case 'EXTENSION_DECIDED':
    case 'FRAMEWORK_STATE':
    case 'UNIT_NOT_SUBMITTED':
    case 'RETURN_EXISTS':
    case 'CORRECTION_NOT_YET':
    case 'EVIDENCE_UNIT_SUBMITTED':
    case 'EVIDENCE_EXPLANATION_ONLY':
    case 'NEXT_PLAN_EXISTS':
    case 'POOL_EXISTS':
    case 'ROUND_NOT_PUBLISHED':
      return 409;
    case 'UNAUTHENTICATED':
    case 'BAD_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF_FAILED':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'SELF_LOCKOUT':
      return 403;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'USER_NOT_FOUND':
    case 'ROLE_NOT_FOUND':
      return 404;
    case 'PASSWORD_TOO_WEAK':
    case 'WRONG_CURRENT_PASSWORD':
    case 'UNIT_CYCLE':
    case 'LINEAGE_INVALID':
    case 'UNIT_KIND_PARENT':
    case 'UNIT_KIND_NAME':
    case 'UNIT_DISSOLVED':
    case 'PARENT_REQUIRED':
    case 'PARENT_INVALID':
    case 'CONFIRMATION_MISMATCH':
    case 'EVIDENCE_REFUSED':
    case 'CRITERION_NOT_APPRAISED':
    case 'COMMENT_REQUIRED':
    case 'APPRAISAL_SCORE_RANGE':
    case 'APPRAISAL_ANSWER_INVALID':
    case 'NO_PROPOSAL':
    case 'EVIDENCE_NOT_INLINE':
    case 'FRAMEWORK_HAS_ERRORS':
    case 'FRAMEWORK_IMPORT_REJECTED':
    case 'FRAMEWORK_INCOMPLETE':
    case 'UNIT_GROUP_UNKNOWN':
    case 'RULE_ON_PARENT':
    case 'RULE_MISSING':
    case 'FRAMEWORK_NO_PREVIOUS':
    case 'CROSSWALK_CODE_UNKNOWN':
    case 'FRAMEWORK_YEARS':
    case 'ROUND_CALENDAR_INVALID':
    case 'ROUND_NO_UNITS':
    case 'ROUND_FOLLOW_UP_MISSING':
    case 'EXTENSION_UNTIL':
    case 'LINEAGE_CONFLICT':
    case 'LINEAGE_LIST_REJECTED':
    case 'BASELINE_NO_FIGURES':
    case 'NEXT_PLAN_NO_CRITERIA':
    case 'NEXT_PLAN_SUBJECT':
    case 'BASELINE_NO_VALUE':
    case 'SURVEY_REJECTED':
    case 'RESULTS_REJECTED':
      return 422;
    case 'EVIDENCE_DAMAGED':
    case 'EVIDENCE_MISSING':
      return 500;
    case 'FILE_TOO_LARGE':
      return 413;
  }
}

export function langOf(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'vi';
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply
    .status(status)
    .send({ error: details === undefined ? { code, message } : { code, message, details } });
}

/**
 * A multipart body the parser could not make sense of: its errors are plain Errors without a code,
 * so the upload route wraps what it catches while parsing in this.
 */
export class MalformedMultipart extends Error {
  constructor(override readonly cause: unknown) {
    super('malformed multipart body');
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = langOf(request);
    if (error instanceof AppError) {
      if (error.is('TOO_MANY_ATTEMPTS')) void reply.header('retry-after', String(error.params.seconds));
      return send(reply, statusOf(error.code), error.code, error.messageIn(lang), error.details);
    }
    if (error instanceof MalformedMultipart) {
      return send(reply, 400, 'VALIDATION_FAILED', render('http.malformedMultipart', {}, lang));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message,
      }));
      const first = details[0];
      const where = first?.path ? first.path : null;
      const issue = error.validation[0];
      // a number too large (not a text too long): its limit
      const max =
        issue?.keyword === 'too_big' && issue.params.origin === 'number' ? issue.params.maximum : null;
      const message = render(
        'http.validation',
        { where, why: first?.message ?? null, max: typeof max === 'number' ? max : null },
        lang,
      );
      return send(reply, 400, 'VALIDATION_FAILED', message, details);
    }
    // @fastify/multipart answers 406 to a body that is not multipart, 413 to extra files or fields:
    // requests to correct, not files too large
    if (
      error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ||
      error.code === 'FST_FILES_LIMIT' ||
      error.code === 'FST_PARTS_LIMIT' ||
      error.code === 'FST_FIELDS_LIMIT'
    ) {
      return send(reply, 400, 'VALIDATION_FAILED', render('http.notMultipart', {}, lang));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, 413, 'REQUEST_TOO_LARGE', render('http.requestTooLarge', {}, lang));
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      const limit = megabytes(MAX_FILE_BYTES);
      return send(reply, 413, 'FILE_TOO_LARGE', new AppError('FILE_TOO_LARGE', { limit }).messageIn(lang));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, 'BAD_REQUEST', render('http.badRequest', {}, lang));
    }
    if (isRetryableRefusal(error)) {
      request.log.warn({ err: error }, 'refused by transactions at the same moment');
      void reply.header('retry-after', '1');
      return send(reply, 503, 'TRY_AGAIN', render('http.tryAgain', {}, lang));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', render('http.internal', {}, lang));
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'NOT_FOUND', render('http.notFound', {}, langOf(request)));
}
