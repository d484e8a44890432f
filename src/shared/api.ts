/**
 * The shapes the HTTP API speaks, as zod schemas: the server validates requests and documents
 * responses with them (OpenAPI at /api/docs), the web app takes its types from them. Scores travel
 * as exact decimal strings ("10.10") so neither side ever sums binary floats.
 *
 * One file per feature under api/; everything is imported from here.
 */
export * from './api/common.js';
export * from './api/plans.js';
export * from './api/imports.js';
export * from './api/auth.js';
export * from './api/admin.js';
export * from './api/frameworks.js';
export * from './api/lineage.js';
export * from './api/notifications.js';
export * from './api/assessment.js';
export * from './api/survey.js';
export * from './api/overview.js';
export * from './api/appraisal.js';
export * from './api/evidence.js';
export * from './api/rounds.js';
export * from './api/results-import.js';
export * from './api/next-plan.js';
export * from './api/what-if.js';
export * from './api/plan-result.js';
