// axe-core (injected from the npm package, every rule enabled) on every route,
// in French and Arabic, light and dark, desktop and phone with the menu open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, ROUTES, bundledText, axe } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const colorScheme of ['light', 'dark']) {
  for (const lang of ['fr', 'ar']) {
    test(`axe: every route in ${lang}, ${colorScheme} theme`, async () => {
      const page = await openPage(browser, { colorScheme });
      const doc = JSON.parse(bundledText());
      // Every route, plus the states that add widgets: chips and profiles.
      const extra = ['/no-such-page', '/members?sector=solar&region=casablanca-settat&q=pv', `/members/${doc.members[0].id}`, `/startups/${doc.startups[0].id}`];
      for (const path of [...ROUTES.map((r) => r[0]), ...extra]) {
        await visit(page, server.url, `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        assert.deepEqual(await axe(page), [], `${path}`);
      }
      assert.deepEqual(page.errors, []);
    });
  }
}

test('axe: at 360 px with the menu open, and with the skip link focused', async () => {
  for (const [lang, colorScheme] of [['fr', 'light'], ['ar', 'dark']]) {
    const page = await openPage(browser, { width: 360, height: 740, colorScheme });
    await visit(page, server.url, `/?lang=${lang}`);
    await page.click('[data-testid=menu-toggle]');
    assert.deepEqual(await axe(page), [], `menu open, ${lang} ${colorScheme}`);
    await page.keyboard.press('Escape');
    await page.reload();
    await page.waitForSelector('.shell [data-testid=page-heading]');
    await page.keyboard.press('Tab');
    assert.deepEqual(await axe(page), [], `skip link focused, ${lang} ${colorScheme}`);
  }
});

test('axe is really checking: a broken page is reported', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/');
  await page.evaluate(() => { const i = document.createElement('img'); i.src = '/favicon.png'; document.querySelector('main').append(i); });
  const violations = await axe(page);
  assert.ok(violations.some((v) => v.startsWith('image-alt')), violations.join('\n'));
});
