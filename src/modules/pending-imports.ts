/**
 * Uploads kept between an import's preview and its confirmation (pending_imports), the one way for
 * every import wizard: kept under a random token for an hour (the expired ones dropped then), and
 * found again only by whoever uploaded it, for the kind of import (and the round) it was previewed
 * for — anything else is IMPORT_NOT_FOUND. Taking it (takePendingImport) belongs in the import's own
 * transaction, so that a second confirmation finds it gone.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../core/access.js';
import {
  deleteExpiredImports,
  findPendingImport,
  insertPendingImport,
  type PendingImportRecord,
} from '../db/pending-imports-repo.js';
import type { DB } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { AppError } from './errors.js';

/** How long an upload waits for its confirmation. */
const KEEP_MINUTES = 60;

export type PendingKind = PendingImportRecord['kind'];

interface Purpose {
  /** 'plan', 'framework', 'survey' (with its round) or 'results' (its pool, year and title kept as JSON in the file name) */
  kind: PendingKind;
  /** the round a survey's scores are for; null for the other kinds */
  roundId?: number | null;
}

/** Keeps the upload for its confirmation: the token the preview hands back, and until when it waits. */
export async function keepUpload(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  upload: { fileName: string; bytes: Uint8Array },
  purpose: Purpose,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + KEEP_MINUTES * 60_000).toISOString();
  await deleteExpiredImports(db, now.toISOString());
  await insertPendingImport(db, {
    token,
    user_id: actor.userId,
    file_name: upload.fileName,
    bytes: upload.bytes,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    kind: purpose.kind,
    round_id: purpose.roundId ?? null,
  });
  return { token, expiresAt };
}

/** The kept upload of this token, for this actor and purpose; IMPORT_NOT_FOUND otherwise. */
export async function keptUpload(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  token: string,
  purpose: Purpose,
): Promise<PendingImportRecord> {
  const pending = await findPendingImport(db, token, now.toISOString());
  if (
    !pending ||
    pending.user_id !== actor.userId ||
    pending.kind !== purpose.kind ||
    pending.round_id !== (purpose.roundId ?? null)
  ) {
    throw new AppError('IMPORT_NOT_FOUND');
  }
  return pending;
}
