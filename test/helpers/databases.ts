/**
 * The two engines every repository test runs on: an SQLite file in a temporary folder, and a fresh
 * PostgreSQL database created for the test file on the local server (dropped afterwards).
 * PARINDEX_TEST_POSTGRES names the server; a missing server fails the tests, never skips them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

export const POSTGRES_ADMIN_URL =
  process.env.PARINDEX_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  address: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-test-'));
    const address = join(dir, 'test.sqlite');
    return {
      kind,
      address,
      open: () => openDatabase(address),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `parindex_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const address = url.toString();
  return {
    kind,
    address,
    open: () => openDatabase(address),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const ENGINES = ['sqlite', 'postgres'] as const;
