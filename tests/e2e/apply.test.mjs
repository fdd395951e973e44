// The incubator application against the real reference server (REST mode,
// its CSP on, a temporary database), with the browser's and the server's
// clocks set to the same day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchBrowser, openCspPage, openPage, startServer, startRealServer, stopRealServers, visit, ROOT, textOf, LOCALES, downloadText, axe, staffToken, staffTokenOn, tempDir } from './harness.mjs';

const NOW = new Date('2026-06-01T10:00:00Z');
let browser, base, restDir;
/** A staff token for each server's origin. */
const tokens = new Map();
before(async () => {
  browser = await launchBrowser();
  // The built app with config.json pointing at the server's own API.
  restDir = tempDir('cluster-rest-');
  cpSync(join(ROOT, 'dist'), restDir, { recursive: true });
  writeFileSync(join(restDir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
  base = await startRealServer(restDir, SERVER_ARGS);
  tokens.set(base, staffToken(base));
});
after(async () => { await browser?.close(); stopRealServers(); });

const SERVER_ARGS = ['--fixed-now', String(NOW.getTime() / 1000), '--submissions-per-minute', '0'];
const long = 'Un texte suffisamment long pour passer la règle des cinquante caractères, sans plus.';
const next = (page) => page.click('[data-testid=continue]');
const onStep = (page, step) => page.waitForFunction((s) => new URLSearchParams(location.search).get('step') === s, step);

/** Valid answers, one step at a time (the deck is optional and skipped). */
const FILL = {
  eligibility: async (page) => {
    for (const q of ['based_in_morocco', 'under_five_years', 'innovative']) await page.check(`#f-eligibility-${q}-yes`);
  },
  startup: async (page) => {
    await page.fill('#f-startup-name', 'SunBox');
    await page.fill('#f-startup-creation_date', '2025-05-01');
    await page.selectOption('#f-startup-region', 'souss-massa');
    await page.selectOption('#f-startup-city', 'agadir');
    await page.selectOption('#f-startup-sector', 'solar');
  },
  team: async (page) => {
    await page.fill('#f-team-0-full_name', 'Salma Idrissi');
    await page.fill('#f-team-0-role', 'CEO');
    await page.fill('#f-team-0-email', 'salma@sunbox.example');
    await page.fill('#f-team-0-phone', '06 12 34 56 78');
  },
  project: async (page) => {
    await page.fill('#f-project-pitch', 'Pompage solaire connecté');
    for (const f of ['problem', 'solution', 'innovation', 'environmental_impact']) await page.fill(`#f-project-${f}`, long);
    await page.selectOption('#f-project-stage', 'prototype');
    await page.fill('#f-project-jobs_created', '3');
    await page.fill('#f-project-jobs_planned', '12');
  },
  funding: async (page) => {
    await page.fill('#f-funding-sought_mad', '400 000');
    await page.fill('#f-funding-self_financing_pct', '20');
    await page.check('#f-funding-patent-no');
  },
  deck: async () => {},
  check: async () => {},
  declaration: async (page) => {
    await page.check('#f-declaration-accurate');
    await page.check('#f-declaration-consent');
  },
};
/** Continue to `step`, then wait for it. */
const continueTo = async (page, step) => { await next(page); await onStep(page, step); };

for (const lang of ['fr', 'ar']) test(`a full application (${lang}) ends with a reference that /apply/status finds; a reload on the way loses nothing`, async () => {
  const page = await openCspPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=${lang}`);
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  // Nothing typed yet: the draft line takes no room.
  assert.equal(await page.$eval('.draft-bar', (e) => e.getBoundingClientRect().height), 0);
  // An empty step: the summary takes focus and the title says there is an
  // error; the visible heading does not.
  await next(page);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.ok((await page.title()).startsWith(LOCALES[lang].f_error_prefix.trim()), await page.title());
  assert.equal((await page.textContent('[data-testid=page-heading]')).trim(), LOCALES[lang].f_step_eligibility);
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  await FILL.eligibility(page);
  await continueTo(page, 'startup');
  await FILL.startup(page);
  await continueTo(page, 'team');
  await FILL.team(page);
  // Typed on an Arabic keyboard, the same number.
  if (lang === 'ar') await page.fill('#f-team-0-phone', '٠٦١٢٣٤٥٦٧٨');
  assert.match(await page.textContent('#f-team-0-phone-live'), /\+212612345678/);
  // A reload restores every field, and says so.
  await page.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  await page.reload();
  await page.waitForSelector('[data-testid=restored]');
  assert.equal(await page.inputValue('#f-team-0-email'), 'salma@sunbox.example');
  for (const step of ['project', 'funding', 'deck']) {
    await continueTo(page, step);
    await FILL[step](page);
  }
  await continueTo(page, 'check');
  assert.match(await page.textContent('[data-testid=answers]'), /SunBox[\s\S]*\+212612345678/);
  await continueTo(page, 'declaration');
  await FILL.declaration(page);
  // A double click sends once: the second finds the send under way.
  await page.dblclick('[data-testid=submit]');
  await page.waitForSelector('[data-testid=confirmation]');
  const reference = (await page.textContent('[data-testid=reference]')).trim();
  assert.match(reference, /^GBI-2026-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  // The draft left the browser; the reference is followed on the status page.
  assert.equal(await page.evaluate(() => localStorage.getItem('cluster-enr.apply.draft')), null);
  await page.click('[data-testid=follow]');
  await page.waitForSelector('[data-testid=status-found]');
  assert.match(await textOf(page, '[data-testid=status-found]'), new RegExp(reference));
  assert.equal(await page.getAttribute('[data-testid=stages] [aria-current=step]', 'aria-current'), 'step');
  // Case and spaces are forgiven.
  await page.fill('#f-reference', ` ${reference.toLowerCase().replaceAll('-', ' ')} `);
  await page.click('[data-testid=look-up]');
  await page.waitForSelector('[data-testid=status-found]');
  await page.fill('#f-reference', 'GBI-2026-ZZZZ-ZZZZ');
  await page.click('[data-testid=look-up]');
  await page.waitForSelector('[data-testid=status-unknown]');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.context().close();
});

test('the first validation, rehearsed once at idle time to be quick, is never seen: no frame with an error, the title unchanged', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.__seen = { rehearsed: false, framesWithErrors: 0, frames: 0, titles: new Set() };
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.id === 'error-summary') window.__seen.rehearsed = true;
    }).observe(document, { childList: true, subtree: true });
    // What each frame would paint: checked at its start, after every task before it.
    const frame = () => {
      window.__seen.frames += 1;
      const messages = [...document.querySelectorAll('p.error')].some((p) => p.textContent.trim());
      if (messages || document.querySelector('#error-summary, [aria-invalid=true]')) window.__seen.framesWithErrors += 1;
      window.__seen.titles.add(document.title);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`${base}/apply?lang=fr`);
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  await page.waitForFunction(() => window.__seen.rehearsed && window.__seen.frames > 30);
  const seen = await page.evaluate(() => ({ ...window.__seen, titles: [...window.__seen.titles] }));
  assert.equal(seen.framesWithErrors, 0);
  assert.ok(seen.titles.every((t) => !t.startsWith(LOCALES.fr.f_error_prefix.trim())), seen.titles.join(' | '));
  assert.equal(await page.getAttribute('#f-eligibility-based_in_morocco-yes', 'aria-invalid'), null);
  // The real one is shown, with focus, as always.
  await next(page);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.ok((await page.title()).startsWith(LOCALES.fr.f_error_prefix.trim()));
  await page.context().close();
});

test('without an API the form ends honestly: nothing is sent, the answers can be downloaded, lookups are not offered', async () => {
  const server = await startServer();
  const page = await openPage(browser);
  await page.clock.setFixedTime(NOW);
  await visit(page, server.url, '/apply?step=deck&lang=fr');
  // A deep link to a later step goes to the first incomplete one.
  await onStep(page, 'eligibility');
  await visit(page, server.url, '/apply/status?lang=fr');
  await page.waitForSelector('[data-testid=status-unavailable]');
  await page.context().close();
  await server.close();
});

/** Fills every step from eligibility to the declaration with valid answers (the deck skipped). */
async function fillAll(page) {
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  await FILL.eligibility(page);
  for (const step of ['startup', 'team', 'project', 'funding', 'deck', 'check', 'declaration']) {
    await continueTo(page, step);
    await FILL[step](page);
  }
}

/** The applications the server holds (staff API). */
async function rows(origin) {
  const r = await fetch(`${origin}/api/v1/staff/applications`, { headers: { authorization: `Bearer ${tokens.get(origin)}` } });
  assert.equal(r.status, 200);
  return (await r.json()).items;
}

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/** The reference server on a fixed port and database, so that it can be killed and started again as it was. */
function spawnServer(port, db) {
  const child = spawn(join(ROOT, 'target', 'debug', 'cluster-enr-server'),
    ['--addr', `127.0.0.1:${port}`, '--static', restDir, '--dataset', join(ROOT, 'public/data/cluster.json'), '--db', db, ...SERVER_ARGS],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => { if (/serving/.test(String(d))) ok(child); });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

test('after a quick acknowledgement nothing personal stays in the browser; reload and Back show the confirmation in the page\'s language; a new application starts empty under a new key', async () => {
  const page = await openCspPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=fr`);
  await fillAll(page);
  await page.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  const key = await page.evaluate(() => JSON.parse(localStorage.getItem('cluster-enr.apply.draft')).key);
  // The server on this machine answers in milliseconds, well within the
  // 300 ms pause that the click's own save waits for.
  await page.click('[data-testid=submit]');
  await page.waitForSelector('[data-testid=confirmation]');
  const reference = (await page.textContent('[data-testid=reference]')).trim();
  // Past every save delay, and the page being hidden.
  await page.waitForTimeout(1000);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await page.waitForTimeout(400);
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  for (const answer of ['SunBox', 'Salma', 'sunbox.example', '612345678', 'Pompage']) assert.ok(!kept.includes(answer), `${answer} in ${kept}`);
  assert.equal(await page.textContent('[data-testid=draft-saved]'), '');
  const confirmed = async (lang) => {
    await page.waitForSelector('[data-testid=confirmation]');
    assert.equal((await page.textContent('[data-testid=reference]')).trim(), reference);
    assert.equal((await page.textContent('[data-testid=page-heading]')).trim(), LOCALES[lang].f_done_title);
    assert.equal(await page.$('[data-testid=restored]'), null);
    assert.equal(await page.$('[data-testid=submit]'), null);
  };
  await page.reload();
  await confirmed('fr');
  await page.click('[data-testid=follow]');
  await page.waitForSelector('[data-testid=status-found]');
  await page.goBack();
  await confirmed('fr');
  await page.goForward();
  await page.waitForSelector('[data-testid=status-found]');
  await page.goto(`${base}/apply?lang=ar`);
  await confirmed('ar');
  // A new application: an empty form, a new key, the reference forgotten.
  await page.click('[data-testid=start-new]');
  await onStep(page, 'eligibility');
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  assert.equal(await page.$$eval('input:checked', (l) => l.length), 0);
  await page.check('#f-eligibility-based_in_morocco-yes');
  await page.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('cluster-enr.apply.draft')));
  assert.notEqual(saved.key, key);
  assert.equal(saved.draft.name, '');
  await page.reload();
  await page.waitForSelector('[data-testid=restored]');
  assert.equal(await page.$('[data-testid=confirmation]'), null);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.context().close();
});

test('the server restarted while the answer was on its way: the send is retried under the same key, one row, one reference', async () => {
  const port = await freePort();
  const db = join(tempDir('cluster-db-'), 'applications.db');
  const upstream = `http://127.0.0.1:${port}`;
  tokens.set(upstream, staffTokenOn(db));
  let server = await spawnServer(port, db);
  // A proxy in front of the server: the first submission reaches the server,
  // which stores it, but the answer is lost and the server restarts; while it
  // is down the proxy answers 502.
  let posts = 0;
  const proxy = createServer((req, res) => {
    const body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => {
      const isSubmit = req.method === 'POST' && req.url === '/api/v1/applications';
      if (isSubmit) posts++;
      const up = httpRequest(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        if (isSubmit && posts === 1) {
          r.resume();
          req.socket.destroy();
          server.kill('SIGKILL');
          setTimeout(async () => { server = await spawnServer(port, db); }, 3000);
          return;
        }
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', () => { res.writeHead(502, { 'content-type': 'text/plain' }); res.end('down'); });
      up.end(Buffer.concat(body));
    });
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${proxy.address().port}`;
  const page = await openCspPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${origin}/apply?lang=fr`);
  await fillAll(page);
  await page.click('[data-testid=submit]');
  // Unresolved: the page says it is trying again and the answers are frozen.
  await page.waitForSelector('[data-testid=retrying], [data-testid=sending]');
  assert.equal(await page.isDisabled('#f-declaration-consent'), true);
  await page.waitForSelector('[data-testid=confirmation]', { timeout: 60_000 });
  const reference = (await page.textContent('[data-testid=reference]')).trim();
  assert.ok(posts >= 2, `sent ${posts} times`);
  const held = await rows(upstream);
  assert.equal(held.length, 1);
  assert.equal(held[0].reference, reference);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.context().close();
  proxy.close();
  server.kill('SIGTERM');
});

test('offline at submit: the form says so, keeps the answers frozen, and sends once the connection returns', async () => {
  const before = (await rows(base)).length;
  const page = await openPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=fr`);
  await fillAll(page);
  await page.context().setOffline(true);
  await page.click('[data-testid=submit]');
  await page.waitForSelector('[data-testid=offline]');
  assert.equal(await page.isDisabled('[data-testid=submit]'), true);
  // It looks disabled: not the accent colour of a button that can be used.
  const look = await page.$eval('[data-testid=submit]', (b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderStyle]);
  assert.deepEqual([look[0] === 'rgb(10, 99, 73)', look[1]], [false, 'dashed']);
  await page.context().setOffline(false);
  await page.waitForSelector('[data-testid=confirmation]', { timeout: 30_000 });
  assert.equal((await rows(base)).length, before + 1);
  await page.context().close();
});

test("a refusal from the server is shown on its field and in the summary, not retried, and the answers can be corrected", async () => {
  const page = await openPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=ar`);
  await fillAll(page);
  // The server's rules are stricter than what the page checked (here: the
  // body loses the start-up's name on the way); its real 422 answer is mapped.
  let sent = 0;
  await page.route('**/api/v1/applications', (route) => {
    sent++;
    const body = JSON.parse(route.request().postData());
    body.startup.name = '';
    return route.continue({ postData: JSON.stringify(body) });
  });
  await page.click('[data-testid=submit]');
  await onStep(page, 'startup');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.match(await page.textContent('[data-testid=error-summary]'), new RegExp(LOCALES.ar.f_name));
  assert.equal(await page.getAttribute('#f-startup-name', 'aria-invalid'), 'true');
  assert.equal(await page.isEditable('#f-startup-name'), true);
  await page.waitForTimeout(2500);
  assert.equal(sent, 1, 'a 422 is not retried');
  await page.unroute('**/api/v1/applications');
  await page.goto(`${base}/apply?step=declaration&lang=ar`);
  await page.click('[data-testid=submit]');
  await page.waitForSelector('[data-testid=confirmation]');
  await page.context().close();
});

test('the pitch deck: a file that is not a PDF or is over 10 MB is refused before sending; a PDF is uploaded and named on the check page; a slow upload shows progress and can be cancelled', async () => {
  const page = await openPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=fr`);
  await fillAll(page);
  const uploads = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/uploads')) uploads.push(r.url()); });
  await page.goto(`${base}/apply?step=deck&lang=fr`);
  await page.setInputFiles('#f-pitch_deck', { name: 'deck.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  assert.equal((await page.textContent('[data-testid=deck-error]')).trim(), LOCALES.fr.f_deck_not_pdf);
  await page.setInputFiles('#f-pitch_deck', { name: 'deck.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 32) });
  assert.equal((await page.textContent('[data-testid=deck-error]')).trim(), LOCALES.fr.f_deck_too_big);
  assert.deepEqual(uploads, []);
  await page.setInputFiles('#f-pitch_deck', { name: 'sunbox.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.waitForSelector('[data-testid=deck-sent]');
  assert.equal(uploads.length, 1);
  await page.goto(`${base}/apply?step=check&lang=fr`);
  assert.match(await page.textContent('[data-testid=answers]'), /sunbox\.pdf/);
  // On a slow connection the upload shows its progress and can be cancelled.
  await page.goto(`${base}/apply?step=deck&lang=fr`);
  await page.click('[data-testid=deck-sent] button');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 200 * 1024 });
  await page.setInputFiles('#f-pitch_deck', { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024, 32)]) });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=deck-progress]')?.value) > 0);
  await page.click('[data-testid=deck-cancel]');
  await page.waitForSelector('[data-testid=deck-sending]', { state: 'detached' });
  assert.equal(await page.isEnabled('#f-pitch_deck'), true);
  assert.equal(await page.$('[data-testid=deck-sent]'), null);
  await page.context().close();
});

test('bundled mode: the form goes to the end, then offers the answers as a file; the deck step says uploads are off here', async () => {
  const server = await startServer();
  const page = await openPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${server.url}/apply?lang=fr`);
  await fillAll(page);
  await page.goto(`${server.url}/apply?step=deck&lang=fr`);
  await page.waitForSelector('[data-testid=deck-disabled]');
  await page.goto(`${server.url}/apply?step=declaration&lang=fr`);
  await page.click('[data-testid=submit]');
  await page.waitForSelector('[data-testid=bundled]');
  assert.equal(await page.$('[data-testid=confirmation]'), null);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-answers]')]);
  const answers = JSON.parse(await downloadText(download));
  assert.equal(answers.startup.name, 'SunBox');
  assert.equal(answers.team[0].phone, '+212612345678');
  await page.context().close();
  await server.close();
});

/** A complete draft as the form saves it (core's `form::Saved`, version 1). */
const SAVED = readFileSync(join(ROOT, 'tests/e2e/fixtures/complete-draft.json'), 'utf8');
const STEPS = ['eligibility', 'startup', 'team', 'project', 'funding', 'deck', 'check', 'declaration'];

for (const [lang, colorScheme] of [['fr', 'light'], ['ar', 'dark'], ['fr', 'dark'], ['ar', 'light']]) {
  test(`axe: every step, the error summary and the confirmation (${lang}, ${colorScheme})`, async () => {
    // axe is injected as a script, so this context lets it past the server's CSP.
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 }, colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    await page.goto(`${base}/apply?lang=${lang}`);
    await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
    await next(page);
    await page.waitForSelector('[data-testid=error-summary]');
    assert.deepEqual(await axe(page), [], 'error summary');
    await page.evaluate((saved) => localStorage.setItem('cluster-enr.apply.draft', saved), SAVED);
    for (const step of STEPS) {
      await page.goto(`${base}/apply?step=${step}&lang=${lang}`);
      await onStep(page, step);
      await page.waitForSelector('[data-testid=restored]');
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.deepEqual(await axe(page), [], step);
    }
    await page.click('[data-testid=submit]');
    await page.waitForSelector('[data-testid=confirmation]');
    assert.deepEqual(await axe(page), [], 'confirmation');
    await context.close();
  });
}

test('the whole application by keyboard alone (Tab, Space, arrows, typing, Enter), with the error summary and a Change link on the way', async () => {
  const page = await openCspPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=fr`);
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  const k = page.keyboard;
  // Tab (forwards only) until `selector` has the focus.
  const tabTo = async (selector) => {
    for (let i = 0; i < 120; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
      await k.press('Tab');
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  const typeIn = async (selector, text) => { await tabTo(selector); await k.type(text); };
  const go = async (step) => {
    await tabTo('[data-testid=continue]');
    await k.press('Enter');
    await onStep(page, step).catch(async (e) => {
      throw new Error(`${e.message}; on ${page.url()}, focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}, summary: ${await page.evaluate(() => document.querySelector('[data-testid=error-summary]')?.textContent)}`);
    });
  };
  for (const q of ['based_in_morocco', 'under_five_years', 'innovative']) { await tabTo(`#f-eligibility-${q}-yes`); await k.press('Space'); }
  await go('startup');
  // Continue with nothing typed: the summary takes focus; its first link leads to the field.
  await tabTo('[data-testid=continue]');
  await k.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  await k.press('Tab');
  await k.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-startup-name');
  await k.type('SunBox');
  await tabTo('#f-startup-creation_date');
  await k.type('01052025');
  await typeIn('#f-startup-region', 'Souss');
  await page.waitForFunction(() => [...document.querySelectorAll('#f-startup-city option')].some((o) => o.value === 'agadir'));
  await typeIn('#f-startup-city', 'Agadir');
  await typeIn('#f-startup-sector', 'Solutions sol');
  await go('team');
  await typeIn('#f-team-0-full_name', 'Salma Idrissi');
  await typeIn('#f-team-0-role', 'CEO');
  await typeIn('#f-team-0-email', 'salma@sunbox.example');
  await typeIn('#f-team-0-phone', '06 12 34 56 78');
  // Enter in a one-line field continues, as a submit button would.
  await k.press('Enter');
  await onStep(page, 'project');
  await typeIn('#f-project-pitch', 'Pompage solaire connecté');
  for (const f of ['problem', 'solution', 'innovation', 'environmental_impact']) await typeIn(`#f-project-${f}`, long);
  // A paste longer than the field is cut at its limit (2 000), and the field's count says so.
  await page.evaluate((t) => navigator.clipboard.writeText(t), 'x'.repeat(5000));
  await k.press('Control+A');
  await k.press('Control+V');
  await page.waitForFunction(() => document.activeElement.value.length === 2000);
  assert.equal(await page.textContent('#f-project-environmental_impact-live'), `0 caractère restant ${LOCALES.fr.f_paste_cut}`);
  await k.press('Control+A');
  await k.type(long);
  assert.ok(!(await page.textContent('#f-project-environmental_impact-live')).includes(LOCALES.fr.f_paste_cut));
  await typeIn('#f-project-stage', 'Proto');
  await typeIn('#f-project-jobs_created', '3');
  await typeIn('#f-project-jobs_planned', '12');
  await go('funding');
  await typeIn('#f-funding-sought_mad', '400 000');
  await typeIn('#f-funding-self_financing_pct', '20');
  await tabTo('#f-funding-patent-yes');
  await k.press('ArrowDown'); // the radio group's arrow moves to and checks "no"
  assert.equal(await page.isChecked('#f-funding-patent-no'), true);
  await go('deck');
  await go('check');
  // A Change link returns to its field, and Continue comes back to the check page.
  await tabTo('a[href="/apply?step=team&from=check"]');
  await k.press('Enter');
  await onStep(page, 'team');
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('f-team-0-'));
  await tabTo('[data-testid=continue]');
  await k.press('Enter');
  await onStep(page, 'check');
  const answers = await page.textContent('[data-testid=answers]');
  for (const v of ['SunBox', 'Agadir', '+212612345678', 'Prototype', '400 000']) assert.ok(answers.includes(v), v);
  await go('declaration');
  await tabTo('#f-declaration-accurate');
  await k.press('Space');
  await tabTo('#f-declaration-consent');
  await k.press('Space');
  await tabTo('[data-testid=submit]');
  await k.press('Enter');
  await page.waitForSelector('[data-testid=confirmation]');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two tabs on one draft: the later save wins and the other tab says so, showing what was saved', async () => {
  const server = await startServer();
  const context = await browser.newContext({ locale: 'fr-FR' });
  await context.addInitScript(() => {
    window.__writes = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { if (k === 'cluster-enr.apply.draft') window.__writes++; return set.call(this, k, v); };
  });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(`${server.url}/apply?step=eligibility&lang=fr`);
  await a.waitForSelector('#f-eligibility-based_in_morocco-yes');
  await a.check('#f-eligibility-based_in_morocco-yes');
  await a.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  await b.goto(`${server.url}/apply?step=eligibility&lang=fr`);
  await b.waitForSelector('[data-testid=restored]');
  assert.equal(await b.isChecked('#f-eligibility-based_in_morocco-yes'), true);
  await b.check('#f-eligibility-based_in_morocco-no');
  await b.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  // The first tab hears of it, says so, and shows the answer now saved.
  await a.waitForSelector('[data-testid=other-tab]');
  assert.equal(await a.isChecked('#f-eligibility-based_in_morocco-no'), true);
  assert.equal(JSON.parse(await a.evaluate(() => localStorage.getItem('cluster-enr.apply.draft'))).draft.based_in_morocco, false);
  // Taking the other tab's draft is not a change to save back: no endless exchange.
  const writes = () => Promise.all([a, b].map((p) => p.evaluate(() => window.__writes)));
  const before = await writes();
  await a.waitForTimeout(1500);
  assert.deepEqual(await writes(), before);
  await context.close();
  await server.close();
});
