/**
 * The evidence store (modules/evidence-store.ts) and the type of an evidence file by its content
 * (formats/evidence-type.ts). One contract suite runs against the data folder and against s3rver, a
 * real S3-compatible server on a free port of 127.0.0.1 (no mock): a file is stored once under its
 * SHA-256, comes back whole, is refused when it no longer matches its key, and goes. Files of each
 * accepted type and s3rver come from helpers/evidence-files.ts; renamed, macro-enabled, damaged and
 * oversized ones are refused, the oversized one before anything is stored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, type EvidenceRefusal } from '../src/core/messages.js';
import { evidenceType, type EvidenceType } from '../src/formats/evidence-type.js';
import { AppError } from '../src/modules/errors.js';
import {
  acceptEvidence,
  evidenceLimits,
  FolderEvidenceStore,
  openEvidenceStore,
  S3EvidenceStore,
  type EvidenceStore,
} from '../src/modules/evidence-store.js';
import { docm, docx, JPEG, pdf, png, startLocalS3, xlsx, type LocalS3 } from './helpers/evidence-files.js';

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MB = 1024 * 1024;

/** The same ZIP with one part's text changed (deflated again by fflate). */
function rezip(bytes: Uint8Array, change: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(bytes);
  change(parts);
  return zipSync(parts);
}

const manifestReplaced = (bytes: Uint8Array, from: RegExp, to: string) =>
  rezip(bytes, (parts) => {
    parts['[Content_Types].xml'] = strToU8(
      new TextDecoder().decode(parts['[Content_Types].xml']).replace(from, to),
    );
  });

const LIMIT = 20 * MB;

async function refusal(bytes: Uint8Array, name: string, limit = LIMIT): Promise<EvidenceRefusal> {
  const verdict = await evidenceType(bytes, name, limit);
  if (verdict.ok) throw new Error(`${name} was accepted as ${verdict.type}`);
  return verdict.refusal;
}

describe('the type of an evidence file, by its content', () => {
  const built: [string, EvidenceType, () => Promise<Uint8Array> | Uint8Array, string][] = [
    ['quyet-dinh.pdf', 'pdf', pdf, 'application/pdf'],
    ['anh-chup.png', 'png', png, 'image/png'],
    ['anh-chup.jpg', 'jpeg', () => JPEG, 'image/jpeg'],
    ['bao-cao.docx', 'docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['so-lieu.xlsx', 'xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ];

  it.each(built)('%s is %s', async (name, type, make, mime) => {
    const bytes = await make();
    expect(await evidenceType(bytes, name, LIMIT)).toEqual({ ok: true, type, mime });
    // the name does not decide: without an extension, or in capitals, the content still does
    expect(await evidenceType(bytes, 'minh-chung', LIMIT)).toEqual({ ok: true, type, mime });
    expect(await evidenceType(bytes, name.toUpperCase(), LIMIT)).toEqual({ ok: true, type, mime });
  });

  it('takes .jpeg as well as .jpg', async () => {
    expect(await evidenceType(JPEG, 'ảnh hiện trường.jpeg', LIMIT)).toMatchObject({ ok: true, type: 'jpeg' });
  });

  it.each<[string, EvidenceType, () => Promise<Uint8Array> | Uint8Array]>([
    ['bao-cao.pdf', 'docx', docx],
    ['so-lieu.docx', 'xlsx', xlsx],
    ['anh.png', 'jpeg', () => JPEG],
    ['quyet-dinh.jpg', 'pdf', pdf],
    ['van-ban.xlsx', 'png', png],
  ])('%s whose content is %s is refused: the name says otherwise', async (name, type, make) => {
    const extension = name.split('.').pop()!;
    expect(await refusal(await make(), name)).toEqual({
      code: 'evidence.nameMismatch',
      params: { extension, type },
    });
  });

  it('refuses a plain ZIP renamed report.pdf, and a ZIP without Office parts under any name', async () => {
    const zip = zipSync({ 'ghi-chu.txt': strToU8('không phải văn bản Word') });
    for (const name of ['report.pdf', 'bao-cao.docx', 'minh-chung']) {
      expect(await refusal(zip, name)).toEqual({ code: 'evidence.unsupported', params: { detected: 'zip' } });
    }
  });

  it('refuses a macro-enabled document (.docm, .xlsm content) whatever its name', async () => {
    expect(await refusal(await docm(), 'bao-cao.docx')).toEqual({
      code: 'evidence.macros',
      params: { type: 'docx' },
    });
    const xlsm = manifestReplaced(
      await xlsx(),
      /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml/,
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    );
    expect(await refusal(xlsm, 'so-lieu.xlsx')).toEqual({
      code: 'evidence.macros',
      params: { type: 'xlsx' },
    });
    // a vbaProject.bin with an ordinary manifest is macros all the same
    const hidden = rezip(await docx(), (parts) => {
      parts['word/vbaProject.bin'] = new Uint8Array([1, 2, 3]);
    });
    expect(await refusal(hidden, 'bao-cao.docx')).toEqual({
      code: 'evidence.macros',
      params: { type: 'docx' },
    });
  });

  it('refuses a document whose manifest names a main part that is missing or damaged', async () => {
    const missing = rezip(await docx(), (parts) => {
      delete parts['word/document.xml'];
    });
    expect(await refusal(missing, 'bao-cao.docx')).toEqual({
      code: 'evidence.corrupt',
      params: { type: 'docx' },
    });
    // one byte of the stored (uncompressed) main part changed: its CRC-32 no longer holds
    const parts = unzipSync(await xlsx());
    const stored = zipSync(parts, { level: 0 });
    const at = Buffer.from(stored).indexOf('<workbook');
    expect(at).toBeGreaterThan(0);
    stored[at + 1] = stored[at + 1]! ^ 0x20;
    expect(await refusal(stored, 'so-lieu.xlsx')).toEqual({
      code: 'evidence.corrupt',
      params: { type: 'xlsx' },
    });
    // a ZIP cut short has no directory
    const docxBytes = await docx();
    expect(await refusal(docxBytes.subarray(0, docxBytes.length - 30), 'bao-cao.docx')).toEqual({
      code: 'evidence.corrupt',
      params: { type: 'zip' },
    });
  });

  it('refuses other kinds by what they are, and text with no signature at all', async () => {
    const gif = strToU8(
      'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,',
    );
    expect(await refusal(gif, 'anh.gif')).toEqual({
      code: 'evidence.unsupported',
      params: { detected: 'gif' },
    });
    const text = strToU8('Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính\n');
    expect(await refusal(text, 'bao-cao.pdf')).toEqual({
      code: 'evidence.unsupported',
      params: { detected: null },
    });
    expect(await refusal(new Uint8Array(0), 'rong.pdf')).toEqual({ code: 'evidence.empty', params: {} });
  });

  it('refuses a file over the limit by its size alone, before looking at it', async () => {
    const big = new Uint8Array(1024 + 1); // not even a known type: the size is checked first
    expect(await refusal(big, 'lon.pdf', 1024)).toEqual({
      code: 'evidence.tooLarge',
      params: { size: 1025, limit: 1024 },
    });
    expect((await evidenceType(pdf(), 'nho.pdf', pdf().length)).ok).toBe(true);
  });

  it('words a refusal in Vietnamese and English', async () => {
    const r = await refusal(await docx(), 'report.pdf');
    expect(render('EVIDENCE_REFUSED', { file: 'report.pdf', refusal: r }, 'vi')).toBe(
      'report.pdf: Tên tệp có đuôi .pdf nhưng nội dung là Word (DOCX): hãy kiểm tra lại tệp',
    );
    expect(render('EVIDENCE_REFUSED', { file: 'report.pdf', refusal: r }, 'en')).toBe(
      'report.pdf: The name ends in .pdf but the content is Word (DOCX): check the file',
    );
  });
});

// ---- the store: one contract, two places ----

const BUCKET = 'parindex-evidence';
let workDir: string;
let s3: LocalS3;
let endpoint: string;
const opened: S3EvidenceStore[] = [];

function s3Store(prefix?: string): S3EvidenceStore {
  const store = openEvidenceStore(s3.env(prefix));
  if (!(store instanceof S3EvidenceStore)) throw new Error('the S3 configuration did not give the S3 store');
  opened.push(store);
  return store;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'parindex-evidence-'));
  s3 = await startLocalS3(BUCKET);
  endpoint = s3.env().PARINDEX_S3_ENDPOINT!;
});

afterAll(async () => {
  for (const store of opened) store.close();
  await s3?.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface Place {
  store: () => EvidenceStore;
  /** replaces what is stored under the key with other bytes, behind the store's back */
  tamper: (store: EvidenceStore, key: string, bytes: Uint8Array) => Promise<void>;
}

let folders = 0;
const places: Record<'folder' | 's3', Place> = {
  folder: {
    store: () => openEvidenceStore({ PARINDEX_EVIDENCE_DIR: join(workDir, `folder-${++folders}`) }),
    tamper: (store, key, bytes) => {
      writeFileSync((store as FolderEvidenceStore).pathOf(key), bytes);
      return Promise.resolve();
    },
  },
  s3: {
    // each test its own prefix in the one bucket: no test sees another's files
    store: () => s3Store(`run-${++folders}/`),
    tamper: async (_store, key, bytes) => {
      const raw = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const prefix = (_store as S3EvidenceStore).label.split('/')[3];
      await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/${key}`, Body: bytes }));
      raw.destroy();
    },
  },
};

describe.each(['folder', 's3'] as const)('the evidence store in the %s', (where) => {
  const place = places[where];

  it('stores a file once under its SHA-256 and gives the same bytes back', async () => {
    const store = place.store();
    const bytes = pdf();
    const key = hex(bytes);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.put(bytes)).toEqual({ sha256: key, size: bytes.length, stored: true });
    expect(await store.put(new Uint8Array(bytes))).toEqual({
      sha256: key,
      size: bytes.length,
      stored: false,
    });
    expect(await store.has(key)).toBe(true);
    expect(Buffer.from((await store.get(key))!).equals(Buffer.from(bytes))).toBe(true);
    // another file is another object
    const other = png();
    expect((await store.put(other)).stored).toBe(true);
    expect(Buffer.from((await store.get(hex(other)))!).equals(Buffer.from(other))).toBe(true);
  });

  it('refuses to hand out a file that no longer matches its hash, and a new upload repairs it', async () => {
    const store = place.store();
    const bytes = await docx();
    const key = hex(bytes);
    await store.put(bytes);
    const altered = new Uint8Array(bytes);
    altered[altered.length - 10] = altered[altered.length - 10]! ^ 0xff;
    await place.tamper(store, key, altered);
    const error = await store.get(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).is('EVIDENCE_DAMAGED')).toBe(true);
    expect((error as AppError<'EVIDENCE_DAMAGED'>).params.sha256).toBe(key);
    // the same content uploaded again is stored again, over the damaged one
    expect((await store.put(bytes)).stored).toBe(true);
    expect(Buffer.from((await store.get(key))!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('removes a file; removing it again finds nothing', async () => {
    const store = place.store();
    const bytes = JPEG;
    const key = (await store.put(bytes)).sha256;
    expect(await store.remove(key)).toBe(true);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.remove(key)).toBe(false);
    // and it can come back
    expect((await store.put(bytes)).stored).toBe(true);
  });

  it('takes only a SHA-256 as a key', async () => {
    const store = place.store();
    for (const key of ['../../etc/passwd', 'AB'.repeat(32), `${'a'.repeat(63)}/`, '']) {
      await expect(store.get(key)).rejects.toThrow(/not a SHA-256/);
      await expect(store.remove(key)).rejects.toThrow(/not a SHA-256/);
    }
  });

  it('accepts evidence through every check and stores nothing it refuses', async () => {
    const store = place.store();
    const limits = { maxFileBytes: 64 * 1024, maxUnitBytes: 200 * 1024 };
    const none = { usedBytes: 0, holds: () => false };
    const accepted = await acceptEvidence(store, { name: 'so-lieu.xlsx', bytes: await xlsx() }, none, limits);
    expect(accepted).toMatchObject({ type: 'xlsx', stored: true });
    expect(await store.has(accepted.sha256)).toBe(true);

    const refused = async (name: string, bytes: Uint8Array, unit = none) => {
      const error = await acceptEvidence(store, { name, bytes }, unit, limits).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(await store.has(hex(bytes))).toBe(false);
      return (error as AppError<'EVIDENCE_REFUSED'>).params.refusal.code;
    };
    // an oversized PDF (a real one, padded past the limit): refused before it is stored
    const oversized = new Uint8Array(limits.maxFileBytes + 1);
    oversized.set(pdf());
    expect(await refused('lon.pdf', oversized)).toBe('evidence.tooLarge');
    expect(await refused('bao-cao.pdf', await docx())).toBe('evidence.nameMismatch');
    expect(await refused('report.pdf', zipSync({ 'a.txt': strToU8('a') }))).toBe('evidence.unsupported');
    // the unit's allowance: a new file past it is refused; a file the unit has already costs nothing
    const full = { usedBytes: limits.maxUnitBytes - png().length + 1, holds: () => false };
    expect(await refused('anh.png', png(), full)).toBe('evidence.unitFull');
    const again = await acceptEvidence(
      store,
      { name: 'so-lieu-ban-sao.xlsx', bytes: (await store.get(accepted.sha256))! },
      { usedBytes: limits.maxUnitBytes, holds: (key) => key === accepted.sha256 },
      limits,
    );
    expect(again).toMatchObject({ sha256: accepted.sha256, stored: false });
  });
});

describe('the data folder', () => {
  it('keeps each file at ab/cd/<sha256>, 0600, in 0700 folders, with no temporary file left', async () => {
    const root = join(workDir, 'layout');
    const store = new FolderEvidenceStore(root);
    const { sha256 } = await store.put(png());
    const path = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(store.pathOf(sha256)).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, sha256.slice(0, 2))).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4)))).toEqual([sha256]);
  });
});

describe('the configuration', () => {
  it('chooses the data folder by default and S3 when a bucket is named', () => {
    const folder = openEvidenceStore({});
    expect(folder).toBeInstanceOf(FolderEvidenceStore);
    expect(folder.label).toBe(join(process.cwd(), 'data/evidence'));
    const s3 = s3Store();
    expect(s3.label).toBe(`s3://${BUCKET}/evidence/ (${endpoint})`);
    expect(() => openEvidenceStore({ PARINDEX_S3_BUCKET: 'b', PARINDEX_S3_ACCESS_KEY_ID: 'x' })).toThrow(
      /together/,
    );
  });

  it('reads the limits in MB, 20 and 500 by default', () => {
    expect(evidenceLimits({})).toEqual({ maxFileBytes: 20 * MB, maxUnitBytes: 500 * MB });
    expect(
      evidenceLimits({ PARINDEX_EVIDENCE_MAX_FILE_MB: '5', PARINDEX_EVIDENCE_MAX_UNIT_MB: '0.5' }),
    ).toEqual({
      maxFileBytes: 5 * MB,
      maxUnitBytes: MB / 2,
    });
    expect(() => evidenceLimits({ PARINDEX_EVIDENCE_MAX_FILE_MB: 'hai mươi' })).toThrow(/positive/);
  });
});

describe('two app servers on one bucket', () => {
  it('see, read and remove each other’s files', async () => {
    const first = s3Store('shared/');
    const second = s3Store('shared/');
    const bytes = await xlsx();
    const { sha256 } = await first.put(bytes);
    expect(await second.has(sha256)).toBe(true);
    expect(Buffer.from((await second.get(sha256))!).equals(Buffer.from(bytes))).toBe(true);
    // the second one storing the same content finds it there: stored once
    expect((await second.put(bytes)).stored).toBe(false);
    expect(await second.remove(sha256)).toBe(true);
    expect(await first.has(sha256)).toBe(false);
  });
});
