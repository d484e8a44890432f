/**
 * Paths and bytes of the fixtures: the real appendices in ../shared/seeds beside the project. The
 * product ships the same file as its sample data (samples/); a clone without ../shared beside it
 * reads that copy, and test/samples.test.ts checks the two are the same bytes where both exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_SEED_PATH = resolve(ROOT, '../shared/seeds/000_ec60236c2b8a4f74.txt');
export const SAMPLE_PATH = resolve(ROOT, 'samples/phu-luc-dak-nong-2022-krong-no-2023.txt');
export const SEED_PATH = existsSync(SHARED_SEED_PATH) ? SHARED_SEED_PATH : SAMPLE_PATH;

export function seedBytes(): Uint8Array {
  return new Uint8Array(readFileSync(SEED_PATH));
}
