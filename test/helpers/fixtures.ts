/** Paths and bytes of the fixtures: the real appendices in ../shared/seeds. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_PATH = resolve(ROOT, '../shared/seeds/000_ec60236c2b8a4f74.txt');

export function seedBytes(): Uint8Array {
  return new Uint8Array(readFileSync(SEED_PATH));
}
