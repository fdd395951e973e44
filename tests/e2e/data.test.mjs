// Where the data comes from and what the visitor sees when it fails: the app
// served a valid file, a truncated one, one with a field of the wrong type, a
// 404, an unreachable API (with the bundled fallback), extra unknown fields,
// and the REST mode of config.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, answer, bundledText, bundledRoutes, textOf, APP } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const BUNDLED = '/data/cluster.json';
const config = (c) => answer(JSON.stringify({ client_side_limit: 20000, ...c }));

/** Opens `/` on a server with `routes`, waits for the data to settle. */
async function openWith(routes, { lang = 'fr', path = '/' } = {}) {
  const server = await startServer(routes);
  const page = await openPage(browser);
  await visit(page, server.url, `${path}?lang=${lang}`);
  await page.waitForSelector('[data-testid=figure], [data-testid=data-error]', { timeout: 15000 });
  return { page, server };
}

/** No Rust panic and no uncaught exception happened. */
function noPanic(page) {
  assert.deepEqual(page.errors.filter((e) => /panicked|RuntimeError|unreachable/i.test(e)), []);
}

test('(a) a valid file: headline figures, source and date, no banner, no console error', async () => {
  const { page, server } = await openWith({});
  const figures = await page.locator('[data-testid=figure] .figure-value').allTextContents();
  assert.deepEqual(figures, ['210+', '600+', '40+', '14\u00a0MDH', '35+']);
  assert.match(await page.textContent('[data-testid=data-as-of]'), /23 février 2024/);
  assert.match(await page.textContent('[data-testid=data-source]'), /fictives/);
  assert.equal(await page.locator('.data-status').count(), 0);
  assert.deepEqual(page.errors, []);
  await visit(page, server.url, '/?lang=ar');
  await page.waitForSelector('[data-testid=figure]');
  assert.match(await page.textContent('[data-testid=data-as-of]'), /23 فبراير 2024/);
  assert.equal((await page.locator('[data-testid=figure] .figure-value').allTextContents())[3], '14 مليون درهم');
  await server.close();
});

test('(a2) a browser whose response bodies are not byte streams reads the same document, and a cut one still says so', async () => {
  // The app reads bodies into one reused buffer where it can; elsewhere it
  // takes the stream's own chunks.
  const server = await startServer({});
  const page = await openPage(browser);
  await page.addInitScript(() => { delete window.ReadableStreamBYOBReader; });
  await visit(page, server.url, '/?lang=fr');
  await page.waitForSelector('[data-testid=figure]');
  assert.equal(await page.evaluate(() => typeof window.ReadableStreamBYOBReader), 'undefined');
  assert.deepEqual(await page.locator('[data-testid=figure] .figure-value').allTextContents(), ['210+', '600+', '40+', '14\u00a0MDH', '35+']);
  noPanic(page);
  await server.close();
  const text = bundledText();
  const cut = await startServer(bundledRoutes(answer(text.slice(0, Math.floor(text.length / 2)))));
  await visit(page, cut.url, '/?lang=fr');
  assert.match(await textOf(page, '[data-testid=data-error-detail]'), /\/data\/cluster\.json est incomplet : il s'arrête à la ligne \d+/);
  noPanic(page);
  await cut.close();
});

test('the configuration and the data a page shows are fetched once, started from <head> (the loader) before the wasm has arrived; the directories load their own entry, the other list comes when a page shows it, other pages load the whole portal', async () => {
  const server = await startServer();
  const page = await openPage(browser);
  const seen = [];
  page.on('request', (r) => seen.push(`start ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => seen.push(`end ${new URL(r.url()).pathname}`));
  // A slow line, as on a phone: the wasm takes seconds to arrive, the two small requests do not wait for it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 500 * 1024, uploadThroughput: -1 });
  await visit(page, server.url, '/members?lang=fr');
  await page.waitForSelector('[data-testid=dir-result]');
  const count = (line) => seen.filter((l) => l === line).length;
  const log = () => seen.join('\n');
  // The members' directory downloads the members only.
  assert.equal(count('start /data/members.json'), 1, log());
  assert.equal(count('start /data/startups.json') + count(`start ${BUNDLED}`), 0, log());
  assert.equal(count('start /config.json'), 1, log());
  const wasmEnd = seen.findIndex((l) => l.startsWith('end ') && l.endsWith('.wasm'));
  assert.ok(seen.indexOf('start /data/members.json') < wasmEnd, log());
  // The directories' entry, not the whole portal.
  const wasm = seen.filter((l) => l.startsWith('start ') && l.endsWith('.wasm'));
  assert.equal(wasm.length, 1, log());
  assert.match(wasm[0], /\/cluster-enr-directory-[0-9a-f]{12,16}_bg\.wasm$/);
  // The start-ups arrive when their directory is opened, once, and the
  // members are not downloaded again on the way back.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const startups = JSON.parse(bundledText()).startups.length;
  await page.click('header nav a[href="/startups"]');
  await page.waitForFunction((n) => document.querySelector('[data-testid=dir-count]')?.textContent.replace(/\D/g, '') === String(n), startups);
  await page.click('header nav a[href="/members"]');
  await page.waitForSelector('[data-testid=dir-result] a[href^="/members/"]');
  assert.equal(count('start /data/startups.json'), 1, log());
  assert.equal(count('start /data/members.json'), 1, log());
  // The home page is the whole portal's: a page load that brings it, with
  // the whole document, once; Back returns to the directory.
  await page.click('header nav a[href="/"]');
  await page.waitForSelector('[data-testid=figure]');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.ok(seen.some((l) => /^start \/cluster-enr-portal-[0-9a-f]{12,16}_bg\.wasm$/.test(l)), log());
  assert.equal(count(`start ${BUNDLED}`), 1, log());
  await page.goBack();
  await page.waitForSelector('[data-testid=dir-result] a[href^="/members/"]');
  assert.equal(new URL(page.url()).pathname, '/members');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The home page shows both lists: the whole document, once.
  const home = await openPage(browser);
  const homeSeen = [];
  home.on('request', (r) => homeSeen.push(new URL(r.url()).pathname));
  await visit(home, server.url, '/?lang=fr');
  await home.waitForSelector('[data-testid=figure]');
  assert.deepEqual(homeSeen.filter((p) => p.startsWith('/data/')), [BUNDLED]);
  await home.context().close();
  await server.close();
});

test('(b) a truncated file: says it is incomplete and where; retry loads it once fixed', async () => {
  const full = bundledText();
  let calls = 0;
  const { page, server } = await openWith(bundledRoutes((req, res) => answer(++calls === 1 ? full.slice(0, full.length / 2) : full)(req, res)));
  assert.match(await textOf(page, '[data-testid=data-error-detail]'), /\/data\/cluster\.json est incomplet : il s'arrête à la ligne \d+/);
  noPanic(page);
  await page.click('[data-testid=data-error] button');
  await page.waitForSelector('[data-testid=figure]');
  assert.equal(await page.locator('[data-testid=data-error]').count(), 0);
  await server.close();
});

test('(c) a field of the wrong type: names the field by its path', async () => {
  const doc = JSON.parse(bundledText());
  doc.members[17].joined = 'depuis longtemps';
  const { page, server } = await openWith(bundledRoutes(doc, 1));
  assert.match(await textOf(page, '[data-testid=data-error-detail]'), /champ au mauvais format : members\[17\]\.joined/);
  noPanic(page);
  await server.close();
});

test('(c2) not JSON at all: gives the line and column', async () => {
  const { page, server } = await openWith(bundledRoutes(answer('<html>502 Bad Gateway</html>')), { lang: 'en' });
  assert.match(await textOf(page, '[data-testid=data-error-detail]'), /is not valid JSON \(line 1, column 1\)/);
  noPanic(page);
  await server.close();
});

test('(d) a 404: says which HTTP error, in the visitor\'s language', async () => {
  const { page, server } = await openWith(bundledRoutes(answer('not here', 404, 'text/plain')), { lang: 'ar' });
  const detail = await textOf(page, '[data-testid=data-error-detail]');
  assert.match(detail, /HTTP 404/);
  assert.match(detail, /أجاب الخادم/);
  assert.equal(await page.getAttribute('[data-testid=data-error]', 'role'), 'alert');
  noPanic(page);
  await server.close();
});

test('(e) an unreachable API: the bundled copy is used, and the notice says so', async () => {
  const { page, server } = await openWith({ '/config.json': config({ api_base_url: 'http://127.0.0.1:9/api/v1' }) });
  assert.match(await textOf(page, '[data-testid=data-offline]'), /Copie hors ligne du 23 février 2024/);
  assert.match(await textOf(page, '[data-testid=data-offline]'), /injoignable \(http:\/\/127\.0\.0\.1:9\/api\/v1\/dataset\?include=meta\)/);
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  noPanic(page);
  await server.close();
});

test('(e2) a failing API and no usable bundled copy: the API\'s error is shown', async () => {
  const { page, server } = await openWith({
    '/config.json': config({ api_base_url: '/api/v1' }),
    '/api/v1/dataset': answer('{"type":"about:blank","status":503}', 503),
    ...bundledRoutes(answer('', 404)),
  });
  assert.match(await textOf(page, '[data-testid=data-error-detail]'), /erreur HTTP 503 pour \/api\/v1\/dataset\?include=meta/);
  noPanic(page);
  await server.close();
});

test('(f) extra unknown fields: the app ignores them and works', async () => {
  const doc = JSON.parse(bundledText());
  doc.generator = { name: 'newer-server', version: 9 };
  for (const m of doc.members) m.rating = { stars: 5 };
  doc.sectors[0].colour = '#f2b705';
  const { page, server } = await openWith(bundledRoutes(doc));
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  assert.deepEqual(page.errors, []);
  await server.close();
});

/** An API that serves the bundled document per docs/api.md and counts requests. */
function api(limit) {
  const doc = JSON.parse(bundledText());
  const meta = { ...doc, members: undefined, startups: undefined, partners: undefined,
    totals: { members: doc.members.length, startups: doc.startups.length, partners: doc.partners.length } };
  const seen = [];
  const log = (h) => (req, res) => { seen.push(req.url); h(req, res); };
  return {
    seen,
    routes: {
      '/config.json': config({ api_base_url: '/api/v1/', client_side_limit: limit }),
      '/api/v1/dataset?include=meta': log(answer(JSON.stringify(meta))),
      '/api/v1/dataset': log(answer(JSON.stringify(doc))),
      ...bundledRoutes(log(answer('', 500))),
    },
  };
}

test('REST mode: meta first, then the lists when they fit under client_side_limit', async () => {
  const a = api(20000);
  const { page, server } = await openWith(a.routes);
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  assert.equal(await page.locator('.data-status').count(), 0);
  assert.deepEqual(a.seen, ['/api/v1/dataset?include=meta', '/api/v1/dataset']);
  assert.deepEqual(page.errors, []);
  await server.close();
});

test('REST mode: above client_side_limit only the meta document is loaded', async () => {
  const a = api(100);
  const { page, server } = await openWith(a.routes);
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  assert.deepEqual(a.seen, ['/api/v1/dataset?include=meta']);
  await server.close();
});

test('REST mode above the limit: a directory and a profile say they are loading, then show the API error with a retry', async () => {
  const a = api(100);
  const id = JSON.parse(bundledText()).members[0].id;
  const slowFailure = (req, res) => setTimeout(() => answer('{"type":"about:blank","status":503}', 503)(req, res), 1200);
  const server = await startServer({ ...a.routes, '/api/v1/members': slowFailure, [`/api/v1/members/${id}`]: slowFailure });
  const page = await openPage(browser);
  // Not visit(): it waits for the loading state to end, which is what this
  // test looks at. A view in the query (page=1): no pre-rendered page stands
  // in for the app's own (docs/prerender.md).
  await page.goto(`${server.url}/members?lang=fr&page=1`);
  await page.waitForSelector('[data-testid=dir-loading]');
  assert.match(await page.textContent('[data-testid=dir-loading]'), /Chargement des résultats/);
  assert.equal(await page.getAttribute('[data-testid=dir-loading]', 'role'), 'status');
  await page.waitForSelector('[data-testid=dir-error] button');
  assert.match(await page.textContent('[data-testid=dir-error]'), /503/);

  // The pre-rendered profile stays while the app's is on its way: the app's
  // page says it is loading, hidden, and takes over once it has its answer.
  await page.goto(`${server.url}/members/${id}?lang=fr`);
  await page.waitForFunction((sel) => document.querySelector(`${sel} [data-testid=page-heading]`)?.textContent === 'Chargement de la fiche…', APP);
  assert.equal(await page.isVisible('.shell[data-prerendered] [data-testid=page-heading]'), true);
  assert.equal(await page.isVisible(`${APP} [data-testid=copy-link]`), false);
  await page.waitForSelector('.profile [role=alert] button');
  assert.equal(await page.isVisible('[data-testid=copy-link]'), false);
  noPanic(page);
  await server.close();
});

test('a slow source shows the loading state first', async () => {
  const full = bundledText();
  const server = await startServer(bundledRoutes((req, res) => setTimeout(() => answer(full)(req, res), 1500)));
  const page = await openPage(browser);
  // A query the build has no page for: the app's own loading state
  // (without it, the pre-rendered page stands in: docs/prerender.md).
  await page.goto(`${server.url}/?lang=fr&x=1`);
  await page.waitForSelector('[data-testid=data-loading]');
  assert.match(await page.textContent('[data-testid=data-loading]'), /Chargement des données/);
  assert.equal(await page.getAttribute('[data-testid=data-loading]', 'role'), 'status');
  await page.waitForSelector('[data-testid=figure]');
  assert.equal(await page.locator('[data-testid=data-loading]').count(), 0);
  await server.close();
});
