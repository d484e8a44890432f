/**
 * Running the server: a mistake in its configuration (one line per variable, printed before anything
 * opens), the readiness answer a load balancer reads, the metrics endpoint's refusal.
 */
import type { None, TextsOf } from './texts.js';

/** What a configuration variable should hold, as the line about its mistake says it. */
export type ConfigExpectation =
  | { kind: 'port' }
  | { kind: 'host' }
  | { kind: 'oneOf'; values: string }
  | { kind: 'url'; schemes: string }
  | { kind: 'databaseAddress' }
  | { kind: 'email' }
  | { kind: 'wholeNumber'; min: number }
  | { kind: 'positiveNumber'; unit: string }
  | { kind: 'together'; other: string }
  | { kind: 'secret'; min: number };

export interface OperationsParams {
  /** `shown`: the value as given, '' when unset, null for a secret that is never printed */
  'config.mistake': { variable: string; shown: string | null; expected: ConfigExpectation };
  /** `pending`: the migrations not applied, comma-separated */
  'http.notReady': { reason: 'database' | 'migrations'; pending: string };
  'http.metricsToken': None;
}

function expectedVi(e: ConfigExpectation): string {
  switch (e.kind) {
    case 'port':
      return 'cần một số cổng nguyên từ 0 đến 65535';
    case 'host':
      return 'cần một địa chỉ hoặc tên máy không có khoảng trắng (ví dụ 127.0.0.1 hoặc 0.0.0.0)';
    case 'oneOf':
      return `cần một trong các giá trị: ${e.values}`;
    case 'url':
      return `cần một địa chỉ URL dạng ${e.schemes}`;
    case 'databaseAddress':
      return 'cần một địa chỉ postgres://… hoặc đường dẫn tệp SQLite';
    case 'email':
      return 'cần một địa chỉ thư điện tử (ví dụ ParIndex <parindex@tinh.gov.vn>)';
    case 'wholeNumber':
      return `cần một số nguyên từ ${e.min} trở lên`;
    case 'positiveNumber':
      return `cần một số dương (${e.unit})`;
    case 'together':
      return `phải đặt cùng với ${e.other}`;
    case 'secret':
      return `cần một chuỗi bí mật dài ít nhất ${e.min} ký tự`;
  }
}

function expectedEn(e: ConfigExpectation): string {
  switch (e.kind) {
    case 'port':
      return 'expected a whole port number from 0 to 65535';
    case 'host':
      return 'expected an address or host name without spaces (e.g. 127.0.0.1 or 0.0.0.0)';
    case 'oneOf':
      return `expected one of: ${e.values}`;
    case 'url':
      return `expected a URL of the form ${e.schemes}`;
    case 'databaseAddress':
      return 'expected a postgres://… address or the path of an SQLite file';
    case 'email':
      return 'expected an e-mail address (e.g. ParIndex <parindex@province.gov.vn>)';
    case 'wholeNumber':
      return `expected a whole number of at least ${e.min}`;
    case 'positiveNumber':
      return `expected a positive number (${e.unit})`;
    case 'together':
      return `must be set together with ${e.other}`;
    case 'secret':
      return `expected a secret of at least ${e.min} characters`;
  }
}

export const OPERATIONS_TEXTS: TextsOf<OperationsParams> = {
  'config.mistake': {
    vi: (p) =>
      `Cấu hình sai: ${p.variable}${p.shown === null ? ' (giá trị bí mật, không in ra)' : p.shown === '' ? ' (chưa đặt)' : ` = "${p.shown}"`} — ${expectedVi(p.expected)}`,
    en: (p) =>
      `Configuration error: ${p.variable}${p.shown === null ? ' (secret value, not printed)' : p.shown === '' ? ' (not set)' : ` = "${p.shown}"`} — ${expectedEn(p.expected)}`,
  },
  'http.notReady': {
    vi: (p) =>
      p.reason === 'database'
        ? 'Chưa sẵn sàng: không kết nối được cơ sở dữ liệu'
        : `Chưa sẵn sàng: cơ sở dữ liệu thiếu bước cập nhật cấu trúc ${p.pending}`,
    en: (p) =>
      p.reason === 'database'
        ? 'Not ready: the database cannot be reached'
        : `Not ready: the database lacks the migrations ${p.pending}`,
  },
  'http.metricsToken': {
    vi: () => 'Cần mã truy cập số liệu theo dõi (Authorization: Bearer …)',
    en: () => 'The metrics token is required (Authorization: Bearer …)',
  },
};
