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
  'evidence.tooLarge': { size: number; limit: number };
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
    vi: (p) => `Tệp quá lớn (${mb(p.size, true)}; tối đa ${mb(p.limit, true)} mỗi tệp)`,
    en: (p) => `The file is too large (${mb(p.size, false)}; limit ${mb(p.limit, false)} per file)`,
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
};

/** The text of a refusal in one language. */
export function evidenceRefusalText(refusal: EvidenceRefusal, lang: Lang): string {
  const texts = EVIDENCE_TEXTS[refusal.code] as Texts<EvidenceRefusal['params']>;
  return texts[lang](refusal.params);
}
