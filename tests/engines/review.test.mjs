// The review workspace and the applicant's correction in Firefox and
// WebKit, against the real server and its SQLite file (the full journey,
// with its three reviewers, runs in Chromium: tests/e2e/review.test.mjs).
// In each engine: an application sent through the public form; a staff
// address opened signed out leads to the sign-in page and, through the
// outbox's link and its button (the session cookie), back to it; the queue's
// search in the address; an application opened by the router; a score
// sheet filled and sent; a correction asked for, made from the e-mailed
// link and received under the same reference; the screen in Arabic, right
// to left; axe-core on the queue, the application (fr, ar) and the
// correction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRealServer, stopRealServers, serverCli, dbOf, outboxLink, ROOT, tempDir } from '../e2e/harness.mjs';
import { ENGINES } from './engines.mjs';

/** A folder to write screenshots to, if any (`SCREENSHOTS=…`). */
const shots = process.env.SCREENSHOTS;
const SAVED = JSON.parse(readFileSync(join(ROOT, 'tests/e2e/fixtures/complete-draft.json'), 'utf8'));

let served, base;
before(async () => {
  const dir = tempDir('cluster-engines-');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  // The public form sends to the server (the bundled configuration has no API).
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
  served = await startRealServer(dir, ['--submissions-per-minute', '0', '--sign-in-attempts', '100']);
  // The public origin (links, Origin check) is localhost, as docs/staff.md says.
  base = served.replace('127.0.0.1', 'localhost');
});
after(() => stopRealServers());

for (const [name, open] of ENGINES) {
  test(`the workspace and a correction in ${name}`, async (t) => {
    const e = await open();
    t.diagnostic(`${name}: ${await e.version()}`);
    try {
      const startup = `${name} Solar`;
      const email = `${name.toLowerCase()}@cluster-enr.example`;
      serverCli(dbOf(served), ['staff', 'add', '--email', email, '--name', `${name} Reviewer`, '--role', 'reviewer']);

      // The founder sends an application through the public form, restored from a saved draft.
      await e.goto(`${base}/apply?lang=fr`);
      const saved = { ...SAVED, saved_at: Date.now(), key: `engines-${name}`, draft: { ...SAVED.draft, name: startup, team: [{ ...SAVED.draft.team[0], email: `founder-${email}` }] } };
      await e.eval((s) => localStorage.setItem('cluster-enr.apply.draft', s), JSON.stringify(saved));
      await e.goto(`${base}/apply?step=declaration&lang=fr`);
      await e.waitForSelector('[data-testid=restored]');
      await e.click('[data-testid=submit]');
      const reference = (await e.waitFor(() => document.querySelector('[data-testid=reference]')?.textContent, [], 'the reference')).trim();
      assert.match(reference, /^[A-Z0-9-]{8,}$/);

      // A workspace address opened signed out: the sign-in page, then back there.
      const since = Date.now() - 1000;
      await e.goto(`${base}/staff?lang=fr&q=${name}`);
      await e.waitFor(() => location.pathname === '/staff/sign-in', [], 'the sign-in page');
      assert.equal(await e.eval(() => new URLSearchParams(location.search).get('next')), `/staff?lang=fr&q=${name}`);
      await e.fill('#email', email);
      await e.click('button[type=submit]');
      await e.waitFor(() => /Si un compte existe/.test(document.body.textContent), [], 'the link sent');
      await e.goto(await outboxLink(served, email, since));
      await e.click('button[type=submit]');
      // The session cookie (__Host-, Secure, SameSite=Strict on http://localhost) is kept.
      await e.waitFor((q) => location.pathname + location.search === `/staff?lang=fr&q=${q}`, [name], 'the address opened');
      await e.waitFor(() => document.querySelectorAll('[data-testid=queue] tbody tr').length === 1, [], 'one row');
      assert.equal(await e.eval(() => document.getElementById('w-q').value), name);
      if (shots) await e.screenshot(join(shots, `${name.toLowerCase()}-queue-fr.png`));
      assert.deepEqual(await e.axe(), [], 'axe on the queue (fr)');
      await e.waitForText('[data-testid=staff-who]', new RegExp(`${name} Reviewer`));

      // The search is in the address; none matching says so.
      await e.fill('#w-q', 'zzz');
      await e.click('.staff-search button[type=submit]');
      await e.waitForSelector('[data-testid=queue-empty]');
      assert.match(await e.url(), /q=zzz/);
      await e.goto(`${base}/staff?lang=fr`);
      await e.waitFor(() => document.querySelectorAll('[data-testid=queue] tbody tr').length >= 1, [], 'the queue');

      // The row's link is taken by the router: no page load.
      await e.eval(() => { window.__sameDocument = true; });
      await e.click(`[data-testid=queue] a[href="/staff/applications/${reference}"]`);
      await e.waitForSelector('[data-testid=application-meta]');
      assert.equal(await e.eval(() => window.__sameDocument), true);
      await e.waitForText('[data-testid=sent]', new RegExp(startup));

      // A score sheet: every criterion's mark and comment, then sent.
      await e.waitForSelector('[data-testid=score-sheet]');
      const criteria = await e.eval(() => [...document.querySelectorAll('[data-testid^=criterion-]')].map((f) => f.dataset.testid));
      assert.equal(criteria.length, 7);
      for (const [i, c] of criteria.entries()) {
        await e.click(`[data-testid=${c}] input[type=radio][value="${1 + (i % 5)}"]`);
        await e.fill(`[data-testid=${c}] textarea`, `Critère ${i + 1}, noté dans ${name}.`);
      }
      await e.click('[data-testid=score-submit]');
      await e.waitForSelector('[data-testid=score-saved]');
      // (1 + 2 + 3 + 4 + 5 + 1 + 2) / 7 = 2.57…, the board once the sheet is in.
      assert.match(await e.waitFor(() => document.querySelector('[data-testid=scores-average]')?.textContent, [], 'the average'), /2,57 sur 5/);
      if (shots) await e.screenshot(join(shots, `${name.toLowerCase()}-application-fr.png`));
      assert.deepEqual(await e.axe(), [], 'axe on the application (fr)');

      // A correction asked for, made from the e-mailed link, under the same reference.
      await e.click('[data-testid=changes-ask] summary');
      await e.click('#w-fix-project-problem');
      await e.fill('#w-changes-message', 'Chiffrez le problème, s’il vous plaît.');
      const asked = Date.now() - 1000;
      await e.click('[data-testid=changes-send]');
      await e.waitForSelector('[data-testid=changes-pending]');
      const link = await outboxLink(served, `founder-${email}`, asked, /http:\/\/\S+\/apply\/correct\S+/);
      assert.match(link, new RegExp(`/apply/correct\\?ref=${reference}&lang=fr#\\S{40,}$`));
      await e.goto(link);
      await e.waitForSelector('[data-testid=correct-form]');
      await e.waitForText('[data-testid=correct-message]', /Chiffrez le problème/);
      assert.deepEqual(await e.axe(), [], 'axe on the correction (fr)');
      const problem = `Quatre cents exploitations pompent au diesel, vu dans ${name} : 9 000 litres par an chacune.`;
      await e.fill('#f-project-problem', problem);
      await e.click('[data-testid=correct-send]');
      await e.waitForSelector('[data-testid=correct-done]');
      assert.equal(await e.eval(() => location.hash), '', 'the secret leaves the address');

      // Back in the workspace, in Arabic: the corrected answer, right to left.
      await e.goto(`${base}/staff/applications/${reference}?lang=ar`);
      await e.waitForSelector('[data-testid=timeline]');
      assert.deepEqual(await e.eval(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
      await e.waitForText('[data-testid=sent]', /Quatre cents exploitations/);
      assert.ok(await e.eval(() => document.documentElement.scrollWidth <= innerWidth), 'nothing wider than the window');
      if (shots) await e.screenshot(join(shots, `${name.toLowerCase()}-application-ar.png`));
      assert.deepEqual(await e.axe(), [], 'axe on the application (ar)');
      assert.deepEqual(e.errors, []);
    } finally {
      await e.close();
    }
  });
}
