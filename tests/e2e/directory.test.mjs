// The member and start-up directories and profiles in a real browser, with
// counts checked against an independent computation from the data file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, bundledText, bundledRoutes, LOCALES, downloadText } from './harness.mjs';

let server, browser;
const doc = JSON.parse(bundledText());
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

// The search rule, written again here: case, accents and Arabic variants folded.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640\u06d6-\u06ed]/g, '').toLowerCase()
  .replace(/[أإآٱ]/g, 'ا').replace(/[ىئ]/g, 'ي').replace(/ؤ/g, 'و').replace(/ة/g, 'ه').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
const texts = (t) => [t.fr, t.ar, t.en].filter(Boolean);
const memberText = (m) => {
  const region = doc.regions.find((r) => r.id === m.region);
  const city = region.cities.find((c) => c.id === m.city);
  return fold([...texts(m.name), ...texts(m.description), ...texts(region.name), ...texts(city.name), ...m.keywords].join(' '));
};
const search = (q) => doc.members.filter((m) => fold(q).split(/\s+/).filter(Boolean).every((w) => memberText(m).includes(w)));
const count = (page) => page.textContent('[data-testid=dir-count]').then((t) => Number(t.replace(/\D/g, '')));
const settle = (page) => page.waitForSelector('[data-testid=dir-count]');

test('search: French accents and Arabic variants, counts as computed from the data', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  assert.equal(await count(page), doc.members.length);
  await page.fill('[data-testid=dir-search]', 'energie');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=dir-count]').textContent.replace(/\D/g, '')) === n, search('Énergie').length);
  assert.ok(search('energie').length > 0);
  for (const q of ['الطاقه', 'إنرجي', 'pompage agadir']) {
    await page.fill('[data-testid=dir-search]', q);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=dir-count]').textContent.replace(/\D/g, '')) === n, search(q).length);
  }
  await page.fill('[data-testid=dir-search]', 'zzzzqqq');
  await page.waitForSelector('[data-testid=dir-empty]');
  assert.deepEqual(page.errors, []);
});

test('facets: OR inside, AND across, counts under the other filters, chips and clear all', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?sector=solar&sector=electrical&region=casablanca-settat&lang=fr');
  await settle(page);
  const inSectors = (m) => m.sector === 'solar' || m.sector === 'electrical';
  assert.equal(await count(page), doc.members.filter((m) => inSectors(m) && m.region === 'casablanca-settat').length);
  const facetCount = (facet, value) => page.textContent(`label[for="f-${facet}-${value}"] .facet-count`).then(Number);
  assert.equal(await facetCount('region', 'rabat-sale-kenitra'), doc.members.filter((m) => inSectors(m) && m.region === 'rabat-sale-kenitra').length);
  assert.equal(await facetCount('sector', 'metallurgy'), doc.members.filter((m) => m.sector === 'metallurgy' && m.region === 'casablanca-settat').length);
  assert.equal(await facetCount('type', 'tpme'), doc.members.filter((m) => inSectors(m) && m.region === 'casablanca-settat' && m.type === 'tpme').length);
  assert.equal(await page.locator('[data-testid=dir-chip]').count(), 3);

  await page.locator('[data-testid=dir-chip]').first().click();
  await page.waitForURL((u) => u.searchParams.getAll('sector').join() === 'electrical');
  assert.equal(await count(page), doc.members.filter((m) => m.sector === 'electrical' && m.region === 'casablanca-settat').length);
  await page.click('[data-testid=dir-clear]');
  await page.waitForURL((u) => u.search === '' || u.search === '?lang=fr');
  assert.equal(await count(page), doc.members.length);
});

test('sort, pages, unknown values dropped, and a shared URL reproduces the view', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?sector=nuclear&sort=bogus&page=x&region=souss-massa');
  await settle(page);
  await page.waitForURL((u) => !u.searchParams.has('sector') && !u.searchParams.has('sort') && !u.searchParams.has('page'));
  assert.equal(new URL(page.url()).searchParams.get('region'), 'souss-massa');
  assert.equal(await count(page), doc.members.filter((m) => m.region === 'souss-massa').length);

  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  await page.selectOption('[data-testid=dir-sort]', '-joined');
  await page.waitForURL((u) => u.searchParams.get('sort') === '-joined');
  const first = await page.textContent('[data-testid=dir-result] h2');
  const newest = Math.max(...doc.members.map((m) => m.joined));
  assert.ok(doc.members.some((m) => m.joined === newest && m.name.fr === first.trim()), `${first} joined in ${newest}`);
  await page.click('nav.pager a[rel=next]');
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  assert.match(await page.textContent('[data-testid=dir-page]'), /Page 2 sur 9/);
  const url = page.url();
  const names = await page.locator('[data-testid=dir-result] h2').allTextContents();

  const other = await openPage(browser);
  await other.goto(url);
  await settle(other);
  assert.deepEqual(await other.locator('[data-testid=dir-result] h2').allTextContents(), names);
  assert.ok(await page.evaluate(() => document.querySelectorAll('*').length) < 800, 'the page stays under 800 elements');
});

test('typing adds no history entry; Back and Forward walk the filter changes', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  const h0 = await page.evaluate(() => history.length);
  await page.type('[data-testid=dir-search]', 'solaire', { delay: 20 });
  await page.waitForURL((u) => u.searchParams.get('q') === 'solaire');
  assert.equal(await page.evaluate(() => history.length), h0);
  await page.check('#f-sector-solar');
  await page.waitForURL((u) => u.searchParams.get('sector') === 'solar');
  const filtered = await count(page);
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('sector'));
  assert.equal(await page.inputValue('[data-testid=dir-search]'), 'solaire');
  assert.equal(await page.isChecked('#f-sector-solar'), false);
  await page.goForward();
  await page.waitForURL((u) => u.searchParams.get('sector') === 'solar');
  assert.equal(await count(page), filtered);
});

test('the URL follows typing once it pauses; leaving at once or going Back loses nothing', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  await page.focus('[data-testid=dir-search]');
  await page.keyboard.type('solaire');
  // Clicking a result right away (no pause): the directory's history entry still gets the typed words.
  await page.locator('[data-testid=dir-result] h2 a').first().click();
  await page.waitForURL((u) => u.pathname.startsWith('/members/'));
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/members' && u.searchParams.get('q') === 'solaire');
  assert.equal(await page.inputValue('[data-testid=dir-search]'), 'solaire');
  // Typing then going Back before the pause: the earlier view comes back and stays.
  await page.check('#f-sector-solar');
  await page.waitForURL((u) => u.searchParams.get('sector') === 'solar');
  await page.focus('[data-testid=dir-search]');
  await page.keyboard.type(' cas');
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('sector'));
  await page.waitForTimeout(800);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'solaire');
  assert.equal(await page.inputValue('[data-testid=dir-search]'), 'solaire');
  // Enter writes the URL at once, in the key press's own task (not 400 ms later).
  await page.focus('[data-testid=dir-search]');
  await page.keyboard.type(' agadir');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get('q')), 'solaire agadir');
});

test('profiles: fields, safe website link, sector link, not-found; Back returns to the same list', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?region=souss-massa&lang=fr');
  await settle(page);
  const link = page.locator('[data-testid=dir-result] h2 a').first();
  const name = (await link.textContent()).trim();
  await link.click();
  await page.waitForURL((u) => u.pathname.startsWith('/members/'));
  assert.equal((await page.textContent('[data-testid=page-heading]')).trim(), name);
  const member = doc.members.find((m) => m.id === new URL(page.url()).pathname.split('/')[2]);
  assert.equal(await page.title(), `${member.name.fr} · Cluster EnR`);
  if (member.contact.website) {
    assert.equal(await page.getAttribute('[data-testid=profile-website]', 'rel'), 'noopener noreferrer');
  }
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/members' && u.searchParams.get('region') === 'souss-massa');
  await settle(page);
  assert.equal(await count(page), doc.members.filter((m) => m.region === 'souss-massa').length);

  await visit(page, server.url, '/members/no-such-member?lang=fr');
  await page.waitForSelector('[data-testid=not-found]');
  assert.equal(await page.textContent('[data-testid=page-heading]'), LOCALES.fr.not_found_title);
  await visit(page, server.url, `/startups/${doc.startups[0].id}?lang=ar`);
  assert.equal((await page.textContent('[data-testid=page-heading]')).trim(), doc.startups[0].name.ar);
  assert.deepEqual(page.errors, []);
});

test('hostile records: markup in a name is text, a javascript: website is never a link', async () => {
  const bad = JSON.parse(bundledText());
  bad.members[0].name = { fr: '<img src=x onerror="window.__xss=1">' };
  bad.members[0].contact.website = 'javascript:window.__xss=2';
  const hostile = await startServer(bundledRoutes(bad));
  const page = await openPage(browser);
  await visit(page, hostile.url, `/members?q=onerror&lang=fr`);
  await settle(page);
  assert.equal(await count(page), 1);
  assert.match(await page.textContent('[data-testid=dir-result] h2'), /<img src=x onerror/);
  await page.click('[data-testid=dir-result] h2 a');
  await page.waitForSelector('[data-testid=profile-website-text]');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await hostile.close();
});

test('CSV: the whole filtered set, in the page language, BOM and formulas neutralised', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?sector=finance&lang=fr');
  await settle(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=dir-csv]')]);
  const text = await downloadText(download);
  const lines = text.split('\r\n');
  assert.equal(lines[0], '\uFEFFIdentifiant,Nom,Type,Secteur,Région,Ville,Adhésion,Labels,Programmes,Site web,E-mail,Téléphone');
  const finance = doc.members.filter((m) => m.sector === 'finance').sort((a, b) => fold(a.name.fr) < fold(b.name.fr) ? -1 : 1);
  assert.equal(lines.length - 2, finance.length, 'one line per member, then the final CRLF');
  const m = finance[0];
  const region = doc.regions.find((r) => r.id === m.region);
  const expected = [m.id, m.name.fr, 'Banque ou fonds d\'investissement', 'Banques et fonds d\'investissement', region.name.fr,
    region.cities.find((c) => c.id === m.city).name.fr, String(m.joined), '', '', m.contact.website ?? '', m.contact.email ?? '',
    m.contact.phone ? `'${m.contact.phone}` : ''];
  assert.equal(lines[1], expected.join(','));
});

test('keyboard only: search, a facet, a result, the profile, and back', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  await page.focus('[data-testid=dir-search]');
  await page.keyboard.type('solaire');
  await page.waitForURL((u) => u.searchParams.get('q') === 'solaire');
  await page.focus('#f-region-souss-massa');
  await page.keyboard.press('Space');
  await page.waitForURL((u) => u.searchParams.get('region') === 'souss-massa');
  await page.focus('[data-testid=dir-result] h2 a');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname.startsWith('/members/'));
  await page.goBack(); // the browser's Back (headless Chromium has no Alt+Left shortcut)
  await page.waitForURL((u) => u.pathname === '/members');
  await settle(page);
  assert.equal(await page.isChecked('#f-region-souss-massa'), true);
  assert.equal(await page.inputValue('[data-testid=dir-search]'), 'solaire');
});

test('Back from a profile returns to the same list position', async () => {
  const page = await openPage(browser, { width: 1280, height: 700 });
  await visit(page, server.url, '/members?lang=fr');
  await settle(page);
  const last = page.locator('[data-testid=dir-result] h2 a').last();
  await last.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 500, `scrolled down (${before})`);
  // The browser's own restoration can run before the list is rendered again;
  // switched off here, so that only the app's restoration can pass.
  await page.evaluate(() => { history.scrollRestoration = 'manual'; });
  await last.click();
  await page.waitForURL((u) => u.pathname.startsWith('/members/'));
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/members');
  await settle(page);
  await page.waitForFunction((b) => Math.abs(window.scrollY - b) < 40, before, { timeout: 5000 }).catch(() => {});
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - before) < 40, `scroll ${after} restored to ${before}`);
});
