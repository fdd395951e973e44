// Benchmark (not a test): first paint of the pre-rendered pages
// (docs/prerender.md) against the plain-JS directory (bench/vanilla), side
// by side and interleaved in one run, on a slow mobile line (150 ms round
// trip, 1.6 Mbit/s down, 750 kbit/s up: Lighthouse's mobile profile) with
// the CPU 4x slower, cache off. Both are served by the reference server
// from precompressed files. For /members and a profile: first contentful
// paint and largest contentful paint (the browser's own entries), and
// "ready": the app's own result count or heading on screen, once it has
// taken over (the plain page's count). `/members?page=1` is the same page
// without its pre-rendered copy, the way every page loaded before.
// Usage: node bench/prerender.mjs [runs]   (after `trunk build --release` and `cargo build --release -p cluster-server`)
import { cpSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, startRealServer, stopRealServers, ROOT, DIST, APP, tempDir } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
process.env.CLUSTER_SERVER_BIN ??= join(ROOT, 'target', 'release', 'cluster-enr-server');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const vanilla = tempDir('cluster-vanilla-');
cpSync(join(ROOT, 'bench', 'vanilla'), vanilla, { recursive: true });
mkdirSync(join(vanilla, 'data'), { recursive: true });
copyFileSync(join(DIST, 'data', 'cluster.json'), join(vanilla, 'data', 'cluster.json'));
const servers = { app: await startRealServer(DIST), vanilla: await startRealServer(vanilla) };
const member = JSON.parse(readFileSync(join(DIST, 'data', 'cluster.json'), 'utf8')).members[0].id;
const browser = await launchBrowser();

const cases = [
  { name: '/members', app: '/members', appReady: `${APP} [data-testid=dir-count]`, vanilla: '/', vanillaReady: '#count' },
  // The same page where no pre-rendered page stands in (a view in the
  // query): the loading notice, then the app, as every page was before.
  { name: '/members?page=1 (not pre-rendered)', app: '/members?page=1', appReady: `${APP} [data-testid=dir-count]`, vanilla: '/', vanillaReady: '#count' },
  { name: 'a profile', app: `/members/${member}`, appReady: `${APP} [data-testid=copy-link]` },
];

async function once(url, ready) {
  const page = await openPage(browser, { width: 360, height: 740 });
  await page.addInitScript(() => {
    window.__paint = {};
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__paint[e.name] = e.startTime; }).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__paint.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(ready, { timeout: 120_000 });
  const readyAt = await page.evaluate(() => performance.now());
  // LCP is final at the first input or when the page is hidden; a short wait lets late candidates in.
  await page.waitForTimeout(300);
  const p = await page.evaluate(() => window.__paint);
  await page.context().close();
  return { fcp: p['first-contentful-paint'], lcp: p.lcp, ready: readyAt };
}

const rows = [];
for (const c of cases) {
  const got = { app: [], vanilla: [] };
  for (let i = 0; i < runs; i++) {
    if (c.vanilla) got.vanilla.push(await once(servers.vanilla + c.vanilla, c.vanillaReady));
    got.app.push(await once(servers.app + c.app, c.appReady));
  }
  for (const metric of ['fcp', 'lcp', 'ready']) {
    const a = median(got.app.map((r) => r[metric]));
    const v = c.vanilla ? median(got.vanilla.map((r) => r[metric])) : null;
    rows.push(`| ${c.name} | ${metric} | ${a.toFixed(0)} ms | ${v == null ? '–' : `${v.toFixed(0)} ms`} | ${v == null ? '–' : (a / v).toFixed(2)} | ${got.app.map((r) => r[metric].toFixed(0)).join(', ')} |`);
  }
}
console.log(`| page (slow 4G, 4x CPU, ${runs} runs, interleaved) | metric | app, median | plain JS, median | ratio | app, all runs |`);
console.log('|---|---|---|---|---|---|');
console.log(rows.join('\n'));
await browser.close();
stopRealServers();
