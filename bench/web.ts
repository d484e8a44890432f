/**
 * Web benchmark. First, from the Vite manifest, the gzip JavaScript each page loads before it can
 * show (test/helpers/page-weight.ts), against the 350 KB budget of issue 13. Then, in headless
 * Chromium against the built app served with compression, cold loads (a fresh browser context: no
 * cache) of the province plan's page: its largest contentful paint (PerformanceObserver, from the
 * start of the navigation) against the time to fetch the plan's JSON alone from the same server
 * (a navigation to /api/plans/:id, to the end of its response), in alternation, median of RUNS.
 * BENCH_BASELINE=DIR (another build's web/dist, e.g. of the commit before) adds its weights and
 * its paint, measured in the same alternation.
 *
 *   npm run build && npm run bench:web
 */
import type { Browser } from 'playwright-core';
import type { Running } from '../test/helpers/browser.js';
import { signIn as openSession } from '../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createAccount, planIdOf, TEST_PASSWORD } from '../test/helpers/accounts.js';
import { startAppAndBrowser } from '../test/helpers/browser.js';
import { ROOT } from '../test/helpers/fixtures.js';
import { FIRST_LOAD_BUDGET, kb, pageWeights } from '../test/helpers/page-weight.js';
import { resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BASELINE = process.env.BENCH_BASELINE;

const weights = pageWeights();
const before = BASELINE ? pageWeights(BASELINE) : null;
const name = (page: string) => page.replace(/^src\/features\//, '').replace(/\.tsx$/, '');
console.log(`## first load, gzip JS (budget ${kb(FIRST_LOAD_BUDGET)})\n`);
console.log(`page | ${before ? 'baseline | ' : ''}first load | within budget`);
console.log(`---|${before ? '---:|' : ''}---:|---`);
const was = (page: string) =>
  before ? `${kb(before.pages.find((b) => b.page === page)?.bytes ?? 0)} | ` : '';
console.log(`(shell alone) | ${before ? `${kb(before.shell)} | ` : ''}${kb(weights.shell)} |`);
for (const p of weights.pages) {
  console.log(
    `${name(p.page)} | ${was(p.page)}${kb(p.bytes)} | ${p.bytes <= FIRST_LOAD_BUDGET ? 'yes' : 'NO'}`,
  );
}

interface Target {
  run: Running;
  planUrl: string;
  jsonUrl: string;
  cookie: Cookie;
}

async function prepare(run: Running): Promise<Target> {
  const clock = () => new Date();
  const db = run.database.db;
  await loadSamplesIfEmpty({ db, clock }, resolve(ROOT, 'samples'));
  await createAccount(db, 'bench', [{ role: 'admin', unitId: null }]);
  const { token } = await openSession(
    { db, clock },
    { username: 'bench', password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
  );
  const planId = await planIdOf(db, 'Tỉnh Đắk Nông');
  return {
    run,
    planUrl: `${run.url}/plans/${planId}`,
    jsonUrl: `${run.url}/api/plans/${planId}`,
    cookie: { name: 'parindex_session', value: token, url: run.url },
  };
}

const now = await prepare(await startAppAndBrowser());
const base = BASELINE ? await prepare(await startAppAndBrowser(BASELINE)) : null;
try {
  const lcp: number[] = [];
  const baseLcp: number[] = [];
  const json: number[] = [];
  // one unmeasured round first: the server's own caches and the disk warm up for all
  for (let i = 0; i <= RUNS; i++) {
    const paint = await planPaint(now.run.browser, now.planUrl, now.cookie);
    const basePaint = base ? await planPaint(base.run.browser, base.planUrl, base.cookie) : 0;
    const alone = await jsonAlone(now.run.browser, now.jsonUrl, now.cookie);
    if (i === 0) continue;
    lcp.push(paint);
    baseLcp.push(basePaint);
    json.push(alone);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const line = (label: string, xs: number[]) =>
    console.log(`${label} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`\n## cold load of the province plan's page, median of ${RUNS}\n`);
  console.log('measure | median ms | runs ms');
  console.log('---|---:|---');
  line('largest contentful paint', lcp);
  if (base) line('largest contentful paint, baseline build', baseLcp);
  line("the plan's JSON alone", json);
  console.log(`\nratio paint / JSON: ${(median(lcp) / median(json)).toFixed(2)} (target ≤ 3)`);
  if (base) console.log(`ratio paint / baseline paint: ${(median(lcp) / median(baseLcp)).toFixed(2)}`);
} finally {
  await now.run.stop();
  await base?.run.stop();
}

type Cookie = { name: string; value: string; url: string };

/** A cold load of the page: the last largest-contentful-paint entry once the plan's header shows. */
async function planPaint(browser: Browser, url: string, cookie: Cookie): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    // page scripts as text: this file is type-checked for Node, without the DOM's types
    await page.addInitScript({
      content: `window.__lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__lcp = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });`,
    });
    await page.goto(url);
    await page.locator('[data-testid="total-target"]').waitFor();
    await page.waitForLoadState('networkidle');
    // the observer reports the last candidate on the next frame
    await page.evaluate('new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)))');
    return await page.evaluate<number>('window.__lcp');
  } finally {
    await context.close();
  }
}

/** The plan's JSON fetched on its own by a cold browser: navigation start to the end of the response. */
async function jsonAlone(browser: Browser, url: string, cookie: Cookie): Promise<number> {
  const context = await browser.newContext();
  try {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate<number>("performance.getEntriesByType('navigation')[0].responseEnd");
  } finally {
    await context.close();
  }
}
