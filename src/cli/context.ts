/** What a command file gets from main.ts: the output, the language, the database, the way to fail. */
import type { Command, Option } from 'commander';
import type { Lang } from '../core/findings.js';
import type { MessageCode, MessageParams } from '../core/messages.js';
import type { Database } from '../db/database.js';
import type { Io } from './main.js';

export interface CliContext {
  io: Io;
  /** the language chosen (--lang, PARINDEX_LANG), read when the command runs */
  lang(): Lang;
  /** a message of the catalog (core/messages.ts) in the chosen language */
  text<C extends MessageCode>(code: C, params: MessageParams[C]): string;
  /** `--db`, DATABASE_URL or the default: opened (and migrated) for `work`, closed after */
  withDatabase(flag: string | undefined, work: (database: Database) => Promise<void>): Promise<void>;
  /** stops the command with one line on stderr and this exit code (2: bad input or usage) */
  fail(message: string, exitCode?: number): never;
  setExitCode(code: number): void;
  /** the account changes are audited under: `cli:<OS user>` */
  user: string;
  now(): Date;
  /** the --db option every database command takes */
  dbOption(): Option;
}

export type CommandFile = (program: Command, cli: CliContext) => void;
