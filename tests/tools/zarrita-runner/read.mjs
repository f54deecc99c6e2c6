// Reads one Zarr array with zarrita from a local folder and prints {"shape", "dtype", "data"} as JSON on stdout.
// Usage: node read.mjs <store-root> <array-path> [v2|v3]
// <store-root> is a local folder, or an http(s):// URL (read with zarrita's FetchStore, e.g. through zarr-cache serve).
// data is in C order; bigints and non-finite floats are written as strings ("NaN", "Infinity", "-Infinity");
// complex values are flattened as [re, im] pairs by zarrita's typed arrays and written that way.
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";
import FetchStore from "@zarrita/storage/fetch";

const [root, path = "", version] = process.argv.slice(2);
const store = /^https?:\/\//.test(root) ? new FetchStore(root) : new FileSystemStore(root);
const location = zarr.root(store).resolve(path);
const open = version === "v2" ? zarr.open.v2 : version === "v3" ? zarr.open.v3 : zarr.open;
const arr = await open(location, { kind: "array" });
const chunk = await zarr.get(arr);
// zarrita may hand back a strided view (F order arrays): walk it in C order.
const { shape, stride } = chunk;
const count = shape.reduce((a, b) => a * b, 1);
const ordered = [];
const index = new Array(shape.length).fill(0);
for (let n = 0; n < count; n++) {
  let offset = 0;
  for (let d = 0; d < shape.length; d++) offset += index[d] * stride[d];
  ordered.push(typeof chunk.data.get === "function" ? chunk.data.get(offset) : chunk.data[offset]);
  for (let d = shape.length - 1; d >= 0; d--) {
    if (++index[d] < shape[d]) break;
    index[d] = 0;
  }
}
const values = [];
for (const v of ordered) {
  if (typeof v === "bigint") values.push(v.toString());
  else if (typeof v === "number" && !Number.isFinite(v)) values.push(String(v));
  else values.push(v);
}
const data = Array.from(values);
process.stdout.write(JSON.stringify({ shape, dtype: arr.dtype, data }));
process.stdout.write("\n");
