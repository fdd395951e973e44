// The directories' edges: the narrow screens' filter panel, a page beyond
// the last, and a REST API that answers slowly, out of order, with a broken
// record or not at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, bundledText, answer, axe, textOf, LOCALES } from './harness.mjs';

let server, browser;
const doc = JSON.parse(bundledText());
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);

for (const lang of ['fr', 'ar']) {
  test(`360 px (${lang}): the first result shows without scrolling; the filters open as a panel that keeps focus and closes with Escape`, async () => {
    const page = await openPage(browser, { width: 360, height: 740 });
    await visit(page, server.url, `/members?sector=solar&lang=${lang}`);
    const first = await page.locator('[data-testid=dir-result]').first().boundingBox();
    assert.ok(first.y + 40 < 740, `the first result starts at ${first.y}px, below the fold`);
    assert.equal(await page.isVisible('#f-sector-solar'), false, 'no checkbox before the results');
    // The applied filter is a chip above the results, and the button counts it.
    assert.equal(await page.locator('[data-testid=dir-chip]').count(), 1);
    const button = page.locator('[data-testid=dir-filters]');
    assert.equal(await button.textContent(), LOCALES[lang].dir_filters_button.replace('{{ count }}', '1'));
    assert.equal(await button.getAttribute('aria-expanded'), 'false');

    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'dir-facets-title');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.getAttribute('#dir-facets', 'role'), 'dialog');
    assert.equal(await page.getAttribute('#dir-facets', 'aria-modal'), 'true');
    assert.deepEqual(await axe(page), [], 'the open panel passes axe');
    // Focus stays inside: Shift+Tab from the title goes to the last control, Tab from there to the first.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'dir-filters-done');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#dir-facets') !== null), true);
    // A filter applied from the panel: the panel stays open, the count follows.
    await page.focus('#f-region-souss-massa');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('region').includes('souss-massa'));
    assert.equal(await page.isVisible('#dir-facets'), true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.id === 'dir-filters-toggle');
    assert.equal(await page.isVisible('#f-region-souss-massa'), false);
    assert.equal(await button.textContent(), LOCALES[lang].dir_filters_button.replace('{{ count }}', '2'));
    assert.equal(await page.locator('[data-testid=dir-chip]').count(), 2);
    await page.context().close();
  });
}

test('removing a chip by keyboard keeps the focus among the chips, then on the search box', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?sector=solar&sector=electrical&region=souss-massa&lang=fr');
  assert.equal(await page.locator('[data-testid=dir-chip]').count(), 3);
  await page.locator('[data-testid=dir-chip]').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=dir-chip]').length === 2);
  // The chip now in the removed one's place has the focus.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'dir-chip');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /Souss-Massa/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=dir-chip]').length === 1);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'dir-chip');
  await page.focus('[data-testid=dir-clear]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=dir-chip]').length === 0);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'dir-search');
  await page.context().close();
});

test('wide screens keep the facets beside the results, with no filter button', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  assert.equal(await page.isVisible('#f-sector-solar'), true);
  assert.equal(await page.isVisible('[data-testid=dir-filters]'), false);
  assert.equal(await page.getAttribute('#dir-facets', 'role'), null);
  await page.context().close();
});

test('a page beyond the last is clamped in the URL too, without a history entry', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  await visit(page, server.url, '/members?sector=solar&page=999&lang=fr');
  const solar = doc.members.filter((m) => m.sector === 'solar').length;
  const last = Math.ceil(solar / 24);
  await page.waitForFunction((n) => new URL(location.href).searchParams.get('page') === String(n) || (n === 1 && !location.search.includes('page=')), last);
  assert.equal(await page.textContent('[data-testid=dir-page]').catch(() => null), last > 1 ? `Page ${last} sur ${last}` : null);
  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('sector'));
  await page.context().close();
});

/** An API over the bundled document, above client_side_limit (server-side directories). */
function restRoutes(extra) {
  const meta = { ...doc, members: undefined, startups: undefined, partners: undefined,
    totals: { members: doc.members.length, startups: doc.startups.length, partners: doc.partners.length } };
  return {
    '/config.json': answer(JSON.stringify({ api_base_url: '/api/v1', client_side_limit: 100 })),
    '/api/v1/dataset?include=meta': answer(JSON.stringify(meta)),
    ...extra,
  };
}

/** A directory page of the API holding `items`. */
const apiPage = (items, total = items.length) => JSON.stringify({ items, total, page: 1, per_page: 24, facets: {} });

test('REST mode: a newer query aborts the one on its way, so a slow answer never replaces a newer one', async () => {
  const aborted = [];
  const members = (req, res) => {
    const q = new URL(req.url, 'http://x').searchParams.get('q') ?? '';
    if (q === 'a') {
      // The first query is slow: its answer would arrive last.
      req.on('close', () => { if (!res.writableEnded) aborted.push(q); });
      return setTimeout(() => { if (!res.destroyed) answer(apiPage(doc.members.slice(0, 24), 111))(req, res); }, 1500);
    }
    answer(apiPage(doc.members.slice(0, q ? 7 : 24), q ? 7 : doc.members.length))(req, res);
  };
  const rest = await startServer(restRoutes({ '/api/v1/members': members }));
  const page = await openPage(browser);
  await visit(page, rest.url, '/members?lang=fr');
  // Every count shown from now on, in order.
  await page.evaluate(() => {
    window.counts = [];
    new MutationObserver(() => window.counts.push(document.querySelector('[data-testid=dir-count]')?.textContent))
      .observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
  });
  await page.fill('[data-testid=dir-search]', 'a');
  await page.waitForTimeout(150);
  await page.fill('[data-testid=dir-search]', 'ab');
  await page.waitForFunction(() => /^7\b/.test(document.querySelector('[data-testid=dir-count]')?.textContent ?? ''));
  await page.waitForTimeout(2000);
  assert.match(await page.textContent('[data-testid=dir-count]'), /^7\b/);
  const counts = await page.evaluate(() => window.counts);
  assert.ok(!counts.slice(counts.findIndex((c) => /^7\b/.test(c ?? ''))).some((c) => /^111\b/.test(c ?? '')), counts.join(' | '));
  assert.deepEqual(aborted, ['a'], 'the slow request was aborted by the browser');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await rest.close();
});

test('REST mode: a record that fails to parse is a data error with a retry, not "not found"', async () => {
  const m = doc.members[0];
  let calls = 0;
  const record = (req, res) => {
    calls += 1;
    answer(calls === 1 ? JSON.stringify({ ...m, joined: 'last year' }) : JSON.stringify(m))(req, res);
  };
  const rest = await startServer(restRoutes({ [`/api/v1/members/${m.id}`]: record }));
  const page = await openPage(browser);
  await visit(page, rest.url, `/members/${m.id}?lang=fr`);
  await page.waitForSelector('[data-testid=profile-error] button');
  assert.match(await textOf(page, '[data-testid=profile-error-detail]'), new RegExp(`/api/v1/members/${m.id} contient un champ au mauvais format : joined`));
  assert.equal(await page.locator('[data-testid=not-found]').count(), 0);
  await page.click('[data-testid=profile-error] button');
  await page.waitForFunction((name) => document.querySelector('[data-testid=page-heading]')?.textContent === name, m.name.fr);
  assert.equal(calls, 2);
  await page.context().close();
  await rest.close();
});

test('REST mode: a failed CSV download says so, in the page language', async () => {
  const members = (req, res) => (req.headers.accept?.includes('text/csv')
    ? answer('{"type":"about:blank","status":500}', 500, 'application/problem+json')(req, res)
    : answer(apiPage(doc.members.slice(0, 24), doc.members.length))(req, res));
  const rest = await startServer(restRoutes({ '/api/v1/members': members }));
  const page = await openPage(browser);
  await visit(page, rest.url, '/members?lang=ar');
  await page.click('[data-testid=dir-csv]');
  await page.waitForSelector('[data-testid=dir-csv-error]');
  const text = await textOf(page, '[data-testid=dir-csv-error]');
  assert.ok(text.startsWith(LOCALES.ar.dir_csv_failed.split('{{')[0].trim()), text);
  assert.match(text, /500/);
  await page.context().close();
  await rest.close();
});
