// Reads regions of one Zarr array with zarrita's get(array, selection) from a local folder and prints a JSON array,
// one {"shape", "data"} per selection, in the order given.
// Usage: node read-regions.mjs <store-root> <array-path> <v2|v3> <selection>...
// A selection is NumPy-like text: per leading dimension an index ("5") or a slice ("1:7", "3:", ":"), "," between;
// dimensions left out mean all; "" selects the whole array. data is in C order, written as read.mjs writes it (bigints and non-finite floats as
// strings). A selection of only indices gives a scalar: shape [] and one value.
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";

const [root, path = "", version, ...selections] = process.argv.slice(2);
const store = new FileSystemStore(root);
const location = zarr.root(store).resolve(path);
const open = version === "v2" ? zarr.open.v2 : version === "v3" ? zarr.open.v3 : zarr.open;
const arr = await open(location, { kind: "array" });

function parse(text) {
  if (text.trim() === "") return null;
  const items = text.split(",").map((part) => {
    part = part.trim();
    if (!part.includes(":")) return Number.parseInt(part, 10);
    const [start, stop] = part.split(":").map((s) => s.trim());
    return zarr.slice(start === "" ? null : Number.parseInt(start, 10), stop === "" ? null : Number.parseInt(stop, 10));
  });
  while (items.length < arr.shape.length) items.push(null);
  return items;
}

function text(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v;
}

const results = [];
for (const selection of selections) {
  const got = await zarr.get(arr, parse(selection));
  if (got === null || typeof got !== "object" || !("shape" in got)) {
    results.push({ shape: [], data: [text(got)] });
    continue;
  }
  // zarrita may hand back a strided view: walk it in C order.
  const { shape, stride } = got;
  const count = shape.reduce((a, b) => a * b, 1);
  const data = [];
  const index = new Array(shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    let offset = 0;
    for (let d = 0; d < shape.length; d++) offset += index[d] * stride[d];
    data.push(text(typeof got.data.get === "function" ? got.data.get(offset) : got.data[offset]));
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  results.push({ shape, data });
}
process.stdout.write(JSON.stringify(results));
process.stdout.write("\n");
