/**
 * The rights gaps of issue 7, on both engines, over HTTP with the samples loaded (Huyện Krông Nô a
 * unit of Tỉnh Đắk Nông):
 *   - a unit's kind must fit its parent; a name already used elsewhere is shown with its path; the
 *     plans list gives each plan its subject's path;
 *   - a grant stays within the grantor's reach; a plan without a row for the reader is 403;
 *   - sign-in attempts are counted before the password is checked, per user name and address;
 *   - the password policy.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { addressKey, isCommonPassword } from '../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { PlanListItem, SameNameUnit, UnitNode } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { ROOT } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedPlanText, seedText, toBytes } from './helpers/seed-edit.js';

const SAMPLES = resolve(ROOT, 'samples');

function errorOf(res: LightMyRequestResponse): { status: number; code: string; message: string } {
  const body = res.json<{ error?: { code: string; message: string } }>();
  return { status: res.statusCode, code: body.error?.code ?? '', message: body.error?.message ?? '' };
}

describe('addressKey', () => {
  it.each<[string, string]>([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0000:abcd::9', '2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s is counted as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

describe.each(ENGINES)('rights gaps on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let now = new Date('2024-05-01T01:00:00.000Z');
  const clock = () => now;
  let province: number;
  let district: number;
  let provincePlan: number;
  let districtPlan: number;
  let root: SignedIn;
  let districtAdmin: SignedIn;
  let districtAdminId: number;

  const as = (session: SignedIn, options: InjectOptions) => app.inject(withSession(options, session));

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const loaded = await loadSamplesIfEmpty({ db, clock }, SAMPLES);
    provincePlan = loaded[0]!.planId;
    districtPlan = loaded[1]!.planId;
    province = await unitId(db, 'Tỉnh Đắk Nông');
    district = await unitId(db, 'Huyện Krông Nô');
    app = await buildApp({ db, clock });
    await app.ready();
    await addUser({ db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    districtAdminId = await addUser({ db, clock }, 'quantri.krongno', [{ role: 'admin', unitId: district }]);
    root = await signIn(app, 'quantri', TEST_PASSWORD, { remoteAddress: '10.1.0.1' });
    districtAdmin = await signIn(app, 'quantri.krongno', TEST_PASSWORD, { remoteAddress: '10.1.0.2' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  describe('units: kind, same names, paths', () => {
    it('refuses a province under a district, and a "Tỉnh …" of another kind, changing nothing', async () => {
      const before = await databaseDigest(db);
      const create = (name: string, unitKind: string, parentId: number | null) =>
        as(districtAdmin, { method: 'POST', url: '/api/units', payload: { name, kind: unitKind, parentId } });
      const misfit = errorOf(await create('Tỉnh Đắk Nông', 'province', district));
      expect(misfit).toEqual({
        status: 422,
        code: 'UNIT_KIND_PARENT',
        message:
          'Đơn vị loại "tỉnh, thành phố trực thuộc trung ương" không thể trực thuộc Huyện Krông Nô (loại "huyện")',
      });
      const named = errorOf(await create('Tỉnh Đắk Nông', 'office', district));
      expect(named).toEqual({
        status: 422,
        code: 'UNIT_KIND_NAME',
        message:
          'Tên "Tỉnh Đắk Nông" là tên của đơn vị loại "tỉnh, thành phố trực thuộc trung ương", không phải loại "phòng, văn phòng"',
      });
      expect(errorOf(await create('Huyện Đắk Mil', 'district', district)).code).toBe('UNIT_KIND_PARENT');
      expect(errorOf(await create('Sở Y tế', 'department', district)).code).toBe('UNIT_KIND_PARENT');
      expect(await databaseDigest(db)).toBe(before);
      // in English too
      const en = await app.inject(
        withSession(
          {
            method: 'POST',
            url: '/api/units',
            payload: { name: 'Tỉnh Đắk Nông', kind: 'province', parentId: district },
            headers: { 'accept-language': 'en' },
          },
          districtAdmin,
        ),
      );
      expect(errorOf(en).message).toBe(
        'A unit of kind "province" cannot belong to Huyện Krông Nô (kind "district")',
      );
      // what fits is made: a commune, an office
      expect((await create('Xã Đắk Mâm', 'commune', district)).statusCode).toBe(200);
      expect((await create('Phòng Thử nghiệm', 'office', district)).statusCode).toBe(200);
    });

    it('keeps the kinds fitting when a unit is edited: its own kind, its parent, and the units under it', async () => {
      const office = await unitId(db, 'Phòng Thử nghiệm');
      const patch = (session: SignedIn, id: number, payload: object) =>
        as(session, { method: 'PATCH', url: `/api/units/${id}`, payload });
      expect(errorOf(await patch(districtAdmin, office, { kind: 'province' })).code).toBe('UNIT_KIND_PARENT');
      expect(errorOf(await patch(districtAdmin, office, { name: 'Tỉnh Phòng Thử' })).code).toBe(
        'UNIT_KIND_NAME',
      );
      expect(
        errorOf(await patch(districtAdmin, office, { name: 'Tỉnh Phòng Thử', kind: 'province' })).code,
      ).toBe('UNIT_KIND_PARENT');
      // the district holds a commune and offices: it cannot become a commune itself
      expect(errorOf(await patch(root, district, { kind: 'commune', name: 'Xã Krông Nô' })).code).toBe(
        'UNIT_KIND_PARENT',
      );
      // a district moved under a district
      const other = (
        await as(root, {
          method: 'POST',
          url: '/api/units',
          payload: { name: 'Huyện Đắk Mil', kind: 'district', parentId: province },
        })
      ).json<UnitNode>();
      expect(errorOf(await patch(root, other.id, { parentId: district })).code).toBe('UNIT_KIND_PARENT');
      expect((await patch(root, other.id, { name: 'Huyện Đắk Mil mới' })).statusCode).toBe(200);
    });

    it('tells the form where a unit of the same name already is, with its path', async () => {
      // a second province with its own Huyện Krông Nô
      const daklak = (
        await as(root, {
          method: 'POST',
          url: '/api/units',
          payload: { name: 'Tỉnh Đắk Lắk', kind: 'province', parentId: null },
        })
      ).json<UnitNode>();
      const twin = (
        await as(root, {
          method: 'POST',
          url: '/api/units',
          payload: { name: 'Huyện Krông Nô', kind: 'district', parentId: daklak.id },
        })
      ).json<UnitNode>();
      const same = async (session: SignedIn, name: string, except?: number) => {
        const query = new URLSearchParams({ name, ...(except ? { except: String(except) } : {}) });
        const res = await as(session, { method: 'GET', url: `/api/units/same-name?${query.toString()}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<SameNameUnit[]>().map((u) => u.path.join(' › '));
      };
      // the district's administrator sees the province of the name it is typing, outside its reach
      expect(await same(districtAdmin, '  tỉnh  đắk nông ')).toEqual(['Tỉnh Đắk Nông']);
      expect(await same(root, 'Huyện Krông Nô')).toEqual([
        'Tỉnh Đắk Lắk › Huyện Krông Nô',
        'Tỉnh Đắk Nông › Huyện Krông Nô',
      ]);
      // editing one: the others
      expect(await same(root, 'Huyện Krông Nô', twin.id)).toEqual(['Tỉnh Đắk Nông › Huyện Krông Nô']);
      expect(await same(root, 'Huyện Krông')).toEqual([]);
      // only for those who administer units
      await addUser({ db, clock }, 'chuyenvien.krongno', [{ role: 'officer', unitId: district }]);
      const officer = await signIn(app, 'chuyenvien.krongno', TEST_PASSWORD, { remoteAddress: '10.1.0.3' });
      const refused = await as(officer, { method: 'GET', url: '/api/units/same-name?name=x' });
      expect(errorOf(refused).code).toBe('FORBIDDEN');
    });

    it('lists each plan with its subject’s path, which tells apart two plans of the same name', async () => {
      const daklak = await db
        .selectFrom('units')
        .select('id')
        .where('name', '=', 'Tỉnh Đắk Lắk')
        .executeTakeFirstOrThrow();
      await addUser({ db, clock }, 'quantri.daklak', [{ role: 'admin', unitId: daklak.id }]);
      const theirs = await signIn(app, 'quantri.daklak', TEST_PASSWORD, { remoteAddress: '10.1.0.4' });
      const bytes = toBytes(seedPlanText(seedText(), 'district'));
      const preview = await as(theirs, {
        method: 'POST',
        url: '/api/imports',
        ...multipartFile('krong-no.txt', bytes),
      });
      expect(preview.statusCode, preview.body).toBe(200);
      const { token } = preview.json<{ token: string }>();
      const confirmed = await as(theirs, {
        method: 'POST',
        url: `/api/imports/${token}/confirm`,
        payload: { mapping: [], replace: true },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const list = (await as(root, { method: 'GET', url: '/api/plans' })).json<PlanListItem[]>();
      const krongNo = list
        .filter((p) => p.subject === 'Huyện Krông Nô')
        .map((p) => p.subjectPath.join(' › '))
        .sort();
      expect(krongNo).toEqual(['Tỉnh Đắk Lắk › Huyện Krông Nô', 'Tỉnh Đắk Nông › Huyện Krông Nô']);
      expect(list.find((p) => p.id === provincePlan)?.subjectPath).toEqual(['Tỉnh Đắk Nông']);
    });
  });

  describe('grants and plans without rows', () => {
    it('refuses a grant that reaches beyond the grantor: a lead unit of its own district reaches the province’s plan', async () => {
      const before = await databaseDigest(db);
      const grant = (userId: number, role: string, unit: number | null) =>
        as(districtAdmin, {
          method: 'POST',
          url: `/api/users/${userId}/grants`,
          payload: { role, unitId: unit },
        });
      expect(errorOf(await grant(districtAdminId, 'lead_unit', district)).code).toBe('FORBIDDEN');
      expect(errorOf(await grant(districtAdminId, 'viewer', province)).code).toBe('FORBIDDEN');
      expect(errorOf(await grant(districtAdminId, 'viewer', null)).code).toBe('FORBIDDEN');
      // nor by making a new account
      const made = await as(districtAdmin, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'ban.chu.tri',
          displayName: 'x',
          grants: [{ role: 'lead_unit', unitId: district }],
        },
      });
      expect(errorOf(made).code).toBe('FORBIDDEN');
      expect(await databaseDigest(db)).toBe(before);
      // within its district: a lead-unit officer of its Phòng Nội vụ
      const phong = await unitId(db, 'Phòng Nội vụ');
      const ok = await as(districtAdmin, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'phong.noivu',
          displayName: 'x',
          grants: [{ role: 'lead_unit', unitId: phong }],
        },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      // and the district's plan stays closed to the district's administrator through any lead grant
      const plan = await as(districtAdmin, { method: 'GET', url: `/api/plans/${provincePlan}` });
      expect(errorOf(plan).code).toBe('FORBIDDEN');
    });

    it('answers 403, not an empty plan, to a lead-unit officer whose unit has no row in it', async () => {
      // a unit of the province that leads no task of the province's plan
      const idle = (
        await as(root, {
          method: 'POST',
          url: '/api/units',
          payload: { name: 'Trung tâm Lưu trữ', kind: 'center', parentId: province },
        })
      ).json<UnitNode>();
      await addUser({ db, clock }, 'luutru', [{ role: 'lead_unit', unitId: idle.id }]);
      const reader = await signIn(app, 'luutru', TEST_PASSWORD, { remoteAddress: '10.1.0.5' });
      expect(errorOf(await as(reader, { method: 'GET', url: `/api/plans/${provincePlan}` })).code).toBe(
        'FORBIDDEN',
      );
      expect(
        errorOf(await as(reader, { method: 'GET', url: `/api/plans/${provincePlan}/units/${idle.id}` })).code,
      ).toBe('FORBIDDEN');
      expect((await as(reader, { method: 'GET', url: '/api/plans' })).json<PlanListItem[]>()).toEqual([]);
      // a lead unit with rows still reads its part
      const so = await unitId(db, 'Sở Nội vụ');
      await addUser({ db, clock }, 'sonoivu', [{ role: 'lead_unit', unitId: so }]);
      const lead = await signIn(app, 'sonoivu', TEST_PASSWORD, { remoteAddress: '10.1.0.6' });
      const part = await as(lead, { method: 'GET', url: `/api/plans/${provincePlan}` });
      expect(part.statusCode).toBe(200);
      expect(part.json<{ rows: unknown[] }>().rows.length).toBeGreaterThan(0);
      expect(
        (await as(lead, { method: 'GET', url: '/api/plans' })).json<PlanListItem[]>().map((p) => p.id),
      ).toEqual([provincePlan]);
      void districtPlan;
    });
  });

  describe('sign-in attempts', () => {
    const STRANGER = '203.0.113.5';
    const OWNER = '198.51.100.20';
    const OTHER_STRANGER = '203.0.113.6';
    const login = (username: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    const throttle = (username: string, ip: string) =>
      db
        .selectFrom('login_throttle')
        .select(['failures', 'guesses', 'locked_until'])
        .where('username', '=', username)
        .where('ip', '=', ip)
        .executeTakeFirst();
    // by status and code: the route's rate limit per address (100 a minute) would also answer 429
    const statuses = (answers: LightMyRequestResponse[]) => {
      const counts: Record<string, number> = {};
      for (const a of answers) {
        const key = a.statusCode === 200 ? '200' : `${a.statusCode} ${errorOf(a).code}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    };
    const checkedFailures = async (username: string, ip = STRANGER) =>
      (
        await db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'auth.login_failed')
          .where('username', '=', username)
          .where('ip', '=', ip)
          .where('new_value', 'is', null)
          .execute()
      ).length;

    it('counts each of 50 guesses sent at once and checks only the first 5; the owner signs in from elsewhere', async () => {
      await addUser({ db, clock }, 'chu.tai.khoan', [{ role: 'viewer', unitId: district }]);
      const sent = Promise.all(
        Array.from({ length: 50 }, (_, i) => login('chu.tai.khoan', `doan-sai-${i}-abc`, STRANGER)),
      );
      // the server answers meanwhile
      const started = performance.now();
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      const burst = await sent;
      // 4 free wrong guesses, the fifth locks; the other 45 are refused unread
      expect(statuses(burst)).toEqual({ '401 BAD_CREDENTIALS': 4, '429 TOO_MANY_ATTEMPTS': 46 });
      expect(await throttle('chu.tai.khoan', STRANGER)).toMatchObject({ failures: 50, guesses: 5 });
      expect(await checkedFailures('chu.tai.khoan')).toBe(5);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      // the right password from the stranger's address waits too
      expect((await login('chu.tai.khoan', TEST_PASSWORD, STRANGER)).statusCode).toBe(429);
      // the owner, from another address, is not locked out
      expect((await login('chu.tai.khoan', TEST_PASSWORD, OWNER)).statusCode).toBe(200);
      expect(await throttle('chu.tai.khoan', OWNER)).toBeUndefined();
      // and that did not open the stranger's address
      expect((await throttle('chu.tai.khoan', STRANGER))?.failures).toBe(51);
    });

    it('never accepts the right password inside a locked burst', async () => {
      // 45 more from the same address: within the route's 100 a minute
      const burst = await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          login('chu.tai.khoan', i % 9 === 3 ? TEST_PASSWORD : `doan-sai-${i}-xyz`, STRANGER),
        ),
      );
      expect(statuses(burst)).toEqual({ '429 TOO_MANY_ATTEMPTS': 45 });
      expect(await throttle('chu.tai.khoan', STRANGER)).toMatchObject({ failures: 96, guesses: 5 });
      expect(await checkedFailures('chu.tai.khoan')).toBe(5);
    });

    it('accepts the right password at most once in a burst, and checks exactly 5 of its guesses', async () => {
      await addUser({ db, clock }, 'nguoi.thu.hai', [{ role: 'viewer', unitId: district }]);
      const burst = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          login('nguoi.thu.hai', i === 17 ? TEST_PASSWORD : `doan-sai-${i}-qwe`, OTHER_STRANGER),
        ),
      );
      const counts = statuses(burst);
      const accepted = counts['200'] ?? 0;
      expect(accepted).toBeLessThanOrEqual(1);
      // checked: the failures audited as checked plus the one accepted
      expect((await checkedFailures('nguoi.thu.hai', OTHER_STRANGER)) + accepted).toBe(5);
      expect(counts['429 TOO_MANY_ATTEMPTS']).toBeGreaterThanOrEqual(45);
      expect(await throttle('nguoi.thu.hai', OTHER_STRANGER)).toMatchObject({ failures: 50, guesses: 5 });
    });

    it('counts an IPv6 subscriber by its /64: a new address in it does not start again', async () => {
      await addUser({ db, clock }, 'nguoi.ipv6', [{ role: 'viewer', unitId: district }]);
      for (let i = 0; i < 5; i++) await login('nguoi.ipv6', `sai-${i}-mat-khau`, `2001:db8::${i + 1}`);
      expect((await login('nguoi.ipv6', TEST_PASSWORD, '2001:db8::abcd')).statusCode).toBe(429);
      expect((await login('nguoi.ipv6', TEST_PASSWORD, '2001:db8:0:1::1')).statusCode).toBe(200);
      now = new Date(now.getTime() + 31_000);
      expect((await login('nguoi.ipv6', TEST_PASSWORD, '2001:db8::abcd')).statusCode).toBe(200);
      expect(await throttle('nguoi.ipv6', '2001:db8:0:0::/64')).toBeUndefined();
    });
  });

  describe('password policy', () => {
    it('refuses short, all-digit, common passwords and the user name, with a reason in each language', async () => {
      await addUser({ db, clock }, 'nguyenvana.krongno', [{ role: 'viewer', unitId: district }]);
      const me = await signIn(app, 'nguyenvana.krongno', TEST_PASSWORD, { remoteAddress: '10.1.0.7' });
      const change = (next: string, lang = 'vi') =>
        as(me, {
          method: 'POST',
          url: '/api/auth/password',
          payload: { current: TEST_PASSWORD, next },
          headers: { 'accept-language': lang },
        });
      const cases: [string, string, string][] = [
        ['ngan-qua', 'Mật khẩu mới cần ít nhất 10 ký tự', 'The new password needs at least 10 characters'],
        ['1234567890', 'Mật khẩu mới không được chỉ gồm chữ số', 'The new password cannot be digits only'],
        [
          '０１２３４５６７８９',
          'Mật khẩu mới không được chỉ gồm chữ số',
          'The new password cannot be digits only',
        ],
        [
          'Password123',
          'Mật khẩu mới nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác',
          'The new password is on the list of common passwords, easy to guess; choose another',
        ],
        [
          'matkhau@2024',
          'Mật khẩu mới nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác',
          'The new password is on the list of common passwords, easy to guess; choose another',
        ],
        [
          'qwertyuiop',
          'Mật khẩu mới nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác',
          'The new password is on the list of common passwords, easy to guess; choose another',
        ],
        [
          'NguyenVanA.KrongNo',
          'Mật khẩu mới không được trùng tên đăng nhập',
          'The new password cannot be the user name',
        ],
        [
          TEST_PASSWORD,
          'Mật khẩu mới phải khác mật khẩu cũ',
          'The new password must differ from the old one',
        ],
      ];
      for (const [next, vi, en] of cases) {
        expect(errorOf(await change(next)), next).toEqual({
          status: 422,
          code: 'PASSWORD_TOO_WEAK',
          message: vi,
        });
        expect(errorOf(await change(next, 'en')).message, next).toBe(en);
      }
      expect((await change('cay-bang-truoc-ngo-7')).statusCode).toBe(200);
    });

    it('applies to passwords an administrator sets; generated ones pass', async () => {
      const create = (username: string, password?: string) =>
        as(root, {
          method: 'POST',
          url: '/api/users',
          payload: { username, displayName: username, ...(password ? { password } : {}), grants: [] },
        });
      expect(errorOf(await create('mot.nguoi', 'iloveyou2024')).code).toBe('PASSWORD_TOO_WEAK');
      expect(errorOf(await create('mot.nguoi', '12345678901')).code).toBe('PASSWORD_TOO_WEAK');
      expect(errorOf(await create('motnguoi12', 'motnguoi12')).code).toBe('PASSWORD_TOO_WEAK');
      const generated = await create('mot.nguoi');
      expect(generated.statusCode, generated.body).toBe(200);
      expect(generated.json<{ password: string }>().password).toHaveLength(18);
    });

    it('ships a list of thousands of common passwords, compared without case', () => {
      expect(isCommonPassword('PASSWORD123')).toBe(true);
      expect(isCommonPassword('anhyeuem123')).toBe(true);
      expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
      expect(isCommonPassword('cay-bang-truoc-ngo-7')).toBe(false);
    });
  });
});
