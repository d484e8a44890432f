/**
 * `npm start`: the API and the web app on one port (PORT, default 3000; HOST, default 127.0.0.1)
 * over the embedded SQLite database, or PostgreSQL when DATABASE_URL says so. A new database starts
 * with the sample plans. Mail goes out when PARINDEX_SMTP_URL and PARINDEX_MAIL_FROM are set; the
 * rounds' scheduled work (phase changes, reminders) runs unless PARINDEX_SCHEDULER=off. The
 * configuration is checked first (config.ts: a mistake exits 2 before anything opens). SIGTERM or
 * SIGINT stops it gracefully: no new connection, the requests in flight finished (at most
 * PARINDEX_SHUTDOWN_SECONDS), the scheduler's jobs stopped, then the mailer, the upload workers and
 * the database closed; exit 0. A second signal ends it at once (exit 1).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/database.js';
import { closeReadPool, readPoolStats } from '../formats/read-pool.js';
import { closeComputePool } from '../modules/compute-pool.js';
import {
  forgetInitialAdminFile,
  INITIAL_ADMIN_FILE,
  writeInitialAdminFile,
} from '../modules/initial-admin-file.js';
import { createInitialAdmin } from '../modules/users-admin.js';
import { createMailer } from '../modules/mail.js';
import { createScheduler } from '../modules/scheduler.js';
import { backfillFigures } from '../modules/plan-view.js';
import {
  loadSampleFrameworks,
  loadSampleResults,
  loadSampleRound,
  loadSamplesIfEmpty,
  writeSampleAccountsFile,
} from '../modules/samples.js';
import { buildApp } from './app.js';
import { loadServerConfig } from './config.js';

const config = loadServerConfig();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clock = () => new Date();
const databaseAddress = config.databaseAddress;
const database = await openDatabase(databaseAddress);
// plans stored before their list figures were (migrations 0013, 0017) get them now, before any request
const refreshed = await backfillFigures(database.db);
if (refreshed > 0) console.log(`Đã tính số liệu danh sách của ${refreshed} kế hoạch`);
const samples = await loadSamplesIfEmpty({ db: database.db, clock }, resolve(root, 'samples'));
for (const p of samples) console.log(`Đã nạp kế hoạch mẫu #${p.planId}: ${p.subject} năm ${p.year}`);
if (samples.length > 0) {
  const frameworks = await loadSampleFrameworks(
    { db: database.db, clock },
    resolve(root, 'samples/frameworks'),
  );
  for (const name of frameworks) console.log(`Đã nạp bộ tiêu chí mẫu: ${name}`);
  const result = await loadSampleResults({ db: database.db, clock }, resolve(root, 'samples/results'));
  if (result !== null) console.log(`Đã nạp kết quả xếp hạng mẫu #${result}`);
}

// a new installation gets one administrator with a random password, shown once and kept in a file
// only its owner can read; there is no default password
const admin = await createInitialAdmin({ db: database.db, clock });
const adminFolder = database.kind === 'sqlite' ? dirname(resolve(database.label)) : resolve('data');
const initialAdminFile = join(adminFolder, INITIAL_ADMIN_FILE);
if (admin) {
  writeInitialAdminFile(adminFolder, admin);
  console.log(`Tài khoản quản trị đầu tiên: ${admin.username} / ${admin.password}`);
  console.log(`(chỉ hiện một lần; đã ghi vào ${initialAdminFile}, chỉ chủ sở hữu đọc được)`);
} else if (await forgetInitialAdminFile(database.db, initialAdminFile)) {
  console.log(`Đã xóa ${initialAdminFile}: quản trị đã đổi mật khẩu`);
}

// the evidence files: the data folder, or S3-compatible storage shared by several servers (decision 0013)
const evidence = { store: config.evidence.open(), limits: config.evidence.limits };
// and a sample round of the sample commune framework, with its own accounts (after the first
// administrator: that one is made only while there is no account)
if (samples.length > 0) {
  const round = await loadSampleRound({ db: database.db, clock, evidence }, resolve(root, 'samples'));
  if (round) {
    const file = writeSampleAccountsFile(adminFolder, round.accounts);
    console.log(`Đã nạp đợt đánh giá mẫu #${round.roundId} với ${round.accounts.length} tài khoản mẫu`);
    console.log(`(mật khẩu một lần của các tài khoản mẫu: ${file}, chỉ chủ sở hữu đọc được)`);
  }
}

const mailConfig = config.mail;
const mailer = mailConfig ? createMailer(mailConfig) : null;
if (mailConfig) console.log(`Thư điện tử: gửi qua ${new URL(mailConfig.smtpUrl).host} từ ${mailConfig.from}`);

// phase changes and reminders, once whatever the number of servers (modules/scheduler.ts); made
// here for /metrics, started once the server listens
const schedulerConfig = config.scheduler;
const scheduler = schedulerConfig
  ? createScheduler(
      { db: database.db, clock, mailer },
      { kind: database.kind, address: databaseAddress },
      schedulerConfig,
    )
  : null;
const pool = database.pool;
const app = await buildApp(
  { db: database.db, clock, initialAdminFile, databaseAddress, evidence, mailer },
  {
    webRoot: resolve(root, 'web/dist'),
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    ...(config.metricsToken === null
      ? {}
      : {
          metrics: {
            token: config.metricsToken,
            sources: {
              ...(pool ? { dbPool: () => pool } : {}),
              // before the scheduler has started (or once it stops) its queue is not there to ask
              jobQueue: () => scheduler?.queueSize().catch(() => null) ?? Promise.resolve(null),
              readPool: readPoolStats,
            },
          },
        }),
  },
);
// from here on a signal stops what has been started, the listening socket and the scheduler included
let stopping = false;
let schedulerStarting: Promise<void> = Promise.resolve();
const stop = async (signal: string) => {
  if (stopping) {
    console.error(`${signal} lần hai: dừng ngay`);
    process.exit(1);
  }
  stopping = true;
  console.log(`Đang dừng (${signal}): hoàn tất các yêu cầu đang xử lý…`);
  // app.close stops accepting at once and resolves when the requests in flight have answered; one
  // that takes longer than the bound has its connection cut
  const bound = setTimeout(() => {
    console.error(`Quá ${config.shutdownMs / 1000} giây: cắt các kết nối còn lại`);
    app.server.closeAllConnections();
  }, config.shutdownMs);
  bound.unref();
  let clean = true;
  const settle = (what: string) => (error: unknown) => {
    clean = false;
    console.error(`Lỗi khi dừng (${what}): ${error instanceof Error ? error.message : String(error)}`);
  };
  const stopScheduler = async () => {
    // a scheduler still starting (pg-boss making its queue) is stopped once started
    await schedulerStarting.catch(() => undefined);
    await scheduler?.stop();
  };
  await Promise.all([app.close().catch(settle('http')), stopScheduler().catch(settle('scheduler'))]);
  clearTimeout(bound);
  mailer?.close();
  await closeReadPool().catch(settle('read pool'));
  await closeComputePool().catch(settle('compute pool'));
  await database.close().catch(settle('database'));
  console.log('Đã dừng');
  process.exit(clean ? 0 : 1);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const host = config.host;
await app.listen({ port: config.port, host });
// PORT=0 takes a free port: the one given is said
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(`ParIndex đang chạy tại http://${shown}:${port}  (CSDL: ${database.label})`);

schedulerStarting = scheduler?.start() ?? Promise.resolve();
await schedulerStarting;
