/**
 * The Fastify application: JSON API under /api (every input validated by a zod schema, OpenAPI at
 * /api/docs) and the single-page app's files from web/dist, with client routes answered by its
 * index.html.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, type onSendHookHandler } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FILE_BYTES } from '../formats/read.js';
import type { ServerDeps } from '../modules/deps.js';
import { apiNotFound, registerErrorHandling } from './errors.js';
import { registerSessions } from './auth.js';
import { registerSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';
import { planIdOfPage, planPageWithFirstScreen } from './first-screen.js';
import { registerMetrics, type MetricsOptions } from './metrics.js';
import { healthRoutes } from './routes/health.js';
import { accountRoutes } from './routes/accounts.js';
import { assessmentRoutes } from './routes/assessment.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { backupRoutes } from './routes/backup.js';
import { evidenceRoutes } from './routes/evidence.js';
import { frameworkRoutes } from './routes/frameworks.js';
import { overviewRoutes } from './routes/overview.js';
import { appraisalRoutes } from './routes/appraisal.js';
import { importRoutes } from './routes/imports.js';
import { notificationRoutes } from './routes/notifications.js';
import { planRoutes } from './routes/plans.js';
import { resultsImportRoutes } from './routes/results-import.js';
import { surveyRoutes } from './routes/survey.js';
import { nextPlanRoutes } from './routes/next-plan.js';
import { whatIfRoutes } from './routes/what-if.js';
import { resultRoutes } from './routes/results.js';
import { roundRoutes } from './routes/rounds.js';
import { resultExportRoutes } from './routes/results-export.js';
import { unitRoutes } from './routes/units.js';
import { unitEventRoutes } from './routes/unit-events.js';
import { databaseRateLimitStore } from './rate-limit-store.js';

/** The routes take it from modules/deps.ts; the name stays for the callers of buildApp. */
export type AppDeps = ServerDeps;

export interface AppOptions {
  /** the built web app (index.html and assets); absent in API-only tests */
  webRoot?: string;
  /** 'warn' logs server errors (the default of `npm start`), 'info' every request; tests stay silent */
  logLevel?: 'silent' | 'warn' | 'info';
  trustProxy?: boolean;
  /** where the JSON log lines go (default: stdout); the tests read them */
  logStream?: { write(line: string): void };
  /** GET /metrics with its token and sources (http/metrics.ts); absent: not served */
  metrics?: MetricsOptions;
}

/**
 * What the log never holds, whatever a line carries: credentials, session and CSRF tokens, and the
 * personal data a body may hold (names, addresses). The request line itself is method and path only
 * (reqSerializer); these catch an object logged with its body or headers.
 */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body',
  '*.body',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.csrfToken',
  '*.username',
  '*.displayName',
  '*.email',
  // PostgreSQL's errors carry the row's values ("Key (username)=(…) already exists")
  'err.detail',
  'err.parameters',
];

/** A client's or a proxy's X-Request-Id is kept when it is a plain token; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request in a log line: its method and path — the query string may hold names typed by a user. */
function reqSerializer(request: FastifyRequest) {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return { method: request.method, url: query === -1 ? url : url.slice(0, query) };
}

/**
 * The largest answer compressed in one step on the server's thread (@fastify/compress's
 * syncThreshold): brotli 4 took 0,5–1,6 ms for 20–100 KB of JSON, 1,4 ms for 256 KB (gzip 1,8), so a
 * turn of the event loop holds at most a few ms for it; a larger answer goes through the stream, off
 * the thread.
 */
const COMPRESS_IN_ONE_STEP = 256 * 1024;

/** what is worth compressing; anything else only when mime-db calls it compressible */
const COMPRESSIBLE = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|javascript(?:;|$)/u;

/**
 * `Vary: Accept-Encoding` on an answer whose type COMPRESSIBLE names (no type: JSON, as the plugin
 * takes it), once — whether @fastify/compress compressed it or not.
 */
const varyOnEncoding: onSendHookHandler = (_request, reply, payload, done) => {
  const type = reply.getHeader('content-type');
  if (COMPRESSIBLE.test(type === undefined ? 'application/json' : String(type))) {
    const vary = reply.getHeader('vary');
    const named = [vary ?? []].flat().flatMap((v) => String(v).split(','));
    if (!named.some((v) => v.trim().toLowerCase() === 'accept-encoding'))
      void reply.header('vary', [...named.map((v) => v.trim()), 'accept-encoding'].join(', '));
  }
  done(null, payload);
};

/** A route's hooks of one kind as a list (a route gives none, one or a list). */
const hooksOf = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : ([hooks].flat() as T[]));

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // JSON lines (pino), each request's lines carrying its id ("reqId"), sent back as X-Request-Id
    logger: {
      level: options.logLevel ?? 'silent',
      redact: { paths: REDACTED, censor: '[hidden]' },
      serializers: { req: reqSerializer },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    // behind a reverse proxy that terminates HTTPS, its X-Forwarded-* headers say the client's
    // address and protocol (Secure cookies, audit IPs)
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // responses are typed at compile time; at run time they are only serialised
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  if (options.metrics) registerMetrics(app, options.metrics);

  // helmet's headers, made once (security-headers.ts)
  await registerSecurityHeaders(app, SECURITY_HEADERS);
  // brotli or gzip as the client asks (brotli at the plugin's quality 4: fast enough per request),
  // for the API's JSON and the built app's text; files that are compressed already (XLSX, DOCX,
  // PNG, PDF, ZIP) and backups (octet-stream, large) go as they are. An answer of up to
  // COMPRESS_IN_ONE_STEP bytes is compressed in one step on the thread (the plugin's default on 2
  // cores is 8 KB): through the stream, its chunks went to the thread pool and back, each a wake-up,
  // which cost a 20–50 KB answer (a list, a ranking page, a round's overview) 1–4 ms more on the
  // server than the one step, and more on a loaded machine (BENCHMARKS.md, compress-sync)
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    syncThreshold: COMPRESS_IN_ONE_STEP,
  });
  // the plugin says Vary: Accept-Encoding only on the answers it compresses (it has no option for
  // the others): an answer of a route it compresses goes as it is when the client asks for identity
  // or when it is under the plugin's threshold — a cache keeping that one must still key it by the
  // encoding asked, so every answer of such a route that could be compressed says so (kept-encodings.ts
  // says it itself on the routes that turn the plugin off)
  app.addHook('onRoute', (route) => {
    if (route.compress === false) return;
    route.onSend = [...hooksOf(route.onSend), varyOnEncoding];
  });
  await app.register(fastifyCookie);
  // the limits count every server's requests (several servers share the database)
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(deps.db) });
  registerSessions(app, deps);

  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ParIndex API',
        description:
          'Kế hoạch cải thiện Chỉ số CCHC — PAR Index improvement plans. Errors: {"error":{"code","message"}}.',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // its page has inline scripts: it sets its own policy with their hashes
    staticCSP: true,
  });

  await app.register(
    async (api) => {
      api.get('/health', { config: { public: true } }, () => ({ ok: true }));
      await api.register(healthRoutes(deps));
      await api.register(authRoutes(deps));
      await api.register(planRoutes(deps));
      await api.register(importRoutes(deps));
      await api.register(accountRoutes(deps));
      await api.register(unitRoutes(deps));
      await api.register(unitEventRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(backupRoutes(deps));
      await api.register(frameworkRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(assessmentRoutes(deps));
      await api.register(surveyRoutes(deps));
      await api.register(resultsImportRoutes(deps));
      await api.register(nextPlanRoutes(deps));
      await api.register(overviewRoutes(deps));
      await api.register(appraisalRoutes(deps));
      await api.register(evidenceRoutes(deps));
      await api.register(roundRoutes(deps));
      await api.register(whatIfRoutes(deps));
      await api.register(resultRoutes(deps));
      await api.register(resultExportRoutes(deps));
      api.setNotFoundHandler(apiNotFound);
    },
    { prefix: '/api' },
  );

  const webRoot = options.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // the build writes each file's .br and .gz (web/vite.config.ts): sent as they are
      preCompressed: true,
      setHeaders(res, path) {
        // built assets carry a content hash in their name
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
    // the built page, as a plan's page carries it with its first screen (first-screen.ts); the plain
    // page is sent from the file each time (@fastify/static: its .br, its ETag), never stale either
    const shell = builtPage(join(webRoot, 'index.html'));
    app.setNotFoundHandler(async (request, reply) => {
      // client routes get the page; a missing built file is a 404, not the page in its place
      if (
        request.method === 'GET' &&
        !request.url.startsWith('/api/') &&
        !request.url.startsWith('/assets/')
      ) {
        if (planIdOfPage(request.url) === null) {
          return reply.header('cache-control', 'no-cache').sendFile('index.html');
        }
        // a plan's page is the signed-in reader's own (the plain one too: a cache keys it by cookie)
        void reply.header('vary', 'cookie');
        const page = await planPageWithFirstScreen(deps, request, shell());
        if (page === null) return reply.header('cache-control', 'no-cache').sendFile('index.html');
        return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page);
      }
      return apiNotFound(request, reply);
    });
  } else {
    app.setNotFoundHandler(apiNotFound);
  }
  return app;
}

/**
 * The built index.html as its file is now: read again when the file's size or modification time
 * changed (a rebuild of web/dist writes it anew, naming other hashed scripts, the old ones gone), a
 * stat per plan page; a file read midway through its writing changes again, so it is read again.
 */
function builtPage(path: string): () => string {
  const read = ({ mtimeMs, size } = statSync(path)) => ({ mtimeMs, size, text: readFileSync(path, 'utf8') });
  let kept = read();
  return () => {
    try {
      const now = statSync(path);
      if (now.mtimeMs !== kept.mtimeMs || now.size !== kept.size) kept = read(now);
    } catch {
      // gone while a rebuild empties web/dist: the last one read, until the new one is written
    }
    return kept.text;
  };
}
