/**
 * The ids of an address (/plans/7, /rounds/3/units/12): digits naming a row the server could have,
 * 1 to MAX_ID (shared/limits.ts, the bound the server's IdParam takes). Anything else names no page:
 * the routes with ids show "not found" for it without asking the server (RouteIds.tsx), and the plan
 * of a cold load's address is fetched ahead only for a valid id (features/plans/planQuery.ts).
 */
import { MAX_ID } from '@shared/limits';

export type RouteId =
  | { ok: true; id: number }
  /** not-number: "abc", "1e3", "0x1f"; out-of-range: "0", "-1", "1.5", a whole number past MAX_ID */
  | { ok: false; reason: 'not-number' | 'out-of-range' };

export function parseRouteId(text: string): RouteId {
  if (/^\d+$/.test(text)) {
    const id = Number(text);
    return id >= 1 && id <= MAX_ID ? { ok: true, id } : { ok: false, reason: 'out-of-range' };
  }
  return /^-?\d+(\.\d+)?$/.test(text)
    ? { ok: false, reason: 'out-of-range' }
    : { ok: false, reason: 'not-number' };
}

/** The id when the text is a valid one, else null. */
export function routeIdOf(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const parsed = parseRouteId(text);
  return parsed.ok ? parsed.id : null;
}

/** The first param of a route's that is not a valid id ("id", "unitId"…), with why; null when all are. */
export function invalidRouteParam(
  params: Readonly<Record<string, string | undefined>>,
): { name: string; text: string; reason: 'not-number' | 'out-of-range' } | null {
  for (const [name, text] of Object.entries(params)) {
    // "*" is a splat, not an id; every named param of the app's routes is an id
    if (name === '*' || text === undefined) continue;
    const parsed = parseRouteId(text);
    if (!parsed.ok) return { name, text, reason: parsed.reason };
  }
  return null;
}
