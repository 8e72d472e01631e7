"""What every fixture generator in tools/ shares: the tensor record the tests
decode (test/helpers.ts `decode`) and the per-case random generator.

A tensor record is {"shape": [...], "dtype": "float32" | "float64" | "uint8",
"data": base64 of its little-endian, C-contiguous bytes}, or, for an input too
large to store, {"shape", "dtype", "generated": "hash8"}: the tensor `hashed`
makes, which the tests make again. Every case draws its random numbers from a
generator seeded with the CRC32 of its name, so a generator's output does not
depend on which cases precede it."""
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


def hashed(shape, dtype):
    """(array, record) of a generated tensor: element i (C order) is the top
    byte b of i * 2654435761 mod 2^32; uint8 keeps b, floats b / 128 - 1 (exact,
    in [-1, 1)). The record names the recipe instead of holding the bytes."""
    dt = np.dtype(dtype)
    i = np.arange(int(np.prod(shape)), dtype=np.uint64)
    b = ((i * np.uint64(2654435761)) % np.uint64(2 ** 32) >> np.uint64(24)).astype(np.uint8)
    arr = b if dt == np.uint8 else (b.astype(dt) / dt.type(128) - dt.type(1))
    return arr.reshape(shape), {"shape": list(shape), "dtype": dt.name, "generated": "hash8"}
