// The benchmark suite (not a test: timings on a shared machine are noisy).
// One command builds the release app, serves it as production does (the
// reference server, precompressed files), and measures the app and the
// plain-JS reference directory (bench/vanilla) side by side, interleaved, in
// headless Chromium driven through the DevTools protocol; then the form, the
// charts, Lighthouse and core's directory engine (criterion). Writes
// bench/results.json (medians and p90s) and the "Suite" section of
// bench/RESULTS.md.
//
//   node bench/suite.mjs [--no-build] [--runs N] [--big N] [--skip a,b]
//
// --runs: repeated runs per measure (default 5); --big-runs: at the large document (3);
// --big: members of the generated large document (default 100000);
// --skip: any of big, lighthouse, form, criterion (their last figures in
// bench/results.json are kept).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { launchBrowser, openPage, recordToPaint, startRealServer, stopRealServers, ROOT, tempDir } from '../tests/e2e/harness.mjs';
import { measure as measureEntries } from '../scripts/size-budget.mjs';
import { lighthouse, lighthousePages } from './lighthouse.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const BIG_RUNS = Number(arg('big-runs', Math.min(RUNS, 3)));
const BIG = Number(arg('big', 100000));
const SKIP = new Set(String(arg('skip', '')).split(',').filter(Boolean));
const DIST = join(ROOT, 'dist');
const log = (...a) => console.error('[suite]', ...a);
process.env.RUST_LOG ??= 'warn';

const quantile = (xs, q) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] : null);
const stats = (xs) => ({ median: quantile(xs, 0.5), p90: quantile(xs, 0.9), max: xs.length ? Math.max(...xs) : null, runs: xs.length });

// ---------------------------------------------------------------- build
if (!process.argv.includes('--no-build')) {
  log('release build');
  execFileSync('trunk', ['build', '--release'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
// The reference server as production runs it: its release build (the debug
// build the tests use compresses the large document on each request several
// times slower, on the cores the browser needs while the page starts).
execFileSync('cargo', ['build', '-q', '--release', '-p', 'cluster-server'], { cwd: ROOT, stdio: 'inherit' });
process.env.CLUSTER_SERVER_BIN = join(ROOT, 'target', 'release', 'cluster-enr-server');

// ---------------------------------------------------------------- sites
/** A copy of `from` with an empty page (the memory baseline) and `data` files put in data/. */
function site(from, data = {}) {
  const dir = tempDir('cluster-suite-');
  cpSync(from, dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>');
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [name, path] of Object.entries(data)) copyFileSync(path, join(dir, 'data', name));
  return dir;
}
const vanillaSrc = join(ROOT, 'bench', 'vanilla');
const dirs = {
  app: site(DIST),
  vanilla: site(vanillaSrc, { 'cluster.json': join(DIST, 'data', 'cluster.json') }),
};
if (!SKIP.has('big')) {
  const big = join(tmpdir(), `cluster-${BIG}.json`);
  if (!existsSync(big)) {
    log(`generating ${BIG} members`);
    execFileSync('cargo', ['run', '-q', '--release', '-p', 'cluster-data', '--', 'generate', '--members', String(BIG), '--out', big], { cwd: ROOT, stdio: 'inherit' });
  }
  dirs.bigApp = site(DIST, { 'cluster.json': big });
  // The build step's split, on the large document.
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'cluster-data', '--', 'embeds', '--dataset', big, '--out', dirs.bigApp], { cwd: ROOT, stdio: 'inherit' });
  dirs.bigVanilla = site(vanillaSrc, { 'cluster.json': big });
}
const urls = {};
for (const [name, dir] of Object.entries(dirs)) urls[name] = await startRealServer(dir);

// ---------------------------------------------------------------- bytes
const brCache = new Map();
// Quality 11 takes minutes on a 100 000-member document: sizes are kept by content hash.
const BR_DISK = join(tmpdir(), 'cluster-suite-brotli.json');
const brDisk = existsSync(BR_DISK) ? JSON.parse(readFileSync(BR_DISK, 'utf8')) : {};
/** Brotli quality 11 size of a built file, as a host serving precompressed files sends it. */
function br11(dir, path) {
  const file = join(dir, decodeURIComponent(path));
  if (!brCache.has(file)) {
    let size = null;
    try {
      const bytes = readFileSync(file);
      const key = createHash('sha256').update(bytes).digest('hex');
      size = brDisk[key] ??= brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      if (bytes.length > 1e6) writeFileSync(BR_DISK, JSON.stringify(brDisk));
    } catch { /* not a file */ }
    brCache.set(file, size);
  }
  return brCache.get(file);
}

// ---------------------------------------------------------------- browser
const browser = await launchBrowser();
const browserCdp = await browser.newBrowserCDPSession();

/** Resident memory of every renderer process, in bytes. */
async function rendererRss() {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  let total = 0;
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    try { total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))[1]) * 1024; } catch { /* gone */ }
  }
  return total;
}

/** The directory is ready: its search box and a result count are on screen (a function: the CSP forbids eval). */
const READY = (kind) => {
  const [search, count] = kind === 'app' ? ['[data-testid=dir-search]', '[data-testid=dir-count]'] : ['#q', '#count'];
  return !!document.querySelector(search) && /\d/.test(document.querySelector(count)?.textContent ?? '') && performance.now();
};
const SEARCH = { app: '[data-testid=dir-search]', vanilla: '#q' };
const FACET = { app: '.facets input[type=checkbox]', vanilla: '#facets input' };

/** Instruments a page: long tasks, input → next painted frame, the wasm memory. */
function instrument(page) {
  return Promise.all([
    page.addInitScript(recordToPaint, ['keydown', 'change', 'click']),
    page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; })),
  ]);
}

/** JS heap in use after a full collection, plus the wasm memory, in bytes. */
async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  return usedSize + wasm;
}

/**
 * One load of the member directory: ready time, long tasks, bytes, memory;
 * then (opt.interact) key presses, a facet click, a sort, and 20 search/clear cycles.
 */
async function directoryRun(kind, base, dir, { throttle = 1, interact = true, sort = false } = {}) {
  const page = await openPage(browser, { width: 1280, height: 800 });
  await instrument(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(`${base}/blank.html`);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const rssBefore = await rendererRss();
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const fetched = [];
  page.on('requestfinished', (r) => { if (r.url().startsWith(base)) fetched.push(new URL(r.url()).pathname); });
  await page.goto(`${base}${kind === 'app' ? '/members?lang=fr' : '/'}`, { waitUntil: 'commit' });
  const ready = await (await page.waitForFunction(READY, kind, { polling: 'raf', timeout: 600_000 })).jsonValue();
  await page.waitForTimeout(500);
  const long = await page.evaluate(() => window.__long);
  const untilReady = long.filter(([start]) => start <= ready);
  const out = {
    ready,
    longestTask: Math.max(0, ...long.map(([, d]) => d)),
    tbt: untilReady.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
    bytes: fetched.filter((p, i) => fetched.indexOf(p) === i).reduce((s, p) => s + (br11(dir, p === '/' ? 'index.html' : p) ?? 0), 0),
    elements: await page.evaluate(() => document.getElementsByTagName('*').length),
  };
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  out.rssGrowth = (await rendererRss()) - rssBefore;
  if (!interact) { await page.context().close(); return out; }
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const settle = () => page.waitForTimeout(120);
  const taken = () => page.evaluate(() => window.__lat.splice(0));
  await taken();
  await page.focus(SEARCH[kind]);
  out.keys = [];
  for (const key of [...'solaire cas']) { await page.keyboard.press(key === ' ' ? 'Space' : key); await settle(); }
  for (let i = 0; i < 11; i++) { await page.keyboard.press('Backspace'); await settle(); }
  out.keys = await taken();
  out.facet = [];
  for (let i = 0; i < 4; i++) {
    await page.locator(FACET[kind]).first().click();
    await settle();
    // From the click (its change event follows in the same task).
    out.facet.push(...(await taken()).slice(0, 1));
  }
  if (sort && kind === 'app') {
    out.sort = [];
    for (const s of ['-name', 'joined', '-joined', 'name']) {
      await page.locator('[data-testid=dir-sort]').selectOption(s);
      await settle();
      out.sort.push(...(await taken()).slice(-1));
    }
  }
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // Memory after 20 search/clear cycles, against after the first one.
  const cycle = async () => { await page.fill(SEARCH[kind], 'solaire'); await settle(); await page.fill(SEARCH[kind], ''); await settle(); };
  await cycle();
  const before = await heap(page, cdp);
  for (let i = 0; i < 20; i++) await cycle();
  out.cycleGrowth = (await heap(page, cdp)) - before;
  await page.context().close();
  return out;
}

/** Interleaved runs of the app and the reference: medians and p90s of each figure. */
async function sideBySide(label, runs, opts, sites) {
  const raw = { app: [], vanilla: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of ['vanilla', 'app']) {
      log(`${label}: ${kind} run ${i + 1}/${runs}`);
      raw[kind].push(await directoryRun(kind, urls[sites[kind]], dirs[sites[kind]], opts));
    }
  }
  const summary = {};
  for (const kind of ['app', 'vanilla']) {
    const rs = raw[kind];
    const pick = (k) => rs.map((r) => r[k]).filter((v) => v != null);
    summary[kind] = {
      ready: stats(pick('ready')), longestTask: stats(pick('longestTask')), tbt: stats(pick('tbt')),
      bytes: stats(pick('bytes')), elements: stats(pick('elements')), rssGrowthMB: stats(pick('rssGrowth').map((b) => b / 2 ** 20)),
    };
    if (opts.interact !== false) {
      summary[kind].keyPress = stats(rs.flatMap((r) => r.keys));
      summary[kind].facetClick = stats(rs.flatMap((r) => r.facet));
      summary[kind].cycleGrowthMB = stats(pick('cycleGrowth').map((b) => b / 2 ** 20));
      if (kind === 'app' && opts.sort) summary[kind].sort = stats(rs.flatMap((r) => r.sort));
    }
  }
  return summary;
}

const RESULTS_JSON = join(ROOT, 'bench', 'results.json');
const previous = existsSync(RESULTS_JSON) ? JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) : {};
const results = { date: new Date().toISOString(), machine: `${execFileSync('nproc').toString().trim()} cores`, runs: RUNS, bigRuns: BIG_RUNS, directory: {} };
results.directory['212 members, 4x CPU'] = await sideBySide('212 members, 4x', RUNS, { throttle: 4 }, { app: 'app', vanilla: 'vanilla' });
results.directory['212 members'] = await sideBySide('212 members', RUNS, {}, { app: 'app', vanilla: 'vanilla' });
const bigRow = `${BIG} members`;
if (!SKIP.has('big')) {
  results.directory[bigRow] = await sideBySide(bigRow, BIG_RUNS, { sort: true }, { app: 'bigApp', vanilla: 'bigVanilla' });
} else if (previous.directory?.[bigRow]) {
  results.directory[bigRow] = { ...previous.directory[bigRow], kept: previous.date };
}

// ---------------------------------------------------------------- routes and embeds
/** Bytes (brotli 11 per file) of every file a route fetches until it has settled. */
async function routeBytes(path) {
  const page = await openPage(browser);
  const fetched = new Set();
  page.on('requestfinished', (r) => { if (r.url().startsWith(urls.app)) fetched.add(new URL(r.url()).pathname); });
  await page.goto(`${urls.app}${path}`);
  await page.waitForSelector('.shell [data-testid=page-heading]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=data-loading], [data-testid=dir-loading]'));
  await page.waitForTimeout(300);
  const files = [...fetched].map((p) => [p, br11(dirs.app, p.endsWith('/') ? `${p}index.html` : p) ?? br11(dirs.app, 'index.html')]);
  await page.context().close();
  return { total: files.reduce((s, [, b]) => s + b, 0), files: Object.fromEntries(files) };
}
results.routes = {};
for (const path of ['/', '/members', '/startups', '/sectors', '/incubator', '/apply']) results.routes[path] = await routeBytes(`${path}?lang=fr`);
const entries = measureEntries(DIST);
results.embeds = Object.fromEntries(entries.embeds.map((e) => [e.name, e.total]));
results.sizeEntries = { app: entries.app.total, [entries.directory.name]: entries.directory.total, [entries.apply.name]: entries.apply.total, [entries.members.name]: entries.members.total, 'embed.js': entries.partner.total };

// ---------------------------------------------------------------- charts
/** /sectors at 4x CPU: from navigation to the six charts drawn. */
async function chartRender() {
  const page = await openPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${urls.app}/sectors?lang=fr`, { waitUntil: 'commit' });
  const t = await (await page.waitForFunction(() => document.querySelectorAll('.chart-card[aria-busy=false] svg').length === 6 && performance.now(), null, { polling: 'raf', timeout: 60_000 })).jsonValue();
  await page.context().close();
  return t;
}
const charts = [];
for (let i = 0; i < RUNS; i++) charts.push(await chartRender());
results.charts = { '/sectors, 4x CPU: navigation to six charts drawn': stats(charts) };
await browser.close();

// ---------------------------------------------------------------- form
if (!SKIP.has('form')) {
  log('form');
  const out = spawnSync('node', [join(ROOT, 'bench', 'apply.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ROUNDS: '3' } });
  results.form = out.status === 0 ? JSON.parse(out.stdout) : { error: out.stderr.slice(-2000) };
} else if (previous.form) results.form = { ...previous.form, kept: previous.date };

// ---------------------------------------------------------------- lighthouse
if (!SKIP.has('lighthouse')) {
  results.lighthouse = {};
  for (const path of lighthousePages()) {
    log(`lighthouse ${path}`);
    results.lighthouse[path] = lighthouse(`${urls.app}${path}`);
  }
} else if (previous.lighthouse) results.lighthouse = { ...previous.lighthouse, kept: previous.date };
stopRealServers();
for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------- criterion
if (!SKIP.has('criterion')) {
  log('criterion: the directory engine at 1 000, 100 000 and 1 000 000 members (several minutes)');
  execFileSync('cargo', ['bench', '-q', '-p', 'cluster-data', '--bench', 'engine'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
const critDir = join(ROOT, 'target', 'criterion');
if (existsSync(critDir)) {
  results.engine = {};
  const walk = (dir, name) => {
    const est = join(dir, 'new', 'estimates.json');
    if (existsSync(est)) { results.engine[name] = JSON.parse(readFileSync(est, 'utf8')).median.point_estimate / 1e6; return; }
    for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory() && d.name !== 'report') walk(join(dir, d.name), name ? `${name}/${d.name}` : d.name);
  };
  walk(critDir, '');
}

// ---------------------------------------------------------------- report
writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), replaceSection(readFileSync(join(ROOT, 'bench', 'RESULTS.md'), 'utf8'), markdown(results)));
log('wrote bench/results.json and bench/RESULTS.md');

function replaceSection(text, section) {
  const start = '<!-- suite:start -->', end = '<!-- suite:end -->';
  const block = `${start}\n${section}\n${end}`;
  if (text.includes(start)) return text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  const firstSection = text.indexOf('\n## ');
  return `${text.slice(0, firstSection + 1)}${block}\n${text.slice(firstSection + 1)}`;
}

function markdown(r) {
  const ms = (x) => (x == null ? '—' : x === 0 ? '0 ms' : x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
  const mb = (x) => (x == null ? '—' : `${x.toFixed(1)} MB`);
  const b = (x) => (x == null ? '—' : `${Math.round(x).toLocaleString('en').replace(/,/g, ' ')} B`);
  const ratio = (a, v) => (a != null && v ? `${(a / v).toFixed(2)}×` : '—');
  const out = [`## Suite (\`node bench/suite.mjs\`, ${r.date.slice(0, 10)})`, '',
    `Machine: ${r.machine}; release build served by the reference server (its release build, precompressed files); headless Chromium; ` +
    `${r.runs} interleaved runs per row (${r.bigRuns} at the large document); medians (p90). "Ready" = the search box and a result count on screen, ` +
    'from the start of navigation. Bytes: brotli quality 11 per file fetched. Memory: growth of the renderer processes\' resident memory ' +
    'from an empty page of the same site to the loaded directory; cycles: JS heap + wasm memory after 20 search/clear cycles, after a full collection. ' +
    'At the large document both pages wait for the reference server compressing the data on the fly ' +
    '(data files have no precompressed copy: a site publishes new data after the build), so "ready" there is mostly the server\'s; ' +
    'compare the long tasks, key presses and memory.', ''];
  out.push('| directory | figure | the app | plain-JS reference | ratio |', '|---|---|---|---|---|');
  for (const [row0, s] of Object.entries(r.directory)) {
    const row = s.kept ? `${row0} (run of ${s.kept.slice(0, 10)})` : row0;
    const line = (name, f, fmt, key = 'median') => out.push(`| ${row} | ${name} | ${fmt(s.app[f]?.[key])}${key === 'median' && s.app[f]?.p90 != null && fmt === ms ? ` (${fmt(s.app[f].p90)})` : ''} | ${fmt(s.vanilla[f]?.[key])}${key === 'median' && s.vanilla[f]?.p90 != null && fmt === ms ? ` (${fmt(s.vanilla[f].p90)})` : ''} | ${ratio(s.app[f]?.[key], s.vanilla[f]?.[key])} |`);
    line('ready', 'ready', ms);
    line('longest task', 'longestTask', ms, 'max');
    line('total blocking time until ready', 'tbt', ms);
    line('bytes fetched', 'bytes', b);
    line('memory growth after load', 'rssGrowthMB', mb);
    if (s.app.keyPress) {
      line('key press → painted', 'keyPress', ms);
      line('facet click → painted', 'facetClick', ms);
      line('memory growth over 20 search/clear cycles', 'cycleGrowthMB', mb);
    }
    if (s.app.sort) out.push(`| ${row} | sort → painted | ${ms(s.app.sort.median)} (${ms(s.app.sort.p90)}) | — | |`);
    line('elements', 'elements', (x) => (x == null ? '—' : String(x)));
  }
  out.push('', '| route (first load, fr) | bytes | files |', '|---|---|---|');
  for (const [path, x] of Object.entries(r.routes)) out.push(`| \`${path}\` | ${b(x.total)} | ${Object.keys(x.files).length} |`);
  out.push('', '| embed (page, stylesheet, script) | bytes |', '|---|---|');
  for (const [name, x] of Object.entries(r.embeds)) out.push(`| \`${name}\` | ${b(x)} |`);
  out.push('', '| charts | median | p90 |', '|---|---|---|');
  for (const [name, s] of Object.entries(r.charts)) out.push(`| ${name} | ${ms(s.median)} | ${ms(s.p90)} |`);
  if (r.form && !r.form.error) {
    out.push('', '| form, 4x CPU | median | p90 | max |', '|---|---|---|---|');
    if (r.form.kept) out.push(`| (run of ${r.form.kept.slice(0, 10)}) | | | |`);
    for (const [name, s] of Object.entries(r.form)) if (s && s.median != null) out.push(`| ${name} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.max)} |`);
  }
  if (r.lighthouse) {
    out.push('', '| Lighthouse 12.2.3, mobile | performance | accessibility | SEO | best practices | CLS | LCP | TBT |', '|---|---|---|---|---|---|---|---|');
    const score = (v) => (v == null ? '–' : v.toFixed(2));
    for (const [path, x] of Object.entries(r.lighthouse)) {
      if (path === 'kept') { out.push(`| (run of ${x.slice(0, 10)}) | | | | | | | |`); continue; }
      out.push(x.error ? `| \`${path}\` | failed: ${x.error.split('\n')[0]} | | | | | | |` : `| \`${path}\` | ${score(x.performance)} | ${score(x.accessibility)} | ${score(x.seo)} | ${score(x.bestPractices)} | ${x.cls.toFixed(3)} | ${ms(x.lcp)} | ${ms(x.tbt)} |`);
    }
  }
  if (r.engine) {
    out.push('', '| directory engine (native, criterion median) | 1 000 | 100 000 | 1 000 000 |', '|---|---|---|---|');
    const rows = {};
    for (const [name, v] of Object.entries(r.engine)) {
      const parts = name.split('/');
      const size = parts.pop();
      (rows[parts.join(' / ')] ??= {})[size] = v;
    }
    for (const [name, v] of Object.entries(rows)) out.push(`| ${name} | ${['1000', '100000', '1000000'].map((k) => ms(v[k])).join(' | ')} |`);
  }
  return out.join('\n');
}
