#!/usr/bin/python3
"""Generate PyTorch parity fixtures for interpolate (F.interpolate, torch 1.13).

Run from the repository root with Debian's Python (torch 1.13 + numpy):

    /usr/bin/python3 tools/gen_interpolate_fixtures.py

Writes test/fixtures/interpolate.json. Deterministic: every case draws its
random input from a generator seeded with the CRC32 of its name.

Coverage (see /work/shared/SEMANTICS.md, section interpolate):
  * modes nearest, nearest-exact and area at ranks 3, 4, 5; linear (3D),
    bilinear and bicubic (4D), trilinear (5D); antialias bilinear / bicubic
    (4D). align_corners False / True for the linear modes and bicubic (None
    for the others, which refuse it).
  * dtypes float32, float64, uint8. uint8 expected values: torch's own uint8
    result for nearest / nearest-exact (1.13 supports those); for the other
    modes (which 1.13 refuses for uint8) torch's float32 result on the same
    pixels, rounded half to even and clamped to [0, 255] (tests skip the
    elements whose float32 value lies within 1e-3 of a rounding boundary x.5).
  * how the output size is given ("variant"): size up / down / with 1s,
    scale_factor up / down (1.7, 0.37, 0.5, 2, 3, per-dim lists, 2.0000001
    which floors to exactly 2x), scale_factor with recompute_scale_factor=True
    up / down. float32 runs every variant, float64 and uint8 the six basic
    ones (size, scale, recompute x up, down).
  * odd input sizes and inputs with size-1 dims; "large" cases whose rows span
    several SIMD vectors plus a tail.
  * channels-last inputs (4D channels_last, 5D channels_last_3d): the input is
    stored in logical (contiguous) order with "channelsLast": true; torch ran
    on the channels-last tensor; the output is stored in logical order.
    (torch 1.13's nearest picks its pixels differently for channels-last input
    at factors like 2.0000001: see native/interpolate/coords.h.)

Tensors are stored as base64 of little-endian, C-contiguous raw bytes.
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

from fixture_io import encode, rng_for

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(REPO_ROOT, "test", "fixtures", "interpolate.json")

# (mode, rank, antialias)
MODE_RANKS = [
    ("nearest", 3, False), ("nearest", 4, False), ("nearest", 5, False),
    ("nearest-exact", 3, False), ("nearest-exact", 4, False), ("nearest-exact", 5, False),
    ("linear", 3, False), ("bilinear", 4, False), ("bicubic", 4, False), ("trilinear", 5, False),
    ("area", 3, False), ("area", 4, False), ("area", 5, False),
    ("bilinear", 4, True), ("bicubic", 4, True),
]
LINEAR_MODES = ("linear", "bilinear", "bicubic", "trilinear")

# Input spatial shapes per rank: the usual one and one with size-1 dims.
IN_SHAPES = {3: [(7,), (1,)], 4: [(5, 7), (1, 5)], 5: [(3, 4, 5), (1, 3, 2)]}
LARGE_SHAPES = {3: ((29,), (61,)), 4: ((5, 19), (7, 37)), 5: ((2, 3, 19), (3, 4, 35))}
BATCH = {3: (2, 3), 4: (1, 3), 5: (1, 2)}
LARGE_BATCH = (1, 2)

# variant name -> (kind, value, input shape index). kind: size | scale | recompute.
# A value of "up"/"down"/"ones" for size is resolved per input shape.
BASIC = [
    ("size-up", "size", "up", 0),
    ("size-down", "size", "down", 0),
    ("scale-up-1.7", "scale", 1.7, 0),
    ("scale-down-0.37", "scale", 0.37, 0),
    ("recompute-up-1.7", "recompute", 1.7, 0),
    ("recompute-down-0.5", "recompute", 0.5, 0),
]
EXTRA = [
    ("size-ones", "size", "ones", 1),
    ("size-from-1", "size", "up", 1),
    ("scale-2", "scale", 2.0, 0),
    ("scale-3", "scale", 3.0, 1),
    ("scale-0.5", "scale", 0.5, 0),
    ("scale-2.0000001", "scale", 2.0000001, 0),
    ("scale-list", "scale", "list", 0),
    ("recompute-up-2.3", "recompute", 2.3, 1),
    ("recompute-down-0.37", "recompute", 0.37, 0),
    ("large-size", "size", "large", -1),
    ("large-scale-1.7", "scale", 1.7, -1),
]


def shape_str(shape):
    return "x".join(str(s) for s in shape)


def resolve(kind, value, spatial, rank):
    """(size, scale_factor, recompute) keyword values for F.interpolate."""
    dims = rank - 2
    if kind == "size":
        if value == "up":
            return [2 * s + 1 for s in spatial], None, None
        if value == "down":
            return [max(1, (s + 1) // 2) for s in spatial], None, None
        if value == "ones":
            return [1 if i % 2 == 0 else 3 for i in range(dims)], None, None
        if value == "large":
            return list(LARGE_SHAPES[rank][1]), None, None
    if value == "list":
        value = [1.7, 0.5, 2.0][:dims] if dims > 1 else [0.5]
    if kind == "scale":
        return None, value, None
    return None, value, True


def torch_run(x, mode, ac, size, scale, recompute, aa, channels_last):
    t = torch.from_numpy(x)
    if channels_last:
        t = t.contiguous(memory_format=torch.channels_last if t.dim() == 4 else torch.channels_last_3d)
    kw = {"mode": mode}
    if mode in LINEAR_MODES:
        kw["align_corners"] = ac
    if aa:
        kw["antialias"] = True
    if size is not None:
        kw["size"] = size
    else:
        kw["scale_factor"] = scale
        if recompute:
            kw["recompute_scale_factor"] = True
    return F.interpolate(t, **kw).contiguous().numpy()


def make_case(mode, rank, aa, ac, dtype, variant, kind, value, shape_idx, channels_last=False):
    if shape_idx < 0:
        spatial = LARGE_SHAPES[rank][0]
    else:
        spatial = IN_SHAPES[rank][shape_idx]
    N, C = LARGE_BATCH if shape_idx < 0 else BATCH[rank]
    in_shape = (N, C) + tuple(spatial)
    size, scale, recompute = resolve(kind, value, spatial, rank)
    name = "%dd/%s%s/%s/%s/%s/in%s%s" % (
        rank, mode, "/aa" if aa else "", "ac%d" % int(ac) if ac is not None else "-", dtype, variant,
        shape_str(in_shape), "/channels-last" if channels_last else "")
    rng = rng_for(name)
    case = {"name": name, "mode": mode, "rank": rank, "antialias": aa, "dtype": dtype,
            "alignCorners": ac, "variant": variant, "channelsLast": channels_last}
    if size is not None:
        case["size"] = size
    else:
        case["scaleFactor"] = scale
        if recompute:
            case["recomputeScaleFactor"] = True
    if dtype == "uint8":
        x = rng.integers(0, 256, in_shape).astype(np.uint8)
        if mode in ("nearest", "nearest-exact"):
            out = torch_run(x, mode, ac, size, scale, recompute, aa, channels_last)
        else:
            f = torch_run(x.astype(np.float32), mode, ac, size, scale, recompute, aa, channels_last)
            out = np.clip(np.rint(f), 0, 255).astype(np.uint8)
    else:
        dt = np.float32 if dtype == "float32" else np.float64
        x = rng.uniform(-1.0, 2.0, in_shape).astype(dt)
        out = torch_run(x, mode, ac, size, scale, recompute, aa, channels_last)
    case["input"] = encode(x)
    case["output"] = encode(out)
    return case


def main():
    torch.set_num_threads(1)
    cases = []
    for mode, rank, aa in MODE_RANKS:
        acs = (False, True) if mode in LINEAR_MODES else (None,)
        for ac in acs:
            for dtype in ("float32", "float64", "uint8"):
                variants = BASIC + (EXTRA if dtype == "float32" else [])
                for variant, kind, value, shape_idx in variants:
                    if aa and variant == "scale-2.0000001":
                        continue
                    cases.append(make_case(mode, rank, aa, ac, dtype, variant, kind, value, shape_idx))
                if rank >= 4 and dtype != "float64":
                    for variant, kind, value, shape_idx in (BASIC[0], BASIC[3], EXTRA[5], EXTRA[-1]):
                        if aa and variant == "scale-2.0000001":
                            continue
                        cases.append(make_case(mode, rank, aa, ac, dtype, variant, kind, value, shape_idx,
                                               channels_last=True))
    doc = {"torch": torch.__version__, "generator": "tools/gen_interpolate_fixtures.py", "cases": cases}
    with open(OUT_PATH, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("%d cases, %d bytes -> %s" % (len(cases), os.path.getsize(OUT_PATH), OUT_PATH))


if __name__ == "__main__":
    main()
