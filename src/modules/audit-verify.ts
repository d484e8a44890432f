/**
 * Checking the audit trail's chain (`parindex audit verify`, a restore, the backup page): every entry
 * links to the one before and its content gives its hash, and anchors kept outside the database
 * still match. The head names the last entry; an operator keeps it outside (`parindex audit anchor`).
 */
import type { Kysely } from 'kysely';
import { auditEntriesAfter, readAuditHead } from '../db/audit-repo.js';
import type { DB } from '../db/schema.js';
import { entryHash, GENESIS_HASH } from './audit.js';

/** The head of the chain: what an operator keeps outside the database (`parindex audit anchor`). */
export interface AuditHead {
  /** the last entry's id (0: no entry yet) */
  id: number;
  hash: string;
  /** entries appended */
  entries: number;
}

export async function auditHead(db: Kysely<DB>): Promise<AuditHead> {
  const head = await readAuditHead(db);
  return { id: head.last_id, hash: head.last_hash, entries: Number(head.appended) };
}

/** An entry known from outside the database: the trail must still hold it with that hash. */
export interface AuditAnchor {
  id: number;
  hash: string;
}

/** "1234:9f86d0…" → an anchor, or null when it is not one. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^\s*#?(\d+)\s*:\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.id}:${anchor.hash}`;
}

export type VerifyFailure =
  /** an entry's content does not give its hash */
  | 'content'
  /** an entry does not carry the hash of the one before (removed or moved) */
  | 'link'
  /** ids do not run 1, 2, 3… (entries missing at the start or in between) */
  | 'gap'
  /** the last entry is not the head's (entries at the end removed, or the head moved) */
  | 'head'
  /** the trail does not hold as many entries as the head counted */
  | 'count'
  /** an anchor kept outside the database: its entry is gone or has another hash */
  | 'anchor';

export type VerifyResult =
  | { ok: true; entries: number; lastHash: string; lastId: number }
  | { ok: false; entries: number; id: number | null; reason: VerifyFailure };

/**
 * Walks the chain from the first entry: each links to the one before, its content gives its hash,
 * ids run from 1 without gaps; the head names the last entry and counts them all; every anchor's
 * entry is still there with its hash. Names the first entry where any of this does not hold.
 */
export async function verifyAudit(
  db: Kysely<DB>,
  options: { anchors?: readonly AuditAnchor[] } = {},
): Promise<VerifyResult> {
  const anchors = new Map((options.anchors ?? []).map((a) => [a.id, a.hash]));
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  for (;;) {
    const rows = await auditEntriesAfter(db, lastId, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev) return { ok: false, entries: count, id: row.id, reason: 'link' };
      const { id: _id, prev_hash: _p, hash, ...content } = row;
      if (entryHash(prev, content) !== hash)
        return { ok: false, entries: count, id: row.id, reason: 'content' };
      // a chain rebuilt from a later entry on links and hashes well, but cannot start at id 1
      if (row.id !== lastId + 1) return { ok: false, entries: count, id: row.id, reason: 'gap' };
      const anchored = anchors.get(row.id);
      if (anchored !== undefined && anchored !== hash)
        return { ok: false, entries: count, id: row.id, reason: 'anchor' };
      prev = hash;
      count += 1;
      lastId = row.id;
    }
  }
  for (const id of anchors.keys())
    if (id > lastId) return { ok: false, entries: count, id, reason: 'anchor' };
  const head = await auditHead(db);
  // entries removed from the end leave a head that no longer matches the last entry
  if (head.hash !== prev || head.id !== lastId)
    return { ok: false, entries: count, id: null, reason: 'head' };
  if (head.entries !== count) return { ok: false, entries: count, id: null, reason: 'count' };
  return { ok: true, entries: count, lastHash: prev, lastId };
}
