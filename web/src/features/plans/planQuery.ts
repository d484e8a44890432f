/**
 * The plan's query, one definition for the page that shows it (usePlan.ts) and for the shell,
 * which starts it on a cold load of a plan's address before the page's code has arrived (App.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export function planKey(planId: number) {
  return ['plan', planId] as const;
}

export function planQuery(planId: number) {
  return { queryKey: planKey(planId), queryFn: () => api.plan(planId) };
}

/** The plan an address shows (its page, its print view), if it is a plan's address. */
export function planIdOfPath(pathname: string): number | null {
  const match = /^\/plans\/(\d+)(?:\/print)?\/?$/.exec(pathname);
  return match ? Number(match[1]) : null;
}

/**
 * Asks for the plan of this address now, alongside the session look-up: the page finds the answer
 * (or the request in flight) in the cache. Without a session the server answers 401 and the query
 * is asked again once the user has signed in.
 */
export function prefetchPlanOfPath(qc: QueryClient, pathname: string): void {
  const planId = planIdOfPath(pathname);
  if (planId === null) return;
  ahead = planId;
  void qc.prefetchQuery(planQuery(planId));
}

/** the plan fetched ahead, until a page takes it */
let ahead: number | null = null;

/** Whether this plan was fetched ahead and no page has shown it yet (then it counts as taken). */
export function takeFetchedAhead(planId: number): boolean {
  const hit = ahead === planId;
  if (hit) ahead = null;
  return hit;
}
