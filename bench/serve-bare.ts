/**
 * Child process of bench/http.ts and bench/scale.ts: a bare Fastify route answering the given bytes,
 * the baseline. Given a PostgreSQL address too, each request first makes one round trip to it (a
 * prepared `select 1` on a pool of the app's size, 10): the floor of a page that must ask the database
 * anything, as the app asks for the session and the plan's version.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';

const body = readFileSync(process.argv[2]!);
const address = process.argv[3];
const pool = address === undefined ? null : new pg.Pool({ connectionString: address, max: 10 });
const app = Fastify();
app.get('/api/plans/:id', async (_request, reply) => {
  if (pool) await pool.query({ name: 'floor', text: 'select 1 as one' });
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as AddressInfo).port}\n`);
