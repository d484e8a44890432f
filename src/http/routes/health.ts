/**
 * GET /api/ready, beside GET /api/health (liveness, in app.ts): whether this server can serve — its
 * database answers and holds every migration of this build. A load balancer or an orchestrator sends
 * requests only to a server that answers 200; a 503 says why in the API's error shape.
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { pendingMigrations } from '../../db/migration-state.js';
import { render } from '../../core/messages.js';
import type { ServerDeps } from '../../modules/deps.js';
import { langOf } from '../errors.js';

/** A database that does not answer within this long is as good as unreachable for a balancer. */
const READY_TIMEOUT_MS = 3000;

export function healthRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (api, _options, done) => {
    api.get('/ready', { config: { public: true } }, async (request, reply) => {
      let pending: string[] | null;
      try {
        pending = await withTimeout(pendingMigrations(deps.db), READY_TIMEOUT_MS);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        pending = null;
      }
      if (pending !== null && pending.length === 0) return { ready: true };
      const reason = pending === null ? 'database' : 'migrations';
      const message = render(
        'http.notReady',
        { reason, pending: (pending ?? []).join(', ') },
        langOf(request),
      );
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'NOT_READY', message, details: { reason, pending: pending ?? [] } } });
    });
    done();
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
