/**
 * The plan's query, one definition for the page that shows it (usePlan.ts) and for the shell,
 * which starts it on a cold load of a plan's address before the page's code has arrived (App.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { PlanView } from '@shared/api';
import { PLAN_DATA_ID } from '@shared/plan-heading';
import { PLAN_PATHNAME } from '@shared/plan-path';
import { api } from '../../api/client';
import { routeIdOf } from '../../ui/routeId';

export function planKey(planId: number) {
  return ['plan', planId] as const;
}

export function planQuery(planId: number) {
  return { queryKey: planKey(planId), queryFn: () => api.plan(planId) };
}

/**
 * The plan an address shows (its page, its print view), if it is a plan's address with a valid id
 * ("/plans/0" and an id past the largest show "not found" without asking: ui/RouteIds.tsx).
 */
export function planIdOfPath(pathname: string): number | null {
  const match = PLAN_PATHNAME.exec(pathname);
  return match ? routeIdOf(match[1]) : null;
}

/**
 * The plan the server put into the page with its first screen (http/first-screen.ts: the same answer
 * as GET /api/plans/:id for this session), taken out once; null when there is none or it is another
 * plan's.
 */
function planInPage(planId: number): PlanView | null {
  const element = document.getElementById(PLAN_DATA_ID);
  if (!element) return null;
  element.remove();
  try {
    const plan = JSON.parse(element.textContent ?? '') as PlanView;
    return plan.id === planId ? plan : null;
  } catch {
    return null;
  }
}

/**
 * Asks for the plan of this address now, alongside the session look-up: the page finds the answer
 * (or the request in flight) in the cache — or takes the plan the page carries, without asking.
 * Without a session the server answers 401 and the query is asked again once the user has signed in.
 * True when the page carried the plan.
 */
export function prefetchPlanOfPath(qc: QueryClient, pathname: string): boolean {
  const planId = planIdOfPath(pathname);
  if (planId === null) return false;
  ahead = planId;
  const given = planInPage(planId);
  if (given) qc.setQueryData(planKey(planId), given);
  else void qc.prefetchQuery(planQuery(planId));
  return given !== null;
}

/** the plan fetched ahead, until a page takes it */
let ahead: number | null = null;

/** Whether this plan was fetched ahead and no page has shown it yet (then it counts as taken). */
export function takeFetchedAhead(planId: number): boolean {
  const hit = ahead === planId;
  if (hit) ahead = null;
  return hit;
}
