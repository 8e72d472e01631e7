#!/usr/bin/python3
"""Independent check of gridSample against PyTorch 1.13 on random configurations.

    npm run build:ts && /usr/bin/python3 tools/check_grid_sample_random.py [count] [seed]

One run writes every configuration's data to one file for the driver (about
0.1-0.3 GB per 1,000 configurations): for more than a few thousand, run
several seeds.

Each configuration draws: rank 4 or 5; mode bilinear | nearest | bicubic (no
5D bicubic: torch 1.13 refuses it); padding zeros | border | reflection;
align_corners; dtype float32 | float64 | uint8 (uint8 input with a float32
grid, compared with torch's float32 result rounded half to even and clamped);
N 0..3, C 1..5, input and output spatial sizes 1..9 (8% large: up to 72
per axis in 4D, 24 in 5D; 3% with one axis of 100..300; 3% with input
planes of 260..600 squared (4D) or 40..70 cubed (5D); 2% with an empty
output axis); a grid uniform in [-1.5, 1.5] (12% in [-4, 4], 8% with far
values up to +-3e4) with a random share of exact landmarks (-1, 0, +1, pixel centres, nearest-mode ties
k + 0.5 in the dtype and their +-1 ulp neighbours); input layouts contiguous,
channels-last, sliced (every other pixel of a larger buffer, channels
skipped), transposed (H and W swapped in memory) and batch-broadcast (stride
0); 5% of float inputs hold NaN, +-Inf, +-0 and huge values; grid layouts
contiguous, planar (stored as N, k, ...) and sliced. Every
configuration also draws the thread count (1 or 2) and the SIMD target.

Both torch (on the very same strided data) and this package's dist/ build
(through tools/check-random-driver.mjs) run it. Reported: every case outside
1e-5 (float32) / 1e-12 (float64) relative (|a - b| / (1 + |b|)), every
nearest-mode pixel that differs, every uint8 value that differs where
torch's float result is not within 1e-3 of a rounding tie, and errors; also
counted: results bit-identical to torch (NaN signs and payloads aside).
A developer tool: not run in CI (CI has no Python).
"""

import sys

import numpy as np
import torch
import torch.nn.functional as F

from random_check_io import Batch

MODES = ("bilinear", "nearest", "bicubic")
PADDINGS = ("zeros", "border", "reflection")
INPUT_LAYOUTS = ("contiguous", "channels_last", "sliced", "transposed", "broadcast")
GRID_LAYOUTS = ("contiguous", "planar", "sliced")
SIMD = ("baseline", "avx2", "avx512")


def tie_and_centre_values(n, ac, dt):
    """Grid values of pixel centres and of coordinates k + 0.5 (nearest ties),
    each as the dtype value nearest the exact one, the dtype-arithmetic value
    and +-1 ulp."""
    vals = [dt(-1), dt(0), dt(1)]
    for k in range(-1, n + 1):
        if ac:
            if n == 1:
                break
            centre = -1.0 + 2.0 * k / (n - 1)
            tie = 2.0 * (k + 0.5) / (n - 1) - 1.0
            tie_dt = dt(2 * k + 1) / dt(n - 1) - dt(1)
        else:
            centre = (2.0 * k + 1.0) / n - 1.0
            tie = 2.0 * (k + 1) / n - 1.0
            tie_dt = dt(2 * (k + 1)) / dt(n) - dt(1)
        for v in (dt(centre), dt(tie), dt(tie_dt)):
            vals += [v, np.nextafter(v, dt(np.inf)), np.nextafter(v, dt(-np.inf))]
    return np.array(vals, dtype=dt)


def make_input(rng, shape, dtype, layout, specials=False):
    """Returns (base, view): view is `shape` laid out as `layout` inside base."""
    def values(s):
        if dtype == np.uint8:
            return rng.integers(0, 256, s, dtype=np.uint8)
        v = rng.uniform(-2, 2, s).astype(dtype)
        if specials and v.size:  # non-finite, signed zero and huge input values
            pick = rng.random(s) < 0.1
            big = np.finfo(dtype).max / 4
            v[pick] = rng.choice(np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, big, -big], dtype=dtype),
                                 int(pick.sum()))
        return v

    n = shape[0]
    if layout == "broadcast" and n > 0:
        one = values((1,) + shape[1:])
        base = one.reshape(-1)
        strides = (0,) + one.strides[1:]
        return base, np.lib.stride_tricks.as_strided(base, shape, strides)
    if layout == "channels_last":
        cl = values((shape[0],) + shape[2:] + (shape[1],))
        base = cl.reshape(-1)
        return base, np.moveaxis(base.reshape(cl.shape), -1, 1)
    if layout == "sliced":
        big_shape = (shape[0], 2 * shape[1]) + tuple(2 * s + 1 for s in shape[2:])
        base = values(big_shape).reshape(-1)
        big = base.reshape(big_shape)
        index = (slice(None), slice(1, None, 2)) + tuple(slice(1, None, 2) for _ in shape[2:])
        return base, big[index]
    if layout == "transposed":
        t_shape = shape[:-2] + (shape[-1], shape[-2])
        base = values(t_shape).reshape(-1)
        return base, base.reshape(t_shape).swapaxes(-1, -2)
    base = values(shape).reshape(-1)
    return base, base.reshape(shape)


def make_grid(rng, n, out_spatial, in_spatial, ac, dt, layout, grid_range):
    k = len(in_spatial)
    shape = (n,) + tuple(out_spatial) + (k,)
    if grid_range == "far":  # reflection's many flips, zeros' and border's far outside
        g = rng.uniform(-1.5, 1.5, shape)
        far = rng.random(shape) < 0.3
        g[far] = rng.choice([-3e4, -1e3, -17.25, -3.5, 2.75, 17.25, 1e3, 3e4], int(far.sum()))
        g = g.astype(dt)
    else:
        r = float(grid_range)
        g = rng.uniform(-r, r, shape).astype(dt)
    share = rng.choice([0.0, 0.2, 0.5, 0.9])
    if share and g.size:
        for a in range(k):  # component a indexes spatial axis k-1-a
            marks = tie_and_centre_values(in_spatial[k - 1 - a], ac, dt)
            comp = g[..., a]
            pick = rng.random(comp.shape) < share
            comp[pick] = rng.choice(marks, int(pick.sum()))
    if layout == "planar":
        planar = np.ascontiguousarray(np.moveaxis(g, -1, 1))
        base = planar.reshape(-1)
        return base, np.moveaxis(base.reshape(planar.shape), 1, -1)
    if layout == "sliced":
        big = np.zeros((n,) + tuple(out_spatial[:-1]) + (2 * out_spatial[-1], k + 1), dtype=dt)
        big[..., ::2, 1:] = g
        base = big.reshape(-1)
        return base, base.reshape(big.shape)[..., ::2, 1:]
    base = g.reshape(-1)
    return base, base.reshape(shape)


def random_config(rng):
    rank = 4 if rng.random() < 0.6 else 5
    k = rank - 2
    mode = str(rng.choice(MODES[:2] if rank == 5 else MODES))
    padding = str(rng.choice(PADDINGS))
    ac = bool(rng.random() < 0.5)
    dtype = rng.choice(["float32", "float64", "uint8"], p=[0.4, 0.4, 0.2])
    n = int(rng.choice([0, 1, 2, 3], p=[0.04, 0.4, 0.33, 0.23]))
    c = int(rng.integers(1, 6))
    size = rng.choice(["small", "large", "wide", "plane", "empty"], p=[0.84, 0.08, 0.03, 0.03, 0.02])
    hi = (72 if k == 2 else 24) if size == "large" else 9
    in_spatial = [int(rng.integers(1, hi + 1)) for _ in range(k)]
    out_spatial = [int(rng.integers(1, hi + 1)) for _ in range(k)]
    if size == "wide":  # one long axis (up to 300) in the input and the output
        in_spatial[int(rng.integers(k))] = int(rng.integers(100, 301))
        out_spatial[int(rng.integers(k))] = int(rng.integers(100, 301))
    if size == "plane":  # input planes of 256 KiB and more (the kernel prefetches taps ahead)
        in_spatial = [int(rng.integers(260, 601)) for _ in range(k)] if k == 2 else \
            [int(rng.integers(40, 71)) for _ in range(k)]
        out_spatial = [int(rng.integers(1, 31 if k == 2 else 11)) for _ in range(k)]
        n, c = min(n, 1), min(c, 2)  # keeps a batch's data file small
    if size == "empty":  # an empty output axis: an empty result, as torch
        out_spatial[int(rng.integers(k))] = 0
    return {
        "rank": rank, "mode": mode, "padding": padding, "ac": ac, "dtype": str(dtype), "n": n, "c": c,
        "in": tuple(in_spatial), "out": tuple(out_spatial),
        "range": str(rng.choice(["1.5", "4", "far"], p=[0.8, 0.12, 0.08])),
        "input_layout": str(rng.choice(INPUT_LAYOUTS)), "grid_layout": str(rng.choice(GRID_LAYOUTS)),
        "threads": int(rng.integers(1, 3)), "simd": str(rng.choice(SIMD)),
        "specials": bool(dtype != "uint8" and rng.random() < 0.05),
    }


def describe(i, cfg):
    return ("#%d %dD %s %s ac=%s %s N=%d C=%d in=%s out=%s input=%s%s grid=%s range=%s threads=%d simd=%s" % (
        i, cfg["rank"], cfg["mode"], cfg["padding"], cfg["ac"], cfg["dtype"], cfg["n"], cfg["c"],
        "x".join(map(str, cfg["in"])), "x".join(map(str, cfg["out"])), cfg["input_layout"],
        "+specials" if cfg["specials"] else "", cfg["grid_layout"], cfg["range"], cfg["threads"], cfg["simd"]))


def torch_reference(inp, grid, cfg):
    x = torch.from_numpy(inp.astype(np.float32) if cfg["dtype"] == "uint8" else inp)
    out = F.grid_sample(x, torch.from_numpy(grid), mode=cfg["mode"], padding_mode=cfg["padding"],
                        align_corners=cfg["ac"]).numpy()
    if cfg["dtype"] == "uint8":
        return np.clip(np.rint(out), 0, 255).astype(np.uint8), out
    return out, None


def canonical_bits(a):
    """The bits of `a` with every NaN made one NaN: sign and payload of a NaN
    depend on operand order on x86 and are not part of the comparison."""
    a = np.where(np.isnan(a), a.dtype.type(np.nan), a)
    return a.view({4: np.uint32, 8: np.uint64}[a.itemsize])


def bit_identical(got, want):
    return bool(np.array_equal(canonical_bits(got), canonical_bits(want)))


def first_bit_difference(got, want):
    differ = canonical_bits(got) != canonical_bits(want)
    at = tuple(np.argwhere(differ)[0])
    return "%d values, first at %s: %r vs torch %r" % (int(differ.sum()), at, got[at], want[at])


def compare(cfg, got, want, want_float):
    """Returns (ok, bit_exact, message)."""
    if isinstance(got, str):
        return False, False, "error: " + got
    if tuple(got.shape) != tuple(want.shape):
        return False, False, "shape %s, torch %s" % (got.shape, want.shape)
    if want.size == 0:
        return True, True, ""
    if cfg["dtype"] == "uint8":
        differ = got != want
        if cfg["mode"] != "nearest":
            frac = want_float - np.floor(want_float)
            differ &= ~(np.abs(frac - 0.5) < 1e-3)
        count = int(differ.sum())
        exact = bool(np.array_equal(got, want))
        if count:
            at = np.argwhere(differ)[0]
            return False, exact, "%d uint8 values differ, first at %s: %d vs torch %d (float %r)" % (
                count, tuple(at), got[tuple(at)], want[tuple(at)], float(want_float[tuple(at)]))
        return True, exact, ""
    exact = bit_identical(got, want)
    if cfg["mode"] == "nearest":
        differ = ~((got == want) | (np.isnan(got) & np.isnan(want)))
        if differ.any():
            at = np.argwhere(differ)[0]
            return False, exact, "%d nearest pixels differ, first at %s: %r vs torch %r" % (
                int(differ.sum()), tuple(at), float(got[tuple(at)]), float(want[tuple(at)]))
        return True, exact, ""
    with np.errstate(invalid="ignore"):
        rel = np.abs(got.astype(np.float64) - want) / (1 + np.abs(want.astype(np.float64)))
    rel[(got == want) | (np.isnan(got) & np.isnan(want))] = 0  # infinities, NaN
    rel[np.isnan(rel)] = np.inf
    tol = 1e-5 if cfg["dtype"] == "float32" else 1e-12
    worst = float(rel.max())
    if worst > tol:
        at = np.unravel_index(int(np.argmax(rel)), rel.shape)
        return False, exact, "max rel diff %.3g at %s: %r vs torch %r" % (
            worst, tuple(at), float(got[at]), float(want[at]))
    return True, exact, ""


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1913
    rng = np.random.default_rng(seed)
    torch.set_num_threads(1)
    batch = Batch()
    configs, refs = [], []
    for _ in range(count):
        cfg = random_config(rng)
        np_dtype = np.dtype(cfg["dtype"]).type
        grid_dt = np.float32 if cfg["dtype"] == "uint8" else np_dtype
        in_base, inp = make_input(rng, (cfg["n"], cfg["c"]) + cfg["in"], np_dtype, cfg["input_layout"],
                                  cfg["specials"])
        g_base, grid = make_grid(rng, cfg["n"], cfg["out"], cfg["in"], cfg["ac"], grid_dt, cfg["grid_layout"],
                                 cfg["range"])
        want, want_float = torch_reference(inp, grid, cfg)
        batch.add_case({
            "op": "gridSample",
            "tensors": {"input": batch.add_tensor(in_base, inp), "grid": batch.add_tensor(g_base, grid)},
            "options": {"mode": cfg["mode"], "paddingMode": cfg["padding"], "alignCorners": cfg["ac"]},
            "threads": cfg["threads"], "simd": cfg["simd"],
        })
        configs.append(cfg)
        refs.append((want, want_float))
    results = batch.run()

    failures, inexact, exact = [], [], 0
    tally = {}
    for i, (cfg, (want, want_float), got) in enumerate(zip(configs, refs, results)):
        ok, bit_exact, msg = compare(cfg, got, want, want_float)
        key = "%dD %s %s" % (cfg["rank"], cfg["mode"], cfg["dtype"])
        t = tally.setdefault(key, [0, 0, 0])
        t[0] += 1
        t[1] += ok
        t[2] += bit_exact
        exact += bit_exact
        if not ok:
            failures.append("%s: %s" % (describe(i, cfg), msg))
        elif not bit_exact:
            inexact.append("%s: %s" % (describe(i, cfg), first_bit_difference(got, want)))
    print("%-28s %6s %6s %10s" % ("configuration", "cases", "pass", "bit-exact"))
    for key in sorted(tally):
        print("%-28s %6d %6d %10d" % ((key,) + tuple(tally[key])))
    for f in inexact[:20]:
        print("within tolerance, not bit-identical:", f)
    for f in failures[:50]:
        print("FAIL", f)
    print("gridSample: %d random configurations (seed %d): %d outside tolerance / pixel mismatches, "
          "%d bit-identical to torch" % (count, seed, len(failures), exact))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
