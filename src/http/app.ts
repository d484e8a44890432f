/**
 * The Fastify application: JSON API under /api (every input validated by a zod schema, OpenAPI at
 * /api/docs) and the single-page app's files from web/dist, with client routes answered by its
 * index.html.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { MAX_FILE_BYTES } from '../formats/read.js';
import { apiNotFound, registerErrorHandling } from './errors.js';
import { importRoutes } from './routes/imports.js';
import { planRoutes } from './routes/plans.js';

export interface AppDeps {
  db: Kysely<DB>;
  clock: () => Date;
}

export interface AppOptions {
  /** the built web app (index.html and assets); absent in API-only tests */
  webRoot?: string;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // responses are typed at compile time; at run time they are only serialised
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);

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
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get('/health', () => ({ ok: true }));
      await api.register(planRoutes(deps));
      await api.register(importRoutes(deps));
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
      setHeaders(res, path) {
        // built assets carry a content hash in their name
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return apiNotFound(request, reply);
    });
  } else {
    app.setNotFoundHandler(apiNotFound);
  }
  return app;
}
