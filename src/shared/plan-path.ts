/**
 * The address of a plan's page, one pattern for the server and the web app, which take it apart for
 * two ends: the server draws the first screen of the page itself (http/first-screen.ts: not the
 * print view, which draws no heading; a request's URL, its query allowed), the web app asks for the
 * plan of the page and of its print view at once (web/src/features/plans/planQuery.ts: a location's
 * pathname). Both take the id as digits: the caller bounds it.
 */

/** "/plans/7": the id in its group */
const PLAN = String.raw`^/plans/(\d+)`;

/** A plan's page as a request's URL: "/plans/7", "/plans/7/", either with a query. */
export const PLAN_PAGE_URL = new RegExp(String.raw`${PLAN}/?(?:\?.*)?$`);

/** A plan's page or its print view as a location's pathname: "/plans/7", "/plans/7/print", a "/" after. */
export const PLAN_PATHNAME = new RegExp(String.raw`${PLAN}(?:/print)?/?$`);
