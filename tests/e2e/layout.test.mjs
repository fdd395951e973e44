// Layout stability and DOM size on the main routes, the deterministic part of
// the fast-start budgets: the cumulative layout shift (a PerformanceObserver
// from the first paint until the page has settled) and the number of
// elements. The data is held back so that the app first draws its loading
// state, as on a slow line: what arrives with the data must not move what
// is already on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, visit, DATA_FILES, DIST, ROOT } from './harness.mjs';

/** Cumulative layout shift allowed on a main route (Lighthouse's "good" is 0.1). */
export const CLS_BUDGET = 0.02;
/** Elements allowed on a main route once settled (Lighthouse warns from 800). */
export const DOM_BUDGET = 800;
export const MAIN_ROUTES = ['/', '/members', '/startups', '/sectors', '/incubator', '/apply'];
const DATA_DELAY_MS = 700;

let browser, server;
before(async () => {
  browser = await launchBrowser();
  const late = (file) => (req, res) => setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(readFileSync(join(ROOT, 'dist', file)));
  }, DATA_DELAY_MS);
  server = await startServer(Object.fromEntries(DATA_FILES.map((f) => [f, late(f)])));
});
after(async () => { await browser?.close(); await server?.close(); });

/** Records every layout shift not caused by input, with what moved. */
export function observeShifts(page) {
  return page.addInitScript(() => {
    window.__shifts = [];
    const name = (n) => (n?.nodeType === 1 ? `${n.localName}${n.id ? `#${n.id}` : ''}${n.className ? `.${String(n.className).trim().replace(/\s+/g, '.')}` : ''}` : String(n?.nodeName));
    const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts.push({ at: Math.round(e.startTime), value: e.value, moved: (e.sources ?? []).map((s) => `${name(s.node)} ${rect(s.previousRect)} → ${rect(s.currentRect)}`) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The page's shifts so far and their sum. */
export async function shifts(page) {
  const all = await page.evaluate(() => window.__shifts);
  return { total: all.reduce((s, e) => s + e.value, 0), all };
}

for (const [width, height] of [[360, 740], [1280, 800]]) {
  for (const lang of ['fr', 'ar']) {
    test(`layout shift ≤ ${CLS_BUDGET} and at most ${DOM_BUDGET} elements on the main routes, ${lang}, ${width} px, data arriving late`, async (t) => {
      const problems = [];
      for (const path of MAIN_ROUTES) {
        const page = await openPage(browser, { width, height });
        await observeShifts(page);
        await visit(page, server.url, `${path}?lang=${lang}`);
        // Anything arriving a frame or two after the data.
        await page.waitForTimeout(300);
        const { total, all } = await shifts(page);
        const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
        t.diagnostic(`${path}: CLS ${total.toFixed(4)}, ${elements} elements${all.length ? ` (${all.flatMap((e) => e.moved).join("; ")})` : ""}`);
        if (total > CLS_BUDGET) problems.push(`${path}: CLS ${total.toFixed(4)}\n${JSON.stringify(all, null, 1)}`);
        if (elements > DOM_BUDGET) problems.push(`${path}: ${elements} elements`);
        assert.deepEqual(page.errors, [], path);
        await page.context().close();
      }
      assert.deepEqual(problems, []);
    });
  }
}

test('the loading notice does not move when the page arrives in two parts, a frame painted before its boot script', async () => {
  // The page cut right before the boot script, the rest sent 400 ms later:
  // the browser paints what it has meanwhile, as it may on a slow line or a
  // busy machine.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const cut = html.indexOf('<script>', html.indexOf('id="boot"'));
  assert.ok(cut > 0);
  const split = await startServer({
    '/': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(html.slice(0, cut));
      setTimeout(() => res.end(html.slice(cut)), 400);
    },
  });
  try {
    for (const lang of ['fr', 'ar']) {
      const page = await openPage(browser);
      await observeShifts(page);
      await visit(page, split.url, `/?lang=${lang}`);
      await page.waitForTimeout(300);
      const { total, all } = await shifts(page);
      assert.ok(total <= CLS_BUDGET, `${lang}: CLS ${total.toFixed(4)} ${JSON.stringify(all)}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  } finally {
    await split.close();
  }
});
