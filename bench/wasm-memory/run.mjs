// Feeds a data document to the core compiled to wasm32 in 64 KB chunks,
// then builds its members' index step by step, and prints the wasm memory
// after each phase and the longest step (bench/wasm-memory.sh).
import { readFileSync, openSync, readSync } from 'node:fs';

const [wasmPath, docPath] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const x = instance.exports;
const mb = () => `${(x.memory.buffer.byteLength / 2 ** 20).toFixed(1)} MB`;
const fd = openSync(docPath);
const buf = Buffer.alloc(64 * 1024);
for (let n; (n = readSync(fd, buf)) > 0;) {
  const at = x.chunk(n); // may grow the memory: its buffer is read after
  new Uint8Array(x.memory.buffer, at, n).set(buf.subarray(0, n));
  if (!x.feed(n)) throw new Error('malformed document');
}
if (!x.finish()) throw new Error('malformed document');
console.log(`document read: wasm memory ${mb()}`);
let steps = 0, longest = 0, total = 0;
for (let done = false; !done; steps++) {
  const t = performance.now();
  done = x.step();
  const d = performance.now() - t;
  longest = Math.max(longest, d);
  total += d;
}
console.log(`members indexed: wasm memory ${mb()}; ${steps} steps, ${total.toFixed(0)} ms, the longest ${longest.toFixed(1)} ms`);
