/** Child process of bench/http.ts: a bare Fastify route answering the given bytes, the baseline. */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

const body = readFileSync(process.argv[2]!);
const app = Fastify();
app.get('/api/plans/:id', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as AddressInfo).port}\n`);
