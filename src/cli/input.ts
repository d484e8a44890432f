/** Reading the file a command names: one line naming it when it is missing, not a file or too large. */
import { readFile, stat } from 'node:fs/promises';
import { MAX_FILE_BYTES, megabytes } from '../shared/limits.js';
import type { CliContext } from './context.js';

export async function readInput(cli: CliContext, file: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch {
    cli.fail(cli.text('cli.fileNotFound', { file }));
  }
  if (!info.isFile()) cli.fail(cli.text('cli.notAFile', { file }));
  if (info.size > MAX_FILE_BYTES)
    cli.fail(cli.text('cli.fileTooLarge', { file, limit: megabytes(MAX_FILE_BYTES) }));
  return new Uint8Array(await readFile(file));
}

/** A plan id argument: a positive whole number, or the command stops naming it. */
export function planIdOf(cli: CliContext, planId: string): number {
  if (!/^\d+$/.test(planId) || Number(planId) < 1) cli.fail(cli.text('cli.badId', { id: planId }));
  return Number(planId);
}
