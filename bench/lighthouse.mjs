// Lighthouse 12.2.3 (mobile: slow 4G, 4x CPU, as Lighthouse simulates it) on
// the pre-rendered pages, served by the reference server from dist/ as in
// production (precompressed files, CSP). A benchmark, not a test: the
// scores move from run to run, so each page is run N times and the median
// performance run is reported. `npx` fetches Lighthouse at the pinned
// version (13 needs Node 22); CHROME_PATH is Debian's Chromium, in French
// (`--lang=fr-FR`): the visitor whose language the unprefixed pages are in.
//
//   node bench/lighthouse.mjs [N]      (default 3; needs a release build in dist/)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRealServer, stopRealServers, bundledText, ROOT } from '../tests/e2e/harness.mjs';

/** The pages the portal promises Lighthouse figures for: the main routes and a profile. */
export function lighthousePages() {
  const member = JSON.parse(bundledText()).members[0];
  return ['/', '/members', `/members/${member.id}`, '/sectors', '/incubator', '/apply'];
}

/** One Lighthouse run of `url`: the four categories' scores and the paint and blocking figures. */
export function lighthouse(url) {
  const report = join(tmpdir(), `cluster-lh-${process.pid}.json`);
  const lh = spawnSync('npx', ['-y', 'lighthouse@12.2.3', url, '--quiet', '--output=json', `--output-path=${report}`,
    '--only-categories=performance,accessibility,seo,best-practices', '--chrome-flags=--headless=new --no-sandbox --disable-gpu --lang=fr-FR'],
  { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' } });
  if (lh.status !== 0 || !existsSync(report)) return { error: (lh.stderr || lh.stdout).slice(-1000) };
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  const failed = (category) => r.categories[category].auditRefs
    .filter((a) => a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1).map((a) => a.id);
  return {
    performance: r.categories.performance.score, accessibility: r.categories.accessibility.score,
    seo: r.categories.seo.score, bestPractices: r.categories['best-practices'].score,
    fcp: r.audits['first-contentful-paint'].numericValue, lcp: r.audits['largest-contentful-paint'].numericValue,
    tbt: r.audits['total-blocking-time'].numericValue, cls: r.audits['cumulative-layout-shift'].numericValue,
    missed: [...failed('accessibility'), ...failed('seo'), ...failed('best-practices')],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 3);
  const base = await startRealServer();
  const ms = (v) => `${Math.round(v)} ms`;
  console.log('| page | performance | accessibility | SEO | best practices | FCP | LCP | TBT | CLS | below 1 |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const path of lighthousePages()) {
    const all = Array.from({ length: runs }, () => lighthouse(base + path));
    const ok = all.filter((r) => !r.error).sort((a, b) => a.performance - b.performance);
    if (!ok.length) { console.log(`| \`${path}\` | failed: ${all[0].error.split('\n')[0]} |`); continue; }
    const m = ok[Math.floor(ok.length / 2)];
    const perf = ok.map((r) => r.performance.toFixed(2)).join(' / ');
    console.log(`| \`${path}\` | ${m.performance.toFixed(2)} (${perf}) | ${m.accessibility.toFixed(2)} | ${m.seo.toFixed(2)} | ${m.bestPractices.toFixed(2)} | ${ms(m.fcp)} | ${ms(m.lcp)} | ${ms(m.tbt)} | ${m.cls.toFixed(3)} | ${m.missed.join(', ') || '–'} |`);
  }
  stopRealServers();
}
