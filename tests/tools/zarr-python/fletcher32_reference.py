"""numcodecs' Fletcher32 codec (numcodecs >= 0.12), for the numcodecs 0.11 that Debian ships, which lacks it.

A line-for-line transliteration of numcodecs v0.12.0 numcodecs/fletcher32.pyx (Cython, so not importable here): the
HDF5/netCDF Fletcher-32 of big-endian 16-bit words, an odd last byte as the high byte of a word, folded every 360 words,
stored little-endian after the data. register() adds it to numcodecs' registry when numcodecs has none of its own.
"""
import struct

import numcodecs
from numcodecs.abc import Codec
from numcodecs.compat import ensure_contiguous_ndarray

M32 = 0xFFFFFFFF


def fletcher32(data):
    data = bytes(data)
    n = len(data) // 2
    sum1 = sum2 = 0
    i = 0
    while n:
        tlen = 360 if n > 360 else n
        n -= tlen
        while True:
            sum1 = (sum1 + ((data[i] << 8) | data[i + 1])) & M32
            i += 2
            sum2 = (sum2 + sum1) & M32
            tlen -= 1
            if tlen < 1:
                break
        sum1 = (sum1 & 0xFFFF) + (sum1 >> 16)
        sum2 = (sum2 & 0xFFFF) + (sum2 >> 16)
    if len(data) % 2:
        sum1 = (sum1 + (data[i] << 8)) & M32
        sum2 = (sum2 + sum1) & M32
        sum1 = (sum1 & 0xFFFF) + (sum1 >> 16)
        sum2 = (sum2 & 0xFFFF) + (sum2 >> 16)
    sum1 = (sum1 & 0xFFFF) + (sum1 >> 16)
    sum2 = (sum2 & 0xFFFF) + (sum2 >> 16)
    return ((sum2 << 16) | sum1) & M32


class Fletcher32(Codec):
    codec_id = "fletcher32"

    def encode(self, buf):
        buf = ensure_contiguous_ndarray(buf).ravel().view("uint8")
        return buf.tobytes() + struct.pack("<I", fletcher32(buf))

    def decode(self, buf, out=None):
        b = ensure_contiguous_ndarray(buf).view("uint8")
        val = fletcher32(b[:-4])
        found = b[-4:].view("<u4")[0]
        if val != found:
            raise RuntimeError(f"The fletcher32 checksum of the data ({val}) did not match the expected checksum ({found}).")
        if out is not None:
            out.view("uint8")[:] = b[:-4]
            return out
        return memoryview(b[:-4])


def register():
    try:
        numcodecs.get_codec({"id": "fletcher32"})
    except ValueError:
        numcodecs.register_codec(Fletcher32)
