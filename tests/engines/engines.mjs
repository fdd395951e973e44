// The two other browser engines, behind the few calls the journeys need:
// Firefox (Debian's firefox-esr) driven by Puppeteer over WebDriver BiDi,
// and WebKit (WebKitGTK's MiniBrowser) through its WebDriver server,
// WebKitWebDriver, in a virtual X display (xvfb-run). Chromium is driven by
// Playwright in tests/e2e/.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** WebKitGTK's MiniBrowser, in the machine's own library folder (e.g. /usr/lib/x86_64-linux-gnu). */
export const MINIBROWSER = process.env.MINIBROWSER ?? (() => {
  for (const arch of readdirSync('/usr/lib')) {
    const path = `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(path)) return path;
  }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
})();

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free loopback port. */
function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * What both engines offer. `fn` is a function run in the page with `args`
 * (JSON values); it may return a promise.
 */
class Engine {
  /** Polls `fn(...args)` in the page until it is truthy; its value. */
  async waitFor(fn, args = [], what = String(fn), timeout = 30000) {
    const until = Date.now() + timeout;
    for (;;) {
      let value, error;
      // A navigation under way can fail one evaluation: try again.
      try { value = await this.eval(fn, ...args); } catch (e) { error = e; }
      if (value) return value;
      if (Date.now() > until) {
        const page = await this.eval(() => document.body?.innerText.replace(/\s+/g, ' ').slice(0, 400)).catch(() => '?');
        throw new Error(`${this.name}: timed out waiting for ${what} on ${await this.url().catch(() => '?')}${error ? ` (${error.message})` : ''}; the page says: ${page}`);
      }
      await sleep(100);
    }
  }

  /** Waits for an element matching `selector`. */
  waitForSelector(selector) {
    return this.waitFor((s) => !!document.querySelector(s), [selector], selector);
  }

  /**
   * axe-core's violations on the page, as `id (impact): targets` lines. Its source is
   * run by the driver, as a debugger would, so the server's CSP (no inline
   * script) does not stop it.
   */
  async axe() {
    if (!(await this.eval(() => 'axe' in window))) await this.run(readFileSync(AXE, 'utf8'));
    return this.eval(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  }

  /** Waits until the first element matching `selector` has text matching `pattern` (a RegExp). */
  waitForText(selector, pattern) {
    return this.waitFor((s, source, flags) => new RegExp(source, flags).test(document.querySelector(s)?.textContent ?? ''),
      [selector, pattern.source, pattern.flags], `${selector} to match ${pattern}`);
  }
}

class Firefox extends Engine {
  name = 'Firefox';
  static async open() {
    const e = new Firefox();
    e.browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    e.page = await e.browser.newPage();
    await e.page.setViewport({ width: 1280, height: 900 });
    e.errors = [];
    e.page.on('pageerror', (err) => e.errors.push(String(err)));
    return e;
  }
  async version() { return this.browser.version(); }
  async goto(url) { await this.page.goto(url); }
  async url() { return this.page.url(); }
  async eval(fn, ...args) { return this.page.evaluate(fn, ...args); }
  async run(source) { await this.page.evaluate(source); }
  async click(selector) { await this.waitForSelector(selector); await this.page.click(selector); }
  async fill(selector, text) {
    await this.waitForSelector(selector);
    await this.page.$eval(selector, (el) => { el.value = ''; });
    await this.page.type(selector, text);
  }
  async screenshot(path) { await this.page.screenshot({ path }); }
  async close() { await this.browser.close(); }
}

/** The element reference key of the W3C WebDriver protocol. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

class WebKit extends Engine {
  name = 'WebKit';
  static async open() {
    const e = new WebKit();
    e.port = await freePort();
    // Its own process group: the display server and the driver end together.
    e.driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', 'WebKitWebDriver', `--port=${e.port}`], { stdio: 'ignore', detached: true });
    for (let i = 0; ; i++) {
      try { await e.wd('GET', '/status'); break; } catch (err) { if (i > 100) throw err; await sleep(100); }
    }
    const session = await e.wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    e.session = session.sessionId;
    e.caps = session.capabilities;
    e.errors = [];
    await e.wd('POST', `/session/${e.session}/window/rect`, { width: 1280, height: 900 }).catch(() => {});
    return e;
  }
  async wd(method, path, body) {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }
  s(path) { return `/session/${this.session}${path}`; }
  async version() { return `MiniBrowser ${this.caps.browserVersion}`; }
  async goto(url) { await this.wd('POST', this.s('/url'), { url }); }
  async url() { return this.wd('GET', this.s('/url')); }
  async eval(fn, ...args) {
    // The function's own value, or what its promise resolves to.
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ error: String(e) }));`;
    const r = await this.wd('POST', this.s('/execute/async'), { script, args });
    if (r && 'error' in r) throw new Error(r.error);
    return r?.ok;
  }
  async run(source) { await this.wd('POST', this.s('/execute/sync'), { script: source, args: [] }); }
  async element(selector) {
    await this.waitForSelector(selector);
    return (await this.wd('POST', this.s('/element'), { using: 'css selector', value: selector }))[ELEMENT];
  }
  async click(selector) { await this.wd('POST', this.s(`/element/${await this.element(selector)}/click`), {}); }
  async fill(selector, text) {
    const id = await this.element(selector);
    await this.wd('POST', this.s(`/element/${id}/clear`), {});
    await this.wd('POST', this.s(`/element/${id}/value`), { text });
  }
  async screenshot(path) { writeFileSync(path, Buffer.from(await this.wd('GET', this.s('/screenshot')), 'base64')); }
  async close() {
    await this.wd('DELETE', this.s('')).catch(() => {});
    try { process.kill(-this.driver.pid); } catch { /* already gone */ }
  }
}

/** Both engines, `[name, open]`: scripts/setup.sh installs them; a missing one fails. */
export const ENGINES = [['Firefox', () => Firefox.open()], ['WebKit', () => WebKit.open()]];
