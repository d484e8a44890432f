/** Why a whole file cannot be read as a plan, as codes with their texts (formats/ gives them). */
import type { Lang } from '../findings.js';
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
  | 'no-file';

/** A whole file that cannot be read as a plan (a bad row is a finding, not this). */
export interface ReadFailure {
  code: ReadFailureCode;
  /** extra words for the message, such as a size limit or the kind of file found */
  detail?: string;
}

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
};

/** Why a file cannot be read, without the file's name (READ_FAILED puts it in front). */
export function readFailureText(failure: ReadFailure, lang: Lang): string {
  return READ_FAILURES[failure.code][lang](failure.detail ?? '');
}

export const READ_FAILURE_CODES = Object.keys(READ_FAILURES) as ReadFailureCode[];
