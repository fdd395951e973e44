// Charts and embeds: /sectors shows every chart with the data file's numbers
// (fr/ar/en, light/dark), links, downloads, the embed dialog by keyboard;
// the static embed pages in every language; a partner page on another origin
// sizing two embeds and ignoring forged messages; the server's CSP; axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import {
  startServer, launchBrowser, openPage, openCspPage, visit, LANGS, bundledText, downloadText, axe,
  startRealServer, stopRealServers,
} from './harness.mjs';

const CHARTS = ['sectors', 'member-types', 'regions', 'startups-per-year', 'members-growth', 'key-figures'];
let server, browser, doc;
before(async () => { server = await startServer(); browser = await launchBrowser(); doc = JSON.parse(bundledText()); });
after(async () => { await browser?.close(); await server?.close(); stopRealServers(); });

const name = (t, lang) => (t[lang] && t[lang].trim() ? t[lang] : t.fr);
const digits = (s) => s.replace(/[^0-9+]/g, '');
const count = (list, key) => list.reduce((m, x) => m.set(x[key], (m.get(x[key]) ?? 0) + 1), new Map());

/** Each chart's expected table rows ([label, numbers…]), from the data file, as sorted strings. */
function expected(lang) {
  const rows = {};
  rows.sectors = doc.sectors.map((s) => [name(s.name, lang), String(s.report_share)]);
  const types = count(doc.members, 'type');
  rows['member-types'] = doc.member_types.map((t) => [name(t.name, lang), String(types.get(t.id) ?? 0)]);
  const regions = count(doc.members, 'region');
  rows.regions = doc.regions.map((r) => [name(r.name, lang), String(regions.get(r.id) ?? 0)]);
  const cohorts = [...count(doc.startups, 'cohort')].sort((a, b) => a[0] - b[0]);
  let running = 0;
  rows['startups-per-year'] = cohorts.map(([y, n]) => [String(y), String(n), String((running += n))]);
  rows['members-growth'] = doc.figures.filter((f) => f.active_members)
    .map((f) => [String(f.year), `${f.active_members.value}${f.active_members.lower_bound ? '+' : ''}`]);
  const latest = (k) => doc.figures.filter((f) => f[k]).sort((a, b) => b.year - a.year)[0][k];
  const fig = (f) => `${f.value}${f.lower_bound ? '+' : ''}`;
  rows['key-figures'] = [latest('active_members'), latest('startups_per_year'), latest('startups_supported'), latest('partnerships')].map((f) => [fig(f)])
    .concat([[String(latest('incubator_fundraising_mad').value / 1e6)]]);
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.map((r) => r.join('|')).sort()]));
}

/** The table rows of a chart on the page, as the same sorted strings. */
/** A chart's table as its numbers; the table is written only when shown, so its menu's toggle is pressed first. */
async function tableOf(page, id) {
  const card = page.locator(`[data-testid=chart-${id}]`);
  if (!(await card.locator('.chart-table').count())) {
    await card.locator('[data-testid=chart-menu]').click();
    await card.locator('[data-testid=chart-table]').click();
    await card.locator('.chart-table').waitFor();
  }
  const rows = await page.$$eval(`[data-testid=chart-${id}] .chart-table tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const pick = {
    sectors: (r) => [r[0], digits(r[1])],
    'member-types': (r) => [r[0], digits(r[1])],
    regions: (r) => [r[0], digits(r[1])],
    'startups-per-year': (r) => [r[0], digits(r[1]), digits(r[2])],
    'members-growth': (r) => [r[0], digits(r[1])],
    'key-figures': (r) => [digits(r[1])],
  }[id];
  return rows.map((r) => pick(r).join('|')).sort();
}

for (const colorScheme of ['light', 'dark']) {
  test(`/sectors in fr, ar and en (${colorScheme}): every chart's table holds the data file's numbers`, async () => {
    const page = await openPage(browser, { colorScheme });
    for (const lang of LANGS) {
      await visit(page, server.url, `/sectors?lang=${lang}`);
      await page.waitForSelector('[data-testid=chart-key-figures] svg');
      const want = expected(lang);
      // Fewer elements until a reader asks for a table.
      assert.equal(await page.locator('.chart-table').count(), 0);
      for (const id of CHARTS) assert.deepEqual(await tableOf(page, id), want[id], `${id} in ${lang}`);
      await page.reload();
      await page.waitForSelector('[data-testid=chart-key-figures] svg');
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
      assert.equal(await page.locator(`svg[direction="${lang === 'ar' ? 'rtl' : 'ltr'}"]`).count(), CHARTS.length);
      // The table toggle swaps the picture for the table.
      const card = page.locator('[data-testid=chart-regions]');
      assert.ok(await card.locator('svg').isVisible());
      await card.locator('[data-testid=chart-menu]').click();
      await card.locator('[data-testid=chart-table]').click();
      assert.ok(await card.locator('table').isVisible());
      assert.ok(!(await card.locator('svg').isVisible()));
      assert.equal(await card.locator('[data-testid=chart-table]').getAttribute('aria-pressed'), 'true');
      // Illustrative charts say so.
      assert.equal(await page.locator('.chart-note').filter({ hasText: { fr: 'illustration', ar: 'توضيحية', en: 'Illustrative' }[lang] }).count(), 3);
    }
    assert.deepEqual(page.errors, []);
  });
}

test('the home page shows the sector chart next to the figures', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/?lang=fr');
  await page.waitForSelector('[data-testid=chart-sectors] svg');
  assert.equal(await page.locator('[data-testid=figure]').count(), 5);
  // Each sector's mark names its count (the table is on /sectors).
  const marks = await page.locator('[data-testid=chart-sectors] a.mark').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
  const want = expected('fr').sectors;
  assert.equal(marks.length, want.length);
  for (const row of want) {
    const [, count] = row.split('|');
    assert.ok(marks.some((m) => digits(m).includes(count)), `${row} in ${marks.join(' / ')}`);
  }
});

test('a sector or region mark leads to the directory filtered by it, Back returns', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/sectors?lang=fr');
  await page.click('[data-testid=chart-sectors] a.mark[href="/members?sector=solar"]');
  await page.waitForURL((u) => u.pathname === '/members' && u.search === '?sector=solar');
  await page.waitForSelector('[data-testid=dir-count]');
  const n = doc.members.filter((m) => m.sector === 'solar').length;
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=dir-count]').textContent.replace(/\D/g, '')) === n, n);
  await page.goBack();
  await page.waitForSelector('[data-testid=chart-regions] a.mark');
  // By keyboard: a focused mark shows its label, Enter follows it.
  const mark = page.locator('[data-testid=chart-regions] a.mark').first();
  await mark.focus();
  assert.ok(await mark.locator('.tip').isVisible(), 'the label shows on focus');
  const label = await mark.getAttribute('aria-label');
  assert.match(label, /Casablanca-Settat/);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search === '?region=casablanca-settat');
  assert.deepEqual(page.errors, []);
});

test('downloads: CSV with the exact header and first row, an SVG that parses, a PNG', async () => {
  const page = await openPage(browser);
  await visit(page, server.url, '/sectors?lang=fr');
  const card = page.locator('[data-testid=chart-sectors]');
  await card.locator('[data-testid=chart-menu]').click();
  const get = async (what) => {
    const [d] = await Promise.all([page.waitForEvent('download'), card.locator(`[data-testid=chart-${what}]`).click()]);
    return d;
  };
  const csv = await get('csv');
  assert.equal(csv.suggestedFilename(), 'cluster-enr-sectors-fr.csv');
  const lines = (await downloadText(csv)).split('\r\n');
  assert.equal(lines[0], '\uFEFFSecteur,Part des membres');
  assert.equal(lines[1], 'Solutions solaires,33');
  assert.equal(lines.filter(Boolean).length, 8);

  const svg = await downloadText(await get('svg'));
  const parsed = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: d.querySelector('parsererror')?.textContent ?? null, root: d.documentElement.nodeName, style: !!d.querySelector('style') };
  }, svg);
  assert.deepEqual(parsed, { error: null, root: 'svg', style: true });
  assert.match(svg, /href="http:\/\/127\.0\.0\.1:\d+\/members\?sector=solar&amp;lang=fr"/);

  const png = await get('png');
  const chunks = [];
  for await (const c of await png.createReadStream()) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  assert.ok(bytes.length > 1000, `PNG of ${bytes.length} B`);
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.match(await card.locator('.chart-status').textContent(), /cluster-enr-sectors-fr\.png/);
  assert.deepEqual(page.errors, []);
});

test('the embed dialog by keyboard: opens, keeps focus, gives the snippet, Escape returns focus', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await visit(page, server.url, '/sectors?lang=fr');
  await page.locator('[data-testid=chart-sectors] [data-testid=chart-menu]').focus();
  await page.keyboard.press('Enter');
  const active = () => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
  for (let i = 0; i < 8 && (await active()) !== 'chart-embed'; i++) await page.keyboard.press('Tab');
  assert.equal(await active(), 'chart-embed');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=embed-dialog][open]');
  // Focus stays inside the open dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement === document.body || !!document.activeElement.closest('dialog[open]')));
  }
  const code = () => page.inputValue('[data-testid=embed-dialog][open] [data-testid=embed-code]');
  assert.match(await code(), /^<iframe data-cluster-enr-chart src="http:\/\/127\.0\.0\.1:\d+\/embed\/sectors\/\?lang=fr&amp;theme=auto" title="[^"]+" loading="lazy" style="width:100%;border:0"><\/iframe>\n<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>$/);
  // Language and theme by keyboard; the preview follows.
  await page.focus('[data-testid=embed-dialog][open] [data-testid=embed-lang]');
  await page.keyboard.press('ArrowDown');
  await page.focus('[data-testid=embed-dialog][open] [data-testid=embed-theme]');
  await page.keyboard.press('ArrowDown');
  assert.match(await code(), /\?lang=ar&amp;theme=light"/);
  const preview = page.frameLocator('[data-testid=embed-dialog][open] [data-testid=embed-preview]');
  await preview.locator('.copy[lang=ar] h1').waitFor();
  assert.ok(await preview.locator('.copy[lang=ar] h1').isVisible());
  await page.focus('[data-testid=embed-dialog][open] [data-testid=embed-copy]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /copié/.test(document.querySelector('dialog[open] [role=status]').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code());
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=embed-dialog][open]', { state: 'detached' }).catch(() => {});
  assert.equal(await page.locator('dialog[open]').count(), 0);
  assert.equal(await active(), 'chart-embed', 'focus is back on the button that opened it');
  assert.deepEqual(page.errors, []);
});

test('every embed in every language: its chart alone, the right direction, links to the full site in a new tab, no wasm', async () => {
  const page = await openPage(browser);
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  for (const id of CHARTS) {
    for (const lang of LANGS) {
      await page.goto(`${server.url}/embed/${id}?lang=${lang}&theme=dark`);
      assert.equal(new URL(page.url()).pathname, `/embed/${id}/`, 'one redirect to the folder form');
      const state = await page.evaluate(() => ({
        lang: document.documentElement.lang, dir: document.documentElement.dir, theme: document.documentElement.dataset.theme,
        headings: [...document.querySelectorAll('h1')].filter((h) => h.checkVisibility()).map((h) => h.closest('[lang]').lang),
        nav: document.querySelectorAll('nav, .site-header, .site-footer').length,
        links: [...document.querySelectorAll('a')].filter((a) => a.checkVisibility()).map((a) => [a.getAttribute('href'), a.getAttribute('target')]),
        title: document.title,
      }));
      assert.equal(state.lang, lang);
      assert.equal(state.dir, lang === 'ar' ? 'rtl' : 'ltr');
      assert.equal(state.theme, 'dark');
      assert.deepEqual(state.headings, [lang], `${id}: one visible copy, in ${lang}`);
      assert.equal(state.nav, 0);
      assert.ok(state.links.some(([href]) => href === `/sectors?lang=${lang}`), `${id}: a link back`);
      assert.ok(state.links.every(([, target]) => target === '_blank'), `${id}: every link opens a new tab`);
      assert.match(state.title, /Cluster EnR$/);
    }
  }
  assert.ok(!requested.some((u) => u.endsWith('.wasm')), 'an embed never loads the app');
  // Without ?lang: the browser's language (the context says fr-FR; an Arabic browser gets Arabic).
  const ar = await openPage(browser, { locale: 'ar-MA' });
  await ar.goto(`${server.url}/embed/sectors/`);
  assert.equal(await ar.evaluate(() => document.documentElement.lang), 'ar');
  assert.equal(await ar.evaluate(() => localStorage.length), 0, 'an embed never saves a choice');
  assert.deepEqual([...page.errors, ...ar.errors], []);
});

test('an unknown embed id on a static host: the app renders the bare "chart not found" page', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}/embed/no-such-chart?lang=ar`);
  await page.waitForSelector('[data-testid=embed-not-found]');
  assert.equal(await page.locator('.site-header, .site-footer, nav').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.match(await page.textContent('h1'), /الرسم البياني غير موجود/);
  assert.equal(await page.evaluate(() => localStorage.getItem('cluster-enr.lang')), null, 'the language is not saved');
  assert.deepEqual(await axe(page), []);
});

/** A tiny server on another loopback address answering one page. */
async function serveOn(host, html) {
  const s = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html(req)); });
  await new Promise((ok) => s.listen(0, host, ok));
  return { url: `http://${host}:${s.address().port}`, close: () => new Promise((ok) => { s.close(ok); s.closeAllConnections(); }) };
}

test('a partner page on another origin: two embeds take their content height, forged messages change nothing', async () => {
  const evil = await serveOn('127.0.0.3', () => '<!doctype html><title>third party</title><p>ads</p>');
  const partner = await serveOn('127.0.0.2', () => `<!doctype html><html lang="en"><title>Partner</title><body style="margin:0">
    <h1>Partner news</h1>
    <iframe id="a" data-cluster-enr-chart src="${server.url}/embed/sectors/?lang=fr" title="Sectors" style="width:100%;border:0"></iframe>
    <iframe id="b" data-cluster-enr-chart src="${server.url}/embed/regions/?lang=ar" title="Regions" style="width:100%;border:0"></iframe>
    <iframe id="evil" src="${evil.url}/" title="Third party"></iframe>
    <script src="${server.url}/embed.js" async></script></body></html>`);
  try {
    const page = await openPage(browser, { width: 900 });
    await page.goto(partner.url);
    const frame = (id) => page.frames().find((f) => f.url().includes(id === 'a' ? '/embed/sectors/' : '/embed/regions/'));
    const sizes = async () => {
      const out = {};
      for (const id of ['a', 'b']) {
        const content = await frame(id).evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().height));
        const box = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
        out[id] = { content, box };
      }
      return out;
    };
    await page.waitForFunction(() => ['a', 'b'].every((id) => document.getElementById(id).style.height));
    let s = await sizes();
    for (const id of ['a', 'b']) {
      assert.ok(s[id].content > 300, `${id} has a real chart (${s[id].content} px)`);
      assert.equal(s[id].box, s[id].content, `${id} takes its content's height`);
    }
    const before = s;
    // A third frame on yet another origin forges resize messages.
    const third = page.frames().find((f) => f.url().startsWith(evil.url));
    await third.evaluate(() => { for (const height of [900, 60]) parent.postMessage({ type: 'cluster-enr:resize', chart: 'sectors', height }, '*'); });
    // The partner page itself (not an embed's window) posts one.
    await page.evaluate(() => window.postMessage({ type: 'cluster-enr:resize', chart: 'sectors', height: 700 }, '*'));
    // The embed's own window sends heights out of bounds or not numbers.
    await frame('a').evaluate(() => {
      for (const height of [99999, 5001, 49, -5, '300', null, Infinity, NaN, [400]]) {
        try { parent.postMessage({ type: 'cluster-enr:resize', chart: 'sectors', height }, '*'); } catch { /* not cloneable */ }
      }
      parent.postMessage({ type: 'other', height: 400 }, '*');
      parent.postMessage('cluster-enr:resize', '*');
    });
    await page.waitForTimeout(400);
    s = await sizes();
    assert.deepEqual(s, before, 'no forged or out-of-bounds message changed a height');
    // A real change of the content is followed.
    await frame('a').evaluate(() => { document.querySelector('.copy[lang=fr] details').open = true; });
    await page.waitForFunction((h) => document.getElementById('a').getBoundingClientRect().height > h, before.a.box);
    s = await sizes();
    assert.equal(s.a.box, s.a.content);
    assert.deepEqual(page.errors, []);
  } finally {
    await partner.close();
    await evil.close();
  }
});

test('embeds and /sectors under the reference server\'s CSP: live pages, zero violations', async () => {
  const base = await startRealServer();
  const page = await openCspPage(browser, { colorScheme: 'dark' });
  for (const id of CHARTS) {
    for (const lang of ['fr', 'ar']) {
      const res = await page.goto(`${base}/embed/${id}?lang=${lang}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-security-policy'], /frame-ancestors \*/);
      await page.waitForSelector(`.copy[lang=${lang}] svg`);
    }
  }
  const missing = await page.goto(`${base}/embed/nope?lang=en`);
  assert.equal(missing.status(), 404);
  assert.ok(await page.locator('.copy[lang=en] [data-testid=embed-not-found]').isVisible());
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await visit(page, base, '/sectors?lang=ar');
  await page.waitForSelector('[data-testid=chart-sectors] svg');
  await page.click('[data-testid=chart-sectors] [data-testid=chart-menu]');
  await page.click('[data-testid=chart-sectors] [data-testid=chart-embed]');
  await page.frameLocator('dialog[open] [data-testid=embed-preview]').locator('.copy[lang=ar] svg').waitFor();
  await page.keyboard.press('Escape');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=chart-sectors] [data-testid=chart-png]')]);
  assert.equal(png.suggestedFilename(), 'cluster-enr-sectors-ar.png');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors.filter((e) => !/status of 404/.test(e)), [], 'only the unknown embed\'s own 404');
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe on /sectors (menus and dialog open) and on embeds, LTR and RTL, ${colorScheme}`, async () => {
    const page = await openPage(browser, { colorScheme });
    for (const lang of ['fr', 'ar']) {
      await visit(page, server.url, `/sectors?lang=${lang}`);
      await page.waitForSelector('[data-testid=chart-key-figures] svg');
      assert.deepEqual(await axe(page), [], `/sectors ${lang}`);
      for (const id of CHARTS) await page.click(`[data-testid=chart-${id}] [data-testid=chart-menu]`);
      await page.click('[data-testid=chart-regions] [data-testid=chart-table]');
      assert.deepEqual(await axe(page), [], `/sectors ${lang}, menus open`);
      await page.click('[data-testid=chart-sectors] [data-testid=chart-embed]');
      await page.waitForSelector('dialog[open] [data-testid=embed-preview]');
      assert.deepEqual(await axe(page), [], `/sectors ${lang}, embed dialog open`);
      await page.keyboard.press('Escape');
      for (const id of ['sectors', 'startups-per-year', 'key-figures']) {
        await page.goto(`${server.url}/embed/${id}/?lang=${lang}&theme=${colorScheme}`);
        await page.click(`.copy[lang=${lang}] summary`);
        assert.deepEqual(await axe(page), [], `embed ${id} ${lang}`);
      }
    }
    assert.deepEqual(page.errors, []);
  });
}
