"""The zarr-python peer: zarr 2.13 (Debian) with zarr.LRUStoreCache over an FSStore on fsspec's HTTP filesystem.

Usage: /usr/bin/python3 read_zarr_python.py <array-url> <selections.tsv> <cold> <warm> <out.json> [reuse]
With "reuse", each selection is read with get_basic_selection(..., out=buffer) into one numpy array kept for the whole
process (made by its first read, in the untimed warm-up), as ZarrCache.Peers' "reuse" reads with ReadIntoAsync.
Protocol (the same in read_zarrita.mjs and ZarrCache.Peers): one origin store for the process; per selection, <cold>
times a fresh cache, the array opened on it (untimed: metadata is then cached), and one timed read; then <warm> timed
reads on the last cache. Before any of that, WARMUP_PASSES (environment, default 5) untimed passes, each on a fresh cache
reading every selection twice (cold, then warm), warm imports, JIT and connections, then SETTLE_MS (default 1000) of
rest lets background compilation finish; the same protocol for every reader.
The result bytes (float32, little endian, C order; a read of several selections concatenates them) are SHA-256 hashed.
"""
import hashlib
import json
import os
import sys
import time

import fsspec
import numpy as np
import zarr

url, selections_path, cold, warm, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
reuse = len(sys.argv) > 6 and sys.argv[6] == "reuse"
buffers = {}
CACHE_BYTES = 256 * 1024 * 1024


def parse(text):
    if text.strip() == "":
        return Ellipsis
    items = []
    for part in text.split(","):
        if ":" in part:
            start, stop = part.split(":")
            items.append(slice(int(start) if start else None, int(stop) if stop else None))
        else:
            items.append(int(part))
    return tuple(items)


selections = []
with open(selections_path) as f:
    for line in f:
        name, text = line.rstrip("\n").split("\t")
        selections.append((name, [parse(s) for s in text.split(";")]))

origin = zarr.storage.FSStore(url, mode="r")


def fresh():
    # zarr.Array, not zarr.open_array: open_array asks the cache whether the array exists, and LRUStoreCache answers
    # that by listing the whole store, which fsspec's HTTP filesystem does by fetching a directory index (nginx: 403).
    # LRUStoreCache has no getitems, so zarr 2.13 reads the chunks of a selection one after the other through it.
    return zarr.Array(zarr.LRUStoreCache(origin, max_size=CACHE_BYTES), read_only=True)


def read(arr, parts):
    if not reuse:
        return [arr[p] for p in parts]
    results = []
    for i, p in enumerate(parts):
        key = (id(parts), i)
        if key in buffers:
            results.append(arr.get_basic_selection(p, out=buffers[key]))
        else:
            first = np.asarray(arr[p])  # the first read (untimed warm-up) sizes the buffer; a point becomes a 0-d array
            buffers[key] = np.array(first)
            results.append(first)
    return results


def digest(results):
    h = hashlib.sha256()
    for r in results:
        h.update(np.ascontiguousarray(np.asarray(r, dtype="<f4")).tobytes())
    return h.hexdigest()


for _ in range(int(os.environ.get("WARMUP_PASSES", "5"))):
    warmup = fresh()  # each pass on a fresh cache: the cold path and the warm path both run
    for _ in range(2):
        for _, parts in selections:
            read(warmup, parts)
time.sleep(int(os.environ.get("SETTLE_MS", "1000")) / 1000)

report = {"implementation": "zarr-python+reused" if reuse else "zarr-python",
          "version": f"zarr {zarr.__version__}, fsspec {fsspec.__version__}"
                     + ("; get_basic_selection(out=) into one reused array per selection" if reuse else ""),
          "selections": []}
for name, parts in selections:
    cold_ms, warm_ms, hashes = [], [], set()
    for _ in range(cold):
        arr = fresh()
        t0 = time.perf_counter_ns()
        got = read(arr, parts)
        cold_ms.append((time.perf_counter_ns() - t0) / 1e6)
        hashes.add(digest(got))
    for _ in range(warm):
        t0 = time.perf_counter_ns()
        got = read(arr, parts)
        warm_ms.append((time.perf_counter_ns() - t0) / 1e6)
    hashes.add(digest(got))
    report["selections"].append({"name": name, "cold_ms": cold_ms, "warm_ms": warm_ms, "sha256": sorted(hashes)})

with open(out, "w") as f:
    json.dump(report, f, indent=1)
