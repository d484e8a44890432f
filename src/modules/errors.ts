/**
 * The errors use-cases raise: a code with its typed parameters (core/messages.ts holds the codes,
 * their parameters and their Vietnamese and English texts). The HTTP layer maps each code to a
 * status in one exhaustive switch (src/http/errors.ts); the command line prints the same text.
 */
import type { Lang } from '../core/findings.js';
import { renderError, type AppErrorCode, type ErrorParams } from '../core/messages.js';

export type { AppErrorCode, ErrorParams } from '../core/messages.js';

/** The parameters a code takes: none to give when its parameters are all optional. */
type ParamsArg<C extends AppErrorCode> =
  Record<string, never> extends ErrorParams[C]
    ? [params?: ErrorParams[C], details?: unknown]
    : [params: ErrorParams[C], details?: unknown];

export class AppError<C extends AppErrorCode = AppErrorCode> extends Error {
  readonly params: ErrorParams[C];
  readonly details: unknown;

  constructor(
    readonly code: C,
    ...[params, details]: ParamsArg<C>
  ) {
    const given = (params ?? {}) as ErrorParams[C];
    super(renderError(code, given, 'en'));
    this.params = given;
    this.details = details;
  }

  /** `x instanceof AppError` narrows to an error of any code (not to AppError<any>). */
  static override [Symbol.hasInstance](value: unknown): value is AppError {
    return Function.prototype[Symbol.hasInstance].call(AppError, value);
  }

  messageIn(lang: Lang): string {
    return renderError(this.code, this.params, lang);
  }

  /** Narrows an error of any code to one code, with that code's parameters. */
  is<K extends AppErrorCode>(code: K): this is AppError<K> {
    return (this.code as string) === code;
  }
}
