/** The HTTP layer's own answers (not use-case errors): schema failures, unknown routes, 500. */
import type { None, TextsOf } from './texts.js';

/** The HTTP layer's answers that are not use-case errors. */
export interface HttpParams {
  /** max: the largest number the field takes, when the one sent was larger */
  'http.validation': { where: string | null; why: string | null; max: number | null };
  'http.notMultipart': None;
  'http.malformedMultipart': None;
  'http.badRequest': None;
  'http.requestTooLarge': None;
  'http.notFound': None;
  'http.internal': None;
  'http.tryAgain': None;
}

export const HTTP_TEXTS: TextsOf<HttpParams> = {
  'http.validation': {
    // zod speaks English: a Vietnamese answer names the field (and a number's limit) and leaves the
    // wording to details
    vi: (p) =>
      ['Dữ liệu gửi lên không hợp lệ', p.where].filter(Boolean).join(': ') +
      (p.max === null ? '' : ` (số lớn nhất được nhận là ${p.max.toLocaleString('vi-VN')})`),
    en: (p) => ['Invalid request', [p.where, p.why].filter(Boolean).join(' — ')].filter(Boolean).join(': '),
  },
  'http.notMultipart': {
    vi: () => 'Dữ liệu gửi lên không hợp lệ: cần gửi một tệp trong trường "file" dạng multipart/form-data',
    en: () => 'Invalid request: send one file in the "file" field as multipart/form-data',
  },
  'http.malformedMultipart': {
    vi: () =>
      'Dữ liệu gửi lên không hợp lệ: phần thân multipart/form-data bị hỏng (thiếu ranh giới, một phần không kết thúc hoặc dữ liệu không đọc được); hãy gửi lại tệp',
    en: () =>
      'Invalid request: the multipart/form-data body is malformed (no boundary, an unterminated part or unreadable data); send the file again',
  },
  'http.badRequest': { vi: () => 'Yêu cầu không hợp lệ', en: () => 'Bad request' },
  'http.requestTooLarge': {
    vi: () => 'Yêu cầu quá lớn (tối đa 1 MB)',
    en: () => 'The request is too large (limit 1 MB)',
  },
  'http.notFound': { vi: () => 'Không có địa chỉ này', en: () => 'Not found' },
  'http.internal': {
    vi: () => 'Lỗi máy chủ; đã ghi lại để xử lý',
    en: () => 'Server error; it has been logged',
  },
  'http.tryAgain': {
    vi: () => 'Yêu cầu chưa thực hiện được vì trùng lúc với một thay đổi khác; vui lòng thử lại',
    en: () =>
      'The request could not be carried out: another change was made at the same moment; please try again',
  },
};
