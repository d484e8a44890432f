/**
 * The type of an evidence file, decided by its content, never by its name: PDF, JPEG and PNG by
 * their signatures (file-type), DOCX and XLSX by the parts of the ZIP (zip.ts, which believes none of
 * the sizes the container declares): the main part's content type in [Content_Types].xml and that
 * part present. A macro-enabled document, a template, any other ZIP or anything else is refused, and
 * so is a name whose extension names another type than the content's (report.pdf that is a ZIP).
 * Pure over bytes: nothing here touches the disk.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { EvidenceRefusal, EvidenceType } from '../core/messages.js';
import { CorruptZipError, listZip, unpackZip } from './zip.js';
import { ReadLimitError } from './errors.js';

export type { EvidenceRefusal, EvidenceType } from '../core/messages.js';

export type EvidenceVerdict =
  { ok: true; type: EvidenceType; mime: string } | { ok: false; refusal: EvidenceRefusal };

export const EVIDENCE_MIME: Record<EvidenceType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The extensions a name may end in for each type (a name without an extension is accepted). */
const EXTENSIONS: Record<EvidenceType, readonly string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png'],
};

/** The main part's content type of each Office type, and of its macro-enabled twin. */
const OFFICE: readonly { type: EvidenceType & ('docx' | 'xlsx'); main: RegExp; macros: RegExp }[] = [
  {
    type: 'docx',
    main: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml$/i,
    macros: /^application\/vnd\.ms-word\.document\.macroEnabled\.main\+xml$/i,
  },
  {
    type: 'xlsx',
    main: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml$/i,
    macros: /^application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml$/i,
  },
];

const refuse = (refusal: EvidenceRefusal): EvidenceVerdict => ({ ok: false, refusal });

/** The extension of a file name, lower case, or null when it has none. */
export function extensionOf(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const match = /\.([a-z0-9]{1,8})$/i.exec(base);
  return match && match.index > 0 ? match[1]!.toLowerCase() : null;
}

/**
 * The verdict on one file: its size against the limit first (nothing is sniffed past it), then its
 * content, then its name against its content.
 */
export async function evidenceType(
  bytes: Uint8Array,
  name: string,
  maxFileBytes: number,
): Promise<EvidenceVerdict> {
  if (bytes.length === 0) return refuse({ code: 'evidence.empty', params: {} });
  if (bytes.length > maxFileBytes) {
    return refuse({ code: 'evidence.tooLarge', params: { size: bytes.length, limit: maxFileBytes } });
  }
  const verdict = await byContent(bytes);
  if (!verdict.ok) return verdict;
  const extension = extensionOf(name);
  if (extension !== null && !EXTENSIONS[verdict.type].includes(extension)) {
    return refuse({ code: 'evidence.nameMismatch', params: { extension, type: verdict.type } });
  }
  return verdict;
}

async function byContent(bytes: Uint8Array): Promise<EvidenceVerdict> {
  // a ZIP is looked into here, not by file-type's own ZIP reader: its sizes are not believed
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    return office(bytes);
  }
  const found = await fileTypeFromBuffer(bytes);
  switch (found?.ext) {
    case 'pdf':
      return { ok: true, type: 'pdf', mime: EVIDENCE_MIME.pdf };
    case 'jpg':
      return { ok: true, type: 'jpeg', mime: EVIDENCE_MIME.jpeg };
    case 'png':
    case 'apng':
      return { ok: true, type: 'png', mime: EVIDENCE_MIME.png };
    default:
      return refuse({ code: 'evidence.unsupported', params: { detected: found?.ext ?? null } });
  }
}

function office(bytes: Uint8Array): EvidenceVerdict {
  try {
    const entries = listZip(bytes);
    const manifest = entries.find((e) => e.name === '[Content_Types].xml');
    if (!manifest) return refuse({ code: 'evidence.unsupported', params: { detected: 'zip' } });
    const types = new TextDecoder().decode(unpackZip(bytes, [manifest]).get(manifest.name));
    const mains: { type: 'docx' | 'xlsx'; macros: boolean; part: string }[] = [];
    for (const [, attributes = ''] of types.matchAll(/<(?:\w+:)?Override\b([^>]*)>/g)) {
      const part = /\bPartName\s*=\s*"\/?([^"]*)"/.exec(attributes)?.[1];
      const contentType = /\bContentType\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
      if (!part || !contentType) continue;
      for (const kind of OFFICE) {
        const macros = kind.macros.test(contentType);
        if (kind.main.test(contentType) || macros) mains.push({ type: kind.type, macros, part });
      }
    }
    const [main] = mains;
    if (!main || mains.length > 1) {
      const detected = /presentationml/i.test(types) ? 'pptx' : 'zip';
      return refuse({ code: 'evidence.unsupported', params: { detected } });
    }
    if (main.macros || entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
      return refuse({ code: 'evidence.macros', params: { type: main.type } });
    }
    // the main part must be there and inflate to what its CRC-32 says: a manifest alone is no document
    const body = entries.find((e) => e.name === main.part);
    if (!body) return refuse({ code: 'evidence.corrupt', params: { type: main.type } });
    try {
      unpackZip(bytes, [body]);
    } catch (error) {
      if (error instanceof CorruptZipError)
        return refuse({ code: 'evidence.corrupt', params: { type: main.type } });
      throw error;
    }
    return { ok: true, type: main.type, mime: EVIDENCE_MIME[main.type] };
  } catch (error) {
    if (error instanceof CorruptZipError || error instanceof ReadLimitError) {
      return refuse({ code: 'evidence.corrupt', params: { type: 'zip' } });
    }
    throw error;
  }
}
