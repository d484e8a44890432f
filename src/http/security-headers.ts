/**
 * The security headers of every response (a strict CSP, nosniff, no framing…), made once at start.
 * @fastify/helmet runs helmet(options) on every request — parsing the CSP directives and building
 * every header again (issue 13) — although they never change here (no nonces). The plugin stays
 * their only author: it answers one request of a throwaway instance, whose headers are kept and set
 * on each response by one hook.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** The app's headers: a strict CSP (no inline script, nothing from other origins). */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Ant Design writes its styles into <style> elements at run time
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // the app never embeds other origins' content and is never embedded
  crossOriginEmbedderPolicy: false,
};

/** What @fastify/helmet with these options sets on a response (the content type left out). */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(fastifyHelmet, options);
    probe.get('/', (_request, reply) => reply.send(''));
    const bare = Fastify({ logger: false });
    bare.get('/', (_request, reply) => reply.send(''));
    const [withHelmet, without] = await Promise.all([
      probe.inject({ method: 'GET', url: '/' }),
      bare.inject({ method: 'GET', url: '/' }),
    ]);
    await bare.close();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(withHelmet.headers)) {
      if (name in without.headers || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return headers;
  } finally {
    await probe.close();
  }
}

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
