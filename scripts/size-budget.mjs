// Compressed size of each entry of the release build against its own budget
// (DESIGN.md, "Quality bars"): the app, each embed page (the largest is
// checked), and the partner script. Brotli quality 11 per file, as a host
// serving precompressed files sends them.
// Usage: node scripts/size-budget.mjs [dist] [--json]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

// Bytes. Growth past a budget is a decision recorded in the README ("Size").
export const BUDGETS = {
  // 150 000 with the app shell, 200 000 with the data layer, 260 000 with the
  // directories, 270 000 with their REST mode, 307 000 with the charts
  // (+38 400 B; the charts issue aimed at +10 000 B: README, "Size", says
  // what was tried), 312 500 with the directories' edges (filter panel,
  // aborted requests, CSV and record errors: +7 250 B), 317 000 with the
  // incubator's calls (their reader in the document and the call notice:
  // +4 500 B), 318 000 to leave room for the folder the build runs in: the
  // wasm holds absolute source paths (panic locations, the generated i18n
  // module), so the same commit measures about 100–150 B more or less from
  // one checkout folder to another; 406 500 with the application form
  // (+88 300 B where its issue allowed 25 000 B: README, "Size", says what
  // was measured and what is left to try); 410 500 with the data in halves
  // (+4 267 B of code, −28 400 B of data on /members) and the pages drawn
  // in one piece with their data (no layout shift: +277 B); 411 000 for the
  // folder the build runs in (a clean clone measured 410 216 B where this
  // checkout measures 409 939 B); 245 000 as the portal's entry (home,
  // sectors, incubator: 243 541 B; cluster_core::route::Entry), the
  // directories and the form having their own entries; 246 000 with the
  // compact document in memory (shared ids read through a pool, a body read
  // into one reused buffer: +946 B here; at 100 000 members the page grows
  // by 205 MB instead of 249 MB).
  app: 246_000,
  // The directories' entry: the same page and stylesheets, the directories
  // and their profiles in the wasm (267 847 B); 270 500 with the compact
  // document and index in memory (+1 184 B: 269 593 B here).
  directories: 270_500,
  // The application form's entry: the form and the status page (292 436 B);
  // 300 500 with its steps kept drawn and drawn ahead (+4 900 B, then
  // +650 B for their shared grid cell: 299 327 B here, about 400 B more in
  // a clean clone); 301 000 with the steps laid out ahead and the check
  // page kept (+515 B) and the loader's separate start (+126 B in every
  // entry): 299 961 B here, 300 251 B in a clean clone of an earlier build;
  // 302 500 with the compact document in memory (+1 287 B: 301 821 B here).
  'application form': 302_500,
  // The whole first load of /members: the directories' entry, config.json
  // and the members' half of the data (data/members.json, not the whole
  // document: 20 759 B where cluster.json is 49 180 B). 432 000 when it
  // loaded the whole app; 290 000 with its own entry (288 667 B); 291 500
  // with the compact document in memory (+1 184 B: 290 413 B here).
  'first load of /members': 291_500,
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
  const index = join(dist, 'index.html');
  // index.html itself (its scripts are inline) and its stylesheets, then one entry's script and wasm.
  const shell = pageFiles(dist, index).filter((f) => !/\.(js|wasm)$/.test(f));
  const entries = appEntries(dist);
  const files = (e) => [...shell, join(dist, e.js), join(dist, e.wasm)];
  const app = entry('app', files(entries.portal));
  const directory = entry('directories', files(entries.directory));
  const apply = entry('application form', files(entries.apply));
  const embedDir = join(dist, 'embed');
  const embeds = existsSync(embedDir)
    ? readdirSync(embedDir).map((id) => entry(`embed/${id}`, pageFiles(dist, join(embedDir, id, 'index.html'))))
    : [];
  const partner = entry('embed.js', [join(dist, 'embed.js')]);
  const members = entry('first load of /members', [...directory.files.map((f) => f.file), join(dist, 'config.json'), join(dist, 'data', 'members.json')]);
  return { app, directory, apply, embeds, partner, members };
}

function main() {
  const { app, directory, apply, embeds, partner, members } = measure(dir);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ app: app.total, [directory.name]: directory.total, [apply.name]: apply.total, [members.name]: members.total, embeds: Object.fromEntries(embeds.map((e) => [e.name, e.total])), 'embed.js': partner.total }));
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
  check(members, BUDGETS[members.name]);
  if (embeds.length === 0) { console.error('no embed page in ' + dir + '/embed: did the post_build hook run?'); failed = true; }
  for (const e of embeds) console.log(`${e.name}: ${e.total} B`);
  const largest = embeds.reduce((a, b) => (b.total > (a?.total ?? -1) ? b : a), null);
  if (largest) { console.log('largest embed:'); check(largest, BUDGETS.embed); }
  const wasm = embeds.flatMap((e) => e.files).filter((f) => f.file.endsWith('.wasm'));
  if (wasm.length) { console.error('an embed loads wasm'); failed = true; }
  check(partner, BUDGETS['embed.js']);
  // Production sends the build's own compressed copies (cluster-data compress).
  const bare = [app, directory, apply, ...embeds, partner].flatMap((e) => e.files).filter((f) => !existsSync(`${f.file}.br`) || !existsSync(`${f.file}.gz`));
  if (bare.length) { console.error(`no precompressed copy of ${bare.map((f) => f.file).join(', ')}: did the post_build hook run?`); failed = true; }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
