// Benchmark (not a test): the application form's first Continue of a page
// (on the empty first step: the error summary drawn) for two or more release
// builds, interleaved so that the machine's noise falls on all of them alike.
// Each load is a first visit (a new browser context: no cached code), at 4x
// CPU throttling; the click is a plain mouse click and the page is read
// through `page.evaluate` only (Playwright's selector calls would put its
// own listeners on every mouse event of the page: bench/apply.mjs).
//
// Usage: node bench/first-continue.mjs DIST_A DIST_B …   (each a `trunk build --release --dist DIR`)
// Environment: N loads per build (12), WAIT ms between the step appearing and
// the click (1000; 0 clicks the moment the step is in the page).
//
// Reports per build the first Continue's time from the click to the next
// painted frame (median, max, every sample) and the second Continue's median.
import { launchBrowser, openPage, recordToPaint, startRealServer, stopRealServers, untilInPage } from '../tests/e2e/harness.mjs';

const dists = process.argv.slice(2);
if (dists.length < 1) throw new Error('usage: node bench/first-continue.mjs DIST_A DIST_B …');
const N = Number(process.env.N ?? 12);
const WAIT = Number(process.env.WAIT ?? 1000);

const browser = await launchBrowser();
const urls = [];
for (const d of dists) urls.push(await startRealServer(d));
const runs = dists.map(() => ({ first: [], second: [] }));

const click = async (page) => {
  const at = await page.evaluate(() => {
    const r = document.querySelector('[data-testid=continue]').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
};

for (let i = 0; i < N; i++) {
  for (const [k, url] of urls.entries()) {
    const page = await openPage(browser);
    await page.addInitScript(recordToPaint, ['click']);
    await page.goto(`${url}/apply?lang=fr`);
    await untilInPage(page, () => !!document.getElementById('f-eligibility-based_in_morocco-yes'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (WAIT) await page.waitForTimeout(WAIT);
    await click(page);
    await untilInPage(page, () => !!document.getElementById('error-summary'));
    await page.waitForTimeout(400);
    await click(page);
    await page.waitForTimeout(400);
    const [first, second] = await page.evaluate(() => window.__lat);
    runs[k].first.push(first);
    runs[k].second.push(second);
    await page.context().close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`first Continue of a page, ${WAIT} ms after the step appears, 4x CPU, ${N} first visits per build:`);
for (const [k, d] of dists.entries()) {
  const { first, second } = runs[k];
  console.log(`${d}: median ${median(first).toFixed(0)} ms, max ${Math.max(...first).toFixed(0)} ms [${first.map((x) => x.toFixed(0)).join(' ')}]; the second Continue: median ${median(second).toFixed(0)} ms`);
}
await browser.close();
stopRealServers();
