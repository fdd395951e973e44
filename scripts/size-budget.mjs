// Compressed size of each entry of the release build against its own budget
// (docs/quality.md, docs/sizes.md): the app's three entries, the first load
// of /members, each embed page (the largest is checked), and the partner
// script. Brotli quality 11 per file, as a host
// serving precompressed files sends them.
// Usage: node scripts/size-budget.mjs [dist] [--json]
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

// Bytes, brotli. A budget is a ceiling chosen on purpose, with headroom
// (about 1.5 % over the build that set it), not the last measurement plus a
// few hundred bytes; raising one is a decision recorded in docs/sizes.md
// with its figures. The wasm holds no build path (scripts/wasm-env.sh), so a
// commit measures the same in any folder.
export const BUDGETS = {
  // The portal's entry (home, sectors, incubator): the home page
  // (index.html, pre-rendered: docs/prerender.md), its CSS, the portal's
  // script and wasm.
  app: 253_000,
  // The directories' entry: the members' page (members.html), its CSS, the
  // directories' script and wasm.
  directories: 278_500,
  // The application form's entry: its page (apply.html), its CSS, the
  // form's script and wasm.
  'application form': 311_500,
  // The review's entry (docs/staff.md): the shell its pages are served as
  // (index.shell.html), its CSS with the workspace's own stylesheet, its
  // script and wasm: the team's screens and the applicant's correction
  // (the form's fields and checks). No public page loads any of it.
  'review workspace': 400_000,
  // The whole first load of /members: the directories' entry, config.json
  // and the members' half of the data (data/members.json).
  'first load of /members': 299_500,
  // The pre-rendered HTML alone, in its largest language: a profile (the
  // largest of all), the members' page.
  'profile page HTML': 6_000,
  'members page HTML': 20_000,
  // One embed's whole first load: its page (the chart in three languages),
  // its stylesheet and its script; no wasm.
  embed: 15_000,
  // public/embed.js, loaded by partner pages.
  'embed.js': 1_500,
};

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The same-site files an HTML page loads itself: stylesheets and scripts (the embeds: their whole load). */
export function pageFiles(dist, htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const refs = new Set();
  for (const m of html.matchAll(/(?:href|src)="(\/[^"?#]+\.(?:css|js))"|['"](\/[^'"?#]+\.(?:js|wasm))['"]/g)) refs.add(m[1] ?? m[2]);
  return [htmlPath, ...[...refs].map((r) => join(dist, r))];
}

/**
 * The app's entries, from the loader in index.html (crates/data/src/entries.rs):
 * `{ portal: { js, wasm }, directory: { js, wasm }, apply: { js, wasm } }`, as site paths.
 */
export function appEntries(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // The loader's table (crates/data/src/entries.rs): one line of JSON.
  const found = html.match(/var table = (\{.*\});/);
  if (!found) throw new Error(`no entry loader in ${dist}/index.html: did the post_build hook run?`);
  return JSON.parse(found[1]).entries;
}

/** Each entry: its files and their brotli sizes. */
export function measure(dist) {
  const entry = (name, files) => {
    const sized = files.map((f) => ({ file: f, raw: readFileSync(f).length, brotli: br(f) }));
    return { name, files: sized, total: sized.reduce((s, f) => s + f.brotli, 0) };
  };
  // A page of the entry (its scripts are inline) and its stylesheets, then
  // the entry's script and wasm. A debug build has no pre-rendered pages:
  // index.html stands for each.
  const page = (file) => (existsSync(join(dist, file)) ? join(dist, file) : join(dist, 'index.html'));
  const sheets = (html) => pageFiles(dist, html).filter((f) => !/\.(js|wasm)$/.test(f));
  const entries = appEntries(dist);
  const files = (html, e) => [html, ...sheets(html).filter((f) => f !== html), join(dist, e.js), join(dist, e.wasm)];
  const app = entry('app', files(page('index.html'), entries.portal));
  const directory = entry('directories', files(page('members.html'), entries.directory));
  const apply = entry('application form', files(page('apply.html'), entries.apply));
  const shell = page('index.shell.html');
  const staff = entry('review workspace', [...files(shell, entries.staff), join(dist, 'staff.css')]);
  // The 20 largest pages before compression are compressed, not all 2 400
  // (brotli 11 takes 40 s on them): the largest after compression is among
  // them, or within a few bytes of it (4 873 B here against 4 876 B over all).
  const largest = (files) => {
    const byRaw = files.map((f) => ({ file: f, raw: statSync(f).size })).sort((a, b) => b.raw - a.raw).slice(0, 20);
    return entry('', byRaw.map((f) => f.file)).files.reduce((a, b) => (b.brotli > a.brotli ? b : a), { brotli: -1 });
  };
  const pagesOf = (sub) => ['', 'ar', 'en'].flatMap((l) => {
    const d = join(dist, l, sub);
    return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.html')).map((f) => join(d, f)) : [];
  });
  const profiles = [...pagesOf('members'), ...pagesOf('startups')];
  const profile = entry('profile page HTML', profiles.length ? [largest(profiles).file] : []);
  const listPages = ['members.html', 'ar/members.html', 'en/members.html'].map((f) => join(dist, f)).filter(existsSync);
  const membersPage = entry('members page HTML', listPages.length ? [largest(listPages).file] : []);
  const embedDir = join(dist, 'embed');
  const embeds = existsSync(embedDir)
    ? readdirSync(embedDir).map((id) => entry(`embed/${id}`, pageFiles(dist, join(embedDir, id, 'index.html'))))
    : [];
  const partner = entry('embed.js', [join(dist, 'embed.js')]);
  const members = entry('first load of /members', [...directory.files.map((f) => f.file), join(dist, 'config.json'), join(dist, 'data', 'members.json')]);
  return { app, directory, apply, staff, embeds, partner, members, profile, membersPage };
}

function main() {
  const { app, directory, apply, staff, embeds, partner, members, profile, membersPage } = measure(dir);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ app: app.total, [directory.name]: directory.total, [apply.name]: apply.total, [staff.name]: staff.total, [members.name]: members.total, [profile.name]: profile.total, [membersPage.name]: membersPage.total, embeds: Object.fromEntries(embeds.map((e) => [e.name, e.total])), 'embed.js': partner.total }));
    return;
  }
  let failed = false;
  const check = (e, budget) => {
    for (const f of e.files) console.log(`  ${f.file.padEnd(58)} ${String(f.raw).padStart(9)} B raw ${String(f.brotli).padStart(8)} B brotli`);
    const over = e.total > budget;
    failed ||= over || e.files.length === 0;
    console.log(`${e.name}: ${e.total} B of a ${budget} B budget (${(100 * e.total / budget).toFixed(1)} %)${over ? `: OVER by ${e.total - budget} B` : ''}\n`);
  };
  check(app, BUDGETS.app);
  check(directory, BUDGETS[directory.name]);
  check(apply, BUDGETS[apply.name]);
  check(staff, BUDGETS[staff.name]);
  check(members, BUDGETS[members.name]);
  check(profile, BUDGETS[profile.name]);
  check(membersPage, BUDGETS[membersPage.name]);
  if (embeds.length === 0) { console.error('no embed page in ' + dir + '/embed: did the post_build hook run?'); failed = true; }
  for (const e of embeds) console.log(`${e.name}: ${e.total} B`);
  const largest = embeds.reduce((a, b) => (b.total > (a?.total ?? -1) ? b : a), null);
  if (largest) { console.log('largest embed:'); check(largest, BUDGETS.embed); }
  const wasm = embeds.flatMap((e) => e.files).filter((f) => f.file.endsWith('.wasm'));
  if (wasm.length) { console.error('an embed loads wasm'); failed = true; }
  check(partner, BUDGETS['embed.js']);
  // Production sends the build's own compressed copies (cluster-data compress).
  const bare = [app, directory, apply, staff, ...embeds, partner].flatMap((e) => e.files).filter((f) => !existsSync(`${f.file}.br`) || !existsSync(`${f.file}.gz`));
  if (bare.length) { console.error(`no precompressed copy of ${bare.map((f) => f.file).join(', ')}: did the post_build hook run?`); failed = true; }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
