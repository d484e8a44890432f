/** Child process of bench/http.ts: the real app over a fresh SQLite database with the sample plans. */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { signIn } from '../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createAccount, TEST_PASSWORD } from '../test/helpers/accounts.js';
import { ROOT } from '../test/helpers/fixtures.js';

const clock = () => new Date();
const database = await openDatabase(join(mkdtempSync(join(tmpdir(), 'parindex-bench-')), 'bench.sqlite'));
await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
// the plan route needs a session: the load generator sends this one's cookie
await createAccount(database.db, 'bench', [{ role: 'admin', unitId: null }]);
const { token } = await signIn(
  { db: database.db, clock },
  { username: 'bench', password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
);
const app = await buildApp({ db: database.db, clock });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as AddressInfo).port} ${token}\n`);
