// Shared end-to-end helpers: a static server for the release build (with the
// single-page-app fallback a real host has) and Debian's headless Chromium
// driven through playwright-core.
import { createServer } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.DIST ?? join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Serves dist/ on a free loopback port like a static host: folders answer
 * with their index.html (the embeds), unknown paths get the app's index.html.
 * `routes` maps a path (with its query, e.g. "/api/v1/dataset?include=meta",
 * or without) to a handler `(req, res) => void` that answers instead: tests
 * use it to serve other configs and documents, or to fail on purpose.
 */
/**
 * The pre-rendered file of a page: its address in the language of its
 * prefix, else of `?lang`, else French; `members.html`, `ar/members.html`,
 * `index.html` for `/`, `en.html` for `/en` (docs/prerender.md).
 */
export function pageFile(pathname, search = '') {
  const m = /^\/(ar|en)(\/.*)?$/.exec(pathname);
  const route = m ? m[2] || '/' : pathname;
  const asked = m ? m[1] : new URLSearchParams(search).get('lang');
  const lang = ['ar', 'en'].includes(asked) ? asked : null;
  const address = lang ? (route === '/' ? `/${lang}` : `/${lang}${route}`) : route;
  if (address === '/') return 'index.html';
  const rest = address.replace(/^\/|\/$/g, '');
  return rest.split('/').every((s) => /^[A-Za-z0-9_-]+$/.test(s)) ? `${rest}.html` : null;
}

export async function startServer(routes = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const handler = routes[url.pathname + url.search] ?? routes[url.pathname];
    if (handler) return handler(req, res);
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(DIST, path);
    // A pre-rendered page's own file, as the reference server finds it
    // (cluster_core::prerender::file_for_request, docs/prerender.md).
    const page = pageFile(url.pathname, url.search);
    if (page && await stat(join(DIST, page)).then((s) => s.isFile(), () => false)) file = join(DIST, page);
    else try {
      const found = await stat(file);
      // A folder with an index.html is served like static hosts do: the
      // slash form directly, the bare form redirected to it.
      if (found.isDirectory()) {
        await stat(join(file, 'index.html'));
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` });
          return res.end();
        }
        file = join(file, 'index.html');
      } else if (!found.isFile()) throw new Error('not a file');
    } catch {
      file = join(DIST, 'index.html');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  // Closing also drops the connections the browser keeps open, some with no
  // request yet (opened ahead for the page's preloads), which would
  // otherwise hold close() until the browser lets them go.
  return { url, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh context (empty storage) and page that records console errors and
 * uncaught exceptions (a Rust panic reaches the console as an error).
 */
export async function openPage(browser, { locale = 'fr-FR', width = 1280, height = 800, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/**
 * Loads a path and waits until the app has rendered a heading and settled
 * (and taken over from the pre-rendered page):
 * the data loaded and, on a directory, its own loading state (indexing, or
 * the first API answer) gone too.
 */
export async function visit(page, base, path) {
  await page.goto(base + path);
  // The app's own page, once it has taken over from the pre-rendered one
  // (docs/prerender.md), which shows a heading and results before the app.
  await page.waitForSelector(`${APP} [data-testid=page-heading]`);
  await page.waitForFunction(() => !document.querySelector('.shell[data-prerendered], [data-testid=data-loading], [data-testid=dir-loading]'));
}

/** The app's own page, not the pre-rendered one it takes over from (docs/prerender.md). */
export const APP = 'body > .shell:not([data-prerendered])';

/** The heading of the app's own page, once drawn. */
export async function appHeading(page) {
  return (await page.waitForSelector(`${APP} [data-testid=page-heading]`)).textContent();
}

/** An element's text without Unicode bidi isolates (FSI/PDI), for matching. */
export async function textOf(page, selector) {
  return (await page.textContent(selector)).replace(/[\u2066-\u2069]/g, '');
}

/** The locale files, so tests compare with the very texts the app ships. */
export const LOCALES = Object.fromEntries(
  ['fr', 'ar', 'en'].map((l) => [l, JSON.parse(readFileSync(join(ROOT, 'locales', `${l}.json`), 'utf8'))]),
);

/** The `category` form of a plural text (`one: … | other: …`, crates/core/src/plural.rs). */
export function pluralForm(text, category) {
  const forms = text.split(' | ').map((f) => [f.slice(0, f.indexOf(': ')), f.slice(f.indexOf(': ') + 2)]);
  const found = forms.find(([c]) => c === category);
  if (!found) throw new Error(`no "${category}" form in ${text}`);
  return found[1];
}

/** Every public route with the locale key of its heading. */
export const ROUTES = [
  ['/', 'home_heading'],
  ['/members', 'members_title'],
  ['/startups', 'startups_title'],
  ['/sectors', 'sectors_title'],
  ['/incubator', 'incubator_title'],
  // The form's first step names the page.
  ['/apply', 'f_step_eligibility'],
  ['/apply/status', 'apply_status_title'],
];

export const LANGS = ['fr', 'ar', 'en'];

/** The bundled document as built into dist/. */
export const bundledText = () => readFileSync(join(DIST, 'data', 'cluster.json'), 'utf8');

/** The bundled data files: the whole document and its two halves (crates/core's `Lists`). */
export const DATA_FILES = ['/data/cluster.json', '/data/members.json', '/data/startups.json'];

/**
 * Routes that serve `doc` as the bundled data, the way the build writes it:
 * the whole document and the two split files (each with the other list
 * empty), so that a test reaches whichever file a page loads. `doc` may also
 * be a handler, then answering for all three (broken files, failures).
 */
export function bundledRoutes(doc, space) {
  if (typeof doc === 'function') return Object.fromEntries(DATA_FILES.map((f) => [f, doc]));
  const [whole, members, startups] = DATA_FILES;
  return {
    [whole]: answer(JSON.stringify(doc, null, space)),
    [members]: answer(JSON.stringify({ ...doc, startups: [] }, null, space)),
    [startups]: answer(JSON.stringify({ ...doc, members: [] }, null, space)),
  };
}

/** The text of a Playwright download. */
export async function downloadText(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A handler answering `body` with `status` and a content type. */
export const answer = (body, status = 200, type = 'application/json') => (req, res) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

const realServers = [];

// This process's temporary folders (databases, outboxes, copies of dist/),
// in one folder removed when the process exits, with the servers it
// started: a run leaves nothing in the system's temporary folder (copies of
// dist/ are about 150 MB each).
const scratch = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
process.on('exit', () => {
  for (const s of realServers) s.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

/** A new temporary folder named from `prefix`, removed with this process's others when it exits. */
export function tempDir(prefix) {
  return mkdtempSync(join(scratch, prefix));
}
/** The database of each server startRealServer started, by URL. */
const realServerDbs = new Map();

function serverBin() {
  return process.env.CLUSTER_SERVER_BIN || join(ROOT, 'target', 'debug', 'cluster-enr-server');
}

/**
 * A personal API token of a new admin of the database `db`, made with the
 * server's own command line (the way a script on the server machine gets one).
 */
export function staffTokenOn(db) {
  const email = `e2e-${Math.random().toString(36).slice(2)}@cluster-enr.example`;
  serverCli(db, ['staff', 'add', '--email', email, '--name', 'E2E Admin', '--role', 'admin']);
  return serverCli(db, ['staff', 'token', '--email', email, '--name', 'e2e']).trim();
}

/** Runs the server's command line (`staff add …`) on the database `db`; its output. */
export function serverCli(db, args) {
  return execFileSync(serverBin(), ['--db', db, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** {@link staffTokenOn} the database of the server at `origin` (started by startRealServer). */
export function staffToken(origin) {
  return staffTokenOn(realServerDbs.get(origin));
}

/** The database of the server at `origin` (started by startRealServer). */
export function dbOf(origin) {
  return realServerDbs.get(origin);
}

/** The outbox folder (sign-in e-mails) of the server at `origin`. */
export function outboxOf(origin) {
  return join(dirname(realServerDbs.get(origin)), 'outbox');
}

/**
 * Starts the reference server binary on a free port over `staticDir` with a
 * fresh database; resolves to its URL. The tests run its debug build; the
 * benchmarks name the release build, as production runs, in
 * `CLUSTER_SERVER_BIN`.
 */
export function startRealServer(staticDir = DIST, extraArgs = []) {
  const db = join(tempDir('db-'), 'applications.db');
  // The bundled document unless `extraArgs` names another.
  const dataset = extraArgs.includes('--dataset') ? [] : ['--dataset', join(ROOT, 'public/data/cluster.json')];
  const child = spawn(serverBin(), ['--addr', '127.0.0.1:0', '--static', staticDir, ...dataset, '--db', db,
    '--outbox', join(dirname(db), 'outbox'), ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  realServers.push(child);
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => {
      const m = /serving (http:\/\/[^/\s]+)/.exec(String(d));
      if (m) { realServerDbs.set(m[1], db); ok(m[1]); }
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

/**
 * For `page.addInitScript(recordToPaint, types)` or `page.evaluate`: notes in
 * `window.__lat` the time from each event of `types` (its time stamp) to a
 * task posted from the next frame's animation callback, i.e. after that
 * frame's style, layout and paint; and long tasks in `window.__long`
 * (`[start, duration]`). For benchmarks.
 */
export function recordToPaint(types) {
  window.__lat = [];
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  const afterPaint = (since) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__lat.push(performance.now() - since);
    ch.port2.postMessage(0);
  });
  for (const type of types) document.addEventListener(type, (e) => afterPaint(e.timeStamp), true);
}

/**
 * Waits until `fn(arg)`, run in the page, is true, polling through
 * `page.evaluate` only: Playwright's selector calls (`waitForSelector`,
 * `locator`, `page.click`) load its injected script, whose capture listeners
 * on every mouse and pointer event would count in a benchmark's clicks.
 */
export async function untilInPage(page, fn, arg) {
  while (!(await page.evaluate(fn, arg))) await new Promise((r) => setTimeout(r, 10));
}

/** Stops every server started by startRealServer. */
export function stopRealServers() {
  for (const s of realServers) s.kill('SIGTERM');
}

/** A page that records CSP violations (in `window.__csp`) from its very first script. */
export async function openCspPage(browser, opts) {
  const page = await openPage(browser, opts);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (every rule) on the page; returns its violations in a readable form. */
export async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}; ${v.tags.filter((t) => t.startsWith('wcag')).join(' ')}): ` +
    v.nodes.map((n) => n.target.join(' ')).join(', '));
}

/** Quoted-printable, as the outbox's messages are written. */
export const unQuote = (text) => Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

/**
 * The messages e-mailed to `email` by the server at `origin` (started by
 * startRealServer) after `since` (ms) that match `pattern`, decoded, oldest
 * first, waiting for at least one.
 */
export async function outboxTexts(origin, email, since = 0, pattern = /./) {
  const dir = outboxOf(origin);
  for (let i = 0; i < 100; i++) {
    let files = [];
    try { files = readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).mtimeMs >= since); } catch { /* not yet */ }
    const texts = files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).map((f) => unQuote(readFileSync(f, 'utf8')))
      .filter((t) => t.includes(`To: ${email}`) && pattern.test(t));
    if (texts.length) return texts;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message to ${email} matching ${pattern} in ${dir}`);
}

/** The link matching `pattern` (by default a sign-in link) in the last such message. */
export async function outboxLink(origin, email, since = 0, pattern = /http:\/\/\S+\/staff\/link\/\S+/) {
  return pattern.exec((await outboxTexts(origin, email, since, pattern)).at(-1))[0];
}
