/**
 * The table of every route the app serves, for the HTTP API's route tests (test/api-*.test.ts).
 * Each file serves the whole app but exercises the routes of its feature: COVERS says which parts of
 * each route's spec (its happy path, a refused input, each missing thing) a file's own requests must
 * show, and test/api-routes.test.ts checks that the files together cover the whole table.
 */
import { expect } from 'vitest';
import type { Hit } from './http.js';

export type Missing =
  | 'PLAN_NOT_FOUND'
  | 'ITEM_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'IMPORT_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'ROLE_NOT_FOUND'
  | 'FRAMEWORK_NOT_FOUND'
  | 'CRITERION_NOT_FOUND'
  | 'ROUND_NOT_FOUND'
  | 'EVIDENCE_NOT_FOUND'
  | 'EXTENSION_NOT_FOUND'
  | 'NOTIFICATION_NOT_FOUND'
  | 'RESULT_NOT_FOUND'
  | 'RESULT_UNIT_NOT_FOUND'
  | 'POOL_NOT_FOUND';

export interface RouteSpec {
  /** takes input a schema checks: some test must get 400 VALIDATION_FAILED from it */
  input: boolean;
  /** the codes some test must get for a missing plan, item, unit or upload */
  missing: Missing[];
}

/**
 * Every route the app serves, as Fastify names it ("METHOD url-pattern", HEAD left out: Fastify adds
 * one for each GET). The routes really served are collected by an onRoute hook that
 * test/helpers/http.ts adds through Fastify's 'fastify.initialization' diagnostics channel, i.e.
 * inside Fastify() before buildApp registers anything — so a route added anywhere (a new plugin, a
 * prefix) is seen with its full URL, without parsing printRoutes' drawing and without changing
 * buildApp. An onSend hook added the same way records each answer (route, status, error code), which
 * each file's last test compares with `input` and `missing` below, for the parts COVERS gives it.
 * The documentation UI's own routes come from @fastify/swagger-ui; they are listed so that nothing
 * under /api goes unnoticed, and only their happy path is checked.
 */
export const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { input: false, missing: [] },
  'GET /api/ready': { input: false, missing: [] },
  'GET /api/plans': { input: true, missing: [] },
  'GET /api/plans/choices': { input: true, missing: [] },
  'GET /api/plans/choices/units': { input: true, missing: [] },
  'GET /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'PATCH /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'DELETE /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'PATCH /api/plans/:id/items/:itemId': { input: true, missing: ['PLAN_NOT_FOUND', 'ITEM_NOT_FOUND'] },
  'PATCH /api/plans/:id/items/:itemId/task': {
    input: true,
    missing: ['PLAN_NOT_FOUND', 'ITEM_NOT_FOUND', 'UNIT_NOT_FOUND'],
  },
  'POST /api/plans/:id/units': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'POST /api/plans/:id/findings/adopt-sum': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'POST /api/plans/:id/findings/acknowledge': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/plans/:id/units/:unitId': { input: true, missing: ['PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'GET /api/plans/:id/export/:format': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/plans/:id/report/:format': { input: true, missing: ['PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'POST /api/imports': { input: true, missing: [] },
  'POST /api/imports/:token/confirm': { input: true, missing: ['IMPORT_NOT_FOUND'] },
  'POST /api/auth/login': { input: true, missing: [] },
  'POST /api/auth/logout': { input: false, missing: [] },
  'GET /api/auth/me': { input: false, missing: [] },
  'POST /api/auth/password': { input: true, missing: [] },
  'GET /api/roles': { input: false, missing: [] },
  'GET /api/users': { input: false, missing: [] },
  'POST /api/users': { input: true, missing: ['ROLE_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'PATCH /api/users/:userId': { input: true, missing: ['USER_NOT_FOUND'] },
  'POST /api/users/:userId/grants': { input: true, missing: ['USER_NOT_FOUND', 'ROLE_NOT_FOUND'] },
  'DELETE /api/users/:userId/grants/:grantId': { input: true, missing: ['USER_NOT_FOUND', 'ROLE_NOT_FOUND'] },
  'POST /api/users/:userId/password-reset': { input: true, missing: ['USER_NOT_FOUND'] },
  'GET /api/units': { input: false, missing: [] },
  'GET /api/units/same-name': { input: true, missing: [] },
  'POST /api/units': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'PATCH /api/units/:unitId': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'GET /api/units/:unitId/lineage': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'POST /api/unit-events': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'POST /api/unit-events/import': { input: true, missing: [] },
  'GET /api/units/:unitId/last-year': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'PUT /api/units/:unitId/last-year': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'GET /api/audit': { input: true, missing: [] },
  'GET /api/audit/export': { input: true, missing: [] },
  'GET /api/plans/:id/items/:itemId/history': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/admin/backup': { input: false, missing: [] },
  'POST /api/admin/backup': { input: false, missing: [] },
  'GET /api/frameworks': { input: true, missing: [] },
  'GET /api/frameworks/:id': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'PATCH /api/frameworks/:id': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'PATCH /api/frameworks/:id/criteria/:criterionId': {
    input: true,
    missing: ['FRAMEWORK_NOT_FOUND', 'CRITERION_NOT_FOUND', 'UNIT_NOT_FOUND'],
  },
  'POST /api/frameworks/:id/publish': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'POST /api/frameworks/:id/versions': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'POST /api/frameworks/:id/next-year': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'GET /api/frameworks/:id/diff': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'GET /api/frameworks/:id/crosswalk': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'POST /api/frameworks/:id/crosswalk/propose': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'POST /api/frameworks/:id/crosswalk/confirm': { input: true, missing: ['FRAMEWORK_NOT_FOUND'] },
  'POST /api/frameworks/imports': { input: false, missing: [] },
  'POST /api/frameworks/imports/:token/confirm': { input: true, missing: ['IMPORT_NOT_FOUND'] },
  'GET /api/notifications': { input: false, missing: [] },
  'POST /api/notifications/:id/read': { input: true, missing: ['NOTIFICATION_NOT_FOUND'] },
  'POST /api/notifications/read-all': { input: false, missing: [] },
  'POST /api/rounds/:id/reminders': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'GET /api/rounds/:id/units/:unitId/assessment': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'PATCH /api/rounds/:id/units/:unitId/answers/:criterionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'POST /api/rounds/:id/units/:unitId/submit': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/units/:unitId/withdraw': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'PATCH /api/rounds/:id/units/:unitId/report': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/survey-imports': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/survey-imports/:token/confirm': { input: true, missing: ['IMPORT_NOT_FOUND'] },
  'POST /api/results/imports': { input: true, missing: ['POOL_NOT_FOUND'] },
  'POST /api/results/imports/:token/confirm': { input: true, missing: ['IMPORT_NOT_FOUND'] },
  'POST /api/results/:id/units/:unitId/next-plan': { input: true, missing: ['RESULT_NOT_FOUND'] },
  'GET /api/results/:id/what-if': { input: true, missing: ['RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'] },
  'POST /api/results/:id/what-if': { input: true, missing: ['RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'] },
  'GET /api/results/:id/what-if/next-group': {
    input: true,
    missing: ['RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'],
  },
  'GET /api/plans/:id/result': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/rounds/:id/overview': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'GET /api/rounds/:id/results': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'GET /api/rounds/:id/export.xlsx': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'GET /api/rounds/:id/units/:unitId/report.docx': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'GET /api/rounds/:id/appraisal': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'PUT /api/rounds/:id/units/:unitId/scores/:criterionId/:stage': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'POST /api/rounds/:id/units/:unitId/returns/:criterionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'POST /api/rounds/:id/units/:unitId/returns/:criterionId/explanation': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'GET /api/rounds/:id/council': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/units/:unitId/final': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/units/:unitId/corrections/:criterionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'GET /api/rounds/:id/units/:unitId/evidence': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/units/:unitId/evidence': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'PUT /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'EVIDENCE_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'EVIDENCE_NOT_FOUND', 'CRITERION_NOT_FOUND'],
  },
  'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'EVIDENCE_NOT_FOUND'],
  },
  'GET /api/evidence/:evidenceId/content': { input: true, missing: ['EVIDENCE_NOT_FOUND'] },
  'GET /api/rounds': { input: false, missing: [] },
  'POST /api/rounds': { input: true, missing: ['FRAMEWORK_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'GET /api/rounds/:id': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'PATCH /api/rounds/:id': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/units/:unitId/extensions': { input: true, missing: ['ROUND_NOT_FOUND'] },
  'POST /api/rounds/:id/extensions/:extensionId': {
    input: true,
    missing: ['ROUND_NOT_FOUND', 'EXTENSION_NOT_FOUND'],
  },
  'GET /api/results/pools': { input: false, missing: [] },
  'POST /api/results/pools': { input: true, missing: [] },
  'PATCH /api/results/pools/:id': { input: true, missing: ['POOL_NOT_FOUND'] },
  'GET /api/results/pools/:id/bands/:year': { input: true, missing: ['POOL_NOT_FOUND'] },
  'PUT /api/results/pools/:id/bands/:year': { input: true, missing: ['POOL_NOT_FOUND'] },
  'GET /api/results': { input: true, missing: [] },
  'GET /api/results/:id/ranking': { input: true, missing: ['RESULT_NOT_FOUND'] },
  'GET /api/results/:id/units/:unitId': {
    input: true,
    missing: ['RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'],
  },
  'DELETE /api/results/:id': { input: true, missing: ['RESULT_NOT_FOUND'] },
  'POST /api/rounds/:id/results': { input: true, missing: ['ROUND_NOT_FOUND', 'POOL_NOT_FOUND'] },
  'GET /api/results/:id/export.xlsx': { input: true, missing: ['RESULT_NOT_FOUND'] },
  'GET /api/docs/json': { input: false, missing: [] },
  // @fastify/swagger-ui
  'GET /api/docs': { input: false, missing: [] },
  'GET /api/docs/static/index.html': { input: false, missing: [] },
  'GET /api/docs/static/swagger-initializer.js': { input: false, missing: [] },
  'GET /api/docs/yaml': { input: false, missing: [] },
  'GET /api/docs/static/*': { input: false, missing: [] },
};

/** A response that must be the API's error: its status, its code, a message and no internals. */

/** One thing the table asks of a route: an answer below 400, a 400 VALIDATION_FAILED, or a missing code. */
export type Part = 'happy' | 'validation' | Missing;

/** The parts the table asks of every route. */
export function requiredParts(): Map<string, Part[]> {
  return new Map(
    Object.entries(ROUTES).map(([route, spec]): [string, Part[]] => [
      route,
      ['happy', ...(spec.input ? ['validation' as const] : []), ...spec.missing],
    ]),
  );
}

/** Whether one of the answers shows that part of the route's spec. */
export function shows(hits: readonly Hit[], route: string, part: Part): boolean {
  const mine = hits.filter((h) => `${h.method} ${h.route}` === route);
  if (part === 'happy') return mine.some((h) => h.status < 400);
  if (part === 'validation') return mine.some((h) => h.status === 400 && h.code === 'VALIDATION_FAILED');
  const status = part === 'IMPORT_NOT_FOUND' ? 410 : 404;
  return mine.some((h) => h.status === status && h.code === part);
}

/** The route test files and the parts of the table each one's requests must show. */
export type ApiFile = keyof typeof COVERS;

/** The file's answers exercised its parts of the table, and none carried a stack trace. */
export function expectExercised(hits: readonly Hit[], file: ApiFile): void {
  for (const [route, parts] of Object.entries(COVERS[file]) as [string, readonly Part[]][]) {
    expect(ROUTES[route], `${route} is in the table`).toBeDefined();
    for (const part of parts) expect(shows(hits, route, part), `${route}: ${part}`).toBe(true);
  }
  // every error answer was the API's error shape, and no answer showed the server's internals
  expect(hits.filter((h) => h.status >= 400 && h.code === null)).toEqual([]);
  expect(hits.filter((h) => h.stack)).toEqual([]);
}

export const COVERS = {
  overview: {
    'POST /api/auth/login': ['happy'],
    'GET /api/rounds/:id/overview': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'GET /api/rounds/:id/results': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'GET /api/rounds/:id/export.xlsx': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'GET /api/rounds/:id/units/:unitId/report.docx': ['happy', 'validation', 'ROUND_NOT_FOUND'],
  },
  'self-assessment': {
    'POST /api/auth/login': ['happy'],
    'GET /api/rounds/:id/units/:unitId/assessment': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'PATCH /api/rounds/:id/units/:unitId/answers/:criterionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'POST /api/rounds/:id/units/:unitId/submit': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/units/:unitId/withdraw': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'PATCH /api/rounds/:id/units/:unitId/report': ['happy', 'validation', 'ROUND_NOT_FOUND'],
  },
  plans: {
    'GET /api/health': ['happy'],
    'GET /api/ready': ['happy'],
    'GET /api/plans': ['happy', 'validation'],
    'GET /api/plans/choices': ['happy', 'validation'],
    'GET /api/plans/choices/units': ['happy', 'validation'],
    'GET /api/plans/:id': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'POST /api/plans/:id/findings/adopt-sum': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'POST /api/plans/:id/findings/acknowledge': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'GET /api/plans/:id/units/:unitId': ['happy', 'validation', 'PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'],
    'GET /api/plans/:id/export/:format': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'GET /api/plans/:id/report/:format': ['happy', 'validation', 'PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'],
    'POST /api/auth/login': ['happy'],
    'GET /api/admin/backup': ['happy'],
    'POST /api/admin/backup': ['happy'],
    'GET /api/docs/json': ['happy'],
    'GET /api/docs': ['happy'],
    'GET /api/docs/static/index.html': ['happy'],
    'GET /api/docs/static/swagger-initializer.js': ['happy'],
    'GET /api/docs/yaml': ['happy'],
    'GET /api/docs/static/*': ['happy'],
  },
  edits: {
    'GET /api/plans': ['happy'],
    'GET /api/plans/:id': ['happy'],
    'PATCH /api/plans/:id/items/:itemId': ['happy', 'validation', 'PLAN_NOT_FOUND', 'ITEM_NOT_FOUND'],
    'PATCH /api/plans/:id/items/:itemId/task': [
      'happy',
      'validation',
      'PLAN_NOT_FOUND',
      'ITEM_NOT_FOUND',
      'UNIT_NOT_FOUND',
    ],
    'POST /api/plans/:id/units': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'GET /api/plans/:id/units/:unitId': ['happy'],
    'POST /api/auth/login': ['happy'],
  },
  imports: {
    'GET /api/plans/:id': ['happy'],
    'POST /api/imports': ['happy', 'validation'],
    'POST /api/imports/:token/confirm': ['happy', 'validation', 'IMPORT_NOT_FOUND'],
    'POST /api/auth/login': ['happy'],
  },
  admin: {
    'GET /api/plans': ['happy'],
    'GET /api/plans/:id': ['happy'],
    'PATCH /api/plans/:id/items/:itemId/task': ['happy'],
    'POST /api/auth/login': ['happy', 'validation'],
    'POST /api/auth/logout': ['happy'],
    'GET /api/auth/me': ['happy'],
    'POST /api/auth/password': ['happy', 'validation'],
    'GET /api/roles': ['happy'],
    'GET /api/users': ['happy'],
    'POST /api/users': ['happy', 'validation', 'ROLE_NOT_FOUND', 'UNIT_NOT_FOUND'],
    'PATCH /api/users/:userId': ['happy', 'validation', 'USER_NOT_FOUND'],
    'POST /api/users/:userId/grants': ['happy', 'validation', 'USER_NOT_FOUND', 'ROLE_NOT_FOUND'],
    'DELETE /api/users/:userId/grants/:grantId': ['happy', 'validation', 'USER_NOT_FOUND', 'ROLE_NOT_FOUND'],
    'POST /api/users/:userId/password-reset': ['happy', 'validation', 'USER_NOT_FOUND'],
    'GET /api/units': ['happy'],
    'GET /api/units/same-name': ['happy', 'validation'],
    'POST /api/units': ['happy', 'validation', 'UNIT_NOT_FOUND'],
    'PATCH /api/units/:unitId': ['happy', 'validation', 'UNIT_NOT_FOUND'],
    'GET /api/audit': ['happy', 'validation'],
    'GET /api/audit/export': ['happy', 'validation'],
    'GET /api/plans/:id/items/:itemId/history': ['happy', 'validation', 'PLAN_NOT_FOUND'],
  },
  lifecycle: {
    'GET /api/plans': ['happy', 'validation'],
    'GET /api/plans/:id': ['happy', 'PLAN_NOT_FOUND'],
    'PATCH /api/plans/:id': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'DELETE /api/plans/:id': ['happy', 'validation', 'PLAN_NOT_FOUND'],
    'PATCH /api/plans/:id/items/:itemId/task': ['happy'],
    'POST /api/imports': ['happy'],
    'POST /api/auth/login': ['happy'],
    'GET /api/auth/me': ['happy'],
    'POST /api/users/:userId/grants': ['happy'],
    'DELETE /api/users/:userId/grants/:grantId': ['happy'],
    'GET /api/units': ['happy'],
    'PATCH /api/units/:unitId': ['happy'],
  },
  rounds: {
    'POST /api/auth/login': ['happy'],
    'GET /api/rounds': ['happy'],
    'POST /api/rounds': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND', 'UNIT_NOT_FOUND'],
    'GET /api/rounds/:id': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'PATCH /api/rounds/:id': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/units/:unitId/extensions': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/extensions/:extensionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'EXTENSION_NOT_FOUND',
    ],
  },
  frameworks: {
    'POST /api/auth/login': ['happy'],
    'GET /api/frameworks': ['happy', 'validation'],
    'GET /api/frameworks/:id': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'PATCH /api/frameworks/:id': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'PATCH /api/frameworks/:id/criteria/:criterionId': [
      'happy',
      'validation',
      'FRAMEWORK_NOT_FOUND',
      'CRITERION_NOT_FOUND',
      'UNIT_NOT_FOUND',
    ],
    'POST /api/frameworks/:id/publish': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'POST /api/frameworks/:id/versions': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'POST /api/frameworks/:id/next-year': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'GET /api/frameworks/:id/diff': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'GET /api/frameworks/:id/crosswalk': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'POST /api/frameworks/:id/crosswalk/propose': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'POST /api/frameworks/:id/crosswalk/confirm': ['happy', 'validation', 'FRAMEWORK_NOT_FOUND'],
    'POST /api/frameworks/imports': ['happy'],
    'POST /api/frameworks/imports/:token/confirm': ['happy', 'validation', 'IMPORT_NOT_FOUND'],
  },
  lineage: {
    'POST /api/auth/login': ['happy'],
    'GET /api/units': ['happy'],
    'GET /api/units/:unitId/lineage': ['happy', 'validation', 'UNIT_NOT_FOUND'],
    'POST /api/unit-events': ['happy', 'validation', 'UNIT_NOT_FOUND'],
    'POST /api/unit-events/import': ['happy', 'validation'],
    'GET /api/units/:unitId/last-year': ['happy', 'validation', 'UNIT_NOT_FOUND'],
    'PUT /api/units/:unitId/last-year': ['happy', 'validation', 'UNIT_NOT_FOUND'],
  },
  notifications: {
    'POST /api/auth/login': ['happy'],
    'GET /api/notifications': ['happy'],
    'POST /api/notifications/:id/read': ['happy', 'validation', 'NOTIFICATION_NOT_FOUND'],
    'POST /api/notifications/read-all': ['happy'],
    'POST /api/rounds/:id/reminders': ['happy', 'validation', 'ROUND_NOT_FOUND'],
  },
  'results-import': {
    'POST /api/auth/login': ['happy'],
    'POST /api/results/imports': ['happy', 'validation', 'POOL_NOT_FOUND'],
    'POST /api/results/imports/:token/confirm': ['happy', 'validation', 'IMPORT_NOT_FOUND'],
  },
  'next-plan': {
    'POST /api/auth/login': ['happy'],
    'POST /api/results/:id/units/:unitId/next-plan': ['happy', 'validation', 'RESULT_NOT_FOUND'],
  },
  'results-export': {
    'POST /api/auth/login': ['happy'],
    'GET /api/results/:id/export.xlsx': ['happy', 'validation', 'RESULT_NOT_FOUND'],
  },
  survey: {
    'POST /api/auth/login': ['happy'],
    'POST /api/rounds/:id/survey-imports': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/survey-imports/:token/confirm': ['happy', 'validation', 'IMPORT_NOT_FOUND'],
  },
  'what-if': {
    'POST /api/auth/login': ['happy'],
    'GET /api/results/:id/what-if': ['happy', 'validation', 'RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'],
    'POST /api/results/:id/what-if': ['happy', 'validation', 'RESULT_NOT_FOUND', 'RESULT_UNIT_NOT_FOUND'],
    'GET /api/results/:id/what-if/next-group': [
      'happy',
      'validation',
      'RESULT_NOT_FOUND',
      'RESULT_UNIT_NOT_FOUND',
    ],
    'GET /api/plans/:id/result': ['happy', 'validation', 'PLAN_NOT_FOUND'],
  },
  results: {
    'POST /api/auth/login': ['happy'],
    'GET /api/results/pools': ['happy'],
    'POST /api/results/pools': ['happy', 'validation'],
    'PATCH /api/results/pools/:id': ['happy', 'validation', 'POOL_NOT_FOUND'],
    'GET /api/results/pools/:id/bands/:year': ['happy', 'validation', 'POOL_NOT_FOUND'],
    'PUT /api/results/pools/:id/bands/:year': ['happy', 'validation', 'POOL_NOT_FOUND'],
    'GET /api/results': ['happy', 'validation'],
    'GET /api/results/:id/ranking': ['happy', 'validation', 'RESULT_NOT_FOUND'],
    'GET /api/results/:id/units/:unitId': [
      'happy',
      'validation',
      'RESULT_NOT_FOUND',
      'RESULT_UNIT_NOT_FOUND',
    ],
    'DELETE /api/results/:id': ['happy', 'validation', 'RESULT_NOT_FOUND'],
    'POST /api/rounds/:id/results': ['happy', 'validation', 'ROUND_NOT_FOUND', 'POOL_NOT_FOUND'],
  },
  appraisal: {
    'POST /api/auth/login': ['happy'],
    'GET /api/rounds/:id/appraisal': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'PUT /api/rounds/:id/units/:unitId/scores/:criterionId/:stage': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'POST /api/rounds/:id/units/:unitId/returns/:criterionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'POST /api/rounds/:id/units/:unitId/returns/:criterionId/explanation': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'GET /api/rounds/:id/council': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/units/:unitId/final': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/units/:unitId/corrections/:criterionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
  },
  evidence: {
    'POST /api/auth/login': ['happy'],
    'GET /api/rounds/:id/units/:unitId/evidence': ['happy', 'validation', 'ROUND_NOT_FOUND'],
    'POST /api/rounds/:id/units/:unitId/evidence': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'PUT /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'EVIDENCE_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId/criteria/:criterionId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'EVIDENCE_NOT_FOUND',
      'CRITERION_NOT_FOUND',
    ],
    'DELETE /api/rounds/:id/units/:unitId/evidence/:evidenceId': [
      'happy',
      'validation',
      'ROUND_NOT_FOUND',
      'EVIDENCE_NOT_FOUND',
    ],
    'GET /api/evidence/:evidenceId/content': ['happy', 'validation', 'EVIDENCE_NOT_FOUND'],
  },
} satisfies Record<string, Record<string, Part[]>>;
