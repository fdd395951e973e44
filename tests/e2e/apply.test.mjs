// The incubator application against the real reference server (REST mode,
// its CSP on, a temporary database), with the browser's and the server's
// clocks set to the same day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openCspPage, openPage, startServer, startRealServer, stopRealServers, visit, ROOT, textOf, LOCALES } from './harness.mjs';

const NOW = new Date('2026-06-01T10:00:00Z');
let browser, base;
before(async () => {
  browser = await launchBrowser();
  // The built app with config.json pointing at the server's own API.
  const dir = mkdtempSync(join(tmpdir(), 'cluster-rest-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
  base = await startRealServer(dir, ['--fixed-now', String(NOW.getTime() / 1000), '--submissions-per-minute', '0']);
});
after(async () => { await browser?.close(); stopRealServers(); });

const long = 'Un texte suffisamment long pour passer la règle des cinquante caractères, sans plus.';
const next = (page) => page.click('[data-testid=continue]');
const onStep = (page, step) => page.waitForFunction((s) => new URLSearchParams(location.search).get('step') === s, step);

for (const lang of ['fr', 'ar']) test(`a full application (${lang}) ends with a reference that /apply/status finds; a reload on the way loses nothing`, async () => {
  const page = await openCspPage(browser);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/apply?lang=${lang}`);
  await page.waitForSelector('#f-eligibility-based_in_morocco-yes');
  // An empty step: the summary takes focus and the title says there is an error.
  await next(page);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.ok((await page.title()).startsWith(LOCALES[lang].f_error_prefix.trim()), await page.title());
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  for (const q of ['based_in_morocco', 'under_five_years', 'innovative']) await page.check(`#f-eligibility-${q}-yes`);
  await next(page);
  await onStep(page, 'startup');
  await page.fill('#f-startup-name', 'SunBox');
  await page.fill('#f-startup-creation_date', '2025-05-01');
  await page.selectOption('#f-startup-region', 'souss-massa');
  await page.selectOption('#f-startup-city', 'agadir');
  await page.selectOption('#f-startup-sector', 'solar');
  await next(page);
  await onStep(page, 'team');
  await page.fill('#f-team-0-full_name', 'Salma Idrissi');
  await page.fill('#f-team-0-role', 'CEO');
  await page.fill('#f-team-0-email', 'salma@sunbox.example');
  await page.fill('#f-team-0-phone', '06 12 34 56 78');
  assert.match(await page.textContent('#f-team-0-phone-live'), /\+212612345678/);
  // A reload restores every field, and says so.
  await page.waitForSelector('[data-testid=draft-saved]:not(:empty)');
  await page.reload();
  await page.waitForSelector('[data-testid=restored]');
  assert.equal(await page.inputValue('#f-team-0-email'), 'salma@sunbox.example');
  await next(page);
  await onStep(page, 'project');
  await page.fill('#f-project-pitch', 'Pompage solaire connecté');
  for (const f of ['problem', 'solution', 'innovation', 'environmental_impact']) await page.fill(`#f-project-${f}`, long);
  await page.selectOption('#f-project-stage', 'prototype');
  await page.fill('#f-project-jobs_created', '3');
  await page.fill('#f-project-jobs_planned', '12');
  await next(page);
  await onStep(page, 'funding');
  await page.fill('#f-funding-sought_mad', '400 000');
  await page.fill('#f-funding-self_financing_pct', '20');
  await page.check('#f-funding-patent-no');
  await next(page);
  await onStep(page, 'deck');
  await next(page);
  await onStep(page, 'check');
  assert.match(await page.textContent('[data-testid=answers]'), /SunBox[\s\S]*\+212612345678/);
  await next(page);
  await onStep(page, 'declaration');
  await page.check('#f-declaration-accurate');
  await page.check('#f-declaration-consent');
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
