/**
 * What the self-assessment benches share (bench/assessment.ts: one server; bench/two-servers.ts: two
 * on one PostgreSQL): the round of the last hour written into a database — `units` communes
 * of a framework of ~100 self-scored leaves (the sample commune framework's 49, each with a copy
 * beside it), each commune with its own assessor signed in — and the load: every unit's saves mixed,
 * sent through the real HTTP API open loop (arrivals at a fixed rate, exponential gaps, a fixed seed;
 * each save timed from when it was due) or closed loop (clients back to back), with the figures of a
 * run (p50/p95/p99/max).
 */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';

export interface Session {
  unitId: number;
  cookie: string;
  csrf: string;
}

export interface AnswersRound {
  roundId: number;
  sessions: Session[];
  /** the leaves a unit answers, each with its answers */
  leaves: { id: number; code: string; answers: unknown[] }[];
}

/** 500 units × ~100 answers in the last hour, a second */
export const answersPerSecond = (units: number) => (units * 100) / 3600;

/**
 * The open-loop rates of BENCH_RATES (multiples of the rate for `units`, `fallback` when
 * unset), each with its label.
 */
export function ratesOf(units: number, fallback: string): { label: string; perSecond: number }[] {
  return (process.env.BENCH_RATES ?? fallback)
    .split(',')
    .map(Number)
    .map((x) => ({ label: `${x}× the issue's rate`, perSecond: answersPerSecond(units) * x }));
}

/** GET /api/health probes a second while a rate runs */
export const HEALTH_RATE = 10;

/**
 * The round whose self-assessment closes tomorrow (it opened 9 days before `clock`'s day), its
 * `units` communes and their signed-in assessors, written into `db`.
 */
export async function seedAnswersRound(
  db: Kysely<DB>,
  clock: () => Date,
  units: number,
): Promise<AnswersRound> {
  const { seedRound, calendarFrom } = await import('../test/helpers/rounds.js');
  const { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } = await import('../test/helpers/accounts.js');
  const { signIn } = await import('../src/modules/auth.js');
  const { insertUnit } = await import('../src/db/units-repo.js');
  const { unitKey } = await import('../src/core/units.js');
  const { roundCriteria } = await import('../src/modules/round-context.js');
  const { sampleAnswer } = await import('../src/modules/samples.js');
  const { ZERO } = await import('../src/core/score.js');

  const day = clock().toISOString().slice(0, 10);
  // the self-assessment opened 9 days ago and closes tomorrow: its last hours
  const first = new Date(Date.parse(`${day}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
  const fixture = await seedRound(
    { db, clock },
    { calendar: calendarFrom(first, 11), communes: Math.min(units, 8) },
  );
  // ~100 self-scored leaves: each of the sample framework's beside a copy of it (code n + 50 under
  // the same parent, the same rule; a gate's copy reads the same criterion)
  const rows = await db
    .selectFrom('criteria')
    .selectAll()
    .where('framework_id', '=', fixture.frameworkId)
    .orderBy('position')
    .execute();
  const parents = new Set(rows.map((r) => r.parent_code));
  await db
    .updateTable('criteria')
    .set((eb) => ({ position: eb('position', '*', 2) }))
    .where('framework_id', '=', fixture.frameworkId)
    .execute();
  const copies = rows.filter(
    (r) => !parents.has(r.code) && r.rule !== null && r.scorer !== 'survey' && r.scorer !== 'council',
  );
  for (const r of copies) {
    const { id: _id, version: _version, ...rest } = r;
    const last = Number(r.code.split('.').pop());
    const code = `${r.parent_code}.${last + 50}`;
    await db
      .insertInto('criteria')
      .values({ ...rest, code, raw_code: code, position: r.position * 2 + 1, name: `${r.name} (bản sao)` })
      .execute();
  }
  const at = clock().toISOString();
  const unitIds = fixture.communes.map((c) => c.id);
  for (let i = unitIds.length; i < units; i++) {
    const name = `Xã Thử ${String(i + 1).padStart(3, '0')}`;
    const id = await insertUnit(db, {
      name,
      name_key: unitKey(name, { levelWords: [] }),
      kind: 'commune',
      parent_id: fixture.provinceId,
      created_at: at,
    });
    unitIds.push(id);
  }
  if (unitIds.length > fixture.communes.length) {
    await db
      .insertInto('round_units')
      .values(
        unitIds
          .slice(fixture.communes.length)
          .map((unit_id) => ({ round_id: fixture.roundId, unit_id, submitted_at: null, submitted_by: null })),
      )
      .execute();
  }
  const sessions: Session[] = [];
  for (const [i, unitId] of unitIds.entries()) {
    const username = `canbo${i + 1}`;
    await addUser({ db, clock }, username, [{ role: 'assessor', unitId }]);
    const { token, session } = await signIn(
      { db, clock, passwordCost: TEST_PASSWORD_COST },
      { username, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
    );
    sessions.push({ unitId, cookie: `parindex_session=${token}`, csrf: session.csrfToken });
  }
  const criteria = await roundCriteria(db, fixture.frameworkId);
  const codes = new Set(criteria.map((c) => c.parentCode));
  const leaves = criteria.flatMap((c) => {
    if (codes.has(c.code) || !c.rule || c.scorer === 'survey' || c.scorer === 'council') return [];
    const max = c.max ?? (c.rule.kind === 'bonus' || c.rule.kind === 'penalty' ? c.rule.cap : ZERO);
    const answers = [sampleAnswer(c.rule, max, 'fair'), sampleAnswer(c.rule, max, 'good')];
    return answers.every((a) => a !== null) ? [{ id: c.id, code: c.code, answers }] : [];
  });
  return { roundId: fixture.roundId, sessions, leaves };
}

export interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function figures(times: number[], seconds: number): Figures {
  times.sort((a, b) => a - b);
  return {
    count: times.length,
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
  };
}

/** `count` requests by `concurrency` clients back to back. */
export async function closedLoop(
  count: number,
  concurrency: number,
  request: () => Promise<void>,
): Promise<Figures> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await request();
        times.push(performance.now() - t);
      }
    }),
  );
  return figures(times, (performance.now() - started) / 1000);
}

/** A small fixed-seed generator (mulberry32): the same arrivals every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests arriving at `perSecond` for `seconds` (exponential gaps), each timed from when it was
 * due: a request the server is late for counts its wait.
 */
export async function openLoop(
  perSecond: number,
  seconds: number,
  seed: number,
  request: () => Promise<void>,
): Promise<Figures> {
  const next = random(seed);
  const due: number[] = [];
  for (let t = 0; ;) {
    t += (-Math.log(1 - next()) / perSecond) * 1000;
    if (t > seconds * 1000) break;
    due.push(t);
  }
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    due.map(async (at) => {
      const wait = started + at - performance.now();
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      await request();
      times.push(performance.now() - (started + at));
    }),
  );
  return figures(times, seconds);
}

const ms = (v: number) => v.toFixed(1);

/** One row of the benches' tables: name | count | req/s | p50 | p95 | p99 | max. */
export const line = (name: string, f: Figures) =>
  `${name} | ${f.count} | ${f.perSecond.toFixed(1)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)}`;

export interface AnswerSaver {
  /** the next save of the mix, sent to the server `base(n)` names for the n-th save */
  save(): Promise<void>;
  /** saves taken from the mix so far */
  readonly taken: number;
  /** saves refused or timed out so far */
  readonly failures: number;
}

/**
 * Every unit's saves, mixed: save k of every unit before save k + 1 of any, units shuffled; each
 * leaf answered, then answered again with the other answer. The n-th save goes to `base(n)`; a save
 * sends the version the last one of the same answer gave, whichever server gave it.
 */
export function answerSaver(round: AnswersRound, base: (n: number) => string): AnswerSaver {
  const versions = new Map<string, number>();
  const plan: { session: Session; leaf: AnswersRound['leaves'][number]; answer: unknown }[] = [];
  const order = round.sessions.map((s, i) => ({ s, key: (i * 7919) % round.sessions.length }));
  order.sort((a, b) => a.key - b.key);
  for (let pass = 0; pass < 2; pass++) {
    for (const [li, leaf] of round.leaves.entries()) {
      for (const { s } of order) {
        plan.push({ session: s, leaf, answer: leaf.answers[(pass + li) % leaf.answers.length] });
      }
    }
  }
  let taken = 0;
  let failures = 0;
  return {
    get taken() {
      return taken;
    },
    get failures() {
      return failures;
    },
    async save() {
      const n = taken++;
      const { session, leaf, answer } = plan[n % plan.length]!;
      const key = `${session.unitId}:${leaf.id}`;
      try {
        const res = await fetch(
          `${base(n)}/api/rounds/${round.roundId}/units/${session.unitId}/answers/${leaf.id}`,
          {
            method: 'PATCH',
            headers: {
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ version: versions.get(key) ?? 0, answer, note: `lần ${n + 1}` }),
          },
        );
        const body = (await res.json()) as { criterion?: { version: number } };
        if (res.status !== 200 || !body.criterion) throw new Error(`${res.status} ${JSON.stringify(body)}`);
        versions.set(key, body.criterion.version);
      } catch (e) {
        // an overloaded server refuses or times out: counted, reported, the run goes on
        if (failures++ < 3) console.error(`save ${key}: ${String(e).slice(0, 300)}`);
      }
    },
  };
}

/** GET /api/health on `base`, failing on anything but 200. */
export async function health(base: string): Promise<void> {
  const res = await fetch(`${base}/api/health`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`health ${res.status}`);
}
