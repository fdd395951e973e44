// Benchmark (not a test): loading a generated 100 000-member document in the
// release app in Chromium, on this machine. Reports, over several runs, the
// median time from navigation to the figures being shown and the longest
// main-thread task seen by the Long Tasks API (tasks of 50 ms or more).
//
// Usage: node bench/load-100k.mjs [members] [runs]   (after `trunk build --release`)
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { startServer, launchBrowser, openPage, ROOT, bundledRoutes } from '../tests/e2e/harness.mjs';

const members = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const file = `/tmp/cluster-${members}.json`;
if (!existsSync(file)) {
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'cluster-data', '--', 'generate', '--members', String(members), '--out', file], { cwd: ROOT, stdio: 'inherit' });
}
const server = await startServer(bundledRoutes((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); createReadStream(file).pipe(res); }));
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let i = 0; i < runs; i++) {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/?lang=fr`);
  await page.waitForSelector('[data-testid=figure], [data-testid=data-error]', { timeout: 120_000 });
  const ready = Date.now() - t0;
  if (await page.locator('[data-testid=data-error]').count()) throw new Error(await page.textContent('[data-testid=data-error]'));
  await page.waitForTimeout(300);
  const long = await page.evaluate(() => window.__long);
  results.push({ ready, longest: Math.max(0, ...long), longTasks: long.length, over50: long.filter((d) => d > 50).length });
  await page.context().close();
}
await browser.close();
await server.close();
const mb = (statSync(file).size / 1e6).toFixed(1);
console.log(JSON.stringify(results));
console.log(`${members} members (${mb} MB), ${runs} runs: median ready ${median(results.map((r) => r.ready))} ms, ` +
  `median longest task ${median(results.map((r) => r.longest)).toFixed(0)} ms, max longest task ${Math.max(...results.map((r) => r.longest)).toFixed(0)} ms, ` +
  `median long tasks (≥50 ms) ${median(results.map((r) => r.longTasks))}`);
