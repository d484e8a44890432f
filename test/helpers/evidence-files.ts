/**
 * Evidence files built in the tests (no fixture files): a PDF and a PNG written byte by byte, a JPEG
 * Chromium encoded, DOCX and XLSX from the docx and exceljs libraries, a macro-enabled twin of the
 * DOCX, a Windows executable; and s3rver, a real S3-compatible server started on a free port of
 * 127.0.0.1 (no mock), with the environment an app server uses to reach it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';

/** A one-page PDF written by hand, with a true cross-reference table; `padding` bytes of comment after it. */
export function pdf(title = 'Kế hoạch CCHC', padding = 0): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let text = `%PDF-1.4\n% ${title}\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text);
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) text += `${String(at).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  if (padding > 0) text += `%${'x'.repeat(padding)}\n`;
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** A 1×1 PNG of one colour: signature, IHDR, IDAT (deflated scanline), IEND, each chunk with its CRC-32. */
export function png(rgb: [number, number, number] = [0xc0, 0x39, 0x2b]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/** A 2×2 JPEG as Chromium encodes a canvas (canvas.toDataURL('image/jpeg', 0.5)). */
export const JPEG = new Uint8Array(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCeACoH/9k=',
    'base64',
  ),
);

export async function docx(
  text = 'Quyết định ban hành Kế hoạch cải cách hành chính năm 2026',
): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: [new Paragraph(text)] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

export async function xlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Minh chứng');
  sheet.addRow(['Tiêu chí', 'Số văn bản']);
  sheet.addRow(['1.1.1', '15/KH-UBND']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The DOCX made macro-enabled: its main part's content type is a .docm's, and a vbaProject.bin beside it. */
export async function docm(): Promise<Uint8Array> {
  const parts = unzipSync(await docx());
  parts['[Content_Types].xml'] = strToU8(
    new TextDecoder()
      .decode(parts['[Content_Types].xml'])
      .replace(
        /application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml/,
        'application/vnd.ms-word.document.macroEnabled.main+xml',
      ),
  );
  parts['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return zipSync(parts);
}

/** A Windows executable's beginning: the MZ header pointing at a PE signature. */
export function exe(): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0x4d, 0x5a], 0);
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  bytes.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return bytes;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

export interface LocalS3 {
  /** the environment an app server reads to use the bucket (modules/evidence-store.ts#openEvidenceStore) */
  env(prefix?: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** s3rver on a free port of 127.0.0.1 with one bucket, its files in a temporary folder. */
export async function startLocalS3(bucket = 'parindex-evidence'): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = mkdtempSync(join(tmpdir(), 'parindex-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    env: (prefix = 'evidence/') => ({
      PARINDEX_S3_BUCKET: bucket,
      PARINDEX_S3_ENDPOINT: endpoint,
      PARINDEX_S3_REGION: 'us-east-1',
      PARINDEX_S3_ACCESS_KEY_ID: 'S3RVER',
      PARINDEX_S3_SECRET_ACCESS_KEY: 'S3RVER',
      PARINDEX_S3_PREFIX: prefix,
    }),
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
