// The zarrita.js peer: zarrita's withByteCaching (a Map per cache) over its FetchStore.
// Usage: node read.mjs <array-url> <selections.tsv> <cold> <warm> <out.json>
// Protocol as in ../read_zarr_python.py: one origin store; per selection, <cold> times a fresh cache, the array opened
// on it (untimed), one timed read; then <warm> timed reads on the last cache. First WARMUP_PASSES (environment,
// default 5) untimed passes, each on a fresh cache reading everything twice, then SETTLE_MS (default 1000) of rest:
// the same protocol for every reader.
// Result bytes (float32 little endian, C order, several selections concatenated) are SHA-256 hashed.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as zarr from "zarrita";

const [url, selectionsPath, coldText, warmText, out] = process.argv.slice(2);
const cold = Number.parseInt(coldText, 10);
const warm = Number.parseInt(warmText, 10);

function parse(text, rank) {
  if (text.trim() === "") return null;
  const items = text.split(",").map((part) => {
    if (!part.includes(":")) return Number.parseInt(part, 10);
    const [start, stop] = part.split(":");
    return zarr.slice(start === "" ? null : Number.parseInt(start, 10), stop === "" ? null : Number.parseInt(stop, 10));
  });
  while (items.length < rank) items.push(null);
  return items;
}

const lines = readFileSync(selectionsPath, "utf8").split("\n").filter((l) => l.length > 0);
const origin = new zarr.FetchStore(url);

async function fresh() {
  const store = zarr.withByteCaching(origin, { cache: new Map() });
  return zarr.open.v2(zarr.root(store), { kind: "array", attrs: false });
}

async function read(arr, texts) {
  const results = [];
  for (const text of texts) results.push(await zarr.get(arr, parse(text, arr.shape.length)));
  return results;
}

// zarrita returns a number for an all-index selection, else { data, shape, stride } (maybe strided): C-order bytes.
function bytes(got) {
  if (typeof got === "number") return Buffer.from(Float32Array.of(got).buffer);
  const { data, shape, stride } = got;
  const count = shape.reduce((a, b) => a * b, 1);
  let contiguous = true;
  for (let d = shape.length - 1, s = 1; d >= 0; s *= shape[d], d--) if (shape[d] > 1 && stride[d] !== s) contiguous = false;
  if (contiguous && data.length === count) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const copy = new Float32Array(count);
  const index = new Array(shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    let offset = 0;
    for (let d = 0; d < shape.length; d++) offset += index[d] * stride[d];
    copy[n] = data[offset];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return Buffer.from(copy.buffer);
}

function digest(results) {
  const h = createHash("sha256");
  for (const r of results) h.update(bytes(r));
  return h.digest("hex");
}

const selections = lines.map((l) => {
  const [name, text] = l.split("\t");
  return { name, texts: text.split(";") };
});

const warmupPasses = Number.parseInt(process.env.WARMUP_PASSES ?? "5", 10);
for (let pass = 0; pass < warmupPasses; pass++) {
  const warmup = await fresh(); // each pass on a fresh cache: the cold path and the warm path both run
  for (let twice = 0; twice < 2; twice++) {
    for (const s of selections) await read(warmup, s.texts);
  }
}
await new Promise((resolve) => setTimeout(resolve, Number.parseInt(process.env.SETTLE_MS ?? "1000", 10)));

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const version = JSON.parse(readFileSync(new URL("./node_modules/zarrita/package.json", import.meta.url), "utf8")).version;
const report = { implementation: "zarrita.js", version: `zarrita ${version}, node ${process.versions.node}`, selections: [] };
for (const { name, texts } of selections) {
  const coldMs = [], warmMs = [], hashes = new Set();
  let arr, got;
  for (let i = 0; i < cold; i++) {
    arr = await fresh();
    const t0 = process.hrtime.bigint();
    got = await read(arr, texts);
    coldMs.push(ms(t0));
    hashes.add(digest(got));
  }
  for (let i = 0; i < warm; i++) {
    const t0 = process.hrtime.bigint();
    got = await read(arr, texts);
    warmMs.push(ms(t0));
  }
  hashes.add(digest(got));
  report.selections.push({ name, cold_ms: coldMs, warm_ms: warmMs, sha256: [...hashes].sort() });
}
writeFileSync(out, JSON.stringify(report, null, 1));
