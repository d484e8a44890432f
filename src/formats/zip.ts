/**
 * The ZIP container of XLSX and DOCX files, opened without trusting it. The sizes a ZIP declares
 * are not believed: every entry the readers need is inflated here with the bytes actually produced
 * counted, and unpacking stops as soon as the total passes the limit (a 9 KB file may declare 4 KB
 * for an entry that inflates to gigabytes), and each is checked against its CRC-32. Pictures and
 * embedded objects are not inflated at all: no reader looks at them. What comes out is a ZIP of
 * stored (uncompressed) entries whose sizes are now true, for exceljs and mammoth to open.
 */
import { crc32 } from 'node:zlib';
import { Inflate, zipSync, type Zippable } from 'fflate';
import { MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES } from '../shared/limits.js';
import { ReadLimitError } from './errors.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read */
  method: number;
  compressedSize: number;
  /** the CRC-32 of the entry's content */
  crc: number;
  /** where the entry's local header starts */
  offset: number;
}

/** Thrown for a container whose directory does not hold together. */
export class CorruptZipError extends Error {
  constructor(why: string) {
    super(`corrupt ZIP: ${why}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries named by the central directory (the one ZIP readers, JSZip included, go by). */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new CorruptZipError('no end of central directory');
  let count = u16(end + 10);
  let directory = u32(end + 16);
  if ((count === 0xffff || directory === 0xffffffff) && end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const at = Number(view.getBigUint64(end - 20 + 8, true));
    if (at + 56 > bytes.length || u32(at) !== ZIP64_EOCD) throw new CorruptZipError('bad ZIP64 record');
    count = Number(view.getBigUint64(at + 32, true));
    directory = Number(view.getBigUint64(at + 48, true));
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new ReadLimitError({ name: 'entries', max: MAX_ZIP_ENTRIES });
  }
  const entries: ZipEntry[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) throw new CorruptZipError('bad directory entry');
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let compressedSize = u32(at + 20);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let offset = u32(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw new CorruptZipError('directory past the end');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, nameEnd));
    if (compressedSize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64: the real values sit in the extra field, in this order, only for the fields saturated
      const uncompressed32 = u32(at + 24);
      for (let x = nameEnd; x + 4 <= nameEnd + extraLength;) {
        const id = u16(x);
        const size = u16(x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          const next = () => {
            const v = Number(view.getBigUint64(f, true));
            f += 8;
            return v;
          };
          if (uncompressed32 === 0xffffffff) next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (offset === 0xffffffff) offset = next();
          break;
        }
        x += 4 + size;
      }
    }
    entries.push({ name, method, compressedSize, crc, offset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Parts no reader looks at: pictures, embedded objects, thumbnails. */
function ignored(name: string): boolean {
  return /(^|\/)(media|embeddings)\//i.test(name) || /^docProps\/thumbnail/i.test(name);
}

/** How much compressed data is fed to the inflater at a time: bounds the overshoot past the limit. */
const CHUNK = 4096;

/**
 * Inflates every entry a reader may need, counting the bytes produced; throws ReadLimitError when
 * the total passes MAX_UNPACKED_BYTES (naming the part where it did), CorruptZipError when an
 * entry cannot be inflated.
 */
export function unpackZip(bytes: Uint8Array, entries: readonly ZipEntry[]): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    if (ignored(entry.name)) {
      out.set(entry.name, new Uint8Array(0));
      continue;
    }
    const at = entry.offset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
      throw new CorruptZipError(`bad local header of ${entry.name}`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + entry.compressedSize > bytes.length) throw new CorruptZipError(`${entry.name} past the end`);
    const data = bytes.subarray(start, start + entry.compressedSize);
    const over = () => new ReadLimitError({ name: 'unpacked', max: MAX_UNPACKED_BYTES, part: entry.name });
    if (entry.method === 0) {
      total += data.length;
      if (total > MAX_UNPACKED_BYTES) throw over();
      out.set(entry.name, checked(entry, data));
      continue;
    }
    if (entry.method !== 8) throw new CorruptZipError(`compression method ${entry.method}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    let ended = false;
    const inflate = new Inflate((chunk, final) => {
      chunks.push(chunk);
      size += chunk.length;
      total += chunk.length;
      if (final) ended = true;
    });
    try {
      for (let p = 0; p < data.length && !ended; p += CHUNK) {
        inflate.push(data.subarray(p, p + CHUNK), p + CHUNK >= data.length);
        if (total > MAX_UNPACKED_BYTES) throw over();
      }
    } catch (error) {
      if (error instanceof ReadLimitError) throw error;
      throw new CorruptZipError(`${entry.name} does not inflate`);
    }
    if (!ended && data.length > 0) throw new CorruptZipError(`${entry.name} is truncated`);
    out.set(entry.name, checked(entry, concat(chunks, size)));
  }
  return out;
}

/** A damaged entry is refused at once, not handed to a parser that may choke on it for minutes. */
function checked(entry: ZipEntry, content: Uint8Array): Uint8Array {
  if (crc32(content) >>> 0 !== entry.crc) throw new CorruptZipError(`${entry.name} fails its CRC`);
  return content;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A ZIP of the given parts, stored without compression: its sizes are the true ones. */
export function storeZip(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of parts) files[name] = [data, { level: 0 }];
  return zipSync(files, { level: 0 });
}
