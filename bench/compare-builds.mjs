// Benchmark (not a test): two or more release builds of the app side by
// side, on loads of `/members` interleaved so that the machine's noise falls
// on all of them alike. Each build is served by the reference server.
//
// Usage: node bench/compare-builds.mjs DIST_A DIST_B …   (each a `trunk build --release --dist DIR`)
// Environment: N loads per build (12), RATE CPU throttling (4), TRACE=1 to
// trace each load (then the ready times are inflated by the tracing; compare
// the task figures), SLOW=1 for a slow mobile line.
//
// The reference server's release build serves them when it is built
// (`cargo build --release -p cluster-server`), else its debug build.
//
// Reports per build the median and p90 of "ready" (the search box and a result
// count on screen, from the start of navigation), and with TRACE=1 the start
// task (the one that instantiates the wasm), the longest task after it, and
// the time the main thread spent compiling wasm functions on their first call.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, startRealServer, stopRealServers, ROOT } from '../tests/e2e/harness.mjs';

const dists = process.argv.slice(2);
if (dists.length < 1) throw new Error('usage: node bench/compare-builds.mjs DIST_A DIST_B …');
const N = Number(process.env.N ?? 12);
const RATE = Number(process.env.RATE ?? 4);
const TRACE = process.env.TRACE === '1';
const READY = () => !!document.querySelector('[data-testid=dir-search]') && /\d/.test(document.querySelector('[data-testid=dir-count]')?.textContent ?? '') && performance.now();

// The server's release build when there is one, as the suite and production run it.
const release = join(ROOT, 'target', 'release', 'cluster-enr-server');
if (!process.env.CLUSTER_SERVER_BIN && existsSync(release)) process.env.CLUSTER_SERVER_BIN = release;
console.error(`server: ${process.env.CLUSTER_SERVER_BIN || 'the debug build (cargo build --release -p cluster-server for the release one)'}`);

const browser = await launchBrowser();
const urls = [];
for (const d of dists) urls.push(await startRealServer(d));
const runs = dists.map(() => ({ ready: [], start: [], longest: [], lazy: [] }));

/** Main-thread figures of one traced load: start task, longest task after it, lazy wasm compilation. */
function tasks(events) {
  const inst = events.find((e) => e.name === 'wasm.SyncInstantiate' || e.name === 'wasm.AsyncInstantiate');
  if (!inst) return null;
  const main = events.filter((e) => e.pid === inst.pid && e.tid === inst.tid && e.ph === 'X' && e.dur);
  const top = main.filter((e) => e.name === 'RunTask');
  const start = top.find((t) => t.ts <= inst.ts && t.ts + t.dur >= inst.ts);
  const after = top.filter((t) => t.ts >= (start ?? inst).ts);
  return {
    start: start ? start.dur / 1000 : null,
    longest: Math.max(0, ...after.map((t) => t.dur / 1000)),
    lazy: main.filter((e) => e.name === 'wasm.CompileLazy').reduce((s, e) => s + e.dur / 1000, 0),
  };
}

for (let i = 0; i < N; i++) {
  for (const [k, url] of urls.entries()) {
    const page = await openPage(browser, { width: 1280, height: 800 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (process.env.SLOW === '1') {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    }
    await page.goto(`${url}/blank.html`).catch(() => {});
    if (RATE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const events = [];
    let done = null;
    if (TRACE) {
      cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
      done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.wasm,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    await page.goto(`${url}/members?lang=fr`, { waitUntil: 'commit' });
    runs[k].ready.push(await (await page.waitForFunction(READY, null, { polling: 'raf', timeout: 120_000 })).jsonValue());
    if (TRACE) {
      await page.waitForTimeout(300);
      await cdp.send('Tracing.end');
      await done;
      const t = tasks(events);
      if (t) for (const key of ['start', 'longest', 'lazy']) if (t[key] != null) runs[k][key].push(t[key]);
    }
    await page.context().close();
  }
}
await browser.close();
stopRealServers();

const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
const ms = (xs, p = 0.5) => (xs.length ? `${q(xs, p).toFixed(0)} ms` : '—');
console.log(`/members, ${N} interleaved loads per build, ${RATE}x CPU${process.env.SLOW === '1' ? ', slow mobile line' : ''}${TRACE ? ', traced' : ''}`);
console.log('| build | ready median | ready p90 | start task | longest task after it | wasm compiled on first call (main thread) |');
console.log('|---|---|---|---|---|---|');
for (const [k, d] of dists.entries()) {
  const r = runs[k];
  console.log(`| ${d} | ${ms(r.ready)} | ${ms(r.ready, 0.9)} | ${ms(r.start)} | ${ms(r.longest)} | ${ms(r.lazy)} |`);
}
process.exit(0);
