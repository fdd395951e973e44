// Screenshots of the release build for a person to look at (not a test):
// every given route in fr and ar, light and dark, at 360 px and 1280 px.
// Usage: node scripts/screenshots.mjs [--click selector] [--draft file] [route …]   (after `trunk build --release`)
// With --click, the element is clicked first (where visible) and the viewport is taken.
// With --draft, the application form starts from that saved draft
// (e.g. tests/e2e/fixtures/complete-draft.json).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, visit, ROOT } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const clickAt = args.indexOf('--click');
const click = clickAt >= 0 ? args.splice(clickAt, 2)[1] : null;
const draftAt = args.indexOf('--draft');
const draft = draftAt >= 0 ? readFileSync(args.splice(draftAt, 2)[1], 'utf8') : null;
const routes = args.length ? args : ['/'];
const out = join(ROOT, 'tests', 'e2e', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
for (const route of routes) {
  for (const lang of ['fr', 'ar', 'en']) {
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [360, 1280]) {
        const page = await openPage(browser, { width, height: width === 360 ? 740 : 900, colorScheme });
        if (draft) await page.addInitScript((d) => localStorage.setItem('cluster-enr.apply.draft', d), draft);
        await visit(page, server.url, `${route}${route.includes('?') ? '&' : '?'}lang=${lang}`);
        const opened = click && await page.isVisible(click);
        if (opened) await page.click(click);
        const name = `${route.replace(/[^a-z0-9]+/gi, '_') || 'home'}${opened ? '-clicked' : ''}-${lang}-${colorScheme}-${width}.png`;
        await page.screenshot({ path: join(out, name), fullPage: !opened });
        if (page.errors.length) console.error(name, page.errors);
        await page.context().close();
      }
    }
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
