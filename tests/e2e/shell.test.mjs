// The app shell in a real browser: routes, titles, languages, not-found,
// console cleanliness, 360 px layout and keyboard-only use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, LOCALES, ROUTES, LANGS, appHeading, APP } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const heading = appHeading;
const htmlAttrs = (page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

test('every route renders its heading and title in fr, ar and en, with no console error', async () => {
  const page = await openPage(browser);
  for (const lang of LANGS) {
    for (const [path, key] of ROUTES) {
      await visit(page, server.url, `${path}?lang=${lang}`);
      const expected = LOCALES[lang][key];
      assert.equal(await heading(page), expected, `${path} in ${lang}`);
      assert.equal(await page.title(), `${expected} · Cluster EnR`, `title of ${path} in ${lang}`);
      assert.deepEqual(await htmlAttrs(page), [lang, lang === 'ar' ? 'rtl' : 'ltr']);
    }
  }
  assert.deepEqual(page.errors, []);
});

test('without ?lang: German browser gets French, Arabic browser gets Arabic', async () => {
  const de = await openPage(browser, { locale: 'de-DE' });
  await visit(de, server.url, '/members');
  assert.deepEqual(await htmlAttrs(de), ['fr', 'ltr']);
  assert.equal(await heading(de), LOCALES.fr.members_title);

  const ar = await openPage(browser, { locale: 'ar-MA' });
  await visit(ar, server.url, '/members');
  assert.deepEqual(await htmlAttrs(ar), ['ar', 'rtl']);
  assert.equal(await heading(ar), LOCALES.ar.members_title);
  assert.deepEqual([...de.errors, ...ar.errors], []);
});

test('the switcher changes language in place, keeps route and parameters, and the choice sticks', async () => {
  const page = await openPage(browser, { locale: 'fr-FR' });
  await visit(page, server.url, '/startups?q=solaire&sector=solar#top');
  const historyBefore = await page.evaluate(() => history.length);
  await page.selectOption('[data-testid=lang-switcher]', 'ar');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  assert.equal(await heading(page), LOCALES.ar.startups_title);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/startups');
  assert.equal(url.searchParams.get('q'), 'solaire');
  assert.equal(url.searchParams.get('sector'), 'solar');
  assert.equal(url.searchParams.get('lang'), 'ar');
  assert.equal(url.hash, '#top');
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'no new history entry');

  await page.reload();
  await page.waitForSelector('.shell [data-testid=page-heading]');
  assert.deepEqual(await htmlAttrs(page), ['ar', 'rtl']);

  // A nav link carries no ?lang: the saved choice applies.
  const menuToggle = page.locator('[data-testid=menu-toggle]');
  if (await menuToggle.isVisible()) await menuToggle.click();
  await page.click(`nav a[href="/sectors"]`);
  await page.waitForURL((u) => u.pathname === '/sectors');
  assert.equal(await heading(page), LOCALES.ar.sectors_title);
  assert.equal(await page.title(), `${LOCALES.ar.sectors_title} · Cluster EnR`);

  // A ?lang in a link wins and becomes the saved choice.
  await visit(page, server.url, '/incubator?lang=en');
  await visit(page, server.url, '/apply');
  assert.equal(await heading(page), LOCALES.en.f_step_eligibility);
  assert.deepEqual(page.errors, []);
});

test('Back and Forward re-apply the language in the URL', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=en');
  await page.click('nav a[href="/incubator"]');
  await page.waitForURL((u) => u.pathname === '/incubator');
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/members');
  assert.equal(await heading(page), LOCALES.en.members_title);
  await page.goForward();
  await page.waitForURL((u) => u.pathname === '/incubator');
  assert.equal(await heading(page), LOCALES.en.incubator_title);
});

test('each part of the site loads its own wasm only; a link to another part loads that part\'s, and Back returns; an unknown page within a part is not found, without reloading', async () => {
  const ENTRY = { portal: /^\/cluster-enr-portal-[0-9a-f]{12,16}_bg\.wasm$/, directory: /^\/cluster-enr-directory-[0-9a-f]{12,16}_bg\.wasm$/, apply: /^\/cluster-enr-apply-[0-9a-f]{12,16}_bg\.wasm$/ };
  const page = await openPage(browser);
  let wasm = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) wasm.push(p); });
  const cases = [
    ['/', 'portal', LOCALES.en.home_heading], ['/sectors', 'portal', LOCALES.en.sectors_title], ['/incubator', 'portal', LOCALES.en.incubator_title],
    ['/no/such/page', 'portal', LOCALES.en.not_found_title],
    ['/members', 'directory', LOCALES.en.members_title], ['/startups', 'directory', LOCALES.en.startups_title],
    ['/members/no/such', 'directory', LOCALES.en.not_found_title],
    ['/apply', 'apply', LOCALES.en.f_step_eligibility], ['/apply/status', 'apply', LOCALES.en.apply_status_title],
    ['/apply/no/such', 'apply', LOCALES.en.not_found_title],
  ];
  for (const [path, entry, title] of cases) {
    wasm = [];
    let loads = 0;
    const onLoad = () => { loads += 1; };
    page.on('load', onLoad);
    await visit(page, server.url, `${path}?lang=en`);
    assert.equal(await heading(page), title, path);
    await page.waitForTimeout(300);
    page.off('load', onLoad);
    assert.equal(loads, 1, `${path}: one page load`);
    assert.equal(wasm.length, 1, `${path}: ${wasm.join(', ')}`);
    assert.match(wasm[0], ENTRY[entry], path);
  }
  // From the incubator (portal) to the form, and back.
  await visit(page, server.url, '/incubator?lang=en');
  wasm = [];
  await page.click('main a[href="/apply"]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=page-heading]')?.textContent === t, LOCALES.en.f_step_eligibility);
  assert.equal(new URL(page.url()).pathname, '/apply');
  assert.equal(wasm.length, 1);
  assert.match(wasm[0], ENTRY.apply);
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('[data-testid=page-heading]')?.textContent === t, LOCALES.en.incubator_title);
  assert.equal(new URL(page.url()).pathname, '/incubator');
  // Within a part, navigation stays in the page: directory to directory.
  await visit(page, server.url, '/members?lang=en');
  await page.evaluate(() => { window.__samePage = true; });
  await page.click('nav a[href="/startups"]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=page-heading]')?.textContent === t, LOCALES.en.startups_title);
  assert.equal(await page.evaluate(() => window.__samePage), true);
  assert.deepEqual(page.errors, []);
});

test('when the app\'s code cannot be downloaded, the loading notice says so in the three languages', async () => {
  const page = await openPage(browser);
  await page.route(/\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`${server.url}/members`);
  const text = await (await page.waitForSelector('[data-testid=boot-failed]')).textContent();
  assert.match(text, /Le chargement a échoué/);
  assert.match(text, /تعذّر التحميل/);
  assert.match(text, /Loading failed/);
  await page.context().close();
});

test('while the code loads, the page already has the language, heading and title the app will show', async () => {
  // [path, browser locale, saved choice, expected language]: ?lang, then the saved choice, then the browser, then French.
  const cases = [];
  for (const [path] of ROUTES) cases.push([`${path}?lang=ar`, 'fr-FR', null, 'ar']);
  cases.push(['/startups', 'ar-MA', 'en', 'en'], ['/members', 'ar-MA', 'xx', 'ar'], ['/sectors', 'de-DE', null, 'fr'],
    ['/apply?step=eligibility&lang=en', 'fr-FR', null, 'en']);
  for (const [path, locale, saved, lang] of cases) {
    const page = await openPage(browser, { locale });
    if (saved) await page.addInitScript((v) => localStorage.setItem('cluster-enr.lang', v), saved);
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
    // The pre-rendered page when it is this visitor's (docs/prerender.md), else the loading notice.
    const boot = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir,
      (document.querySelector('html.pre .shell[data-prerendered] [data-testid=page-heading]') ?? document.querySelector('#boot h1'))?.textContent,
      document.title, document.querySelector('#boot .boot-text').textContent,
      document.getElementById('boot').hidden, document.documentElement.classList.contains('pre')]);
    release();
    await page.waitForSelector(`${APP} [data-testid=page-heading]`);
    await page.waitForFunction(() => !document.querySelector('.shell[data-prerendered]'));
    const app = await page.evaluate((sel) => [document.documentElement.lang, document.documentElement.dir,
      document.querySelector(`${sel} [data-testid=page-heading]`).textContent, document.title], APP);
    assert.deepEqual(boot.slice(0, 4), app, `${path} (${locale}, saved ${saved})`);
    assert.equal(app[0], lang, path);
    if (boot[6]) {
      // The pre-rendered page is shown: the notice stays hidden.
      assert.equal(boot[5], true, path);
    } else {
      assert.equal(boot[4], LOCALES[lang].page_loading);
      // Shown only once filled in: a frame painted before would show it move.
      assert.equal(boot[5], false, path);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  // A page whose heading comes with its data keeps the plain notice.
  const page = await openPage(browser);
  await page.route(/\.wasm$/, () => {});
  await page.goto(`${server.url}/members/some-member`, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.$('#boot h1'), null);
  assert.equal(await page.title(), 'Cluster EnR');
  await page.context().close();
});

test('an unknown path shows the not-found page in the chosen language', async () => {
  const page = await openPage(browser);
  for (const lang of LANGS) {
    await visit(page, server.url, `/no/such/page?lang=${lang}`);
    assert.equal(await heading(page), LOCALES[lang].not_found_title);
    assert.equal(await page.textContent('[data-testid=not-found]'), LOCALES[lang].not_found_body);
    assert.equal(await page.title(), `${LOCALES[lang].not_found_title} · Cluster EnR`);
  }
  await page.click('.not-found a[href="/"]');
  await page.waitForURL((u) => u.pathname === '/');
  assert.equal(await heading(page), LOCALES.en.home_heading);
  assert.deepEqual(page.errors, []);
});

test('the theme toggle is remembered across reloads', async () => {
  const page = await openPage(browser, { colorScheme: 'light' });
  await visit(page, server.url, '/');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBg = await bg();
  await page.click('[data-testid=theme-toggle]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.notEqual(await bg(), lightBg);
  await page.reload();
  await page.waitForSelector('.shell [data-testid=page-heading]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('[data-testid=theme-toggle]', 'aria-pressed'), 'true');

  // With no saved choice the system's dark preference is followed.
  const sys = await openPage(browser, { colorScheme: 'dark' });
  await visit(sys, server.url, '/');
  assert.equal(await sys.evaluate(() => getComputedStyle(document.body).backgroundColor), await bg());
  assert.equal(await sys.getAttribute('[data-testid=theme-toggle]', 'aria-pressed'), 'true');
});

/** Elements whose box reaches past the viewport's inline edges. */
function overflowing() {
  const w = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > w + 0.5 || r.left < -0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }
  const s = getComputedStyle(document.documentElement), b = getComputedStyle(document.body);
  if ([s.overflowX, b.overflowX].some((o) => o === 'hidden' || o === 'clip')) out.push('overflow-x hidden on html/body');
  if (document.documentElement.scrollWidth > w) out.push(`scrollWidth ${document.documentElement.scrollWidth} > ${w}`);
  return out;
}

test('at 360 px nothing reaches past the viewport, menu closed or open, LTR and RTL', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  for (const lang of ['fr', 'ar', 'en']) {
    for (const [path] of [...ROUTES, ['/nope']]) {
      await visit(page, server.url, `${path}?lang=${lang}`);
      assert.deepEqual(await page.evaluate(overflowing), [], `${path} in ${lang}`);
    }
    await page.click('[data-testid=menu-toggle]');
    assert.equal(await page.getAttribute('[data-testid=menu-toggle]', 'aria-expanded'), 'true');
    assert.deepEqual(await page.evaluate(overflowing), [], `open menu in ${lang}`);
  }
  assert.deepEqual(page.errors, []);
});

/** Describes the focused element and whether its focus indicator is visible. */
function focused() {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute('href'), testid: el.dataset.testid ?? null,
    cls: el.className, visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
  };
}

test('keyboard only: skip link, every nav link, the switcher and the theme toggle', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/?lang=fr');
  await page.keyboard.press('Tab');
  let f = await page.evaluate(focused);
  assert.equal(f.cls, 'skip-link');
  assert.ok(f.visible, 'skip link shows its focus');
  assert.ok(await page.locator('.skip-link').isVisible());
  await page.keyboard.press('Enter');
  assert.equal((await page.evaluate(focused)).id, 'main');
  await page.keyboard.press('Tab');
  f = await page.evaluate(focused);
  // The content starts with the sector chart's first mark.
  assert.equal(f.href, '/members?sector=solar', 'Tab after the skip lands in the content');

  // Walk the header in Tab order: brand, six routes, switcher, toggle.
  await page.evaluate(() => document.activeElement.blur());
  await visit(page, server.url, '/?lang=fr');
  const order = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    f = await page.evaluate(focused);
    assert.ok(f.visible, `visible focus on ${JSON.stringify(f)}`);
    order.push(f.testid ?? f.href ?? f.cls);
  }
  assert.deepEqual(order, ['#main', '/', '/', '/members', '/startups', '/sectors', '/incubator', '/apply', 'lang-switcher', 'theme-toggle']);

  // Every route is reachable by Enter on a link: the nav's, then the status
  // page from the application page.
  for (const [path, key] of ROUTES) {
    const link = path === '/apply/status' ? `main a[href="${path}"]` : `nav a[href="${path}"]`;
    await page.focus(link);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === path);
    assert.equal(await heading(page), LOCALES.fr[key]);
  }

  // The theme toggle works with Space, the language switcher with the keyboard.
  await page.focus('[data-testid=theme-toggle]');
  const pressed = await page.getAttribute('[data-testid=theme-toggle]', 'aria-pressed');
  await page.keyboard.press('Space');
  assert.notEqual(await page.getAttribute('[data-testid=theme-toggle]', 'aria-pressed'), pressed);
  await page.focus('[data-testid=lang-switcher]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  assert.deepEqual(page.errors, []);
});

test('keyboard only at 360 px: the menu opens, is walked, and closes with Escape', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  await visit(page, server.url, '/?lang=ar');
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // brand
  await page.keyboard.press('Tab'); // menu button
  assert.equal((await page.evaluate(focused)).testid, 'menu-toggle');
  assert.equal(await page.locator('nav a[href="/members"]').isVisible(), false);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const f = await page.evaluate(focused);
  assert.equal(f.href, '/members');
  assert.ok(f.visible);
  await page.keyboard.press('Escape');
  assert.equal((await page.evaluate(focused)).testid, 'menu-toggle');
  assert.equal(await page.getAttribute('[data-testid=menu-toggle]', 'aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/members');
  assert.equal(await page.getAttribute('[data-testid=menu-toggle]', 'aria-expanded'), 'false', 'a followed link closes the menu');
  assert.equal(await heading(page), LOCALES.ar.members_title);
});
