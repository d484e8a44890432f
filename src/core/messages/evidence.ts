/**
 * Evidence files (the proofs a unit attaches to its self-assessment): why one is refused and what
 * the store says when a stored file no longer matches its hash. Codes with typed parameters and a
 * Vietnamese and an English text, like every other message of the catalog.
 */
import type { Lang } from '../findings.js';
import type { None, Texts, TextsOf } from './texts.js';

/** The kinds of evidence file accepted, decided by content (formats/evidence-type.ts). */
export const EVIDENCE_TYPES = ['pdf', 'docx', 'xlsx', 'jpeg', 'png'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** Why a file is refused as evidence, with its parameters; sizes in bytes. */
export interface EvidenceRefusalParams {
  'evidence.empty': None;
  /** detected: what the content looks like (file-type's extension: "gif", "exe", "zip"), or null */
  'evidence.unsupported': { detected: string | null };
  /** the name's extension does not name the type the content has */
  'evidence.nameMismatch': { extension: string; type: EvidenceType };
  'evidence.macros': { type: EvidenceType };
  'evidence.corrupt': { type: EvidenceType | 'zip' };
  /** size: null when the upload was cut at the limit (its whole size is never read) */
  'evidence.tooLarge': { size: number | null; limit: number };
  /** the unit's files in the round would pass its allowance with this one */
  'evidence.unitFull': { used: number; size: number; limit: number };
}

export type EvidenceRefusalCode = keyof EvidenceRefusalParams;

/** A refusal as a value: its code and its parameters, typed together. */
export type EvidenceRefusal = {
  [C in EvidenceRefusalCode]: { code: C; params: EvidenceRefusalParams[C] };
}[EvidenceRefusalCode];

export interface EvidenceParams extends EvidenceRefusalParams {
  /** the object stored under this SHA-256 has other content: damaged or tampered with */
  'evidence.damaged': { sha256: string };
  /** `parindex evidence gc`: what was (or, with --dry-run, would be) removed */
  'evidence.gcDone': { removed: number; bytes: number; kept: number; dryRun: boolean; store: string };
  /** `parindex evidence gc`: a file the database refers to is not in the store */
  'evidence.gcMissing': { sha256: string; files: number };
  /** `parindex backup`: the evidence files are not in the database's backup */
  'evidence.backupNote': { store: string; files: number; bytes: number };
}

/** Why a change of a unit's evidence is refused in the explanation phase. */
export type ExplanationOnlyReason =
  /** the criterion was not returned to the unit */
  | 'not-returned'
  /** the file or link was there before the explanation phase (the appraisers saw it) */
  | 'earlier'
  /** an upload in the explanation phase names no criterion */
  | 'no-criterion';

/** The errors of the evidence use-cases (modules/evidence.ts). */
export interface EvidenceErrorParams {
  /** no evidence file of that id (in that unit of that round) */
  EVIDENCE_NOT_FOUND: { id: number };
  /** the file's bytes are not in the evidence store any more */
  EVIDENCE_MISSING: { name: string; sha256: string };
  /** inline display asked for a type the browser must not show (DOCX, XLSX) */
  EVIDENCE_NOT_INLINE: { name: string; type: EvidenceType };
  /** the self-assessment was submitted: it is withdrawn before its evidence changes */
  EVIDENCE_UNIT_SUBMITTED: { unit: string };
  /** the explanation phase allows new evidence for returned criteria only */
  EVIDENCE_EXPLANATION_ONLY: { code: string | null; reason: ExplanationOnlyReason };
}

const TYPE_WORDS: Record<EvidenceType | 'zip', string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  jpeg: 'JPEG',
  png: 'PNG',
  zip: 'ZIP',
};

/** Bytes as megabytes with one decimal (a decimal comma in Vietnamese). */
function mb(bytes: number, comma: boolean): string {
  const text = (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return `${comma ? text.replace('.', ',') : text} MB`;
}

const ACCEPTED = { vi: 'PDF, DOCX, XLSX, JPG hoặc PNG', en: 'PDF, DOCX, XLSX, JPG or PNG' };

export const EVIDENCE_TEXTS: TextsOf<EvidenceParams> = {
  'evidence.empty': { vi: () => 'Tệp rỗng', en: () => 'The file is empty' },
  'evidence.unsupported': {
    vi: (p) =>
      `Loại tệp không được nhận làm minh chứng${p.detected ? ` (nội dung là ${p.detected.toUpperCase()})` : ''}: chỉ nhận ${ACCEPTED.vi}`,
    en: (p) =>
      `This kind of file is not accepted as evidence${p.detected ? ` (its content is ${p.detected.toUpperCase()})` : ''}: only ${ACCEPTED.en}`,
  },
  'evidence.nameMismatch': {
    vi: (p) =>
      `Tên tệp có đuôi .${p.extension} nhưng nội dung là ${TYPE_WORDS[p.type]}: hãy kiểm tra lại tệp`,
    en: (p) => `The name ends in .${p.extension} but the content is ${TYPE_WORDS[p.type]}: check the file`,
  },
  'evidence.macros': {
    vi: (p) => `Tệp ${TYPE_WORDS[p.type]} có chứa macro: hãy lưu lại dưới dạng không có macro`,
    en: (p) => `The ${TYPE_WORDS[p.type]} file contains macros: save it again without macros`,
  },
  'evidence.corrupt': {
    vi: (p) => `Tệp ${TYPE_WORDS[p.type]} bị hỏng, không mở được`,
    en: (p) => `The ${TYPE_WORDS[p.type]} file is damaged and cannot be opened`,
  },
  'evidence.tooLarge': {
    vi: (p) =>
      p.size === null
        ? `Tệp quá lớn (tối đa ${mb(p.limit, true)} mỗi tệp)`
        : `Tệp quá lớn (${mb(p.size, true)}; tối đa ${mb(p.limit, true)} mỗi tệp)`,
    en: (p) =>
      p.size === null
        ? `The file is too large (limit ${mb(p.limit, false)} per file)`
        : `The file is too large (${mb(p.size, false)}; limit ${mb(p.limit, false)} per file)`,
  },
  'evidence.unitFull': {
    vi: (p) =>
      `Đơn vị đã dùng ${mb(p.used, true)} cho minh chứng của kỳ đánh giá; thêm tệp này (${mb(p.size, true)}) sẽ vượt mức ${mb(p.limit, true)}`,
    en: (p) =>
      `The unit's evidence for this round takes ${mb(p.used, false)}; this file (${mb(p.size, false)}) would pass the ${mb(p.limit, false)} allowance`,
  },
  'evidence.damaged': {
    vi: (p) =>
      `Tệp minh chứng đã lưu ${p.sha256.slice(0, 12)}… không còn khớp mã băm của nó (hỏng hoặc bị sửa): hãy khôi phục từ bản sao lưu`,
    en: (p) =>
      `The stored evidence file ${p.sha256.slice(0, 12)}… no longer matches its hash (damaged or altered): restore it from a backup`,
  },

  'evidence.gcDone': {
    vi: (p) =>
      `${p.dryRun ? 'Sẽ xóa' : 'Đã xóa'} ${p.removed} tệp minh chứng không còn được dùng (${mb(p.bytes, true)}) khỏi ${p.store}; giữ ${p.kept} tệp`,
    en: (p) =>
      `${p.dryRun ? 'Would remove' : 'Removed'} ${p.removed} evidence file(s) no longer used (${mb(p.bytes, false)}) from ${p.store}; kept ${p.kept}`,
  },
  'evidence.gcMissing': {
    vi: (p) =>
      `Thiếu tệp minh chứng ${p.sha256.slice(0, 12)}… trong kho (${p.files} bản ghi trỏ tới): hãy khôi phục kho minh chứng từ bản sao lưu`,
    en: (p) =>
      `The evidence file ${p.sha256.slice(0, 12)}… is missing from the store (${p.files} record(s) refer to it): restore the evidence store from its backup`,
  },
  'evidence.backupNote': {
    vi: (p) =>
      `Lưu ý: tài liệu kiểm chứng (${p.files} tệp, ${mb(p.bytes, true)}) KHÔNG nằm trong bản sao lưu này; hãy sao lưu riêng ${p.store} cùng lúc (xem docs/decisions/0013-evidence-store.md)`,
    en: (p) =>
      `Note: the evidence files (${p.files}, ${mb(p.bytes, false)}) are NOT in this backup; back up ${p.store} separately at the same time (see docs/decisions/0013-evidence-store.md)`,
  },
};

const REASON: Record<Lang, Record<ExplanationOnlyReason, (code: string | null) => string>> = {
  vi: {
    'not-returned': (code) => `tiêu chí ${code ?? ''} không bị trả lại`,
    earlier: () => 'minh chứng này đã có từ trước giai đoạn giải trình, đoàn thẩm định đã xem',
    'no-criterion': () => 'hãy chọn tiêu chí bị trả lại mà tệp này bổ sung',
  },
  en: {
    'not-returned': (code) => `the criterion ${code ?? ''} was not returned`,
    earlier: () => 'this evidence was there before the explanation phase and the appraisers saw it',
    'no-criterion': () => 'choose the returned criterion this file supports',
  },
};

export const EVIDENCE_ERROR_TEXTS: TextsOf<EvidenceErrorParams> = {
  EVIDENCE_NOT_FOUND: {
    vi: (p) => `Không có tệp minh chứng #${p.id}`,
    en: (p) => `No evidence file #${p.id}`,
  },
  EVIDENCE_MISSING: {
    vi: (p) =>
      `Tệp minh chứng «${p.name}» (${p.sha256.slice(0, 12)}…) không còn trong kho lưu trữ: hãy khôi phục kho minh chứng từ bản sao lưu`,
    en: (p) =>
      `The evidence file «${p.name}» (${p.sha256.slice(0, 12)}…) is missing from the store: restore the evidence store from its backup`,
  },
  EVIDENCE_NOT_INLINE: {
    vi: (p) => `Không xem trực tiếp được tệp ${TYPE_WORDS[p.type]} «${p.name}» trong trình duyệt: hãy tải về`,
    en: (p) => `The ${TYPE_WORDS[p.type]} file «${p.name}» cannot be shown in the browser: download it`,
  },
  EVIDENCE_UNIT_SUBMITTED: {
    vi: (p) => `${p.unit} đã gửi kết quả tự đánh giá: hãy rút lại trước khi sửa minh chứng`,
    en: (p) => `${p.unit} has submitted its self-assessment: withdraw it before changing its evidence`,
  },
  EVIDENCE_EXPLANATION_ONLY: {
    vi: (p) =>
      `Trong giai đoạn giải trình chỉ được bổ sung minh chứng cho tiêu chí bị trả lại: ${REASON.vi[p.reason](p.code).trim()}`,
    en: (p) =>
      `In the explanation phase only returned criteria take new evidence: ${REASON.en[p.reason](p.code).trim()}`,
  },
};

/** The text of a refusal in one language. */
export function evidenceRefusalText(refusal: EvidenceRefusal, lang: Lang): string {
  const texts = EVIDENCE_TEXTS[refusal.code] as Texts<EvidenceRefusal['params']>;
  return texts[lang](refusal.params);
}
