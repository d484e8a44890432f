/**
 * Running the server (issue 13 point 5): readiness (GET /api/ready: the database answers and holds
 * every migration), Prometheus metrics behind their token (GET /metrics, labelled by route pattern),
 * the request id, JSON logs that never hold a password or a session, the configuration checked at
 * start with one line per mistake, and a graceful stop that finishes the request in flight. The
 * server itself (src/http/server.ts) runs in a child process for the last two.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { pendingMigrations } from '../src/db/migration-state.js';
import { readPoolStats } from '../src/formats/read-pool.js';
import { buildApp } from '../src/http/app.js';
import { checkServerConfig, CONFIG_VARIABLES } from '../src/http/config.js';
import { addUser, TEST_PASSWORD_COST } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn } from './helpers/http.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const clock = () => new Date('2026-11-30T08:00:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(ENGINES)('readiness, metrics and the request id on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let plain: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    const pool = database.pool;
    app = await buildApp(
      { db: database.db, clock },
      {
        metrics: {
          token: TOKEN,
          sources: {
            ...(pool ? { dbPool: () => pool } : {}),
            jobQueue: () => Promise.resolve(kind === 'postgres' ? 0 : null),
            readPool: readPoolStats,
          },
        },
      },
    );
    plain = await buildApp({ db: database.db, clock });
  });

  afterAll(async () => {
    await app?.close();
    await plain?.close();
    await database?.close();
    await testDb?.drop();
  });

  it('is ready on a database holding every migration', async () => {
    expect(await pendingMigrations(database.db)).toEqual([]);
    const res = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ready: true });
  });

  it('is not ready, with the reason, while a migration is missing', async () => {
    const [last] = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`
      .execute(database.db)
      .then((r) => r.rows);
    await sql`delete from kysely_migration where name = ${last!.name}`.execute(database.db);
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/ready',
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(503);
      const body = res.json<{ error: { code: string; message: string; details: unknown } }>();
      expect(body.error.code).toBe('NOT_READY');
      expect(body.error.details).toEqual({ reason: 'migrations', pending: [last!.name] });
      expect(body.error.message).toContain(last!.name);
      // the liveness answer does not look at the database: the process is alive
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last!.name}, ${last!.timestamp})`.execute(
        database.db,
      );
    }
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('is not ready when the database does not answer', async () => {
    const closed = await testDb.open();
    await closed.close();
    const orphan = await buildApp({ db: closed.db, clock });
    try {
      const res = await orphan.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('database');
      expect(res.body).not.toContain('    at ');
    } finally {
      await orphan.close();
    }
  });

  it('serves no /metrics without a token configured', async () => {
    const res = await plain.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses /metrics without the token or with a wrong one', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
      expect(res.body).not.toContain('nodejs_');
    }
  });

  it('times requests by route pattern, never by address, with the pools and the process figures', async () => {
    const secretId = 987_654_321;
    expect((await app.inject({ method: 'GET', url: `/api/plans/${secretId}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/no-such-${secretId}` })).statusCode).toBe(404);
    await app.inject({ method: 'GET', url: '/api/health' });

    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(
      /^parindex_http_request_duration_seconds_count\{method="GET",route="\/api\/plans\/:id",status="401"\} 1$/m,
    );
    expect(text).toMatch(
      /^parindex_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+$/m,
    );
    expect(text).toMatch(
      /^parindex_http_request_duration_seconds_count\{method="GET",route="\(none\)",status="404"\} 1$/m,
    );
    // the address the client typed is nowhere
    expect(text).not.toContain(String(secretId));
    expect(text).toMatch(/^parindex_read_pool\{state="threads"\} \d+$/m);
    expect(text).toMatch(/^parindex_read_pool\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^parindex_job_queue_waiting 0$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    if (kind === 'postgres') {
      expect(text).toMatch(/^parindex_db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(text).toMatch(/^parindex_db_pool_connections\{state="waiting"\} 0$/m);
    } else {
      expect(text).not.toContain('parindex_db_pool_connections{');
    }
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-42.a:b_c' },
    });
    expect(given.headers['x-request-id']).toBe('lb-42.a:b_c');
    for (const bad of ['<script>', 'a'.repeat(65), 'a b']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    const made = await app.inject({ method: 'GET', url: '/api/health' });
    expect(made.headers['x-request-id']).toMatch(UUID);
    const again = await app.inject({ method: 'GET', url: '/api/health' });
    expect(again.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
  });
});

describe.each(ENGINES)('the log on %s', (kind) => {
  const USERNAME = 'ops.nguoi-dung-rieng';
  const PASSWORD = 'Mật-khẩu-chỉ-mình-biết-7391';
  const WRONG = 'Sai-mật-khẩu-cũng-là-bí-mật-5520';
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    await addUser({ db: database.db, clock }, USERNAME, [{ role: 'admin', unitId: null }], {
      password: PASSWORD,
    });
    app = await buildApp(
      { db: database.db, clock, passwordCost: TEST_PASSWORD_COST },
      { logLevel: 'info', logStream: { write: (line) => void lines.push(line) } },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  it('is JSON lines with the request id, and never holds a password, a session or a name', async () => {
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: USERNAME, password: WRONG },
      headers: { 'x-request-id': 'dang-nhap-sai-1' },
    });
    expect(failed.statusCode).toBe(401);
    const session = await signIn(app, USERNAME, PASSWORD);
    const me = await app.inject({
      method: 'GET',
      url: `/api/auth/me?ten=${encodeURIComponent(USERNAME)}`,
      headers: session.headers,
    });
    expect(me.statusCode).toBe(200);
    // a line a future change might write with a body in it
    app.log.info({ user: { username: USERNAME, password: PASSWORD, email: 'a@b.vn' } }, 'an account');

    expect(lines.length).toBeGreaterThan(4);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofFailed = entries.filter((e) => e.reqId === 'dang-nhap-sai-1');
    expect(ofFailed.map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
    expect(entries.filter((e) => e.reqId === me.headers['x-request-id']).length).toBe(2);

    const text = lines.join('');
    for (const secret of [
      PASSWORD,
      WRONG,
      USERNAME,
      session.csrfToken,
      session.cookie.split('=')[1]!,
      'a@b.vn',
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(text).toContain('[hidden]');
  });
});

describe('the configuration', () => {
  it('takes an empty environment as the defaults', () => {
    const check = checkServerConfig({});
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.config).toMatchObject({
      databaseAddress: 'data/parindex.sqlite',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'warn',
      trustProxy: false,
      mail: null,
      metricsToken: null,
      shutdownMs: 10_000,
    });
    expect(check.config.scheduler).not.toBeNull();
  });

  it('takes a full, correct environment', () => {
    const check = checkServerConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://parindex:mk@db.tinh.local:5432/parindex',
      LOG: '1',
      TRUST_PROXY: '1',
      PARINDEX_SMTP_URL: 'smtps://u:p@mail.tinh.gov.vn:465',
      PARINDEX_MAIL_FROM: 'ParIndex <cchc@sonoivu.gov.vn>',
      PARINDEX_SCHEDULER: 'OFF',
      PARINDEX_REMINDER_DAYS: '0',
      PARINDEX_EVIDENCE_MAX_FILE_MB: '12.5',
      PARINDEX_S3_BUCKET: 'minh-chung',
      PARINDEX_S3_ENDPOINT: 'http://10.0.0.5:9000',
      PARINDEX_S3_ACCESS_KEY_ID: 'k',
      PARINDEX_S3_SECRET_ACCESS_KEY: 's',
      PARINDEX_S3_FORCE_PATH_STYLE: 'true',
      PARINDEX_METRICS_TOKEN: TOKEN,
      PARINDEX_SHUTDOWN_SECONDS: '30',
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
      trustProxy: true,
      scheduler: null,
      metricsToken: TOKEN,
      shutdownMs: 30_000,
      mail: { smtpUrl: 'smtps://u:p@mail.tinh.gov.vn:465', from: 'ParIndex <cchc@sonoivu.gov.vn>' },
    });
    expect(check.config.evidence.limits.maxFileBytes).toBe(Math.floor(12.5 * 1024 * 1024));
  });

  it('reports each mistake on its own line, naming the variable, never printing a secret', () => {
    const env = {
      PORT: 'abc',
      HOST: 'my host',
      DATABASE_URL: 'mysql://root:mk-bi-mat@localhost/x',
      LOG: 'yes',
      PARINDEX_SMTP_URL: 'http://mail-bi-mat.local',
      PARINDEX_SCHEDULER: 'sometimes',
      PARINDEX_REMINDER_DAYS: '-1',
      PARINDEX_SCHEDULER_INTERVAL: '0',
      PARINDEX_EVIDENCE_MAX_UNIT_MB: '0',
      PARINDEX_S3_ENDPOINT: 'minio:9000',
      PARINDEX_S3_ACCESS_KEY_ID: 'khoa-bi-mat',
      PARINDEX_METRICS_TOKEN: 'ngan-bi-mat',
      PARINDEX_SHUTDOWN_SECONDS: '1.5',
    };
    const check = checkServerConfig(env);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const named = (variable: string) =>
      check.mistakes.filter((l) => l.startsWith(`Cấu hình sai: ${variable} `));
    const wrong = [
      ...Object.keys(env).filter((v) => v !== 'PARINDEX_S3_ACCESS_KEY_ID'),
      // each of a pair names the other
      'PARINDEX_MAIL_FROM',
      'PARINDEX_S3_SECRET_ACCESS_KEY',
    ];
    expect(check.mistakes).toHaveLength(wrong.length);
    for (const variable of wrong) expect(named(variable), variable).toHaveLength(1);
    expect(named('PORT')[0]).toBe('Cấu hình sai: PORT = "abc" — cần một số cổng nguyên từ 0 đến 65535');
    expect(named('LOG')[0]).toContain('"yes"');
    expect(named('LOG')[0]).toContain('0, 1');
    expect(named('PARINDEX_MAIL_FROM')[0]).toContain('PARINDEX_SMTP_URL');
    expect(named('PARINDEX_S3_SECRET_ACCESS_KEY')[0]).toContain('PARINDEX_S3_ACCESS_KEY_ID');
    const all = check.mistakes.join('\n');
    for (const secret of ['bi-mat', 'mk-bi-mat']) expect(all).not.toContain(secret);
    expect(all).not.toContain('    at ');
    // every line is one line
    for (const line of check.mistakes) expect(line).not.toContain('\n');

    const en = checkServerConfig({ PORT: '70000' }, 'en');
    expect(en).toEqual({
      ok: false,
      mistakes: ['Configuration error: PORT = "70000" — expected a whole port number from 0 to 65535'],
    });
  });

  it('takes a PostgreSQL address through a Unix socket, and refuses one that names no server', () => {
    const address = (DATABASE_URL: string) => {
      const check = checkServerConfig({ DATABASE_URL }, 'en');
      return check.ok ? check.config.databaseAddress : check.mistakes;
    };
    // the socket's folder as the host parameter (user and password beside it), or encoded as the host
    for (const socket of [
      'postgres:///parindex?host=/var/run/postgresql&user=parindex',
      'postgresql:///parindex?host=%2Fvar%2Frun%2Fpostgresql&port=5433&user=parindex&password=mk',
      'postgres://parindex@%2Fvar%2Frun%2Fpostgresql/parindex',
    ])
      expect(address(socket), socket).toBe(socket);
    // no host and no host parameter: node-pg would take localhost over TCP, quietly
    // a user with an empty host: not a URL, which pg_dump could not be given either
    for (const wrong of [
      'postgres:///parindex',
      'postgres:///parindex?host=',
      'postgres://parindex@/parindex?host=/var/run/postgresql',
    ])
      expect(address(wrong), wrong).toEqual([
        'Configuration error: DATABASE_URL (secret value, not printed) — expected a postgres://… address or the path of an SQLite file',
      ]);
  });

  it('knows every variable the deployment guide lists', () => {
    for (const variable of CONFIG_VARIABLES)
      expect(checkServerConfig({ [variable]: '' }).ok, variable).toBe(true);
  });
});

/**
 * `npm start`'s server from the sources, in one child process (node with tsx's loader: signals reach
 * the server itself), in its own folder (its data/ files stay there).
 */
function startServer(cwd: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return spawn(process.execPath, ['--import', loader, join(ROOT, 'src', 'http', 'server.ts')], {
    cwd,
    env: { ...process.env, LOG: '', PORT: '0', HOST: '127.0.0.1', ...env },
  });
}

/** Resolves with the first match of `pattern` in the child's output so far and to come. */
function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const look = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(pattern);
      if (match) {
        child.stdout.off('data', look);
        resolve(match);
      }
    };
    child.stdout.on('data', look);
    child.once('exit', (code) => reject(new Error(`the server ended (${code}) before ${pattern}: ${seen}`)));
  });
}

describe('the server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one line on a bad PORT, before opening the database', () => {
    const address = join(dir, 'never.sqlite');
    const result = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'src', 'http', 'server.ts')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PORT: 'ba nghìn', DATABASE_URL: address },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Cấu hình sai: PORT = "ba nghìn" — cần một số cổng nguyên từ 0 đến 65535\n');
    expect(existsSync(address)).toBe(false);
  });

  it.each(ENGINES)(
    'on SIGTERM on %s, finishes the request in flight, then exits 0',
    async (kind) => {
      const testDb = await createTestDatabase(kind);
      const child = startServer(dir, {
        DATABASE_URL: kind === 'sqlite' ? join(dir, `stop-${kind}.sqlite`) : testDb.address,
        PARINDEX_EVIDENCE_DIR: join(dir, 'evidence'),
        // its log says when the request is taken: the signal must come after, not race it
        LOG: '1',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const [, port] = await waitFor(child, /ParIndex đang chạy tại http:\/\/127\.0\.0\.1:(\d+)/);
        // a sign-in whose body is half sent when the signal comes
        const body = JSON.stringify({ username: 'khong-co-ai', password: 'khong-phai-mat-khau' });
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise<void>((resolve) => socket.once('connect', resolve));
        const answer = new Promise<string>((resolve) => {
          let text = '';
          socket.on('data', (chunk) => (text += chunk.toString('utf8')));
          socket.on('close', () => resolve(text));
        });
        socket.write(
          `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, 10)}`,
        );
        await waitFor(child, /"incoming request".*\/api\/auth\/login|\/api\/auth\/login.*"incoming request"/);
        const stopping = waitFor(child, /Đang dừng \(SIGTERM\)/);
        child.kill('SIGTERM');
        await stopping;
        // no new connection is taken any more
        await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
        socket.write(body.slice(10));
        const text = await answer;
        const [head, json] = text.split('\r\n\r\n');
        expect(head).toMatch(/^HTTP\/1\.1 401 /);
        expect(JSON.parse(json!)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await testDb.drop();
      }
    },
    300_000,
  );
});
