import { describe, expect, it } from 'vitest';
import { AppError } from '../src/modules/errors.js';

describe('AppError', () => {
  it('carries its code and parameters, and renders them in either language', () => {
    const error = new AppError('PLAN_EXISTS', { subject: 'Huyện Krông Nô', year: 2023, planId: 4 });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      'A plan for Huyện Krông Nô 2023 exists with other content; choose "replace" to replace it',
    );
    expect(error.messageIn('vi')).toBe(
      'Đã có kế hoạch của Huyện Krông Nô năm 2023 với nội dung khác; chọn "thay thế" để thay',
    );
    expect(error.params.planId).toBe(4);
  });

  it('renders a read failure from its code, not from words given by the caller', () => {
    const error = new AppError('READ_FAILED', {
      file: 'kh.xlsx',
      failure: { code: 'corrupt-zip', detail: 'XLSX' },
    });
    expect(error.messageIn('vi')).toBe('kh.xlsx: tệp XLSX bị hỏng hoặc không đầy đủ, không mở được');
    expect(error.messageIn('en')).toBe('kh.xlsx: the XLSX file is damaged or truncated and cannot be opened');
  });

  it('narrows by code to that code’s parameters', () => {
    const caught: unknown = new AppError('TOO_MANY_ATTEMPTS', { seconds: 30 });
    if (!(caught instanceof AppError)) throw new Error('not an AppError');
    expect(caught.is('FORBIDDEN')).toBe(false);
    if (!caught.is('TOO_MANY_ATTEMPTS')) throw new Error('not TOO_MANY_ATTEMPTS');
    expect(caught.params.seconds + 1).toBe(31);
    expect(new Error('x') instanceof AppError).toBe(false);
  });

  it('takes no parameters where a code has none, and refuses wrong ones at compile time', () => {
    expect(new AppError('FORBIDDEN').messageIn('en')).toBe('Your account may not do this');
    // type checks only, never called: tsc (part of the checks) fails if these compile
    const wrong = [
      // @ts-expect-error PLAN_NOT_FOUND takes an id, not a name
      () => new AppError('PLAN_NOT_FOUND', { name: 'x' }),
      // @ts-expect-error PLAN_EXISTS needs its subject, year and plan
      () => new AppError('PLAN_EXISTS'),
      // @ts-expect-error SELF_LOCKOUT is about a role or an account
      () => new AppError('SELF_LOCKOUT', { what: 'password' }),
    ];
    expect(wrong).toHaveLength(3);
  });
});
