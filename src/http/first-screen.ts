/**
 * A plan's page with its first screen (issue 13.6). The app's HTML for /plans/:id, answered to a
 * signed-in account that may read the plan, carries before any script runs: the top of the page as
 * the app draws it — heading, headline figures, the tabs, the first rows of the criteria — styled by
 * its own <style> element (first-screen-style.ts; no inline script: the CSP's scripts stay 'self'), and
 * the plan's JSON as the app's plan query takes it (`<script type="application/json">`, never run),
 * so the app neither asks for it again nor shows a spinner first (web/src/App.tsx). The plan is the
 * answer of GET /api/plans/:id for that session: the same session statement (the plan's head read
 * with it) and the same use-case with its rights (modules/plan-view.ts#planViewFor). Anything else —
 * no session, an account that must change its password, no right, no such plan, any error — gets
 * the plain page, with the same status.
 *
 * Every text of the plan goes through core/display.ts#escapeHtml, the JSON's `<` as \u003c: a plan's
 * text can neither open an element nor close the script.
 */
import type { FastifyRequest } from 'fastify';
import { vietnamDate } from '../core/dates.js';
import { escapeHtml } from '../core/display.js';
import { storedScore, type Score } from '../core/score.js';
import type { Deps } from '../modules/deps.js';
import { AppError } from '../modules/errors.js';
import { planViewFor, type PlanAnswer } from '../modules/plan-view.js';
import { readSession } from '../modules/auth.js';
import { IdParam, type PlanView } from '../shared/api.js';
import {
  FIRST_SCREEN_ID,
  formatShownScore,
  formatSigned,
  PLAN_DATA_ID,
  planCounts,
  planTotals,
} from '../shared/plan-heading.js';
import { PLAN_PAGE_SHELL_VI, PLAN_PAGE_VI } from '../shared/plan-page-texts.js';
import { PLAN_PAGE_URL } from '../shared/plan-path.js';
import { fillTemplate } from '../shared/template.js';
import { SESSION_COOKIE } from './auth.js';
import { FIRST_SCREEN_STYLE } from './first-screen-style.js';

/** the criteria's rows in the first screen: what a screen shows below the figures, no more */
export const FIRST_ROWS = 12;
/** the app's root in the built index.html, which the first screen goes into */
const ROOT = '<div id="root"></div>';

/**
 * The plan a page's address names (its page, not its print view), or null (another page, or an id no
 * route would take).
 */
export function planIdOfPage(url: string): number | null {
  const match = PLAN_PAGE_URL.exec(url);
  if (!match) return null;
  const parsed = IdParam.safeParse(match[1]);
  return parsed.success ? parsed.data : null;
}

/**
 * The first screen of each answer made (a whole plan's answer is kept per version, plan-view.ts) and
 * the day it counted overdue tasks on.
 */
const rendered = new WeakMap<PlanAnswer, { day: string; html: string }>();

/**
 * The page for a request of /plans/:id with its first screen and plan, or null for the plain page.
 * `shell` is the built index.html.
 */
export async function planPageWithFirstScreen(
  deps: Deps,
  request: FastifyRequest,
  shell: string,
): Promise<string | null> {
  const planId = planIdOfPage(request.url);
  const token = request.cookies[SESSION_COOKIE];
  if (planId === null || !token || !shell.includes(ROOT)) return null;
  try {
    // the session and the plan's head in one statement, as for GET /api/plans/:id (http/auth.ts)
    const { session, plan } = await readSession(deps, token, request.ip, { plan: planId });
    if (!session || session.user.mustChangePassword) return null;
    const answer = await planViewFor(deps.db, planId, session.actor, { head: plan });
    const day = vietnamDate(deps.clock());
    let kept = rendered.get(answer);
    if (kept?.day !== day) {
      const view = JSON.parse(answer.json.toString('utf8')) as PlanView;
      kept = { day, html: `${firstScreen(view, day)}</div>${planData(answer.json)}` };
      rendered.set(answer, kept);
    }
    const { html } = kept;
    const { page, assets } = withAssetsLast(shell);
    return page.replace(ROOT, () => `<div id="root">${html}${assets}`);
  } catch (error) {
    // a refusal (no right, no such plan) is the plain page; anything else is logged, then the same
    if (!(error instanceof AppError)) request.log.error({ err: error }, 'first screen');
    return null;
  }
}

/** the app's module script and its stylesheets, as Vite writes them in the head */
const MOVED = /(?:<script type="module"[^>]*><\/script>|<link rel="stylesheet"[^>]*>)\s*/g;
/** the modules the app's script imports, which Vite has the head ask for at once */
const PRELOADS = /<link rel="modulepreload"[^>]*>\s*/g;

/**
 * The page with the app's script and stylesheets taken out of the head (`assets`: those elements in
 * their order, to put after the first screen) and without its module preloads. A stylesheet in the
 * head holds the whole page's first paint until it has arrived; the ~70 modules the head asks for at
 * once hold it too, on a loaded machine (the first paint 232–344 ms with scripts on, 148–188 off).
 * Moved after the first screen, the preloads left its paint at 0.89–1.27 of main's time; dropped,
 * with the script moved, the paint took 0.74–0.97 of main's and the app's page 0.97–1.07 of main's
 * time, the script asking for its imports itself, three levels deep (BENCHMARKS.md, "Web weight").
 * The module script runs once the page is parsed wherever it stands, after the stylesheets (a
 * stylesheet still loading holds the scripts). The plain page keeps its preloads.
 */
function withAssetsLast(shell: string): { page: string; assets: string } {
  if (moved?.shell !== shell) {
    moved = {
      shell,
      page: shell.replace(MOVED, '').replace(PRELOADS, ''),
      assets: (shell.match(MOVED) ?? []).join(''),
    };
  }
  return moved;
}
let moved: { shell: string; page: string; assets: string } | undefined;

/** The plan's JSON in a script element of data: `<` escaped, so no text of it ends the element. */
export function planData(json: Buffer): string {
  const text = json.toString('utf8').replace(/</g, '\\u003c');
  return `<script type="application/json" id="${PLAN_DATA_ID}">${text}</script>`;
}

/** the stylesheet in one line: white space between rules and declarations is not needed */
const STYLE = FIRST_SCREEN_STYLE.replace(/\/\*[^]*?\*\//g, '').replace(/\s*\n\s*/g, '');

type Key = keyof typeof PLAN_PAGE_VI | keyof typeof PLAN_PAGE_SHELL_VI;

/** A text of the plan page in Vietnamese with its parameters, filled as the web fills it. */
function t(key: Key, params: Record<string, string | number> = {}): string {
  const template: string =
    key in PLAN_PAGE_VI
      ? PLAN_PAGE_VI[key as keyof typeof PLAN_PAGE_VI]
      : PLAN_PAGE_SHELL_VI[key as keyof typeof PLAN_PAGE_SHELL_VI];
  return fillTemplate(template, params);
}

const h = (text: string | number) => escapeHtml(String(text));
// as the web page writes it (web/src/ui/format.ts#fmt): a negative score with the minus sign
const fmt = (value: Score | string | null) =>
  value === null ? '' : formatShownScore(typeof value === 'string' ? storedScore(value)! : value, 'vi');

/** The top of the plan's page as PlanPage.tsx draws it in its first render, as static HTML. */
export function firstScreen(plan: PlanView, today: string): string {
  const whole = plan.access.scope === 'full';
  const totals = planTotals(plan);
  const counts = planCounts(plan, today);
  // the columns of PlanPage.tsx's Row: xs below 768 px, md from there (of 24)
  const stat = ([xs, md]: [number, number], title: string, value: string, tone = '') =>
    `<div class="fs-card fs-xs${xs} fs-md${md}"><div class="fs-stat-title">${h(title)}</div>` +
    `<div class="fs-stat-value${tone}">${h(value)}</div></div>`;
  const stats = whole
    ? '<div class="fs-stats">' +
      stat([8, 3], t('statMax'), fmt(totals.max)) +
      stat([8, 4], t('statBaseline', { year: plan.baselineYear ?? '' }), fmt(totals.baseline), ' fs-blue') +
      stat([8, 4], t('statTarget', { year: plan.year }), fmt(totals.target), ' fs-red') +
      stat([12, 3], t('statGain'), totals.gain === null ? '' : formatSigned(totals.gain, 'vi')) +
      stat([12, 4], t('statTasks'), `${counts.done}/${counts.tasks}`) +
      stat(
        [24, 6],
        t('colFindings'),
        t('findingsCounts', {
          errors: t('errorsCount', { n: counts.errors }),
          warnings: t('warningsCount', { n: counts.warnings }),
        }),
        counts.errors > 0 ? ' fs-small fs-error' : ' fs-small',
      ) +
      '</div>'
    : '';
  const note = (text: string, kind: string) => `<div class="fs-note fs-note-${kind}">${h(text)}</div>`;
  const tabs = [
    ...(whole ? [t('tabSummary')] : []),
    t('tabTree'),
    t('tabTasks'),
    t('tabFindings', { n: counts.errors + counts.warnings }),
    t('prTab'),
  ];
  // the tab the page opens on: the summary for the whole plan, the tasks for a lead unit
  const active = whole ? 0 : 1;
  const rows = plan.rows
    .slice(0, FIRST_ROWS)
    .map(
      (r) =>
        `<tr${r.depth === 0 ? ' class="fs-area"' : ''}><td class="fs-code fs-depth-${Math.min(r.depth, 4)}">` +
        `${h(r.code)}</td><td>${h(r.name)}</td><td class="fs-num">${fmt(r.max)}</td>` +
        `<td class="fs-num">${fmt(r.baseline)}</td><td class="fs-num">${fmt(r.target)}</td></tr>`,
    )
    .join('');
  return (
    `<div id="${FIRST_SCREEN_ID}" class="fs" aria-busy="true"><style>${STYLE}</style>` +
    `<div class="fs-header"><span class="fs-brand"><b>${h(t('appName'))}</b>` +
    `<span class="fs-tagline">${h(t('appTagline'))}</span></span></div>` +
    '<div class="fs-content"><div class="fs-heading">' +
    `<h3 class="fs-title">${h(t('planTitle', { subject: plan.subject.name, year: plan.year }))}</h3>` +
    (plan.title ? `<div class="fs-secondary">${h(plan.title)}</div>` : '') +
    `<div class="fs-line"><span class="fs-tag${counts.overdue > 0 ? ' fs-tag-red' : ''}">` +
    `${h(t('statOverdue'))}: ${counts.overdue}</span></div>` +
    `<div><span class="fs-source">${h(t('planSource', { file: plan.sourceName }))}</span></div></div>` +
    (plan.archived ? note(t('archivedNote'), 'warning') : '') +
    (whole ? '' : note(t('leadScopeNote'), 'info')) +
    stats +
    `<div class="fs-tabs">${tabs.map((tab, i) => `<span${i === active ? ' class="fs-active"' : ''}>${h(tab)}</span>`).join('')}</div>` +
    '<table class="fs-table"><thead><tr>' +
    `<th class="fs-code">${h(t('colCode'))}</th><th>${h(t('colCriterion'))}</th>` +
    `<th class="fs-num">${h(t('colMax'))}</th>` +
    `<th class="fs-num">${h(t('colBaseline', { year: plan.baselineYear ?? '' }))}</th>` +
    `<th class="fs-num">${h(t('colTarget', { year: plan.year }))}</th>` +
    `</tr></thead><tbody>${rows}</tbody></table></div></div>`
  );
}
