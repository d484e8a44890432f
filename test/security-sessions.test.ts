/**
 * Who may do what over HTTP, on both engines: sessions: the session gate, CSRF, the sign-in form’s
 * Origin, the password-change gate, disabled accounts, cookie flags, security headers, the body
 * limit, uploads read by content, sign-in throttling. The fixture and the matrix are
 * test/helpers/access-matrix.ts's; this file opens its own database with them, so it depends on no
 * other file's edits.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { ImportPreview } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { ENGINES } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { multipartFile, sessionSetCookie, signIn, withSession, type SignedIn } from './helpers/http.js';
import {
  securityHarness,
  PROVINCE,
  MATRIX,
  routeOf,
  isPublic,
  codeOf,
  expectError,
  sampleUrl,
} from './helpers/access-matrix.js';

describe.each(ENGINES)('access control, sessions, on %s', (kind) => {
  const sec = securityHarness(kind);
  const { clock, plans, users, targetOf, task, REQUESTS } = sec;

  it('the session gate goes by the route reached, however the address is spelled', async () => {
    for (const url of ['/%61pi/roles', '/ap%69/auth/me', '/api/pl%61ns']) {
      expectError(await sec.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
    }
    const admin = users.province.admin.session;
    expectError(
      await sec.app.inject({ method: 'POST', url: '/%61pi/auth/logout', headers: { cookie: admin.cookie } }),
      403,
      'CSRF_FAILED',
    );
    expect(
      (await sec.app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, admin))).statusCode,
    ).toBe(200);
  });

  it('refuses every state-changing request without the session’s CSRF token, changing nothing', async () => {
    const admin = users.province.admin;
    const stranger = users.district.viewer.session.csrfToken;
    const mutating = Object.keys(MATRIX).filter((k) => !k.startsWith('GET ') && MATRIX[k] !== 'public');
    expect(mutating.length).toBeGreaterThan(10);
    for (const key of mutating) {
      for (const token of [null, 'x'.repeat(32), stranger]) {
        const probe = await REQUESTS[key]!({
          user: admin,
          target: targetOf('province', 'own'),
          anyone: admin,
        });
        const { session, ...options } = probe;
        const own = session ?? admin.session;
        const headers: Record<string, string> = {
          cookie: own.cookie,
          ...(options.headers as Record<string, string>),
        };
        if (token !== null) headers['x-csrf-token'] = token;
        const before = await databaseDigest(sec.db);
        const res = await sec.app.inject({ ...options, headers });
        expect(sec.watch.hits.at(-1)?.route).toBe(routeOf(key).split(' ')[1]);
        expectError(res, 403, 'CSRF_FAILED');
        expect(await databaseDigest(sec.db), `${key} with token ${token}`).toBe(before);
      }
    }
    // with its token the same session goes on working
    const probe = await REQUESTS['PATCH /api/plans/:id/items/:itemId/task']!({
      user: admin,
      target: targetOf('province', 'own'),
      anyone: admin,
    });
    expect((await sec.app.inject(withSession(probe, admin.session))).statusCode).toBe(200);
  });

  it('refuses a sign-in posted from another site (Origin), and accepts its own', async () => {
    const user = users.province.viewer;
    const login = (headers: Record<string, string>) =>
      sec.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
        remoteAddress: user.address,
        headers,
      });
    const before = await sec.db.selectFrom('sessions').select('id').execute();
    for (const origin of ['https://evil.example', 'null', 'https://parindex.example.evil.example']) {
      const res = await login({ host: 'parindex.example', origin });
      expectError(res, 403, 'FORBIDDEN');
      expect(sessionSetCookie(res)).toBeNull();
    }
    expect(await sec.db.selectFrom('sessions').select('id').execute()).toEqual(before);
    expect((await login({ host: 'parindex.example', origin: 'https://parindex.example' })).statusCode).toBe(
      200,
    );
    // a client that is not a browser sends no Origin
    expect((await login({})).statusCode).toBe(200);
  });

  it('lets an account that must change its password reach only me, logout and password', async () => {
    const username = 'doi-mat-khau';
    await addUser({ db: sec.db, clock }, username, [{ role: 'admin', unitId: plans.province.subjectId }], {
      mustChangePassword: true,
    });
    const first = await signIn(sec.app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.1' });
    const second = await signIn(sec.app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.1' });
    const exempt = ['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password'];
    const gated = [...sec.watch.routes].filter((r) => !isPublic(r) && !exempt.includes(r));
    expect(gated.length).toBeGreaterThan(20);
    for (const route of gated) {
      const [method, pattern] = route.split(' ') as [InjectOptions['method'], string];
      const options: InjectOptions = { method, url: sampleUrl(pattern) };
      if (method !== 'GET') options.payload = {};
      const res = await sec.app.inject(withSession(options, first));
      expect(`${route} ${res.statusCode} ${codeOf(res)}`).toBe(`${route} 403 PASSWORD_CHANGE_REQUIRED`);
    }
    const me = await sec.app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, first));
    expect(me.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    expect(
      (await sec.app.inject(withSession({ method: 'POST', url: '/api/auth/logout' }, second))).statusCode,
    ).toBe(200);
    const changed = await sec.app.inject(
      withSession(
        {
          method: 'POST',
          url: '/api/auth/password',
          payload: { current: TEST_PASSWORD, next: 'mat-khau-rieng-2024' },
        },
        first,
      ),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await sec.app.inject(withSession({ method: 'GET', url: '/api/plans' }, first))).statusCode).toBe(
      200,
    );
  });

  it('ends the sessions of a disabled account', async () => {
    const username = 'se-bi-khoa';
    const userId = await addUser({ db: sec.db, clock }, username, [
      { role: 'viewer', unitId: plans.province.subjectId },
    ]);
    const first = await signIn(sec.app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.2' });
    const second = await signIn(sec.app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.2' });
    const me = (s: SignedIn) => sec.app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, s));
    expect((await me(first)).statusCode).toBe(200);

    // disabled in the database: the session no longer opens
    await sec.db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
    expectError(await me(first), 401, 'UNAUTHENTICATED');
    await sec.db.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
    expect((await me(first)).statusCode).toBe(200);

    // disabled by an administrator: every session of the account ends
    const disable = await sec.app.inject(
      withSession(
        { method: 'PATCH', url: `/api/users/${userId}`, payload: { disabled: true } },
        users.province.admin.session,
      ),
    );
    expect(disable.statusCode, disable.body).toBe(200);
    expectError(await me(first), 401, 'UNAUTHENTICATED');
    expectError(await me(second), 401, 'UNAUTHENTICATED');
    // the right password opens nothing, with the answer a wrong one gets
    const right = await sec.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
      remoteAddress: '10.0.9.2',
    });
    const wrong = await sec.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: users.province.viewer.username, password: 'sai-mat-khau' },
      remoteAddress: '10.0.9.2',
    });
    expectError(right, 401, 'BAD_CREDENTIALS');
    expect(right.body).toBe(wrong.body);
    await sec.db.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
    expectError(await me(second), 401, 'UNAUTHENTICATED');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure only when the request came over HTTPS', async () => {
    const user = users.province.viewer;
    const payload = { username: user.username, password: TEST_PASSWORD };
    const attributes = (res: LightMyRequestResponse) => {
      const line = sessionSetCookie(res);
      expect(line, res.body).not.toBeNull();
      return line!
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
    };
    const plain = attributes(
      await sec.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: user.address }),
    );
    expect(plain).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(plain).not.toContain('secure');
    // X-Forwarded-Proto from a proxy the app was not told to trust changes nothing
    const untrusted = attributes(
      await sec.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'https' },
      }),
    );
    expect(untrusted).not.toContain('secure');

    const proxied = await buildApp({ db: sec.db, clock }, { trustProxy: true });
    try {
      const https = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(attributes(https)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
      const session = await sec.db
        .selectFrom('sessions')
        .select('ip')
        .orderBy('created_at', 'desc')
        .orderBy('ip', 'desc')
        .where('ip', '=', '203.0.113.9')
        .executeTakeFirst();
      expect(session?.ip).toBe('203.0.113.9');
      const http = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'http' },
      });
      expect(attributes(http)).not.toContain('secure');
      // signing out clears the cookie with the same attributes
      const cookie = sessionSetCookie(https)!.split(';')[0]!;
      const csrf = https.json<{ csrfToken: string }>().csrfToken;
      const out = await proxied.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'x-csrf-token': csrf, 'x-forwarded-proto': 'https' },
      });
      expect(out.statusCode).toBe(200);
      const cleared = attributes(out);
      expect(cleared).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
      expect(sessionSetCookie(out)!.split(';')[0]).toBe(`${cookie.split('=')[0]}=`);
    } finally {
      await proxied.close();
    }
  });

  it('sends the security headers: a strict CSP, nosniff, no framing', async () => {
    for (const res of [
      await sec.app.inject({ method: 'GET', url: '/api/health' }),
      await sec.app.inject({ method: 'GET', url: '/api/plans' }),
      await sec.app.inject(withSession({ method: 'GET', url: '/api/plans' }, users.province.viewer.session)),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const frameAncestors = directives.get('frame-ancestors');
      const xfo = String(res.headers['x-frame-options'] ?? '').toUpperCase();
      expect(frameAncestors?.join(' ') === "'none'" || xfo === 'DENY').toBe(true);
    }
  });

  it('answers a request body over 1 MB with 413 and changes nothing', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect(
      (
        await sec.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: big },
        })
      ).statusCode,
    ).toBe(413);
    const officer = users.province.officer;
    const { version } = await task(plans.province.ownRow);
    const before = await databaseDigest(sec.db);
    const res = await sec.app.inject(
      withSession(
        {
          method: 'PATCH',
          url: `/api/plans/${plans.province.id}/items/${plans.province.ownRow}/task`,
          payload: { version, progressNote: big },
        },
        officer.session,
      ),
    );
    expect(res.statusCode).toBe(413);
    expect(await databaseDigest(sec.db)).toBe(before);
  });

  it('reads an upload by its content, whatever its name says', async () => {
    const officer = users.province.officer.session;
    const upload = (name: string, bytes: Uint8Array) =>
      sec.app.inject(
        withSession({ method: 'POST', url: '/api/imports', ...multipartFile(name, bytes) }, officer),
      );
    const asXlsx = await upload('ke-hoach.xlsx', plans.province.file);
    expect(asXlsx.statusCode, asXlsx.body).toBe(200);
    const preview = ImportPreview.parse(asXlsx.json());
    expect(preview).toMatchObject({ fileName: 'ke-hoach.xlsx', format: 'text' });
    expect(preview.plans.map((p) => p.subject)).toEqual([PROVINCE]);

    const xlsx = await sec.app.inject(
      withSession({ method: 'GET', url: `/api/plans/${plans.province.id}/export/xlsx` }, officer),
    );
    const asText = await upload('ke-hoach.txt', new Uint8Array(xlsx.rawPayload));
    expect(asText.statusCode, asText.body).toBe(200);
    expect(ImportPreview.parse(asText.json()).format).toBe('xlsx');
  });

  it('throttles 20 wrong passwords for one user name, doubling, while another user signs in', async () => {
    const ip = '198.51.100.7';
    const victim = 'nan-nhan';
    const colleague = 'dong-nghiep';
    for (const name of [victim, colleague]) {
      await addUser({ db: sec.db, clock }, name, [{ role: 'viewer', unitId: plans.district.subjectId }]);
    }
    const login = (username: string, password: string, lang = 'vi') =>
      sec.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress: ip,
        headers: { 'accept-language': lang },
      });
    const answer = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body}`;
    const bad = JSON.stringify({
      error: { code: 'BAD_CREDENTIALS', message: 'Sai tên đăng nhập hoặc mật khẩu' },
    });
    const wait = (seconds: number) =>
      JSON.stringify({
        error: {
          code: 'TOO_MANY_ATTEMPTS',
          message: `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${seconds} giây`,
        },
      });

    const attempts: string[] = [];
    for (let i = 0; i < 20; i++) attempts.push(answer(await login(victim, `sai-mat-khau-${i}`)));
    // 5 free failures: the fifth locks for 30 s; every attempt while locked is refused unread
    expect(attempts).toEqual([
      ...Array<string>(4).fill(`401 ${bad}`),
      ...Array<string>(16).fill(`429 ${wait(30)}`),
    ]);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(30)}`);
    const en = await login(victim, TEST_PASSWORD, 'en');
    expect(expectError(en, 429, 'TOO_MANY_ATTEMPTS').message).toBe(
      'Too many failed sign-ins; try again in 30 s',
    );
    // the same address, another user: signs in
    expect((await login(colleague, TEST_PASSWORD)).statusCode).toBe(200);

    // a user name nobody has gets the same answers, attempt by attempt (no enumeration)
    const unknown: string[] = [];
    for (let i = 0; i < 20; i++) unknown.push(answer(await login('khong-co-ai', `sai-mat-khau-${i}`)));
    expect(unknown).toEqual(attempts);

    // time moves: the wait counts down, then each new failure doubles it
    sec.time.now = new Date(sec.time.now.getTime() + 10_000);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(20)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 21_000);
    expect(answer(await login(victim, 'sai-lan-6'))).toBe(`429 ${wait(60)}`);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(60)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 61_000);
    expect(answer(await login(victim, 'sai-lan-7'))).toBe(`429 ${wait(120)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 121_000);
    expect(answer(await login(victim, 'sai-lan-8'))).toBe(`429 ${wait(240)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 241_000);
    expect(answer(await login(victim, 'sai-lan-9'))).toBe(`429 ${wait(480)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 481_000);
    // capped at 15 minutes
    expect(answer(await login(victim, 'sai-lan-10'))).toBe(`429 ${wait(900)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 901_000);
    expect(answer(await login(victim, 'sai-lan-11'))).toBe(`429 ${wait(900)}`);
    sec.time.now = new Date(sec.time.now.getTime() + 901_000);
    // the lock over, the right password works and the count starts again
    expect((await login(victim, TEST_PASSWORD)).statusCode).toBe(200);
    expect(answer(await login(victim, 'sai-lai'))).toBe(`401 ${bad}`);
  });
});
