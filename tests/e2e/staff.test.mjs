// Staff sign-in on the real server, in the browser, without the app's wasm:
// ask for a link, read it from the outbox, open it (the GET changes
// nothing), press the button, be signed in with the session cookie, sign
// out. In French with the mouse and in Arabic with the keyboard only, axe
// on every page, no CSP violation. The server is reached as
// http://localhost:PORT, its public origin (the Origin check's and the
// links').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openCspPage, startRealServer, stopRealServers, serverCli, dbOf, axe, staffToken, outboxLink } from './harness.mjs';

let browser, served, base;
before(async () => {
  browser = await launchBrowser();
  // Every test signs in from this one address: more attempts than production allows.
  served = await startRealServer(undefined, ['--sign-in-attempts', '100']);
  base = served.replace('127.0.0.1', 'localhost');
  for (const who of ['nadia', 'pia', 'fr-light', 'fr-dark', 'ar-light', 'ar-dark']) {
    serverCli(dbOf(served), ['staff', 'add', '--email', `${who}@cluster-enr.example`, '--name', who === 'nadia' ? 'Nadia Bennani' : who, '--role', 'reviewer']);
  }
});
after(async () => { await browser?.close(); stopRealServers(); });

/** The sign-in link last e-mailed to `email` after `since` (ms). */
const linkFor = (email, since) => outboxLink(served, email, since);

/** No CSP violation so far (the pages run no script at all). */
async function clean(page) {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], page.url());
}

test('a reviewer asks for a link, signs in with its button and signs out (French, mouse)', async () => {
  const page = await openCspPage(browser);
  await page.goto(`${base}/staff/sign-in?lang=fr`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await clean(page);
  await page.fill('#email', 'nadia@cluster-enr.example');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Si un compte existe pour cette adresse');
  await clean(page);
  const link = await linkFor('nadia@cluster-enr.example', 0);
  assert.ok(link.startsWith(`${base}/staff/link/`), link);
  // Opening the link twice (a mail scanner, then the person) signs nobody in yet.
  await page.goto(link);
  await page.goto(link);
  await clean(page);
  await page.click('button[type=submit]');
  // Signed in, the link leads to the queue; "My account" says who is signed in.
  await page.waitForURL(`${base}/staff?lang=fr`);
  await page.waitForSelector('[data-testid=queue-empty]');
  await clean(page);
  await page.goto(`${base}/staff/signed-in?lang=fr`);
  assert.match(await page.textContent('main'), /Connecté·e : Nadia Bennani \(évaluation\)\./);
  await clean(page);
  const cookies = await page.context().cookies();
  // On this plain-http origin, without Secure (docs/staff.md, "Sessions"); __Host- and Secure on https.
  const session = cookies.find((c) => c.name === 'cluster-staff');
  assert.ok(session && session.httpOnly && !session.secure && session.sameSite === 'Strict', JSON.stringify(cookies));
  // The same link again is refused, and says what to do.
  const again = await page.context().newPage();
  await again.goto(link);
  await again.click('button[type=submit]');
  await again.waitForSelector('[role=alert]');
  assert.match(await again.textContent('[role=alert]'), /n'est plus valable/);
  await again.close();
  // Signing out ends the session: the signed-in page sends to the sign-in one.
  await page.click('text=Se déconnecter');
  await page.waitForSelector('text=Vous êtes déconnecté·e.');
  await page.goto(`${base}/staff/signed-in?lang=fr`);
  assert.equal(new URL(page.url()).pathname, '/staff/sign-in');
  await page.context().close();
});

test('the same in Arabic, right to left, with the keyboard only', async () => {
  const page = await openCspPage(browser, { locale: 'ar-MA' });
  await page.goto(`${base}/staff/sign-in`);
  assert.deepEqual([await page.getAttribute('html', 'lang'), await page.getAttribute('html', 'dir')], ['ar', 'rtl']);
  await clean(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
  const since = Date.now() - 1000;
  await page.keyboard.type('nadia@cluster-enr.example');
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=إن كان هناك حساب لهذا العنوان');
  const link = await linkFor('nadia@cluster-enr.example', since);
  await page.goto(link);
  await clean(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'تسجيل الدخول');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/staff?lang=ar`);
  await page.goto(`${base}/staff/signed-in?lang=ar`);
  assert.match(await page.textContent('main'), /تم تسجيل الدخول: Nadia Bennani \(التقييم\)\./);
  await clean(page);
  // Past the passkey button to the sign-out one.
  for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement.textContent)) !== 'تسجيل الخروج'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=لقد سجّلت الخروج.');
  await clean(page);
  await page.context().close();
});

test('a workspace address opened signed out is where the link leads back to; a foreign one is dropped', async () => {
  const page = await openCspPage(browser);
  await page.goto(`${base}/staff?lang=fr&q=SunBox`);
  await page.waitForURL(/\/staff\/sign-in\?/);
  const url = new URL(page.url());
  assert.deepEqual([url.searchParams.get('lang'), url.searchParams.get('next')], ['fr', '/staff?lang=fr&q=SunBox']);
  const since = Date.now() - 1000;
  await page.fill('#email', 'nadia@cluster-enr.example');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Si un compte existe pour cette adresse');
  const link = await linkFor('nadia@cluster-enr.example', since);
  assert.equal(new URL(link).searchParams.get('next'), '/staff?lang=fr&q=SunBox', link);
  await page.goto(link);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/staff?lang=fr&q=SunBox`);
  await page.waitForSelector('[data-testid=queue-empty]');
  assert.equal(await page.inputValue('#w-q'), 'SunBox');
  await clean(page);
  // Only a workspace address is kept: not another site's, not a sign-in page.
  for (const next of ['//evil.example/staff', 'https://evil.example/', '/staff/sign-out', '/apply']) {
    await page.goto(`${base}/staff/sign-in?lang=fr&next=${encodeURIComponent(next)}`);
    assert.equal(await page.getAttribute('form', 'action'), '/staff/sign-in?lang=fr', next);
  }
  await page.context().close();
});

test('a sign-in POST from another site is refused', async () => {
  const res = await fetch(`${served}/staff/link/anything`, { method: 'POST', headers: { origin: 'https://evil.example' }, redirect: 'manual' });
  assert.equal(res.status, 403);
  const own = await fetch(`${base}/staff/link/unknown-token`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
  assert.equal(own.status, 400);
});

for (const lang of ['fr', 'ar']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe on every sign-in page (${lang}, ${colorScheme}, 360 px)`, async () => {
      // axe is injected as a script, so this context lets it past the server's CSP.
      const context = await browser.newContext({ locale: lang, viewport: { width: 360, height: 740 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      const email = `${lang}-${colorScheme}@cluster-enr.example`;
      const check = async (what) => assert.deepEqual(await axe(page), [], what);
      await page.goto(`${base}/staff/sign-in?lang=${lang}`);
      await check('sign-in');
      const since = Date.now() - 1000;
      await page.fill('#email', email);
      await page.click('button[type=submit]');
      await page.waitForLoadState();
      await check('link sent');
      await page.goto(await linkFor(email, since));
      await check('link');
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/staff?lang=${lang}`);
      await page.goto(`${base}/staff/signed-in?lang=${lang}`);
      await check('signed in');
      // Nothing wider than the screen.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no horizontal scroll');
      await page.click('button[type=submit]');
      await page.waitForLoadState();
      await check('signed out');
      await context.close();
    });
  }
}

test('a passkey registered after a link sign-in then signs in alone (Chromium virtual authenticator)', async () => {
  const page = await openCspPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  const email = 'pia@cluster-enr.example';
  const since = Date.now() - 1000;
  await page.goto(`${base}/staff/sign-in?lang=en`);
  await page.fill('#email', email);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=If an account exists');
  await page.goto(await linkFor(email, since));
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/staff?lang=en`);
  await page.goto(`${base}/staff/signed-in?lang=en`);
  assert.match(await page.textContent('main'), /No passkey yet/);
  await page.click('[data-passkey=add]');
  await page.waitForSelector('main li');
  // The date is isolated left to right (U+2066 … U+2069), for Arabic text around it.
  assert.match(await page.textContent('main li'), /added on \u2066?20\d\d-\d\d-\d\d\u2069?$/);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential');
  await clean(page);

  // Signed out, the passkey alone signs her in: no e-mail address typed.
  await page.click('text=Sign out');
  await page.waitForSelector('text=You are signed out.');
  await page.goto(`${base}/staff/sign-in?lang=en`);
  await page.click('[data-passkey=sign-in]');
  await page.waitForURL(`${base}/staff?lang=en`);
  await page.goto(`${base}/staff/signed-in?lang=en`);
  assert.match(await page.textContent('main'), /Signed in: pia \(reviewer\)\./);
  await clean(page);

  const token = staffToken(served);
  const trail = await (await fetch(`${served}/api/v1/staff/audit`, { headers: { authorization: `Bearer ${token}` } })).json();
  const pia = trail.items.filter((e) => e.account_name === 'pia').map((e) => `${e.action}:${e.detail}`).reverse();
  assert.deepEqual(pia.filter((a) => !a.startsWith('sign_in_link_sent')), ['sign_in:link', 'passkey_added:Linux x86_64', 'sign_out:' + pia.find((a) => a.startsWith('sign_out:')).slice(9), 'sign_in:passkey']);
  await page.context().close();
});
