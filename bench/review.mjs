// Benchmark (not a test): the review workspace's queue with 2 000
// applications in one call, in Chromium at 4x CPU throttling, against the
// reference server and its SQLite file. One application is sent through the
// public form (its request is the model), 1 999 more are posted with the
// same body under other names and sectors; an admin signs in with
// the link the server's command line prints. Then, on the queue: switching
// tabs, a search, a sector filter, sorting by score and the next page.
// For each: the time from the action to the painted new rows, and every
// main-thread task over 50 ms (the Long Tasks API) from the action on.
// Usage: node bench/review.mjs [--json]   (after `trunk build --release`
// and `cargo build --release -p cluster-server`, named in CLUSTER_SERVER_BIN)
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { launchBrowser, startRealServer, stopRealServers, serverCli, dbOf, recordToPaint, untilInPage, ROOT, tempDir } from '../tests/e2e/harness.mjs';

const COUNT = Number(process.env.COUNT ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const NOW = new Date('2026-06-01T10:00:00Z');
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs) => quantile(xs, 0.5);

const dir = tempDir('cluster-review-bench-');
cpSync(join(ROOT, 'dist'), dir, { recursive: true });
writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
const origin = (await startRealServer(dir, ['--fixed-now', String(NOW.getTime() / 1000), '--submissions-per-minute', '0', '--sign-in-attempts', '100']))
  .replace('127.0.0.1', 'localhost');
const browser = await launchBrowser();

// The model application: the form's own request.
const founder = await browser.newPage();
await founder.clock.setFixedTime(NOW);
await founder.goto(`${origin}/apply?lang=fr`);
await founder.evaluate((saved) => localStorage.setItem('cluster-enr.apply.draft', saved), readFileSync(join(ROOT, 'tests/e2e/fixtures/complete-draft.json'), 'utf8'));
await founder.goto(`${origin}/apply?step=declaration&lang=fr`);
await founder.waitForSelector('[data-testid=restored]');
const [request] = await Promise.all([
  founder.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/applications')),
  founder.click('[data-testid=submit]'),
]);
const model = JSON.parse(request.postData());
await founder.waitForSelector('[data-testid=reference]');
await founder.close();

const doc = JSON.parse(readFileSync(join(ROOT, 'public/data/cluster.json'), 'utf8'));
const sectors = doc.sectors.map((s) => s.id);
const started = Date.now();
for (let i = 1; i < COUNT; i++) {
  const body = structuredClone(model);
  body.startup.name = `Start-up ${i}`;
  body.startup.sector = sectors[i % sectors.length];
  const res = await fetch(`${origin}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), origin },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`application ${i}: ${res.status} ${await res.text()}`);
}
const seeded = Date.now() - started;

// An admin, signed in with the link the command line prints.
const printed = serverCli(dbOf(origin.replace('localhost', '127.0.0.1')), ['--public-url', origin, 'staff', 'add', '--email', 'bench@cluster-enr.example', '--name', 'Bench Admin', '--role', 'admin']);
const link = /https?:\/\/\S+\/staff\/link\/\S+/.exec(printed)?.[0];
if (!link) throw new Error(`no link in: ${printed}`);
// The actions run as page scripts (`new Function`), which the server's CSP forbids.
const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, bypassCSP: true });
const page = await context.newPage();
await page.goto(link);
await page.click('button[type=submit]');
await page.waitForURL(/\/staff\?lang=/);
await page.addInitScript(recordToPaint, []);
await page.goto(`${origin}/staff?lang=fr`);
await untilInPage(page, () => document.querySelectorAll('[data-testid=queue] tbody tr').length === 50);
const total = await page.evaluate(() => document.querySelector('[data-testid=queue-count]').textContent.trim());
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

// Runs `act` in the page (a script), then resolves with the time until the
// page has been busy (the queue's request) and is no longer, after the next
// frame: the rows are drawn in the same task that clears the busy state.
// And the long tasks from the action on.
async function measure(act) {
  return page.evaluate(async (source) => {
    const article = document.querySelector('article.page');
    window.__long.length = 0;
    const t0 = performance.now();
    const ms = await new Promise((done, fail) => {
      let wentBusy = false;
      const watch = new MutationObserver(() => {
        if (article.getAttribute('aria-busy') === 'true') wentBusy = true;
        else if (wentBusy) {
          watch.disconnect();
          requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => done(performance.now() - t0); ch.port2.postMessage(0); });
        }
      });
      watch.observe(article, { attributes: true, attributeFilter: ['aria-busy'] });
      setTimeout(() => fail(new Error(`no answer drawn within 20 s: ${source}`)), 20000);
      new Function(source)();
    });
    await new Promise((r) => setTimeout(r, 100));
    return { ms, long: window.__long.filter(([start]) => start >= t0).map(([, d]) => d) };
  }, act);
}

const click = (selector) => `document.querySelector(${JSON.stringify(selector)}).click()`;
const choose = (id, value) => `const s = document.getElementById(${JSON.stringify(id)}); s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change', { bubbles: true }));`;
const search = (words) => `const i = document.getElementById('w-q'); i.value = ${JSON.stringify(words)}; i.dispatchEvent(new Event('input', { bubbles: true })); i.form.requestSubmit();`;
const ACTIONS = [
  ['tab: to pick up', click('.staff-tabs li:nth-child(2) a')],
  ['tab: all', click('.staff-tabs li:nth-child(1) a')],
  ['search "start-up 2" (111 matches, other rows)', search('start-up 2')],
  ['search cleared', search('')],
  [`sector filter (${sectors[1]})`, choose('w-sector', sectors[1])],
  ['sector filter cleared', choose('w-sector', '')],
  ['sort by average score', choose('w-sort', 'score')],
  ['sort by date', choose('w-sort', 'date')],
  ['next page', click('.pager a[rel=next]')],
  ['previous page', click('.pager a[rel=prev]')],
];
const results = Object.fromEntries(ACTIONS.map(([name]) => [name, { ms: [], long: [] }]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, act] of ACTIONS) {
    const m = await measure(act);
    results[name].ms.push(m.ms);
    results[name].long.push(...m.long);
  }
}
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
await browser.close();
stopRealServers();

const rows = ACTIONS.map(([name]) => {
  const { ms, long } = results[name];
  return { action: name, median: Math.round(median(ms)), p90: Math.round(quantile(ms, 0.9)), longTasks: long.length, longest: long.length ? Math.round(Math.max(...long)) : 0 };
});
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ count: COUNT, total, rounds: ROUNDS, seededMs: seeded, rows }, null, 2));
} else {
  console.log(`Queue of ${total} (seeded in ${(seeded / 1000).toFixed(1)} s), 4x CPU, ${ROUNDS} rounds; action → new rows painted, median (p90); tasks over 50 ms from the action on:`);
  console.log('| action | median (p90) | tasks over 50 ms | longest |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.action} | ${r.median} ms (${r.p90} ms) | ${r.longTasks} | ${r.longest ? `${r.longest} ms` : '—'} |`);
}
process.exit(0);
