/**
 * Real app servers for the tests and benches of several servers on one database: each is
 * `node --import tsx src/http/server.ts` in its own process, as `npm start` runs it, on a free port of
 * 127.0.0.1, configured through the environment only (PORT, HOST, DATABASE_URL, the evidence store's
 * PARINDEX_S3_* …). A server is ready when it prints the line saying where it runs; whatever it prints
 * is kept for the failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ROOT } from './fixtures.js';

export interface Instance {
  name: string;
  port: number;
  /** http://127.0.0.1:PORT */
  base: string;
  child: ChildProcess;
  /** what the server printed so far (stdout and stderr) */
  output(): string;
  /** SIGKILL: the process ends at once, nothing closed; resolves when it has ended */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to end */
  stop(): Promise<void>;
}

/** A port nobody listens on now (the kernel's choice, released before the server takes it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

/** the line server.ts prints once it listens */
const READY = /ParIndex đang chạy tại http:\/\/\S+:(\d+)/;

/**
 * Starts server.ts with `env` over this process's environment (PORT and HOST set here). Rejects with
 * the server's output if it ends before it is ready or is not ready within `timeoutMs`.
 */
export async function startInstance(
  name: string,
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number } = {},
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/http/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr.on('data', (d: Buffer) => (printed += d.toString()));
  const ended = new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once('exit', () => ok());
  });
  const instance: Instance = {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => printed,
    kill: async () => {
      child.kill('SIGKILL');
      await ended;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await ended;
    },
  };
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server ${name} not ready after ${options.timeoutMs ?? 120_000} ms:\n${printed}`));
    }, options.timeoutMs ?? 120_000);
    const watch = () => {
      if (READY.test(printed)) {
        clearTimeout(timer);
        child.stdout.off('data', watch);
        ok();
      }
    };
    child.stdout.on('data', watch);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server ${name} ended (${code ?? signal}) before it was ready:\n${printed}`));
    });
  });
  return instance;
}

/** A signed-in browser's headers on any of the servers: the session cookie and the CSRF token. */
export interface Browser {
  cookie: string;
  csrfToken: string;
}

/** POST /api/auth/login on one server; the response as it came (the caller checks it). */
export async function signInOn(
  instance: Instance,
  username: string,
  password: string,
): Promise<{ status: number; body: { error?: { code: string } }; browser: Browser | null }> {
  const res = await fetch(`${instance.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string; error?: { code: string } };
  const line = res.headers.getSetCookie().find((l) => l.startsWith('parindex_session='));
  const browser =
    res.status === 200 && line && body.csrfToken
      ? { cookie: line.split(';')[0]!, csrfToken: body.csrfToken }
      : null;
  return { status: res.status, body, browser };
}

/** A request as the signed-in browser sends it to one server (JSON unless `body` is bytes). */
export async function call(
  instance: Instance,
  browser: Browser | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const json = body !== undefined && !(body instanceof Uint8Array);
  return fetch(`${instance.base}${path}`, {
    method,
    headers: {
      ...(browser ? { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : body }),
  });
}
