/**
 * Access control of the assessment round (test/helpers/assessment-matrix.ts): every route under
 * /api/rounds, /api/evidence and /api/notifications is in the matrix, and each is asked by every
 * actor about its own commune and another, then without a session; refused changes change nothing;
 * state-changing requests without the session's CSRF token are refused.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from './helpers/databases.js';
import {
  A,
  ACTORS,
  ASSESSMENT_MATRIX,
  assessmentHarness,
  codeOf,
  isAssessmentRoute,
  routeOf,
  TARGETS,
  verdictOf,
} from './helpers/assessment-matrix.js';
import { databaseDigest } from './helpers/db-state.js';
import { EVIDENCE_MATRIX_DEPS } from './helpers/assessment-matrix-evidence.js';

describe.each(ENGINES)('access control of the assessment round, on %s', (kind) => {
  const h = assessmentHarness(kind, { app: () => ({ evidence: EVIDENCE_MATRIX_DEPS }) });

  it('the matrix names every assessment route the app serves', () => {
    const served = [...h.watch.routes].filter(isAssessmentRoute).sort();
    expect([...new Set(Object.keys(ASSESSMENT_MATRIX).map(routeOf))].sort()).toEqual(served);
  });

  const keys = Object.keys(ASSESSMENT_MATRIX);
  it.runIf(keys.length > 0).each(keys)('%s', async (key) => {
    const entry = ASSESSMENT_MATRIX[key]!;
    const mutating = !routeOf(key).startsWith('GET ');
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of ACTORS) {
      const cell = entry.rule[name];
      for (const target of TARGETS) {
        const want = typeof cell === 'string' ? cell : cell[target];
        const user = h.users[name];
        const probe = await entry.request(h.contextFor(user, target));
        const before = mutating && want !== A ? await databaseDigest(h.db) : null;
        const res = await h.send(key, probe, user);
        const label = `${name} ${target}`;
        actual[label] = verdictOf(res);
        expected[label] = want;
        if (before !== null && actual[label] === want) {
          expect(await databaseDigest(h.db), `${key} ${label}: refused, and nothing changed`).toBe(before);
        }
      }
    }
    const probe = await entry.request(h.contextFor(null, 'own'));
    const res = await h.send(key, probe, null);
    actual['no session'] =
      res.statusCode === 401 && codeOf(res) === 'UNAUTHENTICATED' ? 'unauthenticated' : verdictOf(res);
    expected['no session'] = 'unauthenticated';
    expect(actual).toEqual(expected);
    if (mutating) {
      const probe = await entry.request(h.contextFor(h.users.office, 'own'));
      const { cookie } = await h.freshSession(h.users.office);
      const before = await databaseDigest(h.db);
      const res = await h.app.inject({ ...probe, headers: { ...(probe.headers ?? {}), cookie } });
      expect(res.statusCode, `${key} without the CSRF token`).toBe(403);
      expect(codeOf(res)).toBe('CSRF_FAILED');
      expect(await databaseDigest(h.db)).toBe(before);
    }
  });
});
