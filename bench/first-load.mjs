// Benchmark (not a test): the first load of /members on a slow mobile line,
// served by the reference server as in production (precompressed files),
// with the data download started from <head> (by the page's loader, inline
// in the page: crates/data/src/entries.rs) and without it (the same build with that part of the script
// removed), interleaved.
// "Ready" is the result count on screen, from the start of navigation.
// Line: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's
// mobile profile); CPU 4x slower.
// Usage: node bench/first-load.mjs [runs]   (after `trunk build --release` and `cargo build -p cluster-server`)
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, startRealServer, stopRealServers, ROOT, tempDir } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const variant = (withPreload) => {
  const dir = tempDir('cluster-first-load-');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  if (!withPreload) {
    // The loader is inline in the page (crates/data/src/entries.rs): its
    // download part cut, the page's precompressed copies dropped (the
    // server hashes the inline scripts it serves for its CSP).
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const from = html.indexOf('if (window.fetch && window.Promise) {');
    const to = html.indexOf('var parsed =', from);
    if (from < 0 || to < 0) throw new Error("index.html's loader has no download part");
    writeFileSync(join(dir, 'index.html'), html.slice(0, from) + html.slice(to));
    for (const ext of ['br', 'gz']) rmSync(join(dir, `index.html.${ext}`), { force: true });
  }
  return dir;
};
const servers = { with: await startRealServer(variant(true)), without: await startRealServer(variant(false)) };
const browser = await launchBrowser();
const ready = { with: [], without: [] };
for (let i = 0; i < runs; i++) {
  for (const name of ['without', 'with']) {
    const page = await openPage(browser, { width: 360, height: 740 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${servers[name]}/members?lang=fr`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid=dir-count]', { timeout: 120_000 });
    ready[name].push(await page.evaluate(() => performance.now()));
    await page.context().close();
  }
}
console.log('| /members, slow 4G, 4x CPU | ready, median | runs | all |');
console.log('|---|---|---|---|');
for (const name of ['without', 'with']) {
  console.log(`| data download ${name === 'with' ? 'started from <head>' : 'started by the app'} | ${median(ready[name]).toFixed(0)} ms | ${runs} | ${ready[name].map((x) => x.toFixed(0)).join(', ')} |`);
}
console.log(`| ratio | ${(median(ready.with) / median(ready.without)).toFixed(2)} | | |`);
await browser.close();
stopRealServers();
