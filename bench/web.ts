/**
 * Web benchmark. First, from the Vite manifest, the gzip JavaScript each page loads before it can
 * show (test/helpers/page-weight.ts), against the 350 KB budget of issue 13. Then, in headless
 * Chromium against the built app served with compression, cold loads (a fresh browser context: no
 * cache) of the province plan's page, measured from the start of the navigation: its first
 * contentful paint, its largest contentful paint (the last PerformanceObserver entry once the page's
 * figures show, and whether that element belongs to the server's first screen or to the app) and
 * the time the app's page itself is there (its target figure in the DOM), against the time to fetch
 * the plan's JSON alone from the same server (a navigation to /api/plans/:id in a cold context too:
 * to the end of its response, and to its first contentful paint, the text Chromium shows of it), in
 * alternation, median of RUNS. The issue's "≤ 3× the time of its JSON alone" is read against the
 * JSON's paint: the issue's own figure (largest paint 1,5 s = 11,5× the JSON) put the JSON alone at
 * ~130 ms, a cold browser's paint of it, not the 5–15 ms of its bytes on loopback.
 * BENCH_BASELINE=DIR (another build's web/dist, e.g. of main) adds its weights and its loads, in the
 * same alternation (which of the two loads first alternates per round); when DIR is a tree's web/dist
 * whose test/helpers/browser.ts exists, that tree's own server serves it (its own first screen or
 * none), else this one's. BENCH_LATENCY=MS: Chromium delays every request by MS (a network, not
 * loopback: what module preloads save shows there).
 *
 *   npm run build && npm run bench:web
 */
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../test/helpers/browser.js';
import { signIn as openSession } from '../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createAccount, planIdOf, TEST_PASSWORD } from '../test/helpers/accounts.js';
import { startAppAndBrowser } from '../test/helpers/browser.js';
import { ROOT } from '../test/helpers/fixtures.js';
import { FIRST_LOAD_BUDGET, kb, pageWeights } from '../test/helpers/page-weight.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BASELINE = process.env.BENCH_BASELINE;
/** a network's round trip added to every request (Chromium's emulation), ms; none by default: loopback */
const LATENCY = Number(process.env.BENCH_LATENCY ?? 0);

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

/** The server of the tree a build belongs to, when it is a tree's web/dist; else this one's. */
async function serverFor(webRoot: string): Promise<typeof startAppAndBrowser> {
  const helper = resolve(webRoot, '../../test/helpers/browser.ts');
  if (!existsSync(helper)) return startAppAndBrowser;
  return ((await import(helper)) as { startAppAndBrowser: typeof startAppAndBrowser }).startAppAndBrowser;
}

const now = await prepare(await startAppAndBrowser());
const base = BASELINE ? await prepare(await (await serverFor(BASELINE))(BASELINE)) : null;
try {
  const loads: Load[] = [];
  const baseLoads: Load[] = [];
  const json: number[] = [];
  const jsonPaint: number[] = [];
  // one unmeasured round first: the server's own caches and the disk warm up for all
  for (let i = 0; i <= RUNS; i++) {
    // which build loads first alternates: the second of a pair may find the machine warmer
    let load: Load;
    let baseLoad: Load | null = null;
    if (base && i % 2 === 1) {
      baseLoad = await planLoad(base.run.browser, base.planUrl, base.cookie);
      load = await planLoad(now.run.browser, now.planUrl, now.cookie);
    } else {
      load = await planLoad(now.run.browser, now.planUrl, now.cookie);
      if (base) baseLoad = await planLoad(base.run.browser, base.planUrl, base.cookie);
    }
    const alone = await jsonAlone(now.run.browser, now.jsonUrl, now.cookie);
    if (i === 0) continue;
    loads.push(load);
    if (baseLoad) baseLoads.push(baseLoad);
    json.push(alone.end);
    jsonPaint.push(alone.paint);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const line = (label: string, xs: number[]) =>
    console.log(`${label} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')}`);
  const network = LATENCY > 0 ? `, ${LATENCY} ms added to each request` : ', loopback';
  console.log(`\n## cold load of the province plan's page, median of ${RUNS}${network}\n`);
  console.log('measure | median ms | runs ms');
  console.log('---|---:|---');
  const of = (xs: Load[], key: 'fcp' | 'lcp' | 'page') => xs.map((x) => x[key]);
  line('first contentful paint', of(loads, 'fcp'));
  line('largest contentful paint', of(loads, 'lcp'));
  line("the app's page there", of(loads, 'page'));
  if (base) {
    line('first contentful paint, baseline build', of(baseLoads, 'fcp'));
    line('largest contentful paint, baseline build', of(baseLoads, 'lcp'));
    line("the app's page there, baseline build", of(baseLoads, 'page'));
  }
  line("the plan's JSON alone, to the end of its response", json);
  line("the plan's JSON alone, to its first contentful paint", jsonPaint);
  const elements = (xs: Load[]) => [...new Set(xs.map((x) => x.element))].join('; ');
  console.log(`\nlargest contentful paint's element: ${elements(loads)}`);
  if (base) console.log(`baseline's: ${elements(baseLoads)}`);
  const lcp = median(of(loads, 'lcp'));
  console.log(`ratio paint / JSON's response: ${(lcp / median(json)).toFixed(2)}`);
  console.log(`ratio paint / JSON's paint: ${(lcp / median(jsonPaint)).toFixed(2)} (target ≤ 3)`);
  if (base) {
    console.log(`ratio paint / baseline paint: ${(lcp / median(of(baseLoads, 'lcp'))).toFixed(2)}`);
    const paints = loads.map((l, i) => l.lcp / baseLoads[i]!.lcp);
    console.log(
      `ratio paint / baseline's, per round: median ${median(paints).toFixed(2)} (rounds ${paints.map((r) => r.toFixed(2)).join(', ')})`,
    );
    // per round, this build's time to the page over the baseline's measured just after it
    const pairs = loads.map((l, i) => l.page / baseLoads[i]!.page);
    console.log(
      `ratio page there / baseline's: median ${median(pairs).toFixed(2)} (rounds ${pairs.map((r) => r.toFixed(2)).join(', ')})`,
    );
  }
} finally {
  await now.run.stop();
  await base?.run.stop();
}

type Cookie = { name: string; value: string; url: string };

/** BENCH_LATENCY: Chromium delays each request's answer by that many ms (a network's round trip). */
async function withLatency(page: Page): Promise<void> {
  if (LATENCY <= 0) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

interface Load {
  /** first contentful paint */
  fcp: number;
  /** the last largest-contentful-paint entry */
  lcp: number;
  /** what that entry painted: the first screen's element or the app's */
  element: string;
  /** when the app's page was in the DOM (its target figure) */
  page: number;
}

/**
 * A cold load of the page: its paints and when the app's page is there, once the plan's header
 * shows and the network is quiet.
 */
async function planLoad(browser: Browser, url: string, cookie: Cookie): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await withLatency(page);
    // page scripts as text: this file is type-checked for Node, without the DOM's types
    await page.addInitScript({
      content: `window.__load = { fcp: 0, lcp: 0, element: '', page: 0 };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            window.__load.lcp = entry.startTime;
            const e = entry.element;
            window.__load.element = e
              ? (e.closest('#first-screen') ? 'first screen ' : 'app ') + e.tagName.toLowerCase() +
                (e.className ? '.' + String(e.className).split(' ')[0] : '')
              : '(removed)';
          }
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.name === 'first-contentful-paint') window.__load.fcp = entry.startTime;
          }
        }).observe({ type: 'paint', buffered: true });
        new MutationObserver((_records, observer) => {
          if (document.querySelector('[data-testid="total-target"]')) {
            window.__load.page = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });`,
    });
    await page.goto(url);
    await page.locator('[data-testid="total-target"]').waitFor();
    await page.waitForLoadState('networkidle');
    // the observer reports the last candidate on the next frame
    await page.evaluate('new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)))');
    return await page.evaluate<Load>('window.__load');
  } finally {
    await context.close();
  }
}

/**
 * The plan's JSON fetched on its own by a cold browser, from navigation start: to the end of the
 * response, and to its first contentful paint (Chromium shows the JSON as text: what a reader of the
 * JSON alone would see, and when; a cold context paints nothing, even a static page, before ~100 ms).
 */
async function jsonAlone(
  browser: Browser,
  url: string,
  cookie: Cookie,
): Promise<{ end: number; paint: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await withLatency(page);
    await page.goto(url);
    const end = await page.evaluate<number>("performance.getEntriesByType('navigation')[0].responseEnd");
    const paint = await page.evaluate<number>(`new Promise((ok) => new PerformanceObserver((list) => {
        const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
        if (fcp) ok(fcp.startTime);
      }).observe({ type: 'paint', buffered: true }))`);
    return { end, paint };
  } finally {
    await context.close();
  }
}
