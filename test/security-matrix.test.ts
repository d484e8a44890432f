/**
 * Who may do what over HTTP, on both engines: the matrix: every route × every role × where the
 * request lands, and the plans each user lists. The fixture and the matrix are test/helpers/access-
 * matrix.ts's; this file opens its own database with them, so it depends on no other file's edits.
 */
import { describe, expect, it } from 'vitest';
import { isAssessmentRoute } from './helpers/assessment-matrix.js';
import { PlanListItem } from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { withSession } from './helpers/http.js';
import {
  securityHarness,
  ROLES,
  SETS,
  A,
  D,
  COLUMNS,
  MATRIX,
  routeOf,
  codeOf,
  verdictOf,
} from './helpers/access-matrix.js';

describe.each(ENGINES)('access control, matrix, on %s', (kind) => {
  const sec = securityHarness(kind);
  const { plans, users, targetOf, REQUESTS, send } = sec;

  it('the matrix names every route the app serves, and asks each of them', () => {
    // the assessment round's routes have their own matrix (test/security-assessment.test.ts)
    const served = [...sec.watch.routes].filter((r) => !isAssessmentRoute(r)).sort();
    expect([...new Set(Object.keys(MATRIX).map(routeOf))].sort()).toEqual(served);
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    const rule = MATRIX[key]!;
    const build = REQUESTS[key]!;
    const mutating = !routeOf(key).startsWith('GET ');
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const set of SETS) {
      for (const role of ROLES) {
        const user = users[set][role];
        const cell = rule === 'public' ? A : rule[role];
        const columns = typeof cell === 'string' ? (['own'] as const) : COLUMNS[set];
        for (const column of columns) {
          const want = typeof cell === 'string' ? cell : cell[column];
          const label = `${role}@${set} ${column}`;
          const probe = await build({ user, target: targetOf(set, column), anyone: users.province.admin });
          const before = mutating && want === D ? await databaseDigest(sec.db) : null;
          const res = await send(key, probe, user);
          actual[label] = verdictOf(res);
          expected[label] = want;
          if (before !== null && actual[label] === D) {
            expect(await databaseDigest(sec.db), `${key} ${label}: refused, and nothing changed`).toBe(
              before,
            );
          }
        }
      }
    }
    const probe = await build({
      user: null,
      target: targetOf('province', 'own'),
      anyone: users.province.admin,
    });
    const before = mutating ? await databaseDigest(sec.db) : null;
    const res = await send(key, probe, null);
    const code = codeOf(res);
    actual['no session'] =
      res.statusCode === 401 && code === 'UNAUTHENTICATED' ? 'unauthenticated' : verdictOf(res);
    expected['no session'] = rule === 'public' ? A : 'unauthenticated';
    if (before !== null && rule !== 'public') expect(await databaseDigest(sec.db)).toBe(before);
    expect(actual).toEqual(expected);
  });

  it('each user lists the plans it reaches; a lead-unit officer sees its rows without totals', async () => {
    const seen: Record<string, number[]> = {};
    for (const set of SETS) {
      for (const role of ROLES) {
        const res = await sec.app.inject(
          withSession({ method: 'GET', url: '/api/plans' }, users[set][role].session),
        );
        const list = PlanListItem.array().parse(res.json());
        seen[`${role}@${set}`] = list.map((p) => p.id).sort((a, b) => a - b);
        if (role === 'lead_unit') {
          expect(list[0]!.totals).toEqual({ max: null, baseline: null, target: null });
        }
      }
    }
    const [p, d] = [plans.province.id, plans.district.id];
    expect(seen).toEqual({
      'admin@province': [p, d],
      'officer@province': [p],
      'lead_unit@province': [p],
      'appraiser@province': [p, d],
      'viewer@province': [p, d],
      'admin@district': [d],
      'officer@district': [d],
      'lead_unit@district': [d],
      'appraiser@district': [d],
      'viewer@district': [d],
    });
  });
});
