"""Reads a Zarr v2 array with zarr-python 2.13 and saves it as <out-npy> (little endian, C order).

Usage: /usr/bin/python3 read_array.py <store-dir> <out-npy>
"""
import sys

import numpy as np
import zarr

import fletcher32_reference

fletcher32_reference.register()

z = zarr.open_array(sys.argv[1], mode="r")
a = z[...]
np.save(sys.argv[2], np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")))
print(z.dtype, z.shape, z.compressor, z.order)
