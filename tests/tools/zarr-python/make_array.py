"""Writes a Zarr v2 array with zarr-python 2.13 and saves the values it wrote as <out>.expected.npy (little endian, C order).

Usage: /usr/bin/python3 make_array.py <out-dir> '<json spec>'
spec: dtype, shape, chunks, compressor (numcodecs config or null), filters (numcodecs configs; fletcher32 is
numcodecs' own when it has one, else fletcher32_reference's transliteration of it), order, sep, fill ("NaN" allowed), divide (floats: divide
the values by it), partial (bool:
write only the first half of dimension 0, leaving later chunks missing).
"""
import json
import sys

import numcodecs
import numpy as np
import zarr

import fletcher32_reference

fletcher32_reference.register()

out, spec = sys.argv[1], json.loads(sys.argv[2])
dtype = np.dtype(spec["dtype"])
shape = tuple(spec["shape"])
n = int(np.prod(shape))
k = np.arange(n, dtype=np.int64)
if dtype.kind == "b":
    values = k % 3 == 0
elif dtype.kind == "c":
    values = (k * 1.5 - 7) + 1j * (k * -0.25 + 0.125)
elif dtype.kind == "f":
    values = k * 0.75 - 11.5
    if n > 3:
        values[3] = np.inf
    values = values / spec.get("divide", 1)
else:
    info = np.iinfo(dtype)
    span = int(info.max) // 2 + 1
    values = np.array([(int(i) * 2654435761) % span for i in k], dtype=object)
    if info.min < 0:
        values[1::2] = -values[1::2]
values = np.array(values).astype(dtype).reshape(shape)

fill = spec.get("fill", 0)
if fill == "NaN":
    fill = float("nan")
compressor = numcodecs.get_codec(spec["compressor"]) if spec.get("compressor") else None
filters = [numcodecs.get_codec(f) for f in spec.get("filters") or []] or None
z = zarr.open_array(
    out, mode="w", shape=shape, chunks=tuple(spec["chunks"]), dtype=dtype, compressor=compressor, filters=filters,
    order=spec.get("order", "C"), fill_value=fill, dimension_separator=spec.get("sep", "."),
)
if spec.get("partial"):
    half = shape[0] // 2
    z[:half] = values[:half]
    expected = np.full(shape, fill, dtype=dtype)
    expected[:half] = values[:half]
else:
    z[...] = values
    expected = values
np.save(out + ".expected.npy", np.ascontiguousarray(expected).astype(expected.dtype.newbyteorder("<")))
print(json.dumps({"dtype": str(z.dtype), "nchunks_initialized": int(z.nchunks_initialized)}))
