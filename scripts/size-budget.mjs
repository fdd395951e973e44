// Fails when brotli(wasm + JS + CSS + HTML) of the release build exceeds the budget.
// Usage: node scripts/size-budget.mjs <dist>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

// Bytes. Started at 150 000 with the app shell (134 600 B measured); raised to
// 200 000 when the data layer landed (serde_json and the typed document model:
// +55 000 B), then to 260 000 with the directories and profiles (+58 000 B),
// then to 270 000 with their server-side (REST) mode (+17 000 B).
// See README, "Size". Growth past it is a decision, not drift.
const BUDGET = 270_000;
const dir = process.argv[2] ?? 'dist';
const counted = new Set(['.wasm', '.js', '.css', '.html']);

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (counted.has(extname(p))) yield p;
  }
}

let total = 0;
for (const f of files(dir)) {
  const raw = readFileSync(f);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`${f.padEnd(60)} ${String(raw.length).padStart(9)} B raw ${String(br).padStart(8)} B brotli`);
}
console.log(`total brotli: ${total} B of a ${BUDGET} B budget (${(100 * total / BUDGET).toFixed(1)} %)`);
if (total === 0) { console.error('no file counted: is the build in ' + dir + '?'); process.exit(1); }
if (total > BUDGET) { console.error(`over budget by ${total - BUDGET} B`); process.exit(1); }
