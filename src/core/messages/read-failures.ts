/** Why a whole file cannot be read as a plan, as codes with their texts (formats/ gives them). */
import { formatLocation, type Lang, type SourceLocation } from '../findings.js';
import type { Texts } from './texts.js';

export type ReadFailureCode =
  | 'empty-file'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'corrupt-zip'
  | 'unsupported-format'
  | 'no-table'
  | 'no-header'
  | 'no-file'
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

/** A whole file that cannot be read as a plan (a bad row is a finding, not this). */
export interface ReadFailure {
  code: ReadFailureCode;
  /** extra words for the message, such as a size limit or the kind of file found */
  detail?: string;
  /** for 'over-limit': which limit and where */
  limit?: ReadLimit;
}

const count = (n: number, lang: Lang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`;

const LIMITS: Record<ReadLimitName, Texts<number>> = {
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

function limitText(limit: ReadLimit | undefined, lang: Lang): string {
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

/** The detail, or for 'over-limit' the limit and where it was passed, in words. */
const READ_FAILURES: Record<ReadFailureCode, Texts<string>> = {
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
  'no-file': { vi: () => 'không có tệp', en: () => 'no file' },
  'over-limit': {
    vi: (where) => `tệp vượt giới hạn đọc: ${where}; một phụ lục thật không lớn đến vậy`,
    en: (where) => `the file is past a reading limit: ${where}; no real appendix is that large`,
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

/** Why a file cannot be read, without the file's name (READ_FAILED puts it in front). */
export function readFailureText(failure: ReadFailure, lang: Lang): string {
  const detail = failure.code === 'over-limit' ? limitText(failure.limit, lang) : (failure.detail ?? '');
  return READ_FAILURES[failure.code][lang](detail);
}

export const READ_FAILURE_CODES = Object.keys(READ_FAILURES) as ReadFailureCode[];
