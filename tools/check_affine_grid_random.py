#!/usr/bin/python3
"""Independent check of affineGrid against PyTorch 1.13 on random configurations.

    npm run build:ts && /usr/bin/python3 tools/check_affine_grid_random.py [count] [seed]

Draws random ranks, batch sizes, spatial sizes (1..80 per axis, a few up to
600), align_corners, float32/float64 and thetas (normal entries, some exact
values and -0), strided thetas (transposed, sliced, batch-broadcast), runs
F.affine_grid and this package's dist/ build (tools/check-random-driver.mjs,
random thread count and SIMD target) on the same data and reports every case outside 1e-6
(float32) / 1e-12 (float64) and every case that is not bit-identical.
A developer tool: not run in CI.
"""

import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from random_check_io import Batch


def random_case(rng):
    rank = int(rng.choice([4, 5]))
    dims = rank - 2
    dt = np.float32 if rng.random() < 0.5 else np.float64
    n = int(rng.integers(1, 4))
    if rng.random() < 0.1:
        spatial = [int(rng.integers(1, 600 if dims == 2 else 60)) for _ in range(dims)]
    else:
        spatial = [int(rng.choice([1, int(rng.integers(1, 81 if dims == 2 else 25))])) for _ in range(dims)]
    ac = bool(rng.random() < 0.5)
    rows, cols = dims, dims + 1
    theta = rng.standard_normal((n, rows, cols)) * rng.choice([0.5, 1, 3])
    mask = rng.random(theta.shape)
    theta[mask < 0.15] = 0.0
    theta[(mask >= 0.15) & (mask < 0.2)] = -0.0
    theta[(mask >= 0.2) & (mask < 0.3)] = rng.choice([1, -1, 0.5, 2])
    theta = theta.astype(dt)
    layout = rng.choice(["contig", "transposed", "sliced", "broadcast"])
    if layout == "transposed":
        base = np.ascontiguousarray(theta.transpose(0, 2, 1)).reshape(-1)
        view = base.reshape(n, cols, rows).transpose(0, 2, 1)
    elif layout == "sliced":
        big = np.zeros((n, rows + 1, cols + 2), dtype=dt)
        big[:, 1:, 2:] = theta
        base = big.reshape(-1)
        view = base.reshape(n, rows + 1, cols + 2)[:, 1:, 2:]
    elif layout == "broadcast":
        base = np.ascontiguousarray(theta[0]).reshape(-1)
        view = np.lib.stride_tricks.as_strided(base, (n, rows, cols), (0, cols * base.itemsize, base.itemsize))
    else:
        base = theta.reshape(-1)
        view = base.reshape(n, rows, cols)
    size = [n, int(rng.integers(1, 4))] + spatial
    return view, base, size, ac, layout


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20240
    rng = np.random.default_rng(seed)
    torch.set_num_threads(1)
    batch = Batch()
    expected = []
    for i in range(count):
        view, base, size, ac, layout = random_case(rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = F.affine_grid(torch.from_numpy(np.array(view)), size, align_corners=ac).numpy()
        batch.add_case({"op": "affineGrid", "tensors": {"theta": batch.add_tensor(base, view)}, "size": size,
                        "options": {"alignCorners": ac}, "threads": int(rng.integers(1, 3)),
                        "simd": str(rng.choice(["baseline", "avx2", "avx512"]))})
        expected.append((want, "%d: size=%s ac=%s %s theta=%s" % (i, size, ac, view.dtype, layout)))
    got = batch.run()
    bad = not_exact = 0
    for (want, desc), g in zip(expected, got):
        if isinstance(g, str):
            print("ERROR", desc, g)
            bad += 1
            continue
        tol = 1e-6 if want.dtype == np.float32 else 1e-12
        diff = float(np.max(np.abs(g - want) / (1 + np.abs(want)))) if want.size else 0.0
        if g.shape != want.shape or diff > tol:
            print("MISMATCH", desc, "diff", diff)
            bad += 1
        elif not np.array_equal(g.view(np.uint8), want.view(np.uint8)):
            not_exact += 1
            print("not bit-exact (within tolerance)", desc, "diff", diff)
    print("affineGrid: %d random configurations, %d outside tolerance, %d within tolerance but not bit-exact"
          % (count, bad, not_exact))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
