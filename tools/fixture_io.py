"""What every fixture generator in tools/ shares: the tensor record the tests
decode (test/helpers.ts `decode`) and the per-case random generator.

A tensor record is {"shape": [...], "dtype": "float32" | "float64" | "uint8",
"data": base64 of its little-endian, C-contiguous bytes}. Every case draws its
random numbers from a generator seeded with the CRC32 of its name, so a
generator's output does not depend on which cases precede it."""
import base64
import zlib

import numpy as np


def encode(arr):
    """Tensor record of a numpy array."""
    arr = np.ascontiguousarray(arr)
    le = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
    return {"shape": list(arr.shape), "dtype": arr.dtype.name,
            "data": base64.b64encode(le.tobytes()).decode("ascii")}


def rng_for(name):
    """The random generator of the case called `name`."""
    return np.random.default_rng(zlib.crc32(name.encode("utf-8")))
