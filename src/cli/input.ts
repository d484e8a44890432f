/**
 * Reading the file a command names: one line naming it when it is missing, not a file or too large;
 * plan ids; repeated options and --map "Tên=ID" pairs.
 */
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

/** A repeatable option's values (commander's argParser): each one added to the list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --map "Tên=ID" pairs: a name in the file → a unit's id; a malformed pair stops the command naming it. */
export function mappingOf(cli: CliContext, pairs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const id = pair.slice(at + 1).trim();
    if (at < 1 || name === '' || !/^\d+$/.test(id) || Number(id) < 1)
      cli.fail(cli.text('cli.badMap', { text: pair }));
    out[name] = Number(id);
  }
  return out;
}
