#!/usr/bin/python3
"""Generate PyTorch parity fixtures for affine_grid.

Run from the repository root with Debian's Python (torch 1.13 + numpy):

    /usr/bin/python3 tools/gen_affine_grid_fixtures.py

Writes test/fixtures/affine_grid.json. Deterministic: every case draws its
random numbers from a generator seeded with the CRC32 of its name.

Coverage (see /work/shared/SEMANTICS.md, section affine_grid):
  * 4D (theta N,2,3; size N,C,H,W) and 5D (theta N,3,4; size N,C,D,H,W);
  * align_corners False/True, float32/float64 (the grid has theta's dtype);
  * spatial sizes with 1s, odd and even, both sides of ATen's bmm switch
    (its own loop below 400 multiply-adds per batch entry, BLAS above) and
    axes long enough for the vectorized linspace (>= 16 floats / 8 doubles);
  * thetas: "random" (normal entries) and "landmarks" (identity, rotations by
    90 degrees, flips, scale + translation, -0 entries, zero rows, large
    entries), one per batch entry;
  * "sample" cases: an input, theta, size and grid_sample options, with the
    expected F.grid_sample(input, F.affine_grid(theta, size)) so the test can
    check that affineGrid feeds gridSample directly.

Tensors are stored as base64 of little-endian, C-contiguous raw bytes.
"""

import json
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from fixture_io import encode, rng_for

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(REPO_ROOT, "test", "fixtures", "affine_grid.json")
GENERATOR = "tools/gen_affine_grid_fixtures.py"

ALIGN = (False, True)
DTYPES = (np.float32, np.float64)
# (N, spatial sizes): points per batch entry 1 .. 1550 (4D), 1 .. 720 (5D).
SHAPES = {
    4: [(1, (1, 1)), (2, (1, 7)), (1, (6, 1)), (3, (3, 4)), (2, (5, 7)),
        (1, (8, 8)), (1, (9, 8)), (2, (17, 33)), (1, (31, 50))],
    5: [(1, (1, 1, 1)), (2, (1, 3, 1)), (1, (2, 3, 4)), (2, (3, 3, 3)),
        (1, (2, 3, 6)), (1, (5, 6, 17)), (1, (4, 9, 20))],
}
# (rank, N, C, input spatial, output size spatial, mode, padding, align, dtype)
SAMPLE_CASES = [
    (4, 2, 3, (7, 9), (5, 6), "bilinear", "zeros", False, np.float32),
    (4, 1, 2, (8, 8), (11, 10), "bicubic", "reflection", True, np.float32),
    (4, 2, 1, (6, 5), (9, 12), "nearest", "border", False, np.float64),
    (5, 1, 2, (4, 5, 6), (3, 4, 7), "bilinear", "border", True, np.float32),
    (5, 2, 1, (3, 4, 5), (4, 3, 5), "nearest", "zeros", False, np.float64),
]


def landmark_thetas(rank):
    """Exact, structured maps (rows of theta), cycled over the batch."""
    if rank == 4:
        return [
            [[1, 0, 0], [0, 1, 0]],                  # identity
            [[0, -1, 0], [1, 0, 0]],                 # rotation by 90 degrees
            [[-1, 0, 0], [0, 1, 0]],                 # flip x
            [[0.5, 0, 0.25], [0, 2, -0.75]],         # scale + translation
            [[-0.0, -1, -0.0], [-2, -0.0, -0.0]],    # negative zeros
            [[0, 0, 0], [0, 0, 1]],                  # zero row, constant row
            [[1e3, -1e-3, 7], [3.25, 1e6, -1e-6]],   # large and small entries
        ]
    return [
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]],
        [[0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]],              # axis permutation
        [[-1, 0, 0, 0.5], [0, 1, 0, -0.5], [0, 0, -1, 0]],
        [[0.5, -0.0, 0, 0.25], [-0.0, 2, 0, -0.75], [0, 0, 3, 1e-3]],
        [[0, 0, 0, 0], [-0.0, -0.0, -0.0, -0.0], [1e3, -1e-3, 7, 1e6]],
    ]


def make_theta(rng, kind, rank, n, dt):
    rows, cols = (2, 3) if rank == 4 else (3, 4)
    if kind == "random":
        return rng.standard_normal((n, rows, cols)).astype(dt)
    marks = landmark_thetas(rank)
    start = int(rng.integers(len(marks)))
    return np.array([marks[(start + i) % len(marks)] for i in range(n)], dtype=dt)


def torch_affine_grid(theta, size, ac):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # align_corners with unit sizes warns
        return F.affine_grid(torch.from_numpy(theta), list(size), align_corners=ac).numpy()


def grid_case(rank, n, spatial, ac, dt, kind):
    dtype = np.dtype(dt).name
    size = (n, 3) + tuple(spatial)
    name = "%dd/ac%d/%s/size%s/%s" % (rank, int(ac), dtype, "x".join(map(str, size)), kind)
    theta = make_theta(rng_for(name), kind, rank, n, dt)
    grid = torch_affine_grid(theta, size, ac)
    assert grid.dtype == dt and grid.shape == (n,) + tuple(spatial) + (rank - 2,)
    return {"name": name, "rank": rank, "alignCorners": ac, "dtype": dtype, "kind": kind,
            "size": list(size), "theta": encode(theta), "grid": encode(grid)}


def sample_case(rank, n, c, in_spatial, out_spatial, mode, padding, ac, dt):
    dtype = np.dtype(dt).name
    size = (n, c) + tuple(out_spatial)
    name = "%dd/%s/%s/ac%d/%s/in%s/size%s" % (rank, mode, padding, int(ac), dtype,
                                              "x".join(map(str, in_spatial)), "x".join(map(str, size)))
    rng = rng_for(name)
    inp = rng.uniform(-2, 2, (n, c) + tuple(in_spatial)).astype(dt)
    theta = make_theta(rng, "random", rank, n, dt) * dt(0.6)
    grid = F.affine_grid(torch.from_numpy(theta), list(size), align_corners=ac)
    out = F.grid_sample(torch.from_numpy(inp), grid, mode=mode, padding_mode=padding, align_corners=ac).numpy()
    return {"name": name, "rank": rank, "mode": mode, "paddingMode": padding, "alignCorners": ac,
            "dtype": dtype, "size": list(size), "input": encode(inp), "theta": encode(theta),
            "output": encode(out)}


def main():
    torch.set_num_threads(1)
    cases = []
    for rank in (4, 5):
        for ac in ALIGN:
            for dt in DTYPES:
                for n, spatial in SHAPES[rank]:
                    for kind in ("random", "landmarks"):
                        cases.append(grid_case(rank, n, spatial, ac, dt, kind))
    samples = [sample_case(*s) for s in SAMPLE_CASES]
    names = [c["name"] for c in cases + samples]
    assert len(names) == len(set(names)), "duplicate case names"
    doc = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases, "samples": samples}
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote %s: %d grid cases, %d sample cases, %d bytes" % (
        os.path.relpath(OUT_PATH), len(cases), len(samples), os.path.getsize(OUT_PATH)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
