#!/usr/bin/python3
"""Generate PyTorch parity fixtures for grid_sample.

Run from the repository root with Debian's Python (torch 1.13 + numpy):

    /usr/bin/python3 tools/gen_grid_sample_fixtures.py

Writes test/fixtures/grid_sample.json. The output is deterministic: every case
draws its random numbers from a generator seeded with the CRC32 of its name.

Coverage (see /work/shared/SEMANTICS.md, section grid_sample):
  * rank 4 (input N,C,H,W; grid N,Ho,Wo,2) and rank 5 (input N,C,D,H,W;
    grid N,Do,Ho,Wo,3);
  * mode bilinear | nearest | bicubic, padding zeros | border | reflection,
    align_corners False/True, dtype float32/float64 (grid has the input dtype);
  * grid kinds per combination:
      random     N=2, C=3, odd spatial sizes, grid uniform in [-1.3, 1.3]
      size1      spatial dims of size 1 (4D: H, W, both; 5D: D, H, W, all)
      landmarks  (C=1) -1, 0, 1, pixel centres, nearest-mode ties (unnormalized
                 coordinate k+0.5, nearest value in the dtype, its
                 dtype-arithmetic variant and +-1 ulp), far out-of-range values
      large      a bigger case that spans several SIMD chunks
      wide       an input plane over 256 KiB, where the kernel prefetches taps
                 ahead; the input is generated (fixture_io.hashed), not stored;
                 one align_corners value per mode x padding x dtype
  * 5D bicubic: torch 1.13 refuses it, so the expected output comes from a numpy
    float64 per-tap reference ("source": "numpy-reference"). The script first
    asserts that the 2D version of that reference reproduces torch's 4D bicubic
    (float64, every padding / align_corners, max abs diff < 1e-10).
  * uint8: input uint8, grid float32, expected = torch's float32 result rounded
    half to even and clamped to [0, 255]; the unrounded float32 result is kept
    in "outputFloat". Rank 4: all three modes, rank 5: bilinear and nearest;
    kinds random, landmarks (first shape only) and large.
  * nonfinite: float32 grids holding NaN, +Inf, -Inf, +-1e30, for each
    rank / mode / padding / align_corners that torch runs (not 5D bicubic).
    Whatever torch outputs is recorded as is (the 5D path casts NaN to an
    integer, which is undefined behaviour in C++; tests decide what to check).

Tensors are stored as base64 of little-endian, C-contiguous raw bytes.
"""

import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

from fixture_io import encode, hashed, rng_for

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(REPO_ROOT, "test", "fixtures", "grid_sample.json")
GENERATOR = "tools/gen_grid_sample_fixtures.py"

MODES = ("bilinear", "nearest", "bicubic")
PADDINGS = ("zeros", "border", "reflection")
ALIGN = (False, True)
FLOAT_DTYPES = (np.float32, np.float64)
FAR_VALUES = (1.5, 3.0, 17.25, 1e3)
NONFINITE_VALUES = (np.nan, np.inf, -np.inf, 1e30, -1e30)

# Spatial shapes per grid kind: (input spatial, output spatial, N, C).
SHAPES = {
    4: {
        "random": [((5, 7), (3, 13), 2, 3)],
        "size1": [((1, 7), (3, 5), 1, 2), ((5, 1), (3, 5), 1, 2), ((1, 1), (3, 5), 1, 2)],
        "large": [((16, 17), (9, 11), 1, 2)],
        "landmarks": [(5, 7), (3, 6)],          # input spatial; grid built from landmarks
        "nonfinite": [(4, 5)],
        # planes of 270 KB (float32), 276 KB (float64), 268 KB (uint8)
        "wide": {"float32": ((257, 263), (13, 23), 1, 2), "float64": ((181, 191), (13, 23), 1, 2),
                 "uint8": ((515, 521), (13, 23), 1, 2)},
    },
    5: {
        "random": [((3, 4, 5), (2, 3, 5), 2, 3)],
        "size1": [((1, 4, 5), (2, 2, 3), 1, 2), ((3, 1, 5), (2, 2, 3), 1, 2),
                  ((3, 4, 1), (2, 2, 3), 1, 2), ((1, 1, 1), (2, 2, 3), 1, 2)],
        "large": [((6, 7, 8), (4, 5, 6), 1, 2)],
        "landmarks": [(4, 5, 7)],
        "nonfinite": [(3, 4, 5)],
        # planes of 331 KB (float32), 266 KB (float64), 266 KB (uint8)
        "wide": {"float32": ((41, 43, 47), (3, 5, 19), 1, 2), "float64": ((29, 31, 37), (3, 5, 19), 1, 2),
                 "uint8": ((61, 67, 65), (3, 5, 19), 1, 2)},
    },
}


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def dtype_name(dt):
    return np.dtype(dt).name


def shape_str(shape):
    return "x".join(str(s) for s in shape)


def case_name(rank, mode, padding, ac, dtype, in_shape, out_spatial, kind):
    return "%dd/%s/%s/ac%d/%s/in%s/out%s/%s" % (
        rank, mode, padding, int(ac), dtype, shape_str(in_shape), shape_str(out_spatial), kind)


def torch_grid_sample(inp, grid, mode, padding, ac):
    out = F.grid_sample(torch.from_numpy(inp), torch.from_numpy(grid), mode=mode,
                        padding_mode=padding, align_corners=ac)
    return out.numpy()


# --------------------------------------------------------------------------
# numpy float64 per-tap bicubic reference (any number of spatial dims)
# --------------------------------------------------------------------------

A_CUBIC = -0.75


def unnormalize(g, n, ac):
    if ac:
        return ((g + 1.0) / 2.0) * (n - 1)
    return ((g + 1.0) * n - 1.0) / 2.0


def reflect(c, n, ac):
    lo2, hi2 = (0, 2 * (n - 1)) if ac else (-1, 2 * n - 1)
    if lo2 == hi2:
        return np.zeros_like(c)
    lo = lo2 / 2.0
    span = (hi2 - lo2) / 2.0
    a = np.abs(c - lo)
    extra = np.fmod(a, span)
    flips = np.floor(a / span)
    return np.where(np.fmod(flips, 2.0) == 0, extra + lo, span - extra + lo)


def pad_tap(c, n, padding, ac):
    """Padding rule applied to one tap's integer coordinate (as float64)."""
    if padding == "border":
        return np.clip(c, 0, n - 1)
    if padding == "reflection":
        return np.clip(reflect(c, n, ac), 0, n - 1)
    return c


def cubic_coefficients(t):
    a = A_CUBIC

    def k1(x):
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def k2(x):
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [k2(t + 1), k1(t), k1(1 - t), k2(2 - t)]


def bicubic_reference(inp, grid, padding, ac):
    """Per-tap bicubic/tricubic grid_sample in float64.

    inp: (N, C, *S); grid: (N, *O, k) with k = len(S), grid[..., 0] indexing the
    last spatial dim. Coefficients use the coordinate before padding; each tap's
    integer coordinate then gets the padding rule, and is read if in bounds
    else 0. Sums run over x first, then y, then z.
    """
    inp = inp.astype(np.float64)
    grid = grid.astype(np.float64)
    n_batch, n_chan = inp.shape[:2]
    spatial = inp.shape[2:]
    k = len(spatial)
    out_spatial = grid.shape[1:-1]
    g = grid.reshape(n_batch, -1, k)                     # (N, P, k)

    taps = []                                            # per axis (x, y, z): 4 x (index, valid, coeff)
    for axis in range(k):
        n = spatial[k - 1 - axis]
        c = unnormalize(g[..., axis], n, ac)
        c0 = np.floor(c)
        coeffs = cubic_coefficients(c - c0)
        axis_taps = []
        for j in range(4):
            pc = pad_tap(c0 + (j - 1), n, padding, ac)
            valid = (pc >= 0) & (pc <= n - 1)
            idx = np.where(valid, pc, 0).astype(np.int64)
            axis_taps.append((idx, valid, coeffs[j]))
        taps.append(axis_taps)

    batch_idx = np.arange(n_batch)[:, None]

    def read(tap_choice):
        # tap_choice[axis] = (idx, valid, coeff); spatial index order is z, y, x
        idx = [tap_choice[a][0] for a in reversed(range(k))]
        valid = np.logical_and.reduce([tap_choice[a][1] for a in range(k)])
        vals = inp[(batch_idx, slice(None)) + tuple(idx)]   # (N, P, C)
        return np.where(valid[..., None], vals, 0.0)

    def accumulate(axis, chosen):
        """Sum over taps of `axis` (x innermost) given outer taps in `chosen`."""
        total = 0.0
        for j in range(4):
            tap = taps[axis][j]
            choice = {axis: tap, **chosen}
            if axis == 0:
                term = read(choice)
            else:
                term = accumulate(axis - 1, choice)
            total = total + tap[2][..., None] * term
        return total

    out = accumulate(k - 1, {})                          # (N, P, C)
    return np.moveaxis(out, -1, 1).reshape((n_batch, n_chan) + out_spatial)


def validate_bicubic_reference():
    """The 2D reference must reproduce torch's 4D bicubic in float64."""
    rng = np.random.default_rng(12345)
    worst = 0.0
    for padding in PADDINGS:
        for ac in ALIGN:
            for spatial in ((5, 7), (1, 6), (4, 1), (1, 1), (9, 8)):
                inp = rng.standard_normal((2, 3) + spatial)
                grid = rng.uniform(-3.5, 3.5, (2, 6, 11, 2))
                grid[0, 0, :5, :] = [[-1, -1], [1, 1], [0, 0], [17.25, -17.25], [1e3, -1e3]]
                want = torch_grid_sample(inp, grid, "bicubic", padding, ac)
                got = bicubic_reference(inp, grid, padding, ac)
                diff = float(np.max(np.abs(got - want)))
                assert diff < 1e-10, ("2D bicubic reference differs from torch", padding, ac, spatial, diff)
                worst = max(worst, diff)
                # A 3D reference with D=1 sampled at z=0 must equal the 2D result.
                grid3 = np.concatenate([grid, np.zeros(grid.shape[:-1] + (1,))], axis=-1)[:, None]
                got3 = bicubic_reference(inp[:, :, None], grid3, padding, ac)[:, :, 0]
                diff3 = float(np.max(np.abs(got3 - want)))
                assert diff3 < 1e-10, ("3D bicubic reference (D=1) differs from torch 2D", padding, ac, diff3)
    return worst


# --------------------------------------------------------------------------
# Grids
# --------------------------------------------------------------------------

def pixel_centres(n, ac):
    if ac:
        return [0.0] if n == 1 else [-1.0 + 2.0 * k / (n - 1) for k in range(n)]
    return [(2.0 * k + 1.0) / n - 1.0 for k in range(n)]


def tie_values(n, ac, dt):
    """Grid values whose unnormalized coordinate is k + 0.5 (a couple outside too).

    For each k: the dtype value nearest the exact tie, the same value computed
    with dtype arithmetic, and their +-1 ulp neighbours.
    """
    if ac and n == 1:
        return []
    vals = []
    for k in range(-2, n + 1):
        if ac:
            exact = 2.0 * (k + 0.5) / (n - 1) - 1.0
            in_dtype = dt(2 * k + 1) / dt(n - 1) - dt(1)
        else:
            exact = 2.0 * (k + 1) / n - 1.0
            in_dtype = dt(2 * (k + 1)) / dt(n) - dt(1)
        for v in (dt(exact), dt(in_dtype)):
            vals += [v, np.nextafter(v, dt(np.inf)), np.nextafter(v, dt(-np.inf))]
    return vals


def axis_landmarks(n, ac, dt):
    vals = [-1.0, 0.0, 1.0] + pixel_centres(n, ac)
    vals += [s * v for v in FAR_VALUES for s in (1, -1)]
    vals = [dt(v) for v in vals] + tie_values(n, ac, dt)
    uniq = sorted(set(float(v) for v in vals))
    return np.array(uniq, dtype=dt)


def landmark_grid(rng, in_spatial, ac, dt):
    """Grid rows: one per axis (that axis sweeps its landmarks, the others sit on
    random pixel centres) plus one row mixing all axes' landmarks."""
    k = len(in_spatial)
    sizes = list(reversed(in_spatial))                # axis 0 = x = last spatial dim
    marks = [axis_landmarks(n, ac, dt) for n in sizes]
    length = max(len(m) for m in marks)
    rows = []
    for axis in range(k + 1):
        row = np.empty((length, k), dtype=dt)
        for a in range(k):
            centres = np.array(pixel_centres(sizes[a], ac), dtype=dt)
            if a == axis:
                row[:, a] = np.resize(marks[a], length)
            elif axis == k:
                row[:, a] = rng.permutation(np.resize(marks[a], length))
            else:
                row[:, a] = rng.choice(centres, length)
        rows.append(row)
    grid = np.stack(rows)                              # (k+1, L, k)
    out_spatial = (2, 2, length) if k == 3 else (k + 1, length)
    return grid.reshape((1,) + out_spatial + (k,))


def nonfinite_grid(rng, rank):
    """Each special value on each single axis, and on all axes at once, mixed
    with finite points, shuffled so SIMD chunks hold both kinds of lane."""
    k = rank - 2
    points = []
    for s in NONFINITE_VALUES:
        for axis in range(k):
            p = rng.uniform(-0.9, 0.9, k)
            p[axis] = s
            points.append(p)
        points.append(np.full(k, s))
    n_special = len(points)
    total = 26 if rank == 4 else 24
    points += [rng.uniform(-1.1, 1.1, k) for _ in range(total - n_special)]
    points = np.array(points)[rng.permutation(total)]
    out_spatial = (2, 13) if rank == 4 else (2, 1, 12)
    return points.astype(np.float32).reshape((1,) + out_spatial + (k,))


# --------------------------------------------------------------------------
# Case construction
# --------------------------------------------------------------------------

def random_input(rng, shape, dt):
    if dt == np.uint8:
        x = rng.integers(0, 256, shape, dtype=np.uint8)
        flat = x.reshape(-1)
        flat[0], flat[-1] = 0, 255
        return x
    return rng.uniform(-2.0, 2.0, shape).astype(dt)


def case_inputs(rng, rank, kind, spec, ac, dt, grid_dt):
    """Return (input, grid) for one case."""
    if kind == "landmarks":
        in_spatial = spec
        grid = landmark_grid(rng, in_spatial, ac, grid_dt)
        inp = random_input(rng, (1, 1) + tuple(in_spatial), dt)
        return inp, grid
    if kind == "nonfinite":
        inp = random_input(rng, (1, 2) + tuple(spec), dt)
        return inp, nonfinite_grid(rng, rank)
    in_spatial, out_spatial, n, c = spec
    if kind == "wide":
        inp = hashed((n, c) + tuple(in_spatial), dt)[0]
    else:
        inp = random_input(rng, (n, c) + tuple(in_spatial), dt)
    grid = rng.uniform(-1.3, 1.3, (n,) + tuple(out_spatial) + (rank - 2,)).astype(grid_dt)
    return inp, grid


def expected_output(inp, grid, rank, mode, padding, ac):
    """Return (output, source)."""
    if rank == 5 and mode == "bicubic":
        out = bicubic_reference(inp.astype(np.float64), grid.astype(np.float64), padding, ac)
        return out.astype(inp.dtype), "numpy-reference"
    return torch_grid_sample(inp, grid, mode, padding, ac), "torch"


def make_case(rank, mode, padding, ac, dtype, kind, spec):
    is_u8 = dtype == "uint8"
    dt = np.uint8 if is_u8 else np.dtype(dtype).type
    grid_dt = np.float32 if is_u8 else dt
    # Seed from the combination and the shape spec (the final name also holds
    # the landmark grid size, which is only known after building the grid).
    seed_name = "%dd/%s/%s/ac%d/%s/%s/%r" % (rank, mode, padding, int(ac), dtype, kind, spec)
    rng = rng_for(seed_name)
    inp, grid = case_inputs(rng, rank, kind, spec, ac, dt, grid_dt)

    case = {
        "name": case_name(rank, mode, padding, ac, dtype, inp.shape, grid.shape[1:-1], kind),
        "rank": rank, "mode": mode, "paddingMode": padding, "alignCorners": ac,
        "dtype": dtype,
    }
    if is_u8:
        out_f = torch_grid_sample(inp.astype(np.float32), grid, mode, padding, ac)
        out = np.clip(np.rint(out_f), 0, 255).astype(np.uint8)
        case["source"] = "torch"
    else:
        out, case["source"] = expected_output(inp, grid, rank, mode, padding, ac)
        assert out.dtype == dt
    case["input"] = hashed(inp.shape, inp.dtype)[1] if kind == "wide" else encode(inp)
    case["grid"] = encode(grid)
    case["output"] = encode(out)
    if is_u8:
        case["outputFloat"] = encode(out_f)
    if kind == "nonfinite":
        case["nonfinite"] = True
    return case


def iter_specs(rank, kinds, first_only=()):
    for kind in kinds:
        specs = SHAPES[rank][kind]
        for spec in (specs[:1] if kind in first_only else specs):
            yield kind, spec


def all_cases():
    cases = []
    float_kinds = ("random", "size1", "landmarks", "large")
    for rank in (4, 5):
        for mode in MODES:
            for padding in PADDINGS:
                for ac in ALIGN:
                    for dt in FLOAT_DTYPES:
                        for kind, spec in iter_specs(rank, float_kinds):
                            cases.append(make_case(rank, mode, padding, ac, dtype_name(dt), kind, spec))
                    torch_runs = not (rank == 5 and mode == "bicubic")
                    if torch_runs:
                        u8_kinds = ("random", "landmarks", "large")
                        for kind, spec in iter_specs(rank, u8_kinds, first_only=("landmarks",)):
                            cases.append(make_case(rank, mode, padding, ac, "uint8", kind, spec))
                        for kind, spec in iter_specs(rank, ("nonfinite",)):
                            cases.append(make_case(rank, mode, padding, ac, "float32", kind, spec))
                # wide: one align_corners value per mode x padding
                ac = (MODES.index(mode) + PADDINGS.index(padding)) % 2 == 1
                for dtype, spec in SHAPES[rank]["wide"].items():
                    if dtype == "uint8" and rank == 5 and mode == "bicubic":
                        continue
                    cases.append(make_case(rank, mode, padding, ac, dtype, "wide", spec))
    return cases


def main():
    torch.set_num_threads(1)
    worst = validate_bicubic_reference()
    print("bicubic reference vs torch 4D (float64): max abs diff %.3g" % worst)

    cases = all_cases()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    doc = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases}

    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    size = os.path.getsize(OUT_PATH)
    print("wrote %s: %d cases, %d bytes" % (os.path.relpath(OUT_PATH), len(cases), size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
