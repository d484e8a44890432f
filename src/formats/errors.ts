/**
 * Reasons a whole file cannot be read. A bad row is a finding; these are for files that are not a
 * plan at all. Each has a Vietnamese and an English message and never a stack trace.
 */
import { formatLocation, type Lang, type SourceLocation } from '../core/findings.js';
import { megabytes } from '../shared/limits.js';

export type ReadFailureCode =
  | 'empty-file'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'corrupt-zip'
  | 'unsupported-format'
  | 'no-table'
  | 'no-header'
  | 'over-limit'
  | 'too-slow'
  | 'out-of-memory'
  | 'busy';

/** The reading limits a real appendix never reaches (src/shared/limits.ts). */
export type ReadLimitName = 'columns' | 'rows' | 'cells' | 'span' | 'unpacked' | 'entries';

export interface ReadLimit {
  name: ReadLimitName;
  /** the limit passed */
  max: number;
  /** where it was passed: the sheet and cell, the table and row */
  at?: SourceLocation;
  /** the ZIP part where it was passed ("xl/theme/theme1.xml") */
  part?: string;
}

export interface ReadFailure {
  code: ReadFailureCode;
  /** extra words for the message, such as a size limit or the kind of file found */
  detail?: string;
  /** for 'over-limit': which limit and where */
  limit?: ReadLimit;
}

/** Thrown by a reader that meets a limit; readPlans turns it into its ReadFailure. */
export class ReadLimitError extends Error {
  constructor(readonly limit: ReadLimit) {
    super(`read limit: ${limit.name} > ${limit.max}`);
  }
}

const count = (n: number, lang: Lang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

const LIMITS: Record<ReadLimitName, Record<Lang, (max: number) => string>> = {
  columns: { vi: (n) => `hơn ${count(n, 'vi')} cột`, en: (n) => `more than ${count(n, 'en')} columns` },
  rows: { vi: (n) => `hơn ${count(n, 'vi')} hàng`, en: (n) => `more than ${count(n, 'en')} rows` },
  cells: { vi: (n) => `hơn ${count(n, 'vi')} ô`, en: (n) => `more than ${count(n, 'en')} cells` },
  span: {
    vi: (n) => `một ô gộp hơn ${count(n, 'vi')} cột`,
    en: (n) => `a cell spanning more than ${count(n, 'en')} columns`,
  },
  unpacked: {
    vi: (n) => `nội dung giải nén hơn ${megabytes(n)}`,
    en: (n) => `more than ${megabytes(n)} once unpacked`,
  },
  entries: {
    vi: (n) => `hơn ${count(n, 'vi')} phần trong tệp nén`,
    en: (n) => `more than ${count(n, 'en')} parts in the ZIP container`,
  },
};

function limitMessage(limit: ReadLimit | undefined, lang: Lang): string {
  if (!limit) return '';
  const where = [
    formatLocation(limit.at ?? null, lang),
    limit.part ? (lang === 'vi' ? `phần ${limit.part}` : `part ${limit.part}`) : '',
  ]
    .filter((w) => w !== '')
    .join(', ');
  const what = LIMITS[limit.name][lang](limit.max);
  return where === '' ? what : lang === 'vi' ? `${what}, tại ${where}` : `${what}, at ${where}`;
}

const MESSAGES: Record<ReadFailureCode, Record<Lang, (detail: string, failure: ReadFailure) => string>> = {
  'empty-file': { vi: () => 'tệp rỗng', en: () => 'the file is empty' },
  'too-large': {
    vi: (d) => `tệp quá lớn (giới hạn ${d})`,
    en: (d) => `the file is too large (limit ${d})`,
  },
  binary: {
    vi: () => 'tệp không phải văn bản, XLSX hay DOCX (có dữ liệu nhị phân)',
    en: () => 'the file is not text, XLSX or DOCX (binary data)',
  },
  'not-utf8': {
    vi: () => 'tệp văn bản không ở mã UTF-8; hãy lưu lại với mã UTF-8',
    en: () => 'the text file is not UTF-8; save it again as UTF-8',
  },
  'corrupt-zip': {
    vi: (d) => `tệp ${d} bị hỏng hoặc không đầy đủ, không mở được`,
    en: (d) => `the ${d} file is damaged or truncated and cannot be opened`,
  },
  'unsupported-format': {
    vi: (d) => `định dạng không hỗ trợ (${d}); hãy dùng TXT, TSV, CSV, XLSX hoặc DOCX`,
    en: (d) => `unsupported format (${d}); use TXT, TSV, CSV, XLSX or DOCX`,
  },
  'no-table': { vi: () => 'không có bảng nào trong tệp', en: () => 'the file holds no table' },
  'no-header': {
    vi: () =>
      'không tìm thấy dòng tiêu đề của bảng (cần các cột STT, Lĩnh vực/Tiêu chí, Điểm chuẩn, Điểm đạt được hoặc Mục tiêu)',
    en: () =>
      'no table header found (columns for code, criterion, max score and baseline or target are needed)',
  },
  'over-limit': {
    vi: (_d, f) =>
      `tệp vượt giới hạn đọc: ${limitMessage(f.limit, 'vi')}; một phụ lục thật không lớn đến vậy`,
    en: (_d, f) =>
      `the file is past a reading limit: ${limitMessage(f.limit, 'en')}; no real appendix is that large`,
  },
  'too-slow': {
    vi: (d) => `đọc tệp quá lâu (quá ${d} giây), đã dừng; tệp quá lớn hoặc quá phức tạp`,
    en: (d) =>
      `reading the file took too long (over ${d} s) and was stopped; the file is too large or too complex`,
  },
  'out-of-memory': {
    vi: (d) => `đọc tệp cần quá nhiều bộ nhớ (giới hạn ${d}), đã dừng; tệp quá lớn hoặc quá phức tạp`,
    en: (d) =>
      `reading the file needs too much memory (limit ${d}) and was stopped; the file is too large or too complex`,
  },
  busy: {
    vi: () => 'máy chủ đang đọc nhiều tệp khác; hãy thử lại sau ít phút',
    en: () => 'the server is reading many other files; try again in a few minutes',
  },
};

export function readFailureMessage(failure: ReadFailure, lang: Lang): string {
  return MESSAGES[failure.code][lang](failure.detail ?? '', failure);
}
