/**
 * Where evidence files are kept: under their SHA-256, so one file is stored once however many
 * criteria (and units) it supports. Two stores behind one interface — the data folder by default,
 * S3-compatible object storage when PARINDEX_S3_BUCKET is set (several app servers then share the
 * files) — chosen from the configuration in one place, `openEvidenceStore`. Every read re-hashes
 * what comes back: a file that no longer matches its key is never handed out (EVIDENCE_DAMAGED).
 * `acceptEvidence` is what an upload goes through: size, type by content, the unit's allowance, then
 * the store. See docs/decisions/0013-evidence-store.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { evidenceType, type EvidenceType, type EvidenceVerdict } from '../formats/evidence-type.js';
import { EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_UNIT_BYTES } from '../shared/limits.js';
import { AppError } from './errors.js';
import { sha256 } from './hash.js';

export interface StoredEvidence {
  sha256: string;
  size: number;
  /** false when a file of that content was there already */
  stored: boolean;
}

export interface EvidenceStore {
  /** where the files are, without any secret: shown to an administrator */
  readonly label: string;
  put(bytes: Uint8Array): Promise<StoredEvidence>;
  /** the file's bytes, checked against their hash (EVIDENCE_DAMAGED when they differ); null when absent */
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
  /** true when there was a file to remove */
  remove(sha256: string): Promise<boolean>;
  /** every file stored, with when it was written (`parindex evidence gc` compares them with the database) */
  list(): AsyncIterable<ListedEvidence>;
}

export interface ListedEvidence {
  sha256: string;
  size: number;
  modifiedAt: Date;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkedKey(key: string): string {
  // the key becomes a path or an object name: only a digest may get there
  if (!SHA256.test(key)) throw new Error(`not a SHA-256: ${key.slice(0, 80)}`);
  return key;
}

/** The bytes that came back, or EVIDENCE_DAMAGED when they are not the ones stored under the key. */
function verified(key: string, bytes: Uint8Array): Uint8Array {
  if (sha256(bytes) !== key) throw new AppError('EVIDENCE_DAMAGED', { sha256: key });
  return bytes;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * The data folder: `<root>/ab/cd/<sha256>`, folders 0700 and files 0600. A file is written to a
 * temporary name beside its place, flushed, then renamed onto it, so a reader sees the whole file
 * or none; two servers storing the same content at once both rename the same bytes into place.
 */
export class FolderEvidenceStore implements EvidenceStore {
  readonly root: string;
  readonly label: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.label = this.root;
  }

  pathOf(key: string): string {
    checkedKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(bytes: Uint8Array): Promise<StoredEvidence> {
    const key = sha256(bytes);
    const path = this.pathOf(key);
    const existing = await this.read(path);
    // a file already there is kept when it is whole; a damaged one is replaced by the good bytes
    if (existing && sha256(existing) === key) return { sha256: key, size: bytes.length, stored: false };
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { sha256: key, size: bytes.length, stored: true };
  }

  async get(key: string): Promise<Uint8Array | null> {
    const bytes = await this.read(this.pathOf(key));
    return bytes && verified(key, bytes);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async remove(key: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(key));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<ListedEvidence> {
    const names = async (dir: string) => {
      try {
        return await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    };
    for (const a of (await names(this.root)).filter((n) => /^[0-9a-f]{2}$/.test(n)).sort()) {
      for (const b of (await names(join(this.root, a))).filter((n) => /^[0-9a-f]{2}$/.test(n)).sort()) {
        for (const name of (await names(join(this.root, a, b))).sort()) {
          if (!SHA256.test(name) || !name.startsWith(a + b)) continue;
          const info = await stat(join(this.root, a, b, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
        }
      }
    }
  }

  private async read(path: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}

export interface S3EvidenceOptions {
  bucket: string;
  /** prepended to each key, e.g. "evidence/" */
  prefix: string;
  /** an S3-compatible server's address (MinIO, Ceph, s3rver…); none for AWS itself */
  endpoint: string | null;
  region: string;
  /** none: the SDK's usual chain (environment, profile, instance role) */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** bucket in the path, not in the host name: what S3-compatible servers expect */
  forcePathStyle: boolean;
}

/** S3-compatible object storage: one object per file, named prefix + SHA-256. */
export class S3EvidenceStore implements EvidenceStore {
  readonly label: string;
  private readonly client: S3Client;

  constructor(private readonly options: S3EvidenceOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    this.label = `s3://${options.bucket}/${options.prefix}${options.endpoint ? ` (${options.endpoint})` : ''}`;
  }

  private objectOf(key: string) {
    return { Bucket: this.options.bucket, Key: `${this.options.prefix}${checkedKey(key)}` };
  }

  async put(bytes: Uint8Array): Promise<StoredEvidence> {
    const key = sha256(bytes);
    const existing = await this.fetch(key);
    if (existing && sha256(existing) === key) return { sha256: key, size: bytes.length, stored: false };
    await this.client.send(
      new PutObjectCommand({
        ...this.objectOf(key),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
    return { sha256: key, size: bytes.length, stored: true };
  }

  async get(key: string): Promise<Uint8Array | null> {
    const bytes = await this.fetch(key);
    return bytes && verified(key, bytes);
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand(this.objectOf(key)));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async remove(key: string): Promise<boolean> {
    // S3 answers a delete of a missing object as a success: ask first
    if (!(await this.has(key))) return false;
    await this.client.send(new DeleteObjectCommand(this.objectOf(key)));
    return true;
  }

  async *list(): AsyncIterable<ListedEvidence> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: this.options.prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.options.prefix.length) ?? '';
        if (!SHA256.test(key)) continue;
        yield { sha256: key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** for the tests and the server's shutdown */
  close(): void {
    this.client.destroy();
  }

  private async fetch(key: string): Promise<Uint8Array | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand(this.objectOf(key)));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array(0);
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }
}

function notFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

export interface EvidenceLimits {
  maxFileBytes: number;
  maxUnitBytes: number;
}

export const DEFAULT_EVIDENCE_DIR = 'data/evidence';

/** A positive number of megabytes from the environment, or the default. */
function megabytesFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of MB`);
  return Math.floor(value * 1024 * 1024);
}

/** The evidence limits from the configuration (README, Configuration). */
export function evidenceLimits(env: NodeJS.ProcessEnv = process.env): EvidenceLimits {
  return {
    maxFileBytes: megabytesFrom(env, 'PARINDEX_EVIDENCE_MAX_FILE_MB', EVIDENCE_MAX_FILE_BYTES),
    maxUnitBytes: megabytesFrom(env, 'PARINDEX_EVIDENCE_MAX_UNIT_MB', EVIDENCE_MAX_UNIT_BYTES),
  };
}

/**
 * The one place the store is chosen: S3 when PARINDEX_S3_BUCKET is set (with PARINDEX_S3_ENDPOINT,
 * PARINDEX_S3_REGION, PARINDEX_S3_PREFIX, PARINDEX_S3_ACCESS_KEY_ID and PARINDEX_S3_SECRET_ACCESS_KEY,
 * PARINDEX_S3_FORCE_PATH_STYLE), otherwise the folder PARINDEX_EVIDENCE_DIR (data/evidence).
 */
export function openEvidenceStore(env: NodeJS.ProcessEnv = process.env): EvidenceStore {
  const bucket = env.PARINDEX_S3_BUCKET?.trim();
  if (!bucket) return new FolderEvidenceStore(env.PARINDEX_EVIDENCE_DIR?.trim() || DEFAULT_EVIDENCE_DIR);
  const accessKeyId = env.PARINDEX_S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.PARINDEX_S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('PARINDEX_S3_ACCESS_KEY_ID and PARINDEX_S3_SECRET_ACCESS_KEY go together');
  }
  const endpoint = env.PARINDEX_S3_ENDPOINT?.trim() || null;
  const pathStyle = env.PARINDEX_S3_FORCE_PATH_STYLE?.trim();
  return new S3EvidenceStore({
    bucket,
    prefix: env.PARINDEX_S3_PREFIX ?? 'evidence/',
    endpoint,
    region: env.PARINDEX_S3_REGION?.trim() || 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
    // an S3-compatible server nearly always wants the bucket in the path; AWS takes either
    forcePathStyle: pathStyle ? pathStyle === '1' || pathStyle === 'true' : endpoint !== null,
  });
}

export interface AcceptedEvidence extends StoredEvidence {
  type: EvidenceType;
  mime: string;
}

/** What a unit's files of the round take already: the caller reads it from the database. */
export interface UnitEvidenceUsage {
  /** the bytes of the unit's files of the round, each file counted once */
  usedBytes: number;
  /** whether the unit has this file already (it costs nothing again) */
  holds(sha256: string): boolean | Promise<boolean>;
}

/**
 * An uploaded evidence file through every check, then into the store: its size (before anything is
 * looked at), its type by content and its name, then the unit's allowance. The sum is the caller's
 * (the database knows which files a unit has in a round); this checks it. Refusals are
 * EVIDENCE_REFUSED; nothing refused reaches the store. `verdict`: the type already decided off the
 * server's thread (formats/read-pool.ts#evidenceTypeInPool), so it is not decided again here.
 */
export async function acceptEvidence(
  store: EvidenceStore,
  file: { name: string; bytes: Uint8Array },
  unit: UnitEvidenceUsage,
  limits: EvidenceLimits = evidenceLimits(),
  decided?: EvidenceVerdict,
): Promise<AcceptedEvidence> {
  const verdict = decided ?? (await evidenceType(file.bytes, file.name, limits.maxFileBytes));
  if (!verdict.ok) throw new AppError('EVIDENCE_REFUSED', { file: file.name, refusal: verdict.refusal });
  const size = file.bytes.length;
  if (unit.usedBytes + size > limits.maxUnitBytes && !(await unit.holds(sha256(file.bytes)))) {
    throw new AppError('EVIDENCE_REFUSED', {
      file: file.name,
      refusal: {
        code: 'evidence.unitFull',
        params: { used: unit.usedBytes, size, limit: limits.maxUnitBytes },
      },
    });
  }
  const stored = await store.put(file.bytes);
  return { ...stored, type: verdict.type, mime: verdict.mime };
}
