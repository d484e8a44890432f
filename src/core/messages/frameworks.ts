/** The errors of criteria frameworks (modules/frameworks.ts): each code's parameters and texts. */
import type { Finding } from '../findings.js';
import type { TextsOf, Word } from './texts.js';

const STATE_VI: Record<string, string> = {
  draft: 'bản nháp',
  published: 'đã ban hành',
  'in-use': 'đang được sử dụng',
};
const STATE_EN: Record<string, string> = { draft: 'a draft', published: 'published', 'in-use': 'in use' };

/** The frameworks of a file refused for their blocking findings. */
export interface RejectedFrameworks {
  frameworks: { title: string | null; findings: Finding[] }[];
}

export interface FrameworkErrorParams {
  FRAMEWORK_NOT_FOUND: { id: Word };
  CRITERION_NOT_FOUND: { id: Word };
  /** in use by a plan or an assessment: a change makes a new version */
  FRAMEWORK_FROZEN: { name: string };
  /** the action needs another state (publishing a published framework) */
  FRAMEWORK_STATE: { name: string; state: string };
  /** publishing refused: the checker's errors */
  FRAMEWORK_HAS_ERRORS: { name: string; errors: number };
  FRAMEWORK_IMPORT_REJECTED: RejectedFrameworks;
  /** the document does not say whose framework or which year, and the confirmation did not either */
  FRAMEWORK_INCOMPLETE: { title: string; missing: 'group' | 'year' };
  UNIT_GROUP_UNKNOWN: { group: string };
  /** a leaf needs a rule; a parent has none (its score is the sum of its children) */
  RULE_ON_PARENT: { code: string };
  RULE_MISSING: { code: string };
  /** the framework has no earlier version to compare or match with */
  FRAMEWORK_NO_PREVIOUS: { name: string };
  CROSSWALK_CODE_UNKNOWN: { code: string };
  /** the year span: last year before the first */
  FRAMEWORK_YEARS: { from: number; to: number };
}

const quoted = (name: string) => `«${name}»`;

export const FRAMEWORK_ERROR_TEXTS: TextsOf<FrameworkErrorParams> = {
  FRAMEWORK_NOT_FOUND: {
    vi: (p) => `Không có bộ tiêu chí #${p.id}`,
    en: (p) => `No criteria framework #${p.id}`,
  },
  CRITERION_NOT_FOUND: {
    vi: (p) => `Bộ tiêu chí không có tiêu chí #${p.id}`,
    en: (p) => `The framework has no criterion #${p.id}`,
  },
  FRAMEWORK_FROZEN: {
    vi: (p) =>
      `Bộ tiêu chí ${quoted(p.name)} đang được dùng cho kế hoạch hoặc đợt đánh giá nên không sửa được; hãy tạo phiên bản mới để sửa`,
    en: (p) =>
      `The framework ${quoted(p.name)} is in use by a plan or an assessment and cannot change; make a new version to edit it`,
  },
  FRAMEWORK_STATE: {
    vi: (p) =>
      `Bộ tiêu chí ${quoted(p.name)} ${STATE_VI[p.state] ?? p.state}: không thực hiện được thao tác này`,
    en: (p) => `The framework ${quoted(p.name)} is ${STATE_EN[p.state] ?? p.state}: this cannot be done`,
  },
  FRAMEWORK_HAS_ERRORS: {
    vi: (p) => `Bộ tiêu chí ${quoted(p.name)} còn ${p.errors} lỗi phải sửa trước khi công bố`,
    en: (p) => `The framework ${quoted(p.name)} has ${p.errors} error(s) to fix before it can be published`,
  },
  FRAMEWORK_IMPORT_REJECTED: {
    vi: () => 'Tệp bộ tiêu chí có lỗi phải sửa trước khi nhập; không ghi gì',
    en: () => 'The framework file has errors to fix before it can be imported; nothing was written',
  },
  FRAMEWORK_INCOMPLETE: {
    vi: (p) =>
      `Văn bản ${quoted(p.title)} không cho biết ${p.missing === 'group' ? 'nhóm đơn vị áp dụng' : 'năm áp dụng'}; hãy chọn khi xác nhận`,
    en: (p) =>
      `The document ${quoted(p.title)} does not say ${p.missing === 'group' ? 'which group of units it applies to' : 'which year it applies to'}; choose it when confirming`,
  },
  UNIT_GROUP_UNKNOWN: {
    vi: (p) => `Không có nhóm đơn vị "${p.group}"`,
    en: (p) => `No unit group "${p.group}"`,
  },
  RULE_ON_PARENT: {
    vi: (p) =>
      `Tiêu chí ${p.code} có tiêu chí con: điểm của nó là tổng điểm các tiêu chí con, không có cách tính riêng`,
    en: (p) =>
      `Criterion ${p.code} has sub-criteria: its score is the sum of theirs, it has no rule of its own`,
  },
  RULE_MISSING: {
    vi: (p) => `Tiêu chí ${p.code} cần có cách tính điểm`,
    en: (p) => `Criterion ${p.code} needs a scoring rule`,
  },
  FRAMEWORK_NO_PREVIOUS: {
    vi: (p) => `Bộ tiêu chí ${quoted(p.name)} không có phiên bản trước để so sánh`,
    en: (p) => `The framework ${quoted(p.name)} has no earlier version to compare with`,
  },
  CROSSWALK_CODE_UNKNOWN: {
    vi: (p) => `Không có tiêu chí mã ${p.code} trong bộ tiêu chí`,
    en: (p) => `No criterion with code ${p.code} in the framework`,
  },
  FRAMEWORK_YEARS: {
    vi: (p) => `Năm cuối áp dụng (${p.to}) không được trước năm đầu (${p.from})`,
    en: (p) => `The last year (${p.to}) cannot be before the first (${p.from})`,
  },
};
