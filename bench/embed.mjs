// Benchmark (not a test): an embed's first load. Time from navigation to the
// chart painted (first contentful paint: the chart is in the HTML, so the
// first paint is the chart) at 4x CPU throttling, each run in a fresh
// browser context (nothing cached), as median and p90; and the bytes of its
// first load (brotli quality 11 per file, as the size check counts them).
// Usage: node bench/embed.mjs [runs]   (after `trunk build --release`)
import { join } from 'node:path';
import { startServer, launchBrowser, ROOT } from '../tests/e2e/harness.mjs';
import { measure } from '../scripts/size-budget.mjs';

const runs = Number(process.argv[2] ?? 15);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const server = await startServer();
const browser = await launchBrowser();
const sizes = Object.fromEntries(measure(join(ROOT, 'dist')).embeds.map((e) => [e.name, e.total]));

console.log('| embed | first load (brotli) | navigation → chart painted, 4x CPU, median | p90 | wasm requested |');
console.log('|---|---|---|---|---|');
for (const id of ['sectors', 'regions', 'startups-per-year', 'key-figures']) {
  const times = [];
  let wasm = false;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm = true; });
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${server.url}/embed/${id}/?lang=${['fr', 'ar', 'en'][i % 3]}`, { waitUntil: 'load' });
    const fcp = await page.evaluate(() => new Promise((ok) => new PerformanceObserver((l, o) => {
      const e = l.getEntries().find((x) => x.name === 'first-contentful-paint');
      if (e) { o.disconnect(); ok(e.startTime); }
    }).observe({ type: 'paint', buffered: true })));
    times.push(fcp);
    await context.close();
  }
  console.log(`| ${id} | ${sizes[`embed/${id}`]} B | ${quantile(times, 0.5).toFixed(0)} ms | ${quantile(times, 0.9).toFixed(0)} ms | ${wasm ? 'yes' : 'no'} |`);
}
await browser.close();
await server.close();
