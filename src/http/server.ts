/**
 * `npm start`: the API and the web app on one port (PORT, default 3000; HOST, default 127.0.0.1)
 * over the embedded SQLite database, or PostgreSQL when DATABASE_URL says so. A new database starts
 * with the sample plans. Mail goes out when PARINDEX_SMTP_URL and PARINDEX_MAIL_FROM are set; the
 * rounds' scheduled work (phase changes, reminders) runs unless PARINDEX_SCHEDULER=off.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, resolveDatabaseAddress } from '../db/database.js';
import {
  forgetInitialAdminFile,
  INITIAL_ADMIN_FILE,
  writeInitialAdminFile,
} from '../modules/initial-admin-file.js';
import { evidenceLimits, openEvidenceStore } from '../modules/evidence-store.js';
import { createInitialAdmin } from '../modules/users-admin.js';
import { createMailer, mailConfigFromEnv } from '../modules/mail.js';
import { createScheduler, schedulerConfigFromEnv } from '../modules/scheduler.js';
import { backfillFigures } from '../modules/plan-view.js';
import {
  loadSampleFrameworks,
  loadSampleResults,
  loadSampleRound,
  loadSamplesIfEmpty,
  writeSampleAccountsFile,
} from '../modules/samples.js';
import { buildApp } from './app.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clock = () => new Date();
const databaseAddress = resolveDatabaseAddress(undefined);
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
const evidence = { store: openEvidenceStore(), limits: evidenceLimits() };
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

const mailConfig = mailConfigFromEnv();
const mailer = mailConfig ? createMailer(mailConfig) : null;
if (mailConfig) console.log(`Thư điện tử: gửi qua ${new URL(mailConfig.smtpUrl).host} từ ${mailConfig.from}`);

const app = await buildApp(
  { db: database.db, clock, initialAdminFile, databaseAddress, evidence, mailer },
  {
    webRoot: resolve(root, 'web/dist'),
    logLevel: process.env.LOG === '1' ? 'info' : 'warn',
    trustProxy: process.env.TRUST_PROXY === '1',
  },
);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
await app.listen({ port, host });
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(`ParIndex đang chạy tại http://${shown}:${port}  (CSDL: ${database.label})`);

// phase changes and reminders, once whatever the number of servers (modules/scheduler.ts)
const schedulerConfig = schedulerConfigFromEnv();
const scheduler = schedulerConfig
  ? createScheduler(
      { db: database.db, clock, mailer },
      { kind: database.kind, address: databaseAddress },
      schedulerConfig,
    )
  : null;
await scheduler?.start();

const stop = async () => {
  await scheduler?.stop();
  await app.close();
  mailer?.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
