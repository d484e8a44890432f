/**
 * Scheduled work of the assessment rounds (issue 11 point 6, decision 0014): on each day it records
 * what the calendar did — a phase opened (audit `round.phase_opened`, or `round.published` for
 * publication; the round's units notified of the phases they act in), a phase closed
 * (`round.phase_closed`) — and, N days before the self-assessment closes (PARINDEX_REMINDER_DAYS,
 * default 3), reminds the units that have not submitted (notification `phase-closing` and e-mail).
 * Nothing waits for it to decide what is open: core/assessment.ts decides that from the dates.
 *
 * Each piece of work runs once however many app servers run and however often it is retried: it is
 * claimed by inserting its key into `scheduled_runs` in the transaction that does it (a second server
 * waits on the key and finds it taken). What wakes the work up: on PostgreSQL a pg-boss 10 queue (its
 * own `pgboss` schema) fed every minute by a pg-boss schedule, which sends one job per minute whatever
 * the number of servers, and by each server at its start and every PARINDEX_SCHEDULER_INTERVAL (one
 * job waits at most); on SQLite a timer in the single process. E-mail goes out after the commit.
 */
import PgBoss from 'pg-boss';
import { PHASES, isPhaseOpen, phaseDates, roundDay, type Phase } from '../core/assessment.js';
import { daysBetween } from '../core/dates.js';
import type { NotificationMessage } from '../core/messages.js';
import { activeRoundPhases, claimRun, setRunResult } from '../db/notifications-repo.js';
import type { DatabaseKind } from '../db/schema.js';
import { systemActor, type Actor } from './access.js';
import { audit } from './audit.js';
import { mailNotices, notify, recordReminders, unansweredByUnit, type NotifyDeps } from './notifications.js';
import { calendarOf, loadRound } from './round-context.js';

export interface SchedulerConfig {
  /** days before the self-assessment closes when units not submitted are reminded (0: never) */
  reminderDays: number;
  /** how often the timer looks (SQLite) or asks the queue for a run (PostgreSQL), in ms */
  intervalMs: number;
  /** where failures are reported (default: console.error) */
  log?: (message: string) => void;
}

export const DEFAULT_REMINDER_DAYS = 3;

/** The configuration from the environment; null when PARINDEX_SCHEDULER=off. */
export function schedulerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulerConfig | null {
  if (env.PARINDEX_SCHEDULER?.trim().toLowerCase() === 'off') return null;
  const days = Number(env.PARINDEX_REMINDER_DAYS ?? DEFAULT_REMINDER_DAYS);
  const seconds = Number(env.PARINDEX_SCHEDULER_INTERVAL ?? 60);
  return {
    reminderDays: Number.isInteger(days) && days >= 0 ? days : DEFAULT_REMINDER_DAYS,
    intervalMs: (Number.isFinite(seconds) && seconds >= 1 ? seconds : 60) * 1000,
  };
}

/** What one run did, by key (the keys of `scheduled_runs` this run claimed). */
export interface RunReport {
  done: string[];
}

/** The phases whose units are told when they open: those the units act in, and publication. */
const TOLD: readonly Phase[] = ['self', 'explanation', 'publication'];
/** A phase change older than this many days is not recorded any more (a server down for weeks). */
const LOOK_BACK_DAYS = 7;

const SCHEDULER: Actor = systemActor('scheduler');

/**
 * Does what is due today, each piece once. Safe to call from several servers at once and as often
 * as wanted.
 */
export async function runScheduledWork(
  deps: NotifyDeps,
  config: Pick<SchedulerConfig, 'reminderDays'>,
): Promise<RunReport> {
  const now = deps.clock();
  const day = roundDay(now);
  const rows = await activeRoundPhases(deps.db, day);
  const rounds = new Map<number, { name: string; phases: typeof rows }>();
  for (const r of rows) {
    const entry = rounds.get(r.round_id) ?? { name: r.round_name, phases: [] };
    entry.phases.push(r);
    rounds.set(r.round_id, entry);
  }
  const done: string[] = [];
  for (const [roundId, round] of rounds) {
    const calendar = calendarOf(round.phases);
    for (const phase of PHASES) {
      const dates = phaseDates(calendar, phase);
      if (!dates) continue;
      const sinceOpening = daysBetween(dates.opensOn, day);
      if (isPhaseOpen(calendar, phase, day) && sinceOpening <= LOOK_BACK_DAYS) {
        const key = `phase-opened:${roundId}:${phase}:${dates.opensOn}`;
        if (await recordOpening(deps, roundId, round.name, phase, dates.closesOn, key)) done.push(key);
      }
      const sinceClosing = daysBetween(dates.closesOn, day);
      if (phase !== 'publication' && sinceClosing >= 1 && sinceClosing <= LOOK_BACK_DAYS) {
        const key = `phase-closed:${roundId}:${phase}:${dates.closesOn}`;
        if (await recordClosing(deps, roundId, phase, dates.closesOn, key)) done.push(key);
      }
    }
    const self = phaseDates(calendar, 'self');
    if (self && config.reminderDays > 0) {
      const daysLeft = daysBetween(day, self.closesOn);
      if (daysLeft >= 0 && daysLeft <= config.reminderDays && day >= self.opensOn) {
        const key = `reminder:${roundId}:self:${self.closesOn}`;
        if (await remindBeforeClosing(deps, roundId, self.closesOn, daysLeft, key)) done.push(key);
      }
    }
  }
  return { done };
}

async function recordOpening(
  deps: NotifyDeps,
  roundId: number,
  roundName: string,
  phase: Phase,
  closesOn: string,
  key: string,
): Promise<boolean> {
  const at = deps.clock().toISOString();
  const ctx = TOLD.includes(phase)
    ? await loadRound(deps.db, roundId, deps.clock(), { criteria: false })
    : null;
  const message: NotificationMessage =
    phase === 'publication'
      ? { kind: 'published', params: { round: roundName } }
      : { kind: 'phase-opened', params: { round: roundName, phase, closesOn } };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimRun(trx, key, at))) return false;
    await audit(trx, SCHEDULER, at, [
      {
        action: phase === 'publication' ? 'round.published' : 'round.phase_opened',
        entity: 'round',
        entityId: roundId,
        field: 'phase',
        newValue: phase,
      },
    ]);
    const units = ctx?.units ?? [];
    await notify(
      trx,
      units.map((u) => ({ unitId: u.unit_id, roundId, message })),
      at,
    );
    await setRunResult(trx, key, `${units.length} notified`);
    return true;
  });
}

async function recordClosing(
  deps: NotifyDeps,
  roundId: number,
  phase: Phase,
  closesOn: string,
  key: string,
): Promise<boolean> {
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimRun(trx, key, at))) return false;
    await audit(trx, SCHEDULER, at, [
      { action: 'round.phase_closed', entity: 'round', entityId: roundId, field: 'phase', oldValue: phase },
    ]);
    await setRunResult(trx, key, `closed ${closesOn}`);
    return true;
  });
}

async function remindBeforeClosing(
  deps: NotifyDeps,
  roundId: number,
  closesOn: string,
  daysLeft: number,
  key: string,
): Promise<boolean> {
  const at = deps.clock().toISOString();
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  if (ctx.published) return false;
  const { missing, total } = await unansweredByUnit(deps.db, ctx);
  const notices = ctx.units
    .filter((u) => u.state === 'not-started' || u.state === 'in-progress')
    .map((u) => ({
      unitId: u.unit_id,
      unitName: u.unit_name,
      roundId,
      message: {
        kind: 'phase-closing' as const,
        params: {
          round: ctx.round.name,
          phase: 'self' as const,
          closesOn,
          daysLeft,
          missing: missing.get(u.unit_id) ?? total,
        },
      },
    }));
  const claimed = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimRun(trx, key, at))) return false;
    await recordReminders(trx, SCHEDULER, at, roundId, notices);
    await setRunResult(trx, key, `${notices.length} notified`);
    return true;
  });
  // after the commit, and only by the server that claimed the work: a retry never mails twice
  if (claimed) await mailNotices(deps.db, deps.mailer, notices);
  return claimed;
}

export interface Scheduler {
  start(): Promise<void>;
  /** does what is due now, in this process (the timer's and the queue's work; tests call it) */
  runOnce(): Promise<RunReport>;
  /**
   * PostgreSQL: asks the queue for a run now (one job, taken by one server); null when one is
   * already waiting. SQLite: runs at once.
   */
  trigger(): Promise<string | null>;
  /** how many runs this process made (the queue's jobs it took, the timer's ticks) */
  readonly runs: number;
  /** jobs waiting in the queue (PostgreSQL, for /metrics); null on SQLite, which has no queue */
  queueSize(): Promise<number | null>;
  stop(): Promise<void>;
}

export const SCHEDULER_QUEUE = 'parindex-scheduled-work';

/** A set-up step tried again a few times, a little later each time (another server may hold its rows). */
async function retrying(step: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
    }
  }
}

/**
 * The scheduler for one app server. `database`: the engine and, for PostgreSQL, its address (pg-boss
 * keeps its own pool and schema there).
 */
export function createScheduler(
  deps: NotifyDeps,
  database: { kind: DatabaseKind; address?: string },
  config: SchedulerConfig,
): Scheduler {
  const log = config.log ?? ((m: string) => console.error(m));
  let runs = 0;
  let running: Promise<RunReport> | null = null;
  const runOnce = async (): Promise<RunReport> => {
    // one run at a time in a process; the keys keep runs of other processes apart
    while (running) await running.catch(() => undefined);
    running = runScheduledWork(deps, config);
    try {
      runs += 1;
      return await running;
    } finally {
      running = null;
    }
  };
  const guarded = async () => {
    try {
      await runOnce();
    } catch (error) {
      log(`Công việc định kỳ lỗi: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  if (database.kind === 'sqlite') {
    let timer: NodeJS.Timeout | null = null;
    return {
      get runs() {
        return runs;
      },
      start() {
        timer = setInterval(() => void guarded(), config.intervalMs);
        timer.unref();
        setImmediate(() => void guarded());
        return Promise.resolve();
      },
      runOnce,
      async trigger() {
        await runOnce();
        return 'local';
      },
      queueSize: () => Promise.resolve(null),
      async stop() {
        if (timer) clearInterval(timer);
        timer = null;
        while (running) await running.catch(() => undefined);
      },
    };
  }

  if (!database.address) throw new Error('the scheduler on PostgreSQL needs the database address');
  const boss = new PgBoss({
    connectionString: database.address,
    schema: 'pgboss',
    application_name: 'parindex-scheduler',
    max: 2,
  });
  boss.on('error', (error: Error) => log(`pg-boss: ${error.message}`));
  let timer: NodeJS.Timeout | null = null;
  return {
    get runs() {
      return runs;
    },
    async start() {
      await boss.start();
      // servers starting together race to create the queue (PostgreSQL may call it a deadlock and
      // abort one): whoever loses finds it made by the other
      await retrying(async () => {
        if (await boss.getQueue(SCHEDULER_QUEUE)) return;
        // 'stately': at most one job waiting and one running, whatever the number of servers
        await boss.createQueue(SCHEDULER_QUEUE, { name: SCHEDULER_QUEUE, policy: 'stately', retryLimit: 2 });
      });
      await retrying(() => boss.schedule(SCHEDULER_QUEUE, '* * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' }));
      await boss.work(SCHEDULER_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
        await runOnce();
      });
      // the schedule wakes the work on the minute; each server also asks for a run when it starts and
      // every interval (PARINDEX_SCHEDULER_INTERVAL), so a restart does what is due without waiting —
      // 'stately' keeps one job waiting whatever the number of servers asking
      const ask = () => void boss.send(SCHEDULER_QUEUE, {}).catch((e: Error) => log(`pg-boss: ${e.message}`));
      ask();
      timer = setInterval(ask, config.intervalMs);
      timer.unref();
    },
    runOnce,
    trigger() {
      return boss.send(SCHEDULER_QUEUE, {});
    },
    queueSize() {
      return boss.getQueueSize(SCHEDULER_QUEUE);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
