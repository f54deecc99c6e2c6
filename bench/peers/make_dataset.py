"""Writes the peer benchmark's dataset with Debian's zarr-python 2.13, and the selections every reader reads.

Usage: /usr/bin/python3 make_dataset.py <out-dir> [seed]
Writes <out-dir>/peers.zarr: a Zarr v2 array, 100x200x300 float32, chunks 10x50x100 (120 chunks), Blosc lz4 level 5
with byte shuffle, and <out-dir>/selections.tsv: one "name<TAB>selection[;selection...]" line per measured read.
A selection is NumPy-like text ("0:100,5,7"); a name with several selections reads them one after the other.
"""
import sys

import numcodecs
import numpy as np
import zarr

out = sys.argv[1]
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261203
shape, chunks = (100, 200, 300), (10, 50, 100)

# Smooth fields plus a little noise, as measured data looks: the shuffle makes them compress, the noise keeps it honest.
t, y, x = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
rng = np.random.default_rng(seed)
values = (15 + 10 * np.sin(t / 16.0) * np.cos(y / 23.0) + 5 * np.sin(x / 37.0)
          + rng.normal(0, 0.05, shape)).astype("<f4")

z = zarr.open_array(f"{out}/peers.zarr", mode="w", shape=shape, chunks=chunks, dtype="<f4",
                    compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
                    fill_value=0.0)
z[...] = values

# 20 reads from a fixed seed: half single elements, half small boxes (up to 4x6x8, inside the array; may cross chunks).
picks = []
for i in range(20):
    if i % 2 == 0:
        picks.append(",".join(str(int(rng.integers(0, n))) for n in shape))
    else:
        box = []
        for n, most in zip(shape, (4, 6, 8)):
            size = int(rng.integers(1, most + 1))
            start = int(rng.integers(0, n - size + 1))
            box.append(f"{start}:{start + size}")
        picks.append(",".join(box))

with open(f"{out}/selections.tsv", "w") as f:
    f.write("whole\t\n")
    f.write("timeseries\t0:100,5,7\n")
    f.write("chunk\t0:10,0:50,0:100\n")
    f.write("random20\t" + ";".join(picks) + "\n")
print(f"zarr {zarr.__version__}: wrote {out}/peers.zarr {z.shape} {z.dtype} chunks {z.chunks} {z.compressor}; "
      f"{z.nchunks_initialized} chunks, {z.nbytes_stored} bytes stored")
