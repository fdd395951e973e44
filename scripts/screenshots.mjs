// Screenshots of the release build for a person to look at (not a test):
// every given route in fr and ar, light and dark, at 360 px and 1280 px.
// Usage: node scripts/screenshots.mjs [route …]   (after `trunk build --release`)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, visit, ROOT } from '../tests/e2e/harness.mjs';

const routes = process.argv.slice(2).length ? process.argv.slice(2) : ['/'];
const out = join(ROOT, 'tests', 'e2e', 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
for (const route of routes) {
  for (const lang of ['fr', 'ar', 'en']) {
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [360, 1280]) {
        const page = await openPage(browser, { width, height: width === 360 ? 740 : 900, colorScheme });
        await visit(page, server.url, `${route}${route.includes('?') ? '&' : '?'}lang=${lang}`);
        const name = `${route.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${lang}-${colorScheme}-${width}.png`;
        await page.screenshot({ path: join(out, name), fullPage: true });
        if (page.errors.length) console.error(name, page.errors);
        await page.context().close();
      }
    }
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
