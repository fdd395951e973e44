// The app served by the real reference server (crates/server): every route
// runs under its Content-Security-Policy with zero violations, and the app's
// REST mode loads the dataset from the server's API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openCspPage, visit, ROOT, ROUTES, downloadText, startRealServer, stopRealServers, APP, tempDir } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); stopRealServers(); });

const cspPage = (opts) => openCspPage(browser, opts);

test('every route runs under the server\'s CSP with zero violations (fr and ar, light and dark)', async () => {
  const base = await startRealServer(join(ROOT, 'dist'));
  for (const [lang, colorScheme] of [['fr', 'light'], ['ar', 'dark']]) {
    const page = await cspPage({ colorScheme });
    for (const [path] of [...ROUTES, ['/no/such/page']]) {
      const res = await page.goto(`${base}${path}?lang=${lang}`);
      assert.match(res.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      // An unknown page is a real 404 (docs/prerender.md), which the console notes.
      assert.equal(res.status(), path === '/no/such/page' ? 404 : 200, path);
      if (res.status() === 404) page.errors = page.errors.filter((e) => !/status of 404/.test(e));
      await page.waitForSelector(`${APP} [data-testid=page-heading]`);
      await page.waitForFunction(() => !document.querySelector('.shell[data-prerendered], [data-testid=data-loading]'));
      // Exercise the interactive parts too.
      await page.click('[data-testid=theme-toggle]');
    }
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.errors, []);
    // The policy is really enforced: an injected inline script is refused.
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); });
    await page.waitForFunction(() => window.__csp.length > 0);
    assert.equal(await page.evaluate(() => window.injected), undefined);
  }
});

test('REST mode against the real server: the app loads its data from /api/v1', async () => {
  const dir = tempDir('cluster-dist-');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
  rmSync(join(dir, 'data'), { recursive: true });
  const base = await startRealServer(dir);
  const page = await cspPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await visit(page, base, '/?lang=fr');
  await page.waitForSelector('[data-testid=figure]');
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  assert.equal(await page.locator('.data-status').count(), 0, 'no offline notice: the API answered');
  assert.ok(requested.includes('/api/v1/dataset?include=meta'), requested.join(' '));
  assert.ok(requested.includes('/api/v1/dataset'), requested.join(' '));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
});

test('directories above client_side_limit query the real server: counts, facets, profiles, CSV', async () => {
  const dir = tempDir('cluster-dist-');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 100 }));
  const base = await startRealServer(dir);
  const doc = JSON.parse(readFileSync(join(ROOT, 'public/data/cluster.json'), 'utf8'));
  const page = await cspPage();
  const requested = [];
  page.on('request', (r) => { const u = new URL(r.url()); requested.push(u.pathname + u.search); });
  await visit(page, base, '/members?sector=solar&lang=fr');
  await page.waitForSelector('[data-testid=dir-count]');
  const count = async () => Number((await page.textContent('[data-testid=dir-count]')).replace(/\D/g, ''));
  assert.equal(await count(), doc.members.filter((m) => m.sector === 'solar').length);
  assert.ok(requested.some((r) => r.startsWith('/api/v1/members?')), 'queried the server');
  assert.ok(requested.includes('/api/v1/dataset?include=meta') && !requested.includes('/api/v1/dataset'), 'only the meta document was loaded');
  const casa = Number(await page.textContent('label[for="f-region-casablanca-settat"] .facet-count'));
  assert.equal(casa, doc.members.filter((m) => m.sector === 'solar' && m.region === 'casablanca-settat').length);
  await page.check('#f-region-casablanca-settat');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=dir-count]').textContent.replace(/\D/g, '')) === n, casa);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=dir-csv]')]);
  const text = await downloadText(download);
  assert.ok(text.startsWith('\uFEFFIdentifiant,Nom,'), text.slice(0, 40));
  assert.equal(text.trimEnd().split('\r\n').length - 1, casa);

  await page.click('[data-testid=dir-result] h2 a');
  await page.waitForURL((u) => u.pathname.startsWith('/members/'));
  await page.waitForSelector('[data-testid=copy-link]', { state: 'visible' });
  const id = new URL(page.url()).pathname.split('/')[2];
  assert.equal((await page.textContent('[data-testid=page-heading]')).trim(), doc.members.find((m) => m.id === id).name.fr);
  await visit(page, base, '/members/no-such-member?lang=fr');
  await page.waitForSelector('[data-testid=not-found]');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
});
