"""Writes and reads the string and time arrays of ZarrStringTimeInteropTests with zarr-python 2.13.

Usage:
  /usr/bin/python3 strings_times.py write <root>   writes every case under <root>/<name> (some chunks left missing)
  /usr/bin/python3 strings_times.py read <root> <name>...   reads each array
Both print {name: {"dtype", "fill_value", "data"}} as JSON: strings as strings (None as null), byte strings as
base64, datetime64/timedelta64 as their int64 counts (NaT as -2**63), in C order.
"""
import base64
import json
import os
import sys

import numcodecs
import numpy as np
import zarr

WORDS = ["", "a", "Ñoño", "世界", "🚀🎉", "zarr", "x" * 9, "tab\tnew\nline", "quote\"", "end"]


def strings(n, width=None):
    out = [WORDS[i % len(WORDS)] + (str(i) if i % 3 == 0 else "") for i in range(n)]
    return out if width is None else [s[:width] for s in out]


CASES = {
    # name: (dtype, shape, chunks, fill, object_codec, filled rows (None: all), compressor)
    "vlen_utf8": ("O", (5, 4), (2, 3), None, numcodecs.VLenUTF8(), 3, "zstd"),
    "vlen_utf8_fill_empty": ("O", (7,), (3,), "", numcodecs.VLenUTF8(), 3, None),
    "vlen_bytes": ("O", (6,), (4,), None, numcodecs.VLenBytes(), 4, "zlib"),
    "U6_le": ("<U6", (5, 3), (2, 2), "ab", None, 3, "zstd"),
    "U6_be": (">U6", (7,), (3,), "", None, 4, None),
    "S5": ("|S5", (9,), (4,), b"xy", None, 5, "zlib"),
    "M8_ns": ("<M8[ns]", (8,), (3,), "NaT", None, None, "zstd"),
    "M8_10ms": ("<M8[10ms]", (8,), (3,), "NaT", None, 5, None),
    "M8_D": ("<M8[D]", (8,), (5,), "NaT", None, None, None),
    "M8_Y": ("<M8[Y]", (6,), (4,), "NaT", None, None, None),
    "M8_M_be": (">M8[M]", (6,), (4,), "NaT", None, None, None),
    "m8_s": ("<m8[s]", (8,), (3,), "NaT", None, 4, "zstd"),
    "m8_us": ("<m8[us]", (8,), (3,), 0, None, None, None),
    "m8_ps": ("<m8[ps]", (8,), (8,), "NaT", None, None, None),
    "null_f8": ("<f8", (6,), (4,), None, None, None, None),
    "null_i4": ("<i4", (6,), (4,), None, None, None, None),
    "null_U3": ("<U3", (6,), (4,), None, None, 4, None),
}


def values(name, dtype, shape):
    n = int(np.prod(shape))
    kind = np.dtype(dtype).kind
    if kind == "O":
        if "bytes" in name:
            return np.array([s.encode("utf-8") + bytes([i, 0, 255]) for i, s in enumerate(strings(n))], dtype=object).reshape(shape)
        return np.array(strings(n), dtype=object).reshape(shape)
    if kind == "U":
        return np.array(strings(n, np.dtype(dtype).itemsize // 4), dtype=dtype).reshape(shape)
    if kind == "S":
        return np.array([s.encode("utf-8")[:5] for s in strings(n)], dtype=dtype).reshape(shape)
    if kind in "Mm":
        counts = np.array([(i * 2654435761) % 10**9 - 5 * 10**8 for i in range(n)], dtype=np.int64)
        counts[1::4] = np.iinfo(np.int64).min  # NaT
        return counts.view(dtype.replace(">", "<")).astype(dtype).reshape(shape)
    return np.arange(n).astype(dtype).reshape(shape) * 3 - 7


def describe(z):
    a = z[...]
    kind = a.dtype.kind
    flat = a.reshape(-1)
    if kind == "O":
        data = [None if v is None else (base64.b64encode(v).decode() if isinstance(v, bytes) else v) for v in flat]
    elif kind == "U":
        data = [str(v) for v in flat]
    elif kind == "S":
        data = [base64.b64encode(bytes(v)).decode() for v in flat]
    elif kind in "Mm":
        data = [int(v) for v in flat.astype(a.dtype.newbyteorder("<")).view("<i8")]
    else:
        data = [float(v) for v in flat]
    fill = z.fill_value
    return {"dtype": str(z.dtype), "fill_value": None if fill is None else str(fill), "data": data}


def write(root):
    out = {}
    for name, (dtype, shape, chunks, fill, codec, rows, compressor) in CASES.items():
        if isinstance(fill, str) and fill == "NaT":
            fill = np.datetime64("NaT") if "M8" in dtype else np.timedelta64("NaT")
        comp = numcodecs.get_codec({"id": compressor}) if compressor else None
        z = zarr.open_array(os.path.join(root, name), mode="w", shape=shape, chunks=chunks, dtype=dtype,
                            fill_value=fill, object_codec=codec, compressor=comp)
        v = values(name, dtype, shape)
        if rows is None:
            z[...] = v
        else:
            z[:rows] = v[:rows]
        out[name] = describe(z)
    print(json.dumps(out))


def read(root, names):
    print(json.dumps({name: describe(zarr.open_array(os.path.join(root, name), mode="r")) for name in names}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        read(sys.argv[2], sys.argv[3:])
