/**
 * Answers compressed once and kept (a plan page per version, modules/plan-view.ts#PlanAnswer)
 * instead of by @fastify/compress on every request: the same encodings (brotli, then gzip) at the
 * plugin's own settings (brotli quality 4, gzip's default), chosen by the client's Accept-Encoding.
 * A route sending kept bytes turns the plugin off (`compress: false`) and says Vary itself.
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
 * kept there the first time.
 */
export function sendKeptJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: Buffer,
  kept: Map<string, Buffer>,
): FastifyReply {
  void reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (!encoding) return reply.send(json);
  let bytes = kept.get(encoding);
  if (!bytes) kept.set(encoding, (bytes = compress(encoding, json)));
  return reply.header('content-encoding', encoding).send(bytes);
}
