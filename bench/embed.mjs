// Benchmark (not a test): an embed's first load. Time from navigation to the
// chart painted (first contentful paint: the chart is in the HTML, so the
// first paint is the chart) at 4x CPU throttling, each run in a fresh
// browser context (nothing cached), as median and p90; and the bytes of its
// first load (brotli quality 11 per file, as the size check counts them).
// A one-line HTML page measured the same way, interleaved, gives the floor
// of a fresh context on this machine (renderer start, first frame): the
// embed's own cost is its time over that floor.
// Usage: node bench/embed.mjs [runs]   (after `trunk build --release`)
import { join } from 'node:path';
import { startServer, launchBrowser, answer, ROOT } from '../tests/e2e/harness.mjs';
import { measure } from '../scripts/size-budget.mjs';

const runs = Number(process.argv[2] ?? 15);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const server = await startServer({ '/bare/': answer('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>x</title></head><body><p>Cluster EnR</p></body></html>', 200, 'text/html; charset=utf-8') });
const browser = await launchBrowser();
const sizes = Object.fromEntries(measure(join(ROOT, 'dist')).embeds.map((e) => [e.name, e.total]));

/** First contentful paint of `path` in a fresh context at 4x CPU; notes wasm requests. */
async function paint(path, seen) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) seen.wasm = true; });
  await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  const fcp = await page.evaluate(() => new Promise((ok) => new PerformanceObserver((l, o) => {
    const e = l.getEntries().find((x) => x.name === 'first-contentful-paint');
    if (e) { o.disconnect(); ok(e.startTime); }
  }).observe({ type: 'paint', buffered: true })));
  await context.close();
  return fcp;
}

console.log('| embed | first load (brotli) | navigation → chart painted, 4x CPU, median | p90 | one-line page, same runs, median | embed over it, median | wasm requested |');
console.log('|---|---|---|---|---|---|---|');
for (const id of ['sectors', 'regions', 'startups-per-year', 'key-figures']) {
  const times = [];
  const floor = [];
  const over = [];
  const seen = { wasm: false };
  for (let i = 0; i < runs; i++) {
    const f = await paint('/bare/', seen);
    const t = await paint(`/embed/${id}/?lang=${['fr', 'ar', 'en'][i % 3]}`, seen);
    floor.push(f);
    times.push(t);
    over.push(t - f);
  }
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`| ${id} | ${sizes[`embed/${id}`]} B | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.9))} | ${ms(quantile(floor, 0.5))} | ${ms(quantile(over, 0.5))} | ${seen.wasm ? 'yes' : 'no'} |`);
}
await browser.close();
await server.close();
