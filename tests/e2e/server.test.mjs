// The app served by the real reference server (crates/server): every route
// runs under its Content-Security-Policy with zero violations, and the app's
// REST mode loads the dataset from the server's API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, visit, ROOT, ROUTES } from './harness.mjs';

const BIN = join(ROOT, 'target', 'debug', 'cluster-enr-server');
let browser;
const servers = [];
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); for (const s of servers) s.kill('SIGTERM'); });

/** Starts the server binary on a free port over `staticDir`; resolves to its URL. */
function startRealServer(staticDir) {
  const db = join(mkdtempSync(join(tmpdir(), 'cluster-db-')), 'applications.db');
  const child = spawn(BIN, ['--addr', '127.0.0.1:0', '--static', staticDir, '--dataset', join(ROOT, 'public/data/cluster.json'), '--db', db],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(child);
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => { const m = /serving (http:\/\/[^/\s]+)/.exec(String(d)); if (m) ok(m[1]); });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

/** A page that records CSP violations from its very first script. */
async function cspPage(opts) {
  const page = await openPage(browser, opts);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

test('every route runs under the server\'s CSP with zero violations (fr and ar, light and dark)', async () => {
  const base = await startRealServer(join(ROOT, 'dist'));
  for (const [lang, colorScheme] of [['fr', 'light'], ['ar', 'dark']]) {
    const page = await cspPage({ colorScheme });
    for (const [path] of [...ROUTES, ['/no/such/page']]) {
      const res = await page.goto(`${base}${path}?lang=${lang}`);
      assert.match(res.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      await page.waitForSelector('.shell [data-testid=page-heading]');
      await page.waitForFunction(() => !document.querySelector('[data-testid=data-loading]'));
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
  const dir = mkdtempSync(join(tmpdir(), 'cluster-dist-'));
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
