// The pages that exist before the wasm (docs/prerender.md): readable with
// JavaScript off, with their links; each page's head (title, previews,
// JSON-LD); the first paint in the visitor's language; the sitemap; the
// reference server's page files and real 404s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startServer, startRealServer, stopRealServers, launchBrowser, openPage, visit, bundledText, LOCALES, ROUTES, DIST, tempDir } from './harness.mjs';

const doc = JSON.parse(bundledText());
const member = doc.members[0];
const startup = doc.startups[0];
let browser, server, real;
before(async () => {
  assert.ok(existsSync(join(DIST, 'members.html')), 'dist/ holds the pre-rendered pages (a release build: trunk build --release)');
  browser = await launchBrowser();
  server = await startServer();
  real = await startRealServer();
});
after(async () => { await browser?.close(); await server?.close(); stopRealServers(); });

const heading = (page) => page.textContent('[data-testid=page-heading]');
const strip = (s) => s.replace(/[\u2066-\u2069]/g, '').trim();

test('with JavaScript off, every public route and a member and a start-up profile show their heading and content, in each language', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const [lang, prefix] of [['fr', ''], ['ar', '/ar'], ['en', '/en']]) {
    for (const [path, key] of ROUTES) {
      await page.goto(`${real}${prefix}${path === '/' && prefix ? '' : path}`);
      const expected = LOCALES[lang][key].replace(/\{\{.*?\}\}/g, '');
      assert.equal(strip(await heading(page)), strip(expected), `${lang} ${path}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      // The header's links are there and visible (the menu cannot fold without scripts).
      assert.ok(await page.isVisible(`nav a[href="${prefix || '/'}"]`), `${lang} ${path}: the navigation is open`);
    }
    await page.goto(`${real}${prefix}/members/${member.id}`);
    assert.equal(strip(await heading(page)), member.name[lang] ?? member.name.fr);
    await page.goto(`${real}${prefix}/startups/${startup.id}`);
    assert.equal(strip(await heading(page)), startup.name[lang] ?? startup.name.fr);
  }
  // The members' page shows its first page of results with the count.
  await page.goto(`${real}/members`);
  assert.match(await page.textContent('[data-testid=dir-count]'), new RegExp(String(doc.members.length)));
  assert.ok((await page.$$('[data-testid=dir-result]')).length > 0, 'the first page of members is listed');
  // The charts' SVG are in the page, each with its data described in words.
  await page.goto(`${real}/sectors`);
  assert.ok((await page.$$('main figure svg desc')).length >= 3);
  // The form says it needs JavaScript.
  await page.goto(`${real}/ar/apply`);
  assert.equal(await page.textContent('[data-testid=apply-needs-script]'), LOCALES.ar.f_needs_script);
  await context.close();
});

test('with JavaScript off, links lead from the list to a profile and back, and stay in the language', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${real}/ar/members`);
  const first = page.locator('[data-testid=dir-result] h2 a').first();
  const name = strip(await first.textContent());
  await first.click();
  await page.waitForURL(/\/ar\/members\/[^/]+$/);
  assert.equal(strip(await heading(page)), name);
  await page.click(`.related a[href="/ar/members"]`);
  await page.waitForURL(`${real}/ar/members`);
  assert.equal(strip(await heading(page)), LOCALES.ar.members_title);
  // The other languages, for readers without scripts.
  await page.click('.noscript-langs a[hreflang=en]');
  await page.waitForURL(`${real}/en/members`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await context.close();
});

test("a profile's raw HTML names it in its title, previews and JSON-LD, with its alternates", async () => {
  for (const [lang, prefix] of [['fr', ''], ['ar', '/ar']]) {
    const res = await fetch(`${real}${prefix}/members/${member.id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    const name = member.name[lang] ?? member.name.fr;
    const meta = (property) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];
    assert.equal(/<title>([^<]*)<\/title>/.exec(html)?.[1], `${name} · Cluster EnR`);
    assert.equal(meta('og:title'), name);
    assert.equal(meta('og:type'), 'profile');
    assert.equal(meta('description'), member.description[lang] ?? member.description.fr);
    assert.match(html, new RegExp(`<link rel="canonical" href="[^"]*${prefix}/members/${member.id}">`));
    for (const alt of ['fr', 'ar', 'en', 'x-default']) assert.match(html, new RegExp(`hreflang="${alt}"`));
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)[1]);
    assert.equal(ld['@type'], 'Organization');
    assert.equal(ld.name, name);
    assert.ok(ld.address.addressRegion, 'the region is in the address');
    // The preview image: a PNG of the size the page states, with a text.
    const image = meta('og:image');
    assert.ok(image, 'og:image');
    assert.equal(meta('twitter:card'), 'summary_large_image');
    assert.ok(meta('og:image:alt').startsWith(name), meta('og:image:alt'));
    const png = await fetch(real + new URL(image).pathname);
    assert.equal(png.status, 200, image);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
    assert.equal(bytes.readUInt32BE(16), Number(meta('og:image:width')));
    assert.equal(bytes.readUInt32BE(20), Number(meta('og:image:height')));
    assert.ok(bytes.length > 5000 && bytes.length < 60000, `${bytes.length} bytes`);
    // The reference server's policy allows every inline script of the page
    // by the hashes it computes from index.html: the same scripts on every page.
    const csp = res.headers.get('content-security-policy');
    const hashes = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
    assert.ok(hashes.length >= 3);
    for (const h of hashes) assert.ok(csp.includes(h), `${h} is allowed`);
  }
});

test('the first paint is in the visitor\'s language and direction: browser language, ?lang and prefix', async () => {
  const cases = [
    { locale: 'ar-MA', path: '/members', lang: 'ar', pre: false },
    { locale: 'fr-FR', path: '/members?lang=ar', lang: 'ar', pre: true },
    { locale: 'fr-FR', path: '/ar/members', lang: 'ar', pre: true },
    { locale: 'en-GB', path: '/sectors', lang: 'en', pre: false },
    { locale: 'en-GB', path: '/en/sectors', lang: 'en', pre: true },
    { locale: 'fr-FR', path: '/', lang: 'fr', pre: true },
    { locale: 'fr-FR', path: '/members?sector=solar', lang: 'fr', pre: false },
  ];
  for (const c of cases) {
    const page = await openPage(browser, { locale: c.locale });
    // The code held back until a few frames of the page are noted: on a
    // fast machine the app could otherwise start before the first frame.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    // What the page shows at each frame, until the app has started.
    await page.addInitScript(() => {
      window.__frames = [];
      const note = () => {
        const root = document.documentElement;
        const pre = document.querySelector('.shell[data-prerendered]');
        const boot = document.getElementById('boot');
        const started = !!document.querySelector('body > .shell:not([data-prerendered])');
        window.__frames.push({
          parsed: !!pre,
          lang: root.lang, dir: root.dir,
          pre: !!pre && getComputedStyle(pre).display !== 'none',
          boot: !!boot && !boot.hidden && getComputedStyle(boot).display !== 'none',
          started,
        });
        if (!started) requestAnimationFrame(note);
      };
      requestAnimationFrame(note);
    });
    await page.goto(real + c.path);
    await page.waitForFunction(() => window.__frames.filter((f) => f.parsed).length >= 3);
    release();
    // The frames once the page's markup is parsed, before the app has drawn.
    const frames = (await page.evaluate(() => window.__frames)).filter((f) => f.parsed && !f.started);
    assert.ok(frames.length >= 3, `${c.path}: frames before the app`);
    for (const f of frames) {
      assert.equal(f.lang, c.lang, `${c.locale} ${c.path}: ${JSON.stringify(frames)}`);
      assert.equal(f.dir, c.lang === 'ar' ? 'rtl' : 'ltr');
      assert.equal(f.pre, c.pre, `${c.locale} ${c.path}: the pre-rendered page ${c.pre ? 'shown' : 'hidden'}`);
      assert.equal(f.boot, !c.pre, `${c.locale} ${c.path}: the loading notice ${c.pre ? 'hidden' : 'shown'}`);
    }
    // Then the app takes over: one shell, in that language.
    await page.waitForSelector('body > .shell:not([data-prerendered]) [data-testid=page-heading]');
    await page.waitForFunction(() => !document.querySelector('.shell[data-prerendered]'));
    assert.equal(await page.getAttribute('html', 'lang'), c.lang);
    assert.deepEqual(page.errors, [], c.path);
    await page.context().close();
  }
});

test('what is typed in the pre-rendered search box before the app is there carries over', async () => {
  const page = await openPage(browser);
  // The directory's code held back, so that the box is typed in first.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/cluster-enr-directory-.*\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}/members`);
  await page.fill('.shell[data-prerendered] [data-testid=dir-search]', 'solaire');
  release();
  await page.waitForFunction(() => !document.querySelector('.shell[data-prerendered]'));
  assert.equal(await page.inputValue('[data-testid=dir-search]'), 'solaire');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'solaire');
  await page.context().close();
});

test('sitemap.xml lists every page and profile with its alternates, and every address in it answers 200', async () => {
  const robots = await (await fetch(`${real}/robots.txt`)).text();
  assert.match(robots, /^Sitemap: .*\/sitemap\.xml$/m);
  const xml = await (await fetch(`${real}/sitemap.xml`)).text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const routes = ROUTES.length;
  assert.equal(locs.length, 3 * (routes + doc.members.length + doc.startups.length));
  for (const id of [member.id, startup.id]) assert.ok(locs.includes(`/ar/${id === member.id ? 'members' : 'startups'}/${id}`));
  assert.equal((xml.match(/<xhtml:link /g) ?? []).length, 4 * locs.length);
  assert.match(xml, new RegExp(`<lastmod>${doc.as_of}</lastmod>`));
  for (let i = 0; i < locs.length; i += 50) {
    const statuses = await Promise.all(locs.slice(i, i + 50).map((p) => fetch(real + p, { redirect: 'manual' }).then((r) => [p, r.status])));
    for (const [p, status] of statuses) assert.equal(status, 200, p);
  }
});

test('the reference server answers page addresses with their files, no redirect, and an unknown profile with a real 404 in the language', async () => {
  for (const path of ['/members', '/members/', '/startups', '/ar', '/en/incubator', '/sectors?lang=ar']) {
    const res = await fetch(real + path, { redirect: 'manual' });
    assert.equal(res.status, 200, path);
  }
  const nf = await fetch(`${real}/members/no-such-member`);
  assert.equal(nf.status, 404);
  assert.match(await nf.text(), new RegExp(LOCALES.fr.not_found_title));
  const ar = await fetch(`${real}/ar/startups/no-such-startup`);
  assert.equal(ar.status, 404);
  const arHtml = await ar.text();
  assert.match(arHtml, /<html lang="ar" dir="rtl">/);
  assert.match(arHtml, new RegExp(LOCALES.ar.not_found_title));
  const en = await fetch(`${real}/nowhere`, { headers: { 'accept-language': 'en' } });
  assert.equal(en.status, 404);
  assert.match(await en.text(), new RegExp(LOCALES.en.not_found_title));
  // Files and folders are served as before.
  assert.equal((await fetch(`${real}/data/members.json`)).status, 200);
  assert.equal((await fetch(`${real}/embed/sectors/`)).status, 200);
});

test('a server started with another document draws its pages live: a profile the build never saw, its preview, the sitemap, ETags and real 404s', async () => {
  const other = structuredClone(doc);
  const renamed = { ...other.members[0], id: 'solaire-du-sud-live', name: { fr: 'Solaire du Sud', ar: 'طاقة الجنوب', en: 'Southern Solar' } };
  other.members[0] = renamed;
  const file = join(tempDir('cluster-live-'), 'cluster.json');
  writeFileSync(file, JSON.stringify(other));
  const live = await startRealServer(DIST, ['--dataset', file]);
  assert.ok(!existsSync(join(DIST, 'members/solaire-du-sud-live.html')), 'the build has no such page');
  for (const [lang, prefix] of [['fr', ''], ['ar', '/ar']]) {
    const res = await fetch(`${live}${prefix}/members/solaire-du-sud-live`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.equal(/<title>([^<]*)<\/title>/.exec(html)?.[1], `${renamed.name[lang]} · Cluster EnR`);
    assert.match(html, new RegExp(`<html lang="${lang}"`));
    assert.match(html, new RegExp(`<link rel="canonical" href="${live.replace('127.0.0.1', 'localhost')}${prefix}/members/solaire-du-sud-live">`));
    // The same markup the app draws: its heading, then the app's own scripts allowed by the policy.
    assert.match(html, new RegExp(`data-testid="page-heading"[^>]*>${renamed.name[lang]}<`));
    const csp = res.headers.get('content-security-policy');
    for (const m of html.matchAll(/<script>(.*?)<\/script>/gs)) assert.ok(csp.includes(createHash('sha256').update(m[1]).digest('base64')));
    // Revalidation by ETag.
    const tag = res.headers.get('etag');
    assert.ok(tag);
    assert.equal((await fetch(`${live}${prefix}/members/solaire-du-sud-live`, { headers: { 'if-none-match': tag } })).status, 304);
    const image = /<meta property="og:image" content="([^"]*)"/.exec(html)[1];
    const png = await fetch(live + new URL(image).pathname);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.equal(bytes.toString('latin1', 1, 4), 'PNG');
    assert.equal(bytes.readUInt32BE(16), 1200);
  }
  // The member the build knew under its old address is not in this document.
  const gone = await fetch(`${live}/members/${doc.members[0].id}`);
  assert.equal(gone.status, 404);
  assert.match(await gone.text(), new RegExp(LOCALES.fr.not_found_title));
  const arGone = await fetch(`${live}/ar/members/no-such-member`);
  assert.equal(arGone.status, 404);
  assert.match(await arGone.text(), /<html lang="ar" dir="rtl">/);
  const sitemap = await (await fetch(`${live}/sitemap.xml`)).text();
  assert.match(sitemap, /\/members\/solaire-du-sud-live</);
  assert.doesNotMatch(sitemap, new RegExp(`/members/${doc.members[0].id}<`));
  // Assets, data and embeds are the built files as before.
  assert.equal((await fetch(`${live}/data/members.json`)).status, 200);
  assert.equal((await fetch(`${live}/embed/sectors`)).status, 200);
});
