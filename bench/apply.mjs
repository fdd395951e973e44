// Benchmark (not a test): the application form in Chromium at 4x CPU
// throttling. Time from a click on Continue (or Back) to the next painted
// frame, for every step change; from Continue on an empty step to the
// painted error summary (a field's validation); and, while 2 000
// characters are typed into a long answer, the longest main-thread task
// (the draft save must never block typing).
// Usage: node bench/apply.mjs [--json]   (after `trunk build --release`)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, recordToPaint, untilInPage, ROOT } from '../tests/e2e/harness.mjs';

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
const median = (xs) => quantile(xs, 0.5);
const STEPS = ['eligibility', 'startup', 'team', 'project', 'funding', 'deck', 'check', 'declaration'];
const saved = readFileSync(join(ROOT, 'tests/e2e/fixtures/complete-draft.json'), 'utf8');
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const browser = await launchBrowser();
const server = await startServer();
// The page in use: `load` opens each in a new browser context, as a first
// visit (no cached code).
let page;
let cdp;
// The page is read and waited on through `page.evaluate` only, and clicked
// with a plain mouse click at the button's centre: Playwright's selector
// calls (`waitForSelector`, `locator`, `page.click`) load its injected
// script into the page, whose capture listeners on every mouse and pointer
// event (its hit-target checks) ran inside each click measured here, 1–2 ms
// per listener call at 4x: time no visitor's browser spends.
const until = (fn, arg) => untilInPage(page, fn, arg);
const shown = (selector) => until((s) => !!document.querySelector(s), selector);
const press = async (selector) => {
  const at = await page.evaluate((s) => {
    const e = document.querySelector(s);
    e.scrollIntoView({ block: 'nearest' });
    const r = e.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, selector);
  await page.mouse.click(at.x, at.y);
};
const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
const taken = () => page.evaluate(() => window.__lat.splice(0));
// Loads the empty form's first step in a new page, then throttles the CPU.
const load = async () => {
  await page?.context().close();
  page = await openPage(browser);
  await page.addInitScript(recordToPaint, ['click']);
  cdp = await page.context().newCDPSession(page);
  await page.goto(`${server.url}/apply?lang=fr`);
  await shown('#f-eligibility-based_in_morocco-yes');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
};
const summary = async () => {
  await press('[data-testid=continue]');
  await shown('[data-testid=error-summary]');
  await settle();
  return taken();
};

// A field's validation: Continue on the empty first step shows the summary.
// A page's first one, clicked the moment the step is in the page: before a
// person could have seen it, while the page is still starting.
const atOnce = [];
for (let i = 0; i < ROUNDS; i++) {
  await load();
  atOnce.push(...(await summary()));
}
// A page's first one, once a person has had a second to read the step;
// then, on the last page, the next ones.
const firstOfPage = [];
const validation = [];
for (let i = 0; i < ROUNDS; i++) {
  await load();
  await page.waitForTimeout(1000);
  firstOfPage.push(...(await summary()));
}
validation.push(...firstOfPage);
for (let i = 1; i < ROUNDS * 2; i++) validation.push(...(await summary()));
// Step changes: with a complete draft, Continue through every step, then Back to the first.
await page.evaluate((s) => localStorage.setItem('cluster-enr.apply.draft', s), saved);
await page.reload();
await shown('[data-testid=restored]');
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
// A person reads the first step before going on: the page has idle time
// to draw the next steps ahead (a click before that draws its step then).
await page.waitForTimeout(1000);
await page.evaluate(() => { window.__lat = []; });
const steps = [];
const byStep = Object.fromEntries(STEPS.map((s) => [s, []]));
// A step is drawn on its first visit; later visits show it again.
const firstVisits = [];
const all = [];
const to = async (button, step, first) => {
  await press(button);
  await until((s) => new URLSearchParams(location.search).get('step') === s, step);
  await settle();
  const t = await taken();
  steps.push(...t);
  byStep[step].push(...t);
  if (first) firstVisits.push(...t);
  all.push(...t.map((ms) => ({ ms, step, first })));
};
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 1; i < STEPS.length; i++) await to('[data-testid=continue]', STEPS[i], r === 0);
  for (let i = STEPS.length - 2; i >= 0; i--) await to('.form-actions .secondary', STEPS[i], false);
}
// Typing 2 000 characters into a long answer.
await page.goto(`${server.url}/apply?step=project&lang=fr`);
await shown('#f-project-problem');
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.evaluate(() => {
  const answer = document.getElementById('f-project-problem');
  answer.value = '';
  answer.dispatchEvent(new Event('input', { bubbles: true }));
  answer.focus();
});
await page.evaluate(() => { window.__long = []; });
const text = 'Le pompage solaire remplace le diesel dans les fermes isolées. '.repeat(40).slice(0, 2000);
await page.keyboard.type(text, { delay: 5 });
await settle();
await page.waitForTimeout(500);
const typingLong = await page.evaluate(() => window.__long.map(([, duration]) => duration));
const stats = (xs) => ({ median: median(xs), p90: quantile(xs, 0.9), max: Math.max(...xs), runs: xs.length });
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({
    'step change (Continue or Back → painted)': stats(steps),
    'step change, first visit of each step (drawn)': stats(firstVisits),
    'validation (Continue on an empty step → summary painted)': stats(validation),
    'validation, a page\'s first, 1 s after the step appears': stats(firstOfPage),
    'validation, a page\'s first, clicked the moment the step is in the page': stats(atOnce),
    'typing 2 000 characters: longest task over 50 ms': { median: typingLong.length ? Math.max(...typingLong) : 0, p90: null, max: typingLong.length ? Math.max(...typingLong) : 0, runs: 1 },
  }));
} else {
  const f = (x) => `${x.toFixed(1)} ms`;
  console.log('| at 4x CPU throttling | median | p90 | max | samples |');
  console.log('|---|---|---|---|---|');
  console.log(`| step change (Continue or Back → painted) | ${f(median(steps))} | ${f(quantile(steps, 0.9))} | ${f(Math.max(...steps))} | ${steps.length} |`);
  console.log(`| … first visit of each step (drawn) | ${f(median(firstVisits))} | ${f(quantile(firstVisits, 0.9))} | ${f(Math.max(...firstVisits))} | ${firstVisits.length} |`);
  for (const [step, t] of Object.entries(byStep)) console.log(`| … to ${step} | ${f(median(t))} | ${f(quantile(t, 0.9))} | ${f(Math.max(...t))} | ${t.length} |`);
  console.log(`| validation (Continue on an empty step → summary painted) | ${f(median(validation))} | ${f(quantile(validation, 0.9))} | ${f(Math.max(...validation))} | ${validation.length} |`);
  const slowest = [...all].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`slowest step changes: ${slowest.map((x) => `${x.ms.toFixed(0)} ms to ${x.step}${x.first ? ' (first visit)' : ''}`).join(', ')}`);
  console.log(`| … a page's first, 1 s after the step appears | ${f(median(firstOfPage))} | ${f(quantile(firstOfPage, 0.9))} | ${f(Math.max(...firstOfPage))} | ${firstOfPage.length} |`);
  console.log(`| … a page's first, clicked the moment the step is in the page | ${f(median(atOnce))} | ${f(quantile(atOnce, 0.9))} | ${f(Math.max(...atOnce))} | ${atOnce.length} |`);
  console.log(`validation samples in order: a page's first ${firstOfPage.map((x) => x.toFixed(0)).join(', ')}; the next ${validation.slice(firstOfPage.length).map((x) => x.toFixed(0)).join(', ')}; at once ${atOnce.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`| typing 2 000 characters: tasks over 50 ms | ${typingLong.length} | | ${typingLong.length ? f(Math.max(...typingLong)) : '—'} | ${text.length} keys |`);
}
await browser.close();
await server.close();
