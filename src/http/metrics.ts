/**
 * GET /metrics for Prometheus (prom-client), served only when PARINDEX_METRICS_TOKEN is set and only
 * to a request bearing it (Authorization: Bearer …, compared in constant time): the figures say how
 * busy the installation is, which is nobody else's business. Without the token the route does not
 * exist (404). It holds: request durations by method, route pattern and status — the pattern
 * ("/api/plans/:id"), never the address, so no id or name becomes a label —, the PostgreSQL pool, the
 * scheduler's job queue, the upload worker pool, and the process's own figures (CPU, memory, heap,
 * event loop delay) from prom-client's default metrics. Each app has its own registry: several apps
 * in one process (the tests) do not mix their figures.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ReadPoolStats } from '../formats/read-pool.js';
import { render } from '../core/messages.js';
import { langOf } from './errors.js';

/** Where the figures beyond the requests come from; each absent one is left out. */
export interface MetricsSources {
  /** PostgreSQL's pool (pg.Pool's counts); absent on SQLite */
  dbPool?: () => { totalCount: number; idleCount: number; waitingCount: number };
  /** jobs waiting in the scheduler's queue; null when there is no queue (SQLite) */
  jobQueue?: () => Promise<number | null>;
  /** the worker threads that read uploaded files */
  readPool?: () => ReadPoolStats;
}

export interface MetricsOptions {
  token: string;
  sources?: MetricsSources;
}

/** Seconds: a plan page is a few ms, an import or an export a few seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Times every request and serves /metrics. Called by buildApp before any route, so that the hook
 * times them all.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): void {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const sources = options.sources ?? {};

  const durations = new Histogram({
    name: 'parindex_http_request_duration_seconds',
    help: 'Time from the request to its answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [register],
  });
  app.addHook('onResponse', async (request, reply) => {
    durations.observe(
      // no route matched: the address is the client's spelling, never a label
      {
        method: request.method,
        route: request.routeOptions.url ?? '(none)',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const { dbPool, jobQueue, readPool } = sources;
  if (dbPool) {
    new Gauge({
      name: 'parindex_db_pool_connections',
      help: 'PostgreSQL pool: connections open (total), idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [register],
      collect() {
        const pool = dbPool();
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  if (jobQueue) {
    new Gauge({
      name: 'parindex_job_queue_waiting',
      help: "Jobs waiting in the scheduler's pg-boss queue (0 on SQLite: no queue)",
      registers: [register],
      async collect() {
        this.set((await jobQueue()) ?? 0);
      },
    });
  }
  if (readPool) {
    new Gauge({
      name: 'parindex_read_pool',
      help: 'Upload reading worker pool: threads alive, files being read, files waiting',
      labelNames: ['state'] as const,
      registers: [register],
      collect() {
        const pool = readPool();
        this.set({ state: 'threads' }, pool.threads);
        this.set({ state: 'running' }, pool.running);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  const expected = digest(`Bearer ${options.token}`);
  app.get('/metrics', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const given = request.headers.authorization;
    // digests of equal length: the comparison takes the same time whatever was sent
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({
          error: { code: 'UNAUTHENTICATED', message: render('http.metricsToken', {}, langOf(request)) },
        });
    }
    return reply
      .header('content-type', register.contentType)
      .header('cache-control', 'no-store')
      .send(await register.metrics());
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
