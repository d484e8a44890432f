/**
 * The server's message catalog: every error a use-case raises, every reason a file cannot be read,
 * the HTTP layer's own answers, the command line's wording, the audit trail's words, the problems of scoring a criterion and why an evidence file is refused, each as a code with typed parameters
 * and one Vietnamese and one English text. `render(code, params, lang)` is the only way they become
 * words; the API renders in the request's Accept-Language, the CLI in --lang. Findings have their
 * own rule catalog beside this one (core/findings.ts). Pure: the web could render from it too.
 */
import type { Lang } from './findings.js';
import { AUDIT_TEXTS, type AuditParams } from './messages/audit.js';
import { CLI_TEXTS, type CliParams } from './messages/cli.js';
import { ERROR_TEXTS, type AppErrorCode, type ErrorParams } from './messages/errors.js';
import { EVIDENCE_TEXTS, type EvidenceParams } from './messages/evidence.js';
import { HTTP_TEXTS, type HttpParams } from './messages/http.js';
import { ANSWER_TEXTS, type AnswerParams } from './messages/answers.js';
import { SCORING_TEXTS, type ScoringParams } from './messages/scoring.js';
import { NOTIFICATION_TEXTS, type NotificationParams } from './messages/notifications.js';
import { NEXT_PLAN_CLI_TEXTS, type NextPlanCliParams } from './messages/next-plan.js';
import { OPERATIONS_TEXTS, type OperationsParams } from './messages/operations.js';
import type { Texts, TextsOf } from './messages/texts.js';

export {
  AUDIT_VALUES,
  isAuditWord,
  type AuditAction,
  type AuditEntity,
  type AuditField,
  type AuditParams,
} from './messages/audit.js';
export type { AnswerParams, AnswerProblem, AnswerProblemCode } from './messages/answers.js';
export type { AuditBreak, CliParams } from './messages/cli.js';
export {
  EVIDENCE_TYPES,
  evidenceRefusalText,
  type EvidenceParams,
  type EvidenceRefusal,
  type EvidenceRefusalCode,
  type EvidenceType,
} from './messages/evidence.js';
export type {
  AppErrorCode,
  ErrorParams,
  LineageConflict,
  RejectedPlans,
  SubjectEnded,
} from './messages/errors.js';
export type { HttpParams } from './messages/http.js';
export type { ConfigExpectation, OperationsParams } from './messages/operations.js';
export {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationKindParams,
  type NotificationMessage,
  type NotificationParams,
} from './messages/notifications.js';
export {
  READ_FAILURE_CODES,
  readFailureText,
  type ReadFailure,
  type ReadFailureCode,
  type ReadLimit,
  type ReadLimitName,
} from './messages/read-failures.js';
export {
  formatPercent,
  RULE_KIND_WORDS,
  type ScoringParams,
  type ScoringProblem,
  type ScoringProblemCode,
} from './messages/scoring.js';

export interface MessageParams
  extends
    ErrorParams,
    HttpParams,
    CliParams,
    AuditParams,
    ScoringParams,
    EvidenceParams,
    AnswerParams,
    NotificationParams,
    NextPlanCliParams,
    OperationsParams {}
export type MessageCode = keyof MessageParams;

const CATALOG: TextsOf<MessageParams> = {
  ...ERROR_TEXTS,
  ...NEXT_PLAN_CLI_TEXTS,
  ...HTTP_TEXTS,
  ...CLI_TEXTS,
  ...AUDIT_TEXTS,
  ...SCORING_TEXTS,
  ...EVIDENCE_TEXTS,
  ...ANSWER_TEXTS,
  ...NOTIFICATION_TEXTS,
  ...OPERATIONS_TEXTS,
};

/** Every code of the catalog (for the completeness test and for exhaustive listings). */
export const MESSAGE_CODES = Object.keys(CATALOG) as MessageCode[];

/** The text of one message in one language. */
export function render<C extends MessageCode>(code: C, params: MessageParams[C], lang: Lang): string {
  return (CATALOG[code] as Texts<MessageParams[C]>)[lang](params);
}

/** The text of a use-case error (AppError) in one language. */
export function renderError<C extends AppErrorCode>(code: C, params: ErrorParams[C], lang: Lang): string {
  return (ERROR_TEXTS[code] as Texts<ErrorParams[C]>)[lang](params);
}
