// The review workspace (docs/staff.md, "The workspace") in Chromium against
// the real server and its SQLite file: three applications sent through the
// public form; two reviewers, a juror and an admin signed in through their
// outbox links; picking up, scoring (by keyboard alone), the blind rule on
// screen, a declared conflict, an admin's assignment, a juror's narrower
// view, the CSV export against the screen, a stage move, and the audit
// trail's names. Then axe on both screens in fr/ar, light/dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openCspPage, startRealServer, stopRealServers, serverCli, dbOf, axe, outboxLink, outboxTexts, downloadText, ROOT, tempDir } from './harness.mjs';

// A day the bundled document's call is open (the form and the server agree on it).
const NOW = new Date('2026-06-01T10:00:00Z');
const SAVED = JSON.parse(readFileSync(join(ROOT, 'tests/e2e/fixtures/complete-draft.json'), 'utf8'));
const PEOPLE = {
  admin: ['nadia@cluster-enr.example', 'Nadia Bennani', 'admin'],
  a: ['amine@cluster-enr.example', 'Amine Alaoui', 'reviewer'],
  b: ['badia@cluster-enr.example', 'Badia Chraibi', 'reviewer'],
  juror: ['jamal@cluster-enr.example', 'Jamal Ouazzani', 'juror'],
};
const STARTUPS = ['SunBox', 'Atlas Wind', 'Hydro Rif'];

let browser, base;
/** Each start-up's reference, as the form's confirmation showed it. */
const refs = {};
before(async () => {
  browser = await launchBrowser();
  const dir = tempDir('cluster-review-');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 20000 }));
  const served = await startRealServer(dir, ['--fixed-now', String(NOW.getTime() / 1000), '--submissions-per-minute', '0', '--sign-in-attempts', '100']);
  // The public origin (links, Origin check) is localhost, as docs/staff.md says.
  base = served.replace('127.0.0.1', 'localhost');
  for (const [email, name, role] of Object.values(PEOPLE)) serverCli(dbOf(served), ['staff', 'add', '--email', email, '--name', name, '--role', role]);
  dbOf.origin = served;
});
after(async () => { await browser?.close(); stopRealServers(); });

/** Each person's cookies once signed in: a person is sent at most three links in 15 minutes (docs/staff.md). */
const sessions = {};

/**
 * A signed-in page for `who` on the queue: the first time through the
 * sign-in page and the outbox's link (with `passkey`, that session then
 * registers a passkey on Chromium's virtual authenticator, signs out, and
 * the passkey alone signs in), then with the same cookies.
 */
async function signIn(who, { lang = 'fr', width = 1280, colorScheme = 'light', bypassCSP = false, passkey = false } = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 }, colorScheme, bypassCSP, storageState: sessions[who] });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  // A panic's message names its place in the source; the page error that follows does not.
  page.on('console', (m) => { if (m.text().includes('panicked')) console.log(`${who} at ${page.url()}: ${m.text()}`); });
  if (sessions[who]) {
    await page.goto(`${base}/staff?lang=${lang}`);
  } else {
    const since = Date.now();
    await page.goto(`${base}/staff/sign-in?lang=${lang}`);
    await page.fill('#email', PEOPLE[who][0]);
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=status], p');
    await page.goto(await outboxLink(dbOf.origin, PEOPLE[who][0], since - 1000));
    // The link leads to the queue.
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/staff?lang=${lang}`);
    if (passkey) {
      await page.goto(`${base}/staff/signed-in?lang=${lang}`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      await page.click('[data-passkey=add]');
      await page.waitForSelector('main li');
      await page.click('form[action^="/staff/sign-out"] button');
      await page.waitForURL(/\/staff\/sign-out|\/staff\/sign-in/);
      await page.goto(`${base}/staff/sign-in?lang=${lang}`);
      await page.click('[data-passkey=sign-in]');
      await page.waitForURL(`${base}/staff?lang=${lang}`);
    }
    sessions[who] = await context.storageState();
  }
  await page.waitForSelector('[data-testid=queue], [data-testid=queue-empty]');
  return page;
}

/** The queue's rows: reference, start-up, … as on screen. */
const rows = (page) => page.$$eval('[data-testid=queue] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));

/** Opens an application from the queue by its start-up's name. */
async function open(page, startup) {
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.click(`[data-testid=queue] tbody tr:has-text("${startup}") a`);
  await page.waitForSelector('[data-testid=application-meta]');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the router took the click (no page load)');
  await page.waitForSelector('[data-testid=score-sheet], [data-testid=scores] [role=alert]');
}

/** Scores every criterion by keyboard alone: Space and arrows on the scale, typing the comment, Enter to submit. */
async function scoreByKeyboard(page, scores) {
  const k = page.keyboard;
  await page.focus('[data-testid=score-sheet] input[type=radio]');
  for (const [i, s] of scores.entries()) {
    await k.press('Space');
    for (let n = 1; n < s; n++) await k.press('ArrowRight');
    await k.press('Tab');
    await k.type(`Critère ${i + 1} : ${s} sur 5.`);
    await k.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'score-submit');
  await k.press('Enter');
  await page.waitForSelector('[data-testid=score-saved]');
}

test('three applications through the public form, then the team reviews them', async () => {
  // The founder's side: the form, restored from a saved draft, sent three times.
  const founder = await browser.newContext({ locale: 'fr-FR' });
  for (const name of STARTUPS) {
    const page = await founder.newPage();
    await page.clock.setFixedTime(NOW);
    await page.goto(`${base}/apply?lang=fr`);
    await page.evaluate((saved) => localStorage.setItem('cluster-enr.apply.draft', saved), JSON.stringify({ ...SAVED, key: `review-${name.replace(/\W/g, '-')}`, draft: { ...SAVED.draft, name } }));
    await page.goto(`${base}/apply?step=declaration&lang=fr`);
    await page.waitForSelector('[data-testid=restored]');
    await page.click('[data-testid=submit]');
    refs[name] = (await page.textContent('[data-testid=reference]', { timeout: 20000 })).trim();
    await page.close();
  }
  await founder.close();
  assert.equal(new Set(Object.values(refs)).size, 3);

  // Reviewer A: the whole queue, then "to pick up".
  const a = await signIn('a');
  assert.match(await a.textContent('[data-testid=staff-who]'), /Amine Alaoui · évaluation/);
  assert.match(await a.textContent('[data-testid=queue-count]'), /^3 candidatures$/);
  // The call filter: all three came in under the open call, none under another.
  await a.selectOption('#w-call', 'gbi-rolling');
  await a.waitForURL(/call=gbi-rolling/);
  await a.waitForFunction(() => !document.querySelector('article.page[aria-busy=true]') && document.querySelectorAll('[data-testid=queue] tbody tr').length === 3);
  await a.goto(`${base}/staff?call=gbi-2019&lang=fr`);
  await a.waitForSelector('[data-testid=queue-empty]');
  await a.click('.staff-tabs >> text=À prendre');
  await a.waitForURL(/tab=to_pick_up/);
  await a.waitForFunction(() => document.querySelectorAll('[data-testid=queue] tbody tr').length === 3);
  // A picks up two.
  for (const name of ['SunBox', 'Atlas Wind']) {
    await open(a, name);
    assert.match(await a.textContent('[data-testid=sent]'), new RegExp(name));
    assert.match(await a.textContent('[data-testid=application-call]'), /· 1er janvier 2024$/);
    assert.match(await a.textContent('[data-testid=sent]'), /salma@sunbox\.example/);
    await a.click('[data-testid=assign-me]');
    await a.waitForSelector('[data-testid=unassign-me]');
    assert.match(await a.textContent('[data-testid=assignment]'), /Amine Alaoui/);
    await a.goBack();
    await a.waitForSelector('[data-testid=queue]');
  }
  await a.click('.staff-tabs >> text=Les miennes');
  await a.waitForFunction(() => document.querySelectorAll('[data-testid=queue] tbody tr').length === 2);

  // A scores SunBox by keyboard: blind before, the board after.
  await open(a, 'SunBox');
  assert.match(await a.textContent('[data-testid=scores-blind]'), /0 fiche/);
  await scoreByKeyboard(a, [5, 5, 5, 5, 5, 5, 5]);
  await a.waitForSelector('[data-testid=scores-board]');
  assert.match(await a.textContent('[data-testid=scores-average]'), /5,00 sur 5/);
  await a.goBack();
  await a.waitForSelector('[data-testid=queue]');

  // A declares a conflict on Atlas Wind: it leaves A's queue.
  await open(a, 'Atlas Wind');
  await a.click('[data-testid=conflict] summary');
  await a.fill('#w-conflict', 'Mon frère est associé de cette start-up.');
  await a.click('[data-testid=conflict-submit]');
  await a.waitForSelector('[data-testid=conflict-done]');
  await a.goto(`${base}/staff?lang=fr`);
  await a.waitForSelector('[data-testid=queue]');
  assert.deepEqual((await rows(a)).map((r) => r[1]).sort(), ['Hydro Rif', 'SunBox']);
  await a.goto(`${base}/staff/applications/${refs['Atlas Wind']}?lang=fr`);
  await a.waitForSelector('[data-testid=staff-error]');
  assert.match(await a.textContent('[data-testid=staff-error]'), /n'existe pas, ou vous n'y avez pas accès/);

  // Reviewer B: blind on SunBox until B's own sheet is in, then both sheets.
  const b = await signIn('b');
  await open(b, 'SunBox');
  assert.match(await b.textContent('[data-testid=scores-blind]'), /1 fiche déposée/);
  assert.equal(await b.$('[data-testid=scores-board]'), null);
  assert.doesNotMatch(await b.textContent('[data-testid=scores]'), /Amine Alaoui/);
  const sheet = [2, 4, 4, 4, 4, 4, 4];
  for (const [i, s] of sheet.entries()) {
    const fieldset = b.locator('[data-testid=score-sheet] fieldset').nth(i);
    await fieldset.locator(`input[value="${s}"]`).check();
    await fieldset.locator('textarea').fill(`Avis ${i + 1}`);
  }
  await b.click('[data-testid=score-submit]');
  await b.waitForSelector('[data-testid=scores-board]');
  // (5 + 26/7) / 2 = 4.357…
  assert.match(await b.textContent('[data-testid=scores-average]'), /4,36 sur 5/);
  const board = await b.textContent('[data-testid=scores-board]');
  assert.match(board, /Amine Alaoui/);
  assert.match(board, /Badia Chraibi/);
  // The founder criterion: 5 against 2, flagged.
  assert.equal(await b.locator('[data-testid=spread-flag]').count(), 1);
  assert.match(await b.textContent('[data-testid=spread-flag]'), /écart de 3/);

  // B moves SunBox to preselection, with a reason, seen on the timeline.
  await b.selectOption('#w-direction', 'forward');
  await b.fill('#w-reason', 'Dossier solide, deux avis concordants.');
  await b.click('[data-testid=move-form] button[type=submit]');
  await b.waitForFunction(() => /Présélectionnée/.test(document.querySelector('[data-testid=application-stage]').textContent));
  assert.match(await b.textContent('[data-testid=timeline]'), /Reçue → Présélectionnée.*par Badia Chraibi/s);

  // B asks Hydro Rif's founder to correct one answer; the founder does it
  // from the e-mailed link, on the status page, under the same reference.
  await b.goto(`${base}/staff?lang=fr`);
  await b.waitForSelector('[data-testid=queue]');
  await open(b, 'Hydro Rif');
  await b.click('[data-testid=changes-ask] summary');
  await b.check('#w-fix-project-problem');
  await b.fill('#w-changes-message', "Chiffrez le problème : combien d'exploitations, quelle dépense en diesel ?");
  const asked = Date.now();
  await b.click('[data-testid=changes-send]');
  await b.waitForSelector('[data-testid=changes-pending]');
  assert.match(await b.textContent('[data-testid=application-stage]'), /Corrections demandées/);
  const link = await outboxLink(dbOf.origin, 'salma@sunbox.example', asked - 1000, /http:\/\/\S+\/apply\/correct\S+/);
  assert.match(link, new RegExp(`/apply/correct\\?ref=${refs['Hydro Rif']}&lang=fr#\\S{40,}$`));
  const founderPage = await (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage();
  const shots = process.env.SCREENSHOTS;
  founderPage.on('pageerror', (e) => { throw e; });
  await founderPage.clock.setFixedTime(NOW);
  // The status page says where the link is, and shows no answer.
  await founderPage.goto(`${base}/apply/status?ref=${refs['Hydro Rif']}&lang=fr`);
  await founderPage.waitForSelector('[data-testid=status-found]');
  assert.match(await founderPage.textContent('[data-testid=status-ending]'), /corriger certaines réponses/);
  assert.doesNotMatch(await founderPage.textContent('main'), /Hydro Rif|exploitations/);
  await founderPage.goto(link);
  await founderPage.waitForSelector('[data-testid=correct-form]');
  assert.match(await founderPage.textContent('[data-testid=correct-message]'), /Chiffrez le problème/);
  // Only the answer asked for, as the form's own field.
  assert.equal(await founderPage.locator('[data-testid=correct-form] textarea, [data-testid=correct-form] input, [data-testid=correct-form] select').count(), 1);
  assert.deepEqual(await axe(founderPage), [], 'the correction');
  if (shots) await founderPage.screenshot({ path: join(shots, 'correction-fr.png'), fullPage: true });
  // The form's own check: too short is refused on the page, named and focused.
  await founderPage.fill('#f-project-problem', 'Trop court.');
  await founderPage.click('[data-testid=correct-send]');
  await founderPage.waitForSelector('#f-project-problem[aria-invalid=true]');
  // The focus moves on the next frame (focus_later): wait for it rather than read it at once.
  await founderPage.waitForFunction(() => document.activeElement?.id === 'f-project-problem');
  const problem = 'Quatre cents exploitations du Rif pompent au diesel : 9 000 litres par an chacune, un coût qui étouffe leurs marges.';
  await founderPage.fill('#f-project-problem', problem);
  await founderPage.click('[data-testid=correct-send]');
  await founderPage.waitForSelector('[data-testid=correct-done]');
  assert.equal(new URL(founderPage.url()).hash, '', 'the secret leaves the address');
  // The same link opens nothing now (from another page: the address differs only by its fragment).
  await founderPage.goto('about:blank');
  await founderPage.goto(link);
  await founderPage.waitForSelector('[data-testid=correct-invalid]');
  // The status page: the same reference, back at its stage.
  await founderPage.goto(`${base}/apply/status?ref=${refs['Hydro Rif']}&lang=fr`);
  await founderPage.waitForSelector('[data-testid=status-found]');
  assert.match(await founderPage.textContent('[data-testid=status-found]'), new RegExp(refs['Hydro Rif']));
  assert.match(await founderPage.textContent('[data-testid=stages] [aria-current=step]'), /Réception/);
  await b.reload();
  await b.waitForSelector('[data-testid=timeline]');
  assert.match(await b.textContent('[data-testid=application-stage]'), /Reçue/);
  assert.match(await b.textContent('[data-testid=sent]'), /Quatre cents exploitations du Rif/);
  assert.match(await b.textContent('[data-testid=timeline]'), /Reçue → Corrections demandées.*par Badia Chraibi.*Corrections demandées → Reçue/s);

  // B takes SunBox to the jury's decision and shares the reason; the
  // founder reads both on the status page in Arabic, and in the e-mail.
  await b.goto(`${base}/staff/applications/${refs.SunBox}?lang=fr`);
  for (const [stage, outcome] of [['Bootcamp', null], ['Jury', null], ['Décidée · retenue', 'selected']]) {
    await b.waitForSelector('#w-direction');
    await b.selectOption('#w-direction', 'forward');
    if (outcome) {
      await b.selectOption('#w-outcome', outcome);
      await b.check('#w-share');
    }
    await b.fill('#w-reason', outcome ? 'Un marché prouvé et une équipe complète.' : 'Étape suivante.');
    await b.click('[data-testid=move-form] button[type=submit]');
    await b.waitForFunction((s) => document.querySelector('[data-testid=application-stage]')?.textContent.includes(s), stage);
  }
  await founderPage.goto(`${base}/apply/status?ref=${refs.SunBox}&lang=ar`);
  await founderPage.waitForSelector('[data-testid=status-found]');
  assert.equal(await founderPage.getAttribute('html', 'dir'), 'rtl');
  assert.match(await founderPage.textContent('[data-testid=status-ending]'), /تم انتقاء الشركة الناشئة/);
  assert.match(await founderPage.textContent('[data-testid=status-reason]'), /تعليل الفريق.*Un marché prouvé et une équipe complète\./s);
  assert.deepEqual(await axe(founderPage), [], 'the decision on the status page (ar)');
  if (shots) await founderPage.screenshot({ path: join(shots, 'status-decided-ar.png'), fullPage: true });
  const [decision] = await outboxTexts(dbOf.origin, 'salma@sunbox.example', asked, /SunBox is selected|SunBox est sélectionnée/);
  assert.match(decision, /Le motif de l'équipe : Un marché prouvé/);
  await founderPage.context().close();

  // The admin assigns Hydro Rif to the juror from its page.
  const admin = await signIn('admin');
  await open(admin, 'Hydro Rif');
  await admin.selectOption('#w-assign', { label: 'Jamal Ouazzani · jury' });
  await admin.click('[data-testid=assignment] button[type=submit]');
  await admin.waitForFunction(() => /Jamal Ouazzani/.test(document.querySelector('[data-testid=assignment] ul')?.textContent ?? ''));

  // The juror sees only that one, without the founders' contact data.
  // The juror signs in with a passkey.
  const juror = await signIn('juror', { passkey: true });
  assert.deepEqual((await rows(juror)).map((r) => r[1]), ['Hydro Rif']);
  assert.equal(await juror.$('[data-testid=queue-export]'), null);
  await open(juror, 'Hydro Rif');
  const seen = await juror.textContent('[data-testid=sent]');
  assert.match(seen, /ne sont pas montrées au jury/);
  assert.doesNotMatch(seen, /salma@sunbox\.example/);
  assert.equal(await juror.$('[data-testid=assign-me]'), null);

  // The CSV export of A's queue view matches the screen.
  await a.goto(`${base}/staff?lang=fr`);
  await a.waitForSelector('[data-testid=queue]');
  const shown = (await rows(a)).map((r) => r[0]).sort();
  const [download] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid=queue-export]')]);
  const csv = (await downloadText(download)).trim().split(/\r?\n/);
  assert.match(csv[0], /^reference,/);
  assert.deepEqual(csv.slice(1).map((l) => l.split(',')[0]).sort(), shown);

  // And the scores of that view: a row per reviewer and criterion where A's own sheet is in (SunBox).
  const [scoresFile] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid=scores-export]')]);
  const scores = (await downloadText(scoresFile)).trim().split(/\r?\n/);
  assert.match(scores[0], /^\uFEFF?reference,startup,reviewer,submitted_at,criterion,label,weight,score,comment$/);
  assert.equal(scores.length, 1 + 2 * 7);
  assert.ok(scores.slice(1).every((l) => l.startsWith(`${refs.SunBox},SunBox,`)));
  assert.equal(scores.filter((l) => l.includes(',Badia Chraibi,') && l.includes(',founder,Parcours du porteur,1,2,')).length, 1);

  // Every step is in the audit trail, with its author's name.
  const trail = await admin.evaluate(async () => (await (await fetch('/api/v1/staff/audit')).json()));
  const entries = trail.items ?? trail;
  const by = (action, ref) => entries.filter((e) => e.action === action && (!ref || e.reference === ref)).map((e) => e.account_name);
  assert.deepEqual(by('assigned', refs.SunBox), ['Amine Alaoui']);
  assert.deepEqual(by('conflict_declared', refs['Atlas Wind']), ['Amine Alaoui']);
  assert.deepEqual(by('scored', refs.SunBox).sort(), ['Amine Alaoui', 'Badia Chraibi']);
  assert.deepEqual(by('stage_moved', refs.SunBox), Array(4).fill('Badia Chraibi'));
  assert.deepEqual(by('changes_requested', refs['Hydro Rif']), ['Badia Chraibi']);
  assert.deepEqual(by('changes_received', refs['Hydro Rif']), ['']);
  assert.deepEqual(by('assigned', refs['Hydro Rif']), ['Nadia Bennani']);
  assert.deepEqual(by('list_exported'), ['Amine Alaoui']);
  assert.ok(entries.some((e) => e.action === 'sign_in' && e.account_name === 'Jamal Ouazzani' && e.detail === 'passkey'), 'the juror signed in with a passkey');

  // An applicant's rights: the admin exports Atlas Wind's data, then erases it after a confirmation that names it.
  await admin.goto(`${base}/staff/applications/${refs['Atlas Wind']}?lang=fr`);
  await admin.waitForSelector('[data-testid=rights]');
  const [exported] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-testid=applicant-export]')]);
  assert.equal(exported.suggestedFilename(), `${refs['Atlas Wind']}.json`);
  assert.match(await downloadText(exported), /"Atlas Wind"/);
  await admin.click('[data-testid=erase]');
  const confirmation = await admin.textContent('[data-testid=erase-confirm]');
  assert.match(confirmation, new RegExp(`${refs['Atlas Wind']} \\(Atlas Wind\\)`));
  await admin.waitForFunction(() => document.activeElement?.id === 'w-erase-cancel');
  await admin.click('[data-testid=erase-yes]');
  await admin.waitForSelector('[data-testid=erased]');
  const after = await admin.evaluate(async () => (await (await fetch('/api/v1/staff/audit?action=application_erased')).json()).items);
  assert.deepEqual(after.map((e) => [e.reference, e.account_name]), [[refs['Atlas Wind'], 'Nadia Bennani']]);
  await admin.goto(`${base}/staff?lang=fr`);
  await admin.waitForSelector('[data-testid=queue]');

  // The admin's screens: an invitation and a role change, then the trail filtered in its address.
  await admin.click('.staff-header nav >> text=Comptes de l\'équipe');
  await admin.waitForSelector('[data-testid=accounts]');
  await admin.fill('#w-invite-name', 'Karim Tazi');
  await admin.fill('#w-invite-email', 'karim@cluster-enr.example');
  await admin.click('[data-testid=invite] button[type=submit]');
  assert.match(await admin.textContent('[data-testid=accounts-done]'), /karim@cluster-enr\.example/);
  await admin.waitForSelector('[data-testid=accounts] tr:has-text("Karim Tazi")');
  const karim = admin.locator('[data-testid=accounts] tr:has-text("Karim Tazi") select');
  await karim.selectOption('juror');
  await admin.waitForFunction(() => /Enregistré/.test(document.querySelector('[data-testid=accounts-done]')?.textContent ?? ''));
  const people = await admin.evaluate(async () => (await (await fetch('/api/v1/staff/accounts')).json()));
  assert.equal((people.items ?? people).find((p) => p.name === 'Karim Tazi').role, 'juror');
  await admin.click('.staff-header nav >> text=Journal d\'audit');
  await admin.waitForSelector('[data-testid=audit]');
  await admin.selectOption('#w-action', 'scored');
  await admin.waitForURL(/action=scored/);
  await admin.waitForFunction(() => document.querySelectorAll('[data-testid=audit] tbody tr').length === 2);
  assert.match(await admin.textContent('[data-testid=audit-count]'), /^2 entrées$/);
  // The filtered view is a link: opened afresh, it shows the same rows; Back returns to the whole trail.
  await admin.reload();
  await admin.waitForFunction(() => document.querySelectorAll('[data-testid=audit] tbody tr').length === 2);
  assert.equal(await admin.inputValue('#w-action'), 'scored');
  await admin.goBack();
  await admin.waitForFunction(() => document.querySelectorAll('[data-testid=audit] tbody tr').length > 2);
  for (const p of [a, b, admin, juror]) await p.context().close();
});

test('a visitor who is not signed in is sent to the sign-in page, never shown an empty list', async () => {
  const context = await browser.newContext({ locale: 'ar' });
  const page = await context.newPage();
  await page.goto(`${base}/staff?lang=ar`);
  await page.waitForURL(/\/staff\/sign-in\?lang=ar/);
  assert.equal(await page.$('[data-testid=queue]'), null);
  await context.close();
});

for (const lang of ['fr', 'ar']) {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      test(`axe on the queue, an application, the accounts and the trail (${lang}, ${colorScheme}, ${width} px), with screenshots`, async () => {
        const page = await signIn('admin', { lang, width, colorScheme, bypassCSP: true });
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        const shots = process.env.SCREENSHOTS;
        const look = async (name) => {
          assert.deepEqual(await axe(page), [], name);
          // The queue's rows below the window are drawn when scrolled to
          // (content-visibility, style/staff.css): drawn here for the whole page.
          if (shots) await page.screenshot({ path: join(shots, `${name}-${lang}-${colorScheme}-${width}.png`), fullPage: true, style: 'tr { content-visibility: visible !important }' });
        };
        await look('queue');
        // An open application (SunBox is decided), with the request for
        // changes unfolded: the answers to tick, by section.
        await open(page, 'Hydro Rif');
        await page.click('[data-testid=changes-ask] summary');
        await look('application');
        await page.goto(`${base}/staff/accounts?lang=${lang}`);
        await page.waitForSelector('[data-testid=accounts]');
        await look('accounts');
        await page.goto(`${base}/staff/audit?lang=${lang}`);
        await page.waitForSelector('[data-testid=audit]');
        await look('audit');
        await page.context().close();
      });
    }
  }
}
