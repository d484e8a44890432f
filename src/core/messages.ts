/**
 * The server's message catalog: every error a use-case raises, every reason a file cannot be read,
 * the HTTP layer's own answers, the command line's wording and the audit trail's words, each as a code with typed parameters
 * and one Vietnamese and one English text. `render(code, params, lang)` is the only way they become
 * words; the API renders in the request's Accept-Language, the CLI in --lang. Findings have their
 * own rule catalog beside this one (core/findings.ts). Pure: the web could render from it too.
 */
import type { Lang } from './findings.js';
import { AUDIT_TEXTS, type AuditParams } from './messages/audit.js';
import { CLI_TEXTS, type CliParams } from './messages/cli.js';
import { ERROR_TEXTS, type AppErrorCode, type ErrorParams } from './messages/errors.js';
import { HTTP_TEXTS, type HttpParams } from './messages/http.js';
import type { Texts, TextsOf } from './messages/texts.js';

export {
  AUDIT_VALUES,
  isAuditWord,
  type AuditAction,
  type AuditEntity,
  type AuditParams,
} from './messages/audit.js';
export type { AuditBreak, CliParams } from './messages/cli.js';
export type {
  AppErrorCode,
  ErrorParams,
  LineageConflict,
  RejectedPlans,
  SubjectEnded,
} from './messages/errors.js';
export type { HttpParams } from './messages/http.js';
export {
  READ_FAILURE_CODES,
  readFailureText,
  type ReadFailure,
  type ReadFailureCode,
  type ReadLimit,
  type ReadLimitName,
} from './messages/read-failures.js';

export interface MessageParams extends ErrorParams, HttpParams, CliParams, AuditParams {}
export type MessageCode = keyof MessageParams;

const CATALOG: TextsOf<MessageParams> = { ...ERROR_TEXTS, ...HTTP_TEXTS, ...CLI_TEXTS, ...AUDIT_TEXTS };

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
