"""Reads regions of a Zarr v2 array with zarr-python 2.13 (NumPy basic indexing) and saves each as <out-prefix>.<i>.npy
(little endian, C order).

Usage: /usr/bin/python3 read_regions.py <store-dir> <out-prefix> <selection>...
A selection is NumPy-like text, one item per leading dimension, "," between them: an index ("5") or a slice ("1:7",
"3:", ":"); no steps. Dimensions left out mean all; "" selects the whole array.
"""
import sys

import numpy as np
import zarr


def parse(text):
    if not text.strip():
        return Ellipsis
    items = []
    for part in text.split(","):
        part = part.strip()
        if ":" in part:
            start, stop = part.split(":")
            items.append(slice(int(start) if start.strip() else None, int(stop) if stop.strip() else None))
        else:
            items.append(int(part))
    return tuple(items)


z = zarr.open_array(sys.argv[1], mode="r")
for i, selection in enumerate(sys.argv[3:]):
    a = np.asarray(z[parse(selection)])
    # np.array(order="C") keeps a single element 0-d (np.ascontiguousarray would make it 1-d).
    np.save(f"{sys.argv[2]}.{i}.npy", np.array(a, order="C").astype(a.dtype.newbyteorder("<")))
