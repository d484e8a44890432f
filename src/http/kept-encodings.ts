/**
 * Answers compressed once and kept (a plan page per version, modules/plan-view.ts#PlanAnswer)
 * instead of by @fastify/compress on every request: the same encodings (brotli, then gzip) at the
 * plugin's own settings (brotli quality 4, gzip's default), chosen by the client's Accept-Encoding.
 * A route sending kept bytes turns the plugin off (`compress: false`); sendKeptJson says
 * `Vary: Accept-Encoding` on every answer it makes — 200 compressed, 200 identity and 304 — so a
 * cache never hands a gzip body to a client that did not ask for it.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** The encoding the client takes with the highest q (br first at equal q), or none. */
export function acceptedEncoding(header: string | string[] | undefined): Encoding | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = parameters.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | undefined;
  let bestWeight = 0;
  for (const encoding of ENCODINGS) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return best;
}

function compress(encoding: Encoding, bytes: Buffer): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : gzipSync(bytes);
}

/**
 * Sends JSON bytes, compressed as the client accepts: from `kept` (by encoding), compressed and
 * kept there the first time. With an `etag`: sent with `no-cache`, and 304 without a body when the
 * client holds it already (If-None-Match).
 */
export function sendKeptJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: Buffer,
  kept: Map<string, Buffer>,
  etag?: string,
): FastifyReply {
  void reply.header('vary', 'accept-encoding');
  if (etag !== undefined) {
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  }
  void reply.type('application/json; charset=utf-8');
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (!encoding) return reply.send(json);
  let bytes = kept.get(encoding);
  if (!bytes) kept.set(encoding, (bytes = compress(encoding, json)));
  return reply.header('content-encoding', encoding).send(bytes);
}
