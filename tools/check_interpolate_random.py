#!/usr/bin/python3
"""Independent check of interpolate against PyTorch 1.13 on random configurations.

    npm run build:ts && /usr/bin/python3 tools/check_interpolate_random.py [count] [seed]

Draws a random mode (nearest, nearest-exact, linear, bilinear, bicubic,
trilinear, area, bilinear / bicubic antialias), a rank it allows, random
batch, channel and spatial sizes, `size` or `scale_factor` (with
recompute_scale_factor sometimes), align_corners where it applies, float32 or
float64, contiguous or channels-last (4D / 5D) or strided input; runs
F.interpolate and this package's dist/ build (tools/check-random-driver.mjs,
random thread count and SIMD target, result asked contiguous) on the same data,
and reports per mode and dtype how many cases are bit-identical, how many
differ within 1e-5 (float32) / 1e-12 (float64) relative, and how many are
outside. A developer tool: not run in CI. Which peer it compares with:
torch.__version__ and torch.backends.cpu.get_cpu_capability() (if present) are
printed.
"""

import collections
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from random_check_io import Batch

MODES = ["nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area",
         "bilinear-aa", "bicubic-aa"]
RANK = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5, "bilinear-aa": 4, "bicubic-aa": 4}


def random_case(rng):
    label = str(rng.choice(MODES))
    mode = label.replace("-aa", "")
    aa = label.endswith("-aa")
    rank = RANK.get(label) or int(rng.choice([3, 4, 5]))
    dims = rank - 2
    dt = np.float32 if rng.random() < 0.5 else np.float64
    n, c = int(rng.integers(1, 3)), int(rng.integers(1, 5))
    hi = {1: 200, 2: 48, 3: 14}[dims]
    spatial = [int(rng.integers(1, hi)) for _ in range(dims)]
    opts = {"mode": mode}
    kw = {"mode": mode}
    if mode in ("linear", "bilinear", "bicubic", "trilinear") and rng.random() < 0.6:
        ac = bool(rng.random() < 0.5)
        opts["alignCorners"], kw["align_corners"] = ac, ac
    if aa:
        opts["antialias"], kw["antialias"] = True, True
    if rng.random() < 0.5:
        size = [int(rng.integers(1, 2 * hi if not aa else hi)) for _ in range(dims)]
        opts["size"], kw["size"] = size, size
    else:
        f = [float(rng.choice([0.5, 2.0, 1.5, 0.75, 3.0, 1.0, 0.3, round(float(rng.uniform(0.2, 3.5)), 3)])) for _ in range(dims)]
        if aa:
            f = [min(x, 1.0) for x in f]
        out = [int(np.floor(s * x)) for s, x in zip(spatial, f)]
        if min(out) < 1:
            f = [max(x, 1.0) for x in f]
        opts["scaleFactor"], kw["scale_factor"] = f, f
        if rng.random() < 0.3:
            opts["recomputeScaleFactor"], kw["recompute_scale_factor"] = True, True
    x = rng.standard_normal([n, c] + spatial).astype(dt)
    layout = str(rng.choice(["contig", "channels-last", "strided"])) if rank in (4, 5) else str(rng.choice(["contig", "strided"]))
    if layout == "channels-last":
        perm = [0] + list(range(2, rank)) + [1]
        base = np.ascontiguousarray(x.transpose(perm)).reshape(-1)
        inv = np.argsort(perm)
        view = base.reshape([x.shape[i] for i in perm]).transpose(inv)
    elif layout == "strided":
        big = np.zeros(list(x.shape[:-1]) + [x.shape[-1] * 2], dtype=dt)
        big[..., ::2] = x
        base = big.reshape(-1)
        view = base.reshape(big.shape)[..., ::2]
    else:
        base = x.reshape(-1)
        view = base.reshape(x.shape)
    return label, view, base, opts, kw, layout


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1515
    rng = np.random.default_rng(seed)
    torch.set_num_threads(1)
    cap = getattr(getattr(torch.backends, "cpu", None), "get_cpu_capability", lambda: "unknown")()
    print("torch", torch.__version__, "cpu capability", cap)
    batch = Batch()
    expected = []
    for i in range(count):
        label, view, base, opts, kw, layout = random_case(rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                want = F.interpolate(torch.from_numpy(np.array(view)), **kw).contiguous().numpy()
            except RuntimeError as e:
                want = "torch: " + str(e).splitlines()[0]
        batch.add_case({"op": "interpolate", "tensors": {"input": batch.add_tensor(base, view)}, "options": opts,
                        "threads": int(rng.integers(1, 3)), "simd": str(rng.choice(["baseline", "avx2", "avx512"]))})
        # torch picks its channels-last kernels for a 4D / 5D tensor whose strides
        # are channels-last, which with C = 1 a contiguous tensor's also are
        lay = layout if not (layout == "contig" and view.shape[1] == 1 and view.ndim >= 4) else "contig C=1"
        expected.append((want, label, view.dtype.name + " " + lay, "%d: %s %s shape=%s %s %s" % (i, label, view.dtype, list(view.shape), layout, kw)))
    got = batch.run()
    stats = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])  # cases, exact, within, outside, (unused), max diff
    for (want, label, dt, desc), g in zip(expected, got):
        s = stats[(label, dt)]
        if isinstance(want, str) or isinstance(g, str):
            if isinstance(want, str) != isinstance(g, str):
                print("ERROR MISMATCH", desc, want if isinstance(want, str) else "", g if isinstance(g, str) else "")
                s[3] += 1
            s[0] += 1
            continue
        s[0] += 1
        tol = 1e-5 if want.dtype == np.float32 else 1e-12
        diff = float(np.max(np.abs(g - want) / (1 + np.abs(want)))) if want.size else 0.0
        s[5] = max(s[5], diff)
        if g.shape != want.shape or diff > tol:
            print("MISMATCH", desc, "diff", diff)
            s[3] += 1
        elif np.array_equal(g.view(np.uint8), want.view(np.uint8)):
            s[1] += 1
        else:
            s[2] += 1
            print("within tolerance, not bit-identical:", desc, "diff %.3g" % diff)
    print("\n%-14s %-28s %6s %10s %10s %8s %12s" % ("mode", "dtype, layout", "cases", "identical", "within", "outside", "max rel diff"))
    bad = 0
    for (label, dt), s in sorted(stats.items()):
        print("%-14s %-28s %6d %10d %10d %8d %12.3g" % (label, dt, s[0], s[1], s[2], s[3], s[5]))
        bad += s[3]
    print("interpolate: %d random configurations, %d outside tolerance" % (count, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
