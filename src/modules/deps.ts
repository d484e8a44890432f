/**
 * What every use-case is handed: the database and the clock (tests pass a fixed one). The HTTP server
 * builds one of these and passes it down; the use-cases' names for it (ImportDeps, EditDeps, …) are
 * aliases of it (ImportDeps adds how a file is read).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EvidenceLimits, EvidenceStore } from './evidence-store.js';
import type { Mailer } from './mail.js';

export interface Deps {
  db: Kysely<DB>;
  clock: () => Date;
  /**
   * The argon2id cost of new password hashes. Absent — as the server and the CLI always leave it —
   * it is the library's default (19 MiB, 2 passes: OWASP's minimum for argon2id). Tests set a
   * cheaper one (test/helpers/accounts.ts): a hash carries its own cost, so verifying follows it.
   */
  passwordCost?: PasswordCost;
}

export interface PasswordCost {
  /** KiB */
  memoryCost: number;
  timeCost: number;
}

/** What the server holds beyond that: the files and address a few use-cases need. */
export interface ServerDeps extends Deps {
  /** data/initial-admin.txt: deleted once the first administrator has changed the password */
  initialAdminFile?: string;
  /** the database's address (a PostgreSQL URL): lets the backup page run pg_dump */
  databaseAddress?: string;
  /**
   * Where evidence files go and how large they may be (modules/evidence.ts). `npm start` always sets
   * it (openEvidenceStore, evidenceLimits); a test app that never touches evidence may leave it out,
   * and the evidence routes then fail as a server error.
   */
  evidence?: EvidenceDeps;
  /** e-mail through SMTP (modules/mail.ts); absent or null: not configured, nothing is mailed */
  mailer?: Mailer | null;
}

/** The evidence store and its limits, as the server holds them. */
export interface EvidenceDeps {
  store: EvidenceStore;
  limits: EvidenceLimits;
}
