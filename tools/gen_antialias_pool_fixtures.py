#!/usr/bin/python3
"""Generate PyTorch parity fixtures for antialiased resize and adaptive average pooling.

Run from the repository root with Debian's Python (torch 1.13 + numpy):

    /usr/bin/python3 tools/gen_antialias_pool_fixtures.py

Writes test/fixtures/antialias_pool.json. Deterministic: every case draws its
random numbers from a generator seeded with the CRC32 of its name.

Coverage:
  * antialias (F.interpolate(..., antialias=True), 4D): mode bilinear |
    bicubic x align_corners False/True x dtype float32/float64, for
      - sizes only ("scales": [0, 0]): down, up, one axis up and one down,
        an axis that keeps its size, sizes 1 in and out;
      - scale factors with recompute_scale_factor=False ("scales" holds the
        factors handed to the kernel): 0.37, 1.7, 0.5, 2.0, 0.3, 0.9 mixed
        per axis, where 1/scale differs from in/out;
      - a few larger cases with C = 3, 4, 5 and 16, which the tests also run
        as channels-last inputs (every channels-last kernel path);
    uint8: torch 1.13 refuses uint8 antialias, so the expected output is
    torch's float32 result on the same values rounded half to even and
    clamped to [0, 255]; the unrounded result is kept in "outputFloat".
  * adaptive average pooling (F.adaptive_avg_pool1d/2d/3d): out < in, out >
    in, divisible and non-divisible sizes, size 1 in and out, None entries
    (kept input size), large windows (the 1x1 output goes through torch's
    mean()); float32, float64 and uint8 (same rounding rule as above).
  * nonfinite (antialias, float32): NaN and +-Inf inputs, whatever torch outputs.

Tensors are stored as base64 of little-endian, C-contiguous raw bytes.
"""

import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from fixture_io import encode, rng_for

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(REPO_ROOT, "test", "fixtures", "antialias_pool.json")

FLOAT_DTYPES = (np.float32, np.float64)


def shape_str(shape):
    return "x".join("None" if s is None else str(s) for s in shape)


def round_u8(x):
    """float32 result -> uint8: clamp to [0, 255] (NaN -> 0), round half to even."""
    x = np.nan_to_num(x.astype(np.float32), nan=0.0)
    return np.rint(np.clip(x, 0, 255)).astype(np.uint8)


# --------------------------------------------------------------------------
# antialias
# --------------------------------------------------------------------------

# (N, C, H, W), (Ho, Wo), kind
AA_SIZE_CASES = [
    ((2, 3, 13, 17), (5, 7), "down"),
    ((1, 2, 5, 6), (11, 13), "up"),
    ((1, 2, 9, 5), (4, 11), "down-up"),
    ((1, 2, 6, 10), (13, 3), "up-down"),
    ((1, 2, 8, 6), (8, 3), "same-h"),
    ((1, 2, 7, 9), (3, 9), "same-w"),
    ((1, 2, 1, 7), (3, 1), "size1-in"),
    ((1, 1, 6, 5), (1, 1), "size1-out"),
    ((1, 2, 1, 1), (4, 3), "size1-both"),
]
# (N, C, H, W), (scale_h, scale_w)
AA_SCALE_CASES = [
    ((1, 2, 19, 13), (0.37, 1.7)),
    ((1, 2, 9, 11), (1.7, 0.37)),
    ((1, 2, 16, 5), (0.5, 2.0)),
    ((1, 2, 7, 11), (0.3, 0.9)),
]
# larger cases, also run as channels-last by the tests
AA_LARGE_CASES = [
    ((1, 3, 40, 48), (17, 23)),
    ((1, 4, 16, 20), (37, 33)),
    ((2, 5, 20, 21), (9, 40)),
    ((1, 16, 13, 11), (5, 6)),
]


def torch_aa(x, mode, ac, size=None, scales=None):
    t = torch.from_numpy(x)
    if scales is not None:
        y = F.interpolate(t, scale_factor=scales, mode=mode, align_corners=ac, antialias=True,
                          recompute_scale_factor=False)
    else:
        y = F.interpolate(t, size=size, mode=mode, align_corners=ac, antialias=True)
    return y.numpy()


def aa_case(cases, in_shape, mode, ac, dtype, kind, size=None, scales=None, large=False):
    dname = np.dtype(dtype).name if dtype != "uint8" else "uint8"
    what = "size%s" % shape_str(size) if size else "scale%s" % shape_str(scales)
    name = "antialias/%s/ac%d/%s/in%s/%s/%s" % (mode, int(ac), dname, shape_str(in_shape), what, kind)
    rng = rng_for(name)
    rec = {"name": name, "op": "antialias", "mode": mode, "alignCorners": ac,
           "scales": [0, 0] if scales is None else list(scales), "kind": kind, "dtype": dname,
           "large": large}
    if dtype == "uint8":
        x8 = rng.integers(0, 256, in_shape).astype(np.uint8)
        yf = torch_aa(x8.astype(np.float32), mode, ac, size, scales)
        rec.update(input=encode(x8), output=encode(round_u8(yf)), outputFloat=encode(yf))
    else:
        x = rng.uniform(-1, 2, in_shape).astype(dtype)
        y = torch_aa(x, mode, ac, size, scales)
        rec.update(input=encode(x), output=encode(y))
    cases.append(rec)


def nonfinite_cases(cases):
    """NaN and +-Inf inputs: PyTorch's taps with weight 0 still multiply (0 * Inf = NaN),
    also in the pass of an axis that keeps its size."""
    for mode in ("bilinear", "bicubic"):
        for in_shape, size in (((1, 2, 6, 8), (6, 3)), ((1, 2, 8, 6), (3, 6)), ((1, 1, 7, 9), (4, 13))):
            name = "antialias/%s/ac0/float32/in%s/size%s/nonfinite" % (mode, shape_str(in_shape), shape_str(size))
            rng = rng_for(name)
            x = rng.uniform(-1, 2, in_shape).astype(np.float32)
            x[0, 0, 2, 1] = np.inf
            x[0, -1, 4, 4] = np.nan
            x[0, 0, 5, 3] = -np.inf
            cases.append({"name": name, "op": "antialias", "mode": mode, "alignCorners": False, "scales": [0, 0],
                          "kind": "nonfinite", "dtype": "float32", "large": False,
                          "input": encode(x), "output": encode(torch_aa(x, mode, False, size=size))})


def antialias_cases():
    cases = []
    nonfinite_cases(cases)
    for mode in ("bilinear", "bicubic"):
        for ac in (False, True):
            for dtype in FLOAT_DTYPES + ("uint8",):
                for in_shape, size, kind in AA_SIZE_CASES:
                    if dtype == "uint8" and kind not in ("down", "up", "down-up"):
                        continue
                    aa_case(cases, in_shape, mode, ac, dtype, kind, size=size)
                for in_shape, scales in AA_SCALE_CASES:
                    if dtype == "uint8" and scales != (0.37, 1.7):
                        continue
                    aa_case(cases, in_shape, mode, ac, dtype, "scale", scales=scales)
                if not ac:
                    for in_shape, size in AA_LARGE_CASES:
                        if dtype == np.float64:  # float64 is covered by the small cases
                            continue
                        aa_case(cases, in_shape, mode, ac, dtype, "large", size=size, large=True)
    return cases


# --------------------------------------------------------------------------
# adaptive average pooling
# --------------------------------------------------------------------------

# input shape, output size (None keeps that dim), kind
POOL_CASES = [
    ((2, 3, 7), (3,), "down"),
    ((2, 3, 7), (1,), "size1-out"),
    ((2, 3, 5), (11,), "up"),
    ((2, 3, 10), (5,), "divisible"),
    ((1, 2, 1), (4,), "size1-in"),
    ((2, 3, 7, 9), (3, 4), "down"),
    ((2, 3, 5, 5), (11, 3), "up-down"),
    ((1, 2, 10, 13), (4, 6), "non-divisible"),
    ((1, 2, 8, 12), (4, 3), "divisible"),
    ((2, 3, 7, 9), (1, 1), "global"),
    ((1, 2, 7, 9), (7, 9), "same"),
    ((1, 2, 1, 7), (2, 3), "size1-in"),
    ((1, 2, 6, 9), (None, 4), "none"),
    ((1, 5, 11, 13), (4, 17), "channels5"),
    ((1, 2, 40, 50), (1, 1), "large-global"),
    ((1, 1, 64, 64), (3, 2), "large-window"),
    ((1, 2, 5, 6, 7), (2, 3, 4), "down"),
    ((1, 2, 3, 4, 5), (5, 7, 2), "up-down"),
    ((1, 2, 3, 4, 5), (1, 1, 1), "global"),
    ((1, 3, 4, 5, 6), (2, None, 9), "none"),
]


def torch_pool(x, size):
    t = torch.from_numpy(x)
    dims = len(size)
    fn = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}[dims]
    arg = size if dims > 1 else size[0]
    return fn(t, arg).numpy()


def pool_cases():
    cases = []
    for in_shape, size, kind in POOL_CASES:
        for dtype in FLOAT_DTYPES + ("uint8",):
            dname = np.dtype(dtype).name if dtype != "uint8" else "uint8"
            name = "pool/%dd/%s/in%s/out%s/%s" % (len(size), dname, shape_str(in_shape), shape_str(size), kind)
            rng = rng_for(name)
            rec = {"name": name, "op": "pool", "outputSize": list(size), "kind": kind, "dtype": dname}
            if dtype == "uint8":
                x8 = rng.integers(0, 256, in_shape).astype(np.uint8)
                yf = torch_pool(x8.astype(np.float32), size)
                rec.update(input=encode(x8), output=encode(round_u8(yf)), outputFloat=encode(yf))
            else:
                x = rng.uniform(-1, 2, in_shape).astype(dtype)
                rec.update(input=encode(x), output=encode(torch_pool(x, size)))
            cases.append(rec)
    return cases


def main():
    torch.set_num_threads(1)
    doc = {"generator": "tools/gen_antialias_pool_fixtures.py", "torch": torch.__version__,
           "cases": antialias_cases() + pool_cases()}
    with open(OUT_PATH, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %s: %d cases, %d bytes" % (OUT_PATH, len(doc["cases"]), os.path.getsize(OUT_PATH)))


if __name__ == "__main__":
    main()
