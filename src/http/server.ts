/**
 * `npm start`: the API and the web app on one port (PORT, default 3000; HOST, default 127.0.0.1)
 * over the embedded SQLite database, or PostgreSQL when DATABASE_URL says so. A new database starts
 * with the sample plans.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, resolveDatabaseAddress } from '../db/database.js';
import { createInitialAdmin } from '../modules/users-admin.js';
import { loadSamplesIfEmpty } from '../modules/samples.js';
import { buildApp } from './app.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clock = () => new Date();
const database = await openDatabase(resolveDatabaseAddress(undefined));
const samples = await loadSamplesIfEmpty({ db: database.db, clock }, resolve(root, 'samples'));
for (const p of samples) console.log(`Đã nạp kế hoạch mẫu #${p.planId}: ${p.subject} năm ${p.year}`);

// a new installation gets one administrator with a random password, shown once and kept in a file
// only its owner can read; there is no default password
const admin = await createInitialAdmin({ db: database.db, clock });
if (admin) {
  const folder = database.kind === 'sqlite' ? dirname(resolve(database.label)) : resolve('data');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'initial-admin.txt');
  writeFileSync(
    file,
    `ParIndex — tài khoản quản trị đầu tiên / first administrator\nTên đăng nhập / user name: ${admin.username}\nMật khẩu / password: ${admin.password}\n(Phải đổi mật khẩu ở lần đăng nhập đầu / change it at the first sign-in)\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  console.log(`Tài khoản quản trị đầu tiên: ${admin.username} / ${admin.password}`);
  console.log(`(chỉ hiện một lần; đã ghi vào ${file}, chỉ chủ sở hữu đọc được)`);
}

const app = await buildApp(
  { db: database.db, clock },
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

const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
