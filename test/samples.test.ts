/** The sample data a new installation starts with is the real seed, byte for byte. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PATH, SHARED_SEED_PATH } from './helpers/fixtures.js';

describe('samples/', () => {
  it.runIf(existsSync(SHARED_SEED_PATH))('holds the seed appendices unchanged', () => {
    expect(readFileSync(SAMPLE_PATH).equals(readFileSync(SHARED_SEED_PATH))).toBe(true);
  });

  it('is a non-empty appendix file', () => {
    expect(readFileSync(SAMPLE_PATH).length).toBeGreaterThan(50_000);
  });
});
