#!/usr/bin/python3
"""Generate SciPy parity fixtures for zoom, map_coordinates and spline_filter.

Run from the repository root with Debian's Python (scipy 1.10 + numpy):

    /usr/bin/python3 tools/gen_ndimage_fixtures.py

Writes test/fixtures/ndimage.json. Deterministic: every case draws its random
numbers from a generator seeded with the CRC32 of its name.

Where the expected values come from ("source"):
  * "scipy": scipy.ndimage 1.10 itself.
  * "reference": the 'reflect' / 'grid-mirror' prefilter (and spline_filter's
    'nearest', which uses the same boundary) at order >= 2. SciPy before 1.18
    computes that filter's causal initial value in place and is wrong on short
    axes (scipy#24550), so the coefficients here come from an independent
    linear solve: the B-spline interpolation condition sum_k c_k b(j - k) = x_j
    on the half-sample symmetric extension of the signal (period 2n), solved
    as a dense circulant system in float64. The interpolation step then runs
    in SciPy on those coefficients (prefilter=False), which is exactly what
    SciPy does after its own prefilter. Before writing anything the script
    asserts that the same solver reproduces SciPy's mirror and grid-wrap
    filters on short axes, and SciPy's reflect filter on long axes where its
    bug does not bite.

Coverage:
  * zoom: every order 0-5 x every mode x prefilter (orders >= 2) x gridMode x
    rank 1-3, dtypes rotating float64 / float32 / uint8, up and down factors,
    cval != 0; plus ranks 4 and 5, sizes of 1 (in and out: SciPy's zero
    divisor rule), half-to-even output shapes, the 768 -> 96 'constant' quirk
    at order 1, bigger cases spanning several kernel panels, and explicit
    output dtypes.
  * map_coordinates: every order x mode x prefilter x rank 1-3, coordinates
    inside, on integers and half-integers, at the edges, just outside, far
    outside, and -1e-17 (SciPy's reflect guard).
  * spline_filter: orders 2-5 x every mode x rank 1-3 (axes of 1, 2, odd),
    float64 and float32 outputs.
Integer outputs also store the unrounded float64 result ("outputFloat") so
tests can skip values that sit on a rounding boundary.

Tensors are stored as base64 of little-endian, C-contiguous raw bytes.
"""

import json
import os

import numpy as np
import scipy
from scipy import ndimage

from fixture_io import encode, rng_for

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(REPO_ROOT, "test", "fixtures", "ndimage.json")

MODES = ("constant", "nearest", "reflect", "mirror", "wrap", "grid-constant", "grid-mirror", "grid-wrap")
REFLECT_LIKE = ("reflect", "grid-mirror")
DTYPES = ("float64", "float32", "uint8")
NP = {"float64": np.float64, "float32": np.float32, "uint8": np.uint8}

# B-spline values at the integers 0, 1, 2 (times a common denominator).
KNOTS = {0: [1], 1: [1], 2: [6, 1], 3: [4, 1], 4: [230, 76, 1], 5: [66, 26, 1]}


# ---- the independent prefilter ---------------------------------------------

def kernel_values(order):
    k = KNOTS[order]
    total = k[0] + 2 * sum(k[1:])
    return {d: k[abs(d)] / total for d in range(-(len(k) - 1), len(k))}


def solve_matrix(n, order, extension):
    """n x n matrix taking samples to B-spline coefficients, for a signal
    extended by `extension`: 'reflect' (half-sample symmetric, period 2n),
    'mirror' (whole-sample symmetric, period 2n-2), 'wrap' (period n)."""
    if n == 1 or order < 2:
        return np.eye(n)
    if extension == "reflect":
        src = list(range(n)) + list(range(n - 1, -1, -1))
    elif extension == "mirror":
        src = list(range(n)) + list(range(n - 2, 0, -1))
    else:
        src = list(range(n))
    period = len(src)
    a = np.zeros((period, period))
    for j in range(period):
        for d, v in kernel_values(order).items():
            a[j, (j + d) % period] += v
    e = np.zeros((period, n))
    for j, s in enumerate(src):
        e[j, s] = 1.0
    return np.linalg.solve(a, e)[:n]


def ref_filter(x, order, extension):
    """Coefficients of x (float64) along every axis."""
    c = np.asarray(x, dtype=np.float64)
    for axis in range(c.ndim):
        m = solve_matrix(c.shape[axis], order, extension)
        c = np.moveaxis(np.tensordot(m, np.moveaxis(c, axis, 0), axes=(1, 0)), 0, axis)
    return np.ascontiguousarray(c)


def self_check():
    rng = np.random.default_rng(1)
    for order in (2, 3, 4, 5):
        for n in (2, 3, 4, 5, 7, 12):
            x = rng.standard_normal(n)
            for mode, ext in (("mirror", "mirror"), ("grid-wrap", "wrap")):
                got = ref_filter(x, order, ext)
                want = ndimage.spline_filter1d(x, order, mode=mode)
                assert np.max(np.abs(got - want)) < 1e-12, (order, n, mode)
        for n in (48, 64, 101):
            x = rng.standard_normal(n)
            for mode in ("reflect", "grid-mirror", "nearest"):
                got = ref_filter(x, order, "reflect")
                want = ndimage.spline_filter1d(x, order, mode=mode)
                assert np.max(np.abs(got - want)) < 1e-12, (order, n, mode)
        # and the whole pipeline, 2D, on long axes
        img = rng.standard_normal((50, 53))
        want = ndimage.zoom(img, 1.3, order=order, mode="reflect")
        got = ndimage.zoom(ref_filter(img, order, "reflect"), 1.3, order=order, mode="reflect", prefilter=False)
        assert np.max(np.abs(got - want)) < 1e-11, order
        # scipy 1.10 really is off on short axes (what the reference fixes)
        x = rng.standard_normal(3)
        off = np.max(np.abs(ref_filter(x, order, "reflect") - ndimage.spline_filter1d(x, order, mode="reflect")))
        assert off > 1e-9, order


# ---- cases -----------------------------------------------------------------

def make_input(rng, shape, dtype):
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    return rng.uniform(-2, 3, size=shape).astype(NP[dtype])


def to_dtype(t, dtype):
    """SciPy's conversion of a float64 result to the output dtype."""
    if dtype == "uint8":
        t = np.where(t > 0, t + 0.5, 0.0)
        t = np.where(t > 255, 255.0, t)
        return np.floor(t).astype(np.uint8)
    return t.astype(NP[dtype])


def uses_reference(order, mode, prefilter):
    return prefilter and order >= 2 and mode in REFLECT_LIKE


def run_zoom(x, factors, order, mode, cval, prefilter, grid_mode):
    """float64 result and its source."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if uses_reference(order, mode, prefilter):
            coef = ref_filter(x, order, "reflect")
            out_shape = tuple(int(round(n * z)) for n, z in zip(x.shape, factors))
            # zoom() on the coefficients: its output shape from the same factors
            t = ndimage.zoom(coef, factors, order=order, mode=mode, cval=cval, prefilter=False,
                             grid_mode=grid_mode, output=np.float64)
            assert t.shape == out_shape
            return t, "reference"
        t = ndimage.zoom(x, factors, order=order, mode=mode, cval=cval, prefilter=prefilter,
                         grid_mode=grid_mode, output=np.float64)
        return t, "scipy"


def run_map(x, coords, order, mode, cval, prefilter):
    if uses_reference(order, mode, prefilter):
        coef = ref_filter(x, order, "reflect")
        return ndimage.map_coordinates(coef, coords, order=order, mode=mode, cval=cval, prefilter=False,
                                       output=np.float64), "reference"
    return ndimage.map_coordinates(x, coords, order=order, mode=mode, cval=cval, prefilter=prefilter,
                                   output=np.float64), "scipy"


def direct_check(kind, x, out_dtype, t, **kw):
    """When SciPy is the source, its own output in out_dtype must equal our
    conversion of its float64 result (so the fixture is SciPy's, bit for bit)."""
    if out_dtype == "float64":
        return
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "zoom":
            s = ndimage.zoom(x, kw["factors"], order=kw["order"], mode=kw["mode"], cval=kw["cval"],
                             prefilter=kw["prefilter"], grid_mode=kw["grid_mode"], output=NP[out_dtype])
        else:
            s = ndimage.map_coordinates(x, kw["coords"], order=kw["order"], mode=kw["mode"], cval=kw["cval"],
                                        prefilter=kw["prefilter"], output=NP[out_dtype])
    mine = to_dtype(t, out_dtype)
    if out_dtype == "uint8":
        assert np.array_equal(s, mine), "uint8 conversion differs from SciPy's"
    else:
        assert np.array_equal(s, mine), "float32 conversion differs from SciPy's"


CASES = []


def add_zoom(name, x, factors, order, mode, cval=0.0, prefilter=True, grid_mode=False, output=None):
    out_dtype = output or {np.dtype(np.float64): "float64", np.dtype(np.float32): "float32", np.dtype(np.uint8): "uint8"}[x.dtype]
    t, source = run_zoom(x, factors, order, mode, cval, prefilter, grid_mode)
    if source == "scipy":
        direct_check("zoom", x, out_dtype, t, factors=factors, order=order, mode=mode, cval=cval,
                     prefilter=prefilter, grid_mode=grid_mode)
    case = {
        "name": name, "op": "zoom", "source": source, "input": encode(x), "zoom": [float(z) for z in factors],
        "options": {"order": order, "mode": mode, "cval": cval, "prefilter": prefilter, "gridMode": grid_mode},
        "output": encode(to_dtype(t, out_dtype)),
    }
    if output:
        case["options"]["output"] = output
    if out_dtype == "uint8":
        case["outputFloat"] = encode(t)
    CASES.append(case)
    return t


def add_map(name, x, coords, order, mode, cval=0.0, prefilter=True, output=None):
    out_dtype = output or {np.dtype(np.float64): "float64", np.dtype(np.float32): "float32", np.dtype(np.uint8): "uint8"}[x.dtype]
    t, source = run_map(x, coords, order, mode, cval, prefilter)
    if source == "scipy":
        direct_check("map", x, out_dtype, t, coords=coords, order=order, mode=mode, cval=cval, prefilter=prefilter)
    case = {
        "name": name, "op": "mapCoordinates", "source": source, "input": encode(x), "coordinates": encode(coords),
        "options": {"order": order, "mode": mode, "cval": cval, "prefilter": prefilter},
        "output": encode(to_dtype(t, out_dtype)),
    }
    if output:
        case["options"]["output"] = output
    if out_dtype == "uint8":
        case["outputFloat"] = encode(t)
    CASES.append(case)


def add_filter(name, x, order, mode, output):
    if mode in REFLECT_LIKE + ("nearest",):
        t, source = ref_filter(x, order, "reflect"), "reference"
    else:
        t, source = ndimage.spline_filter(x, order, output=np.float64, mode=mode), "scipy"
    CASES.append({
        "name": name, "op": "splineFilter", "source": source, "input": encode(x),
        "options": {"order": order, "mode": mode, "output": output},
        "output": encode(t.astype(NP[output])),
    })


ZOOM_SHAPES = {1: ((7,), (1.7,)), 2: ((5, 4), (1.5, 0.8)), 3: ((3, 4, 2), (1.4, 0.6, 2.1))}
MAP_SHAPES = {1: (6,), 2: (5, 4), 3: (3, 4, 3)}


def coordinates(rng, shape, out_shape, dtype):
    rank = len(shape)
    npts = int(np.prod(out_shape))
    c = np.empty((rank, npts))
    for a, n in enumerate(shape):
        special = [0.0, -0.5, n - 0.5, n - 1.0, -1e-17, n - 1 + 1e-12, 0.5, 1.0, -1.0, n + 0.25,
                   -3.0 * n - 0.3, 3.0 * n + 0.7, -17.25, 1000.5]
        vals = rng.uniform(-2.5, n + 1.5, size=npts)
        picks = rng.permutation(npts)[: min(len(special), npts // 2)]
        vals[picks] = rng.permutation(special)[: len(picks)]
        c[a] = vals
    return c.reshape((rank,) + tuple(out_shape)).astype(dtype)


def build():
    k = 0
    # zoom matrix
    for rank in (1, 2, 3):
        shape, factors = ZOOM_SHAPES[rank]
        for order in range(6):
            for mode in MODES:
                for prefilter in ((True, False) if order >= 2 else (True,)):
                    for grid_mode in (False, True):
                        dtype = DTYPES[k % 3]
                        k += 1
                        name = f"zoom r{rank} o{order} {mode} pf={int(prefilter)} gm={int(grid_mode)} {dtype}"
                        rng = rng_for(name)
                        x = make_input(rng, shape, dtype)
                        fac = factors if k % 2 else tuple(1.0 / f * 1.1 for f in factors)
                        cval = 7.0 if dtype == "uint8" else -1.25
                        add_zoom(name, x, fac, order, mode, cval, prefilter, grid_mode)
    # map_coordinates matrix
    for rank in (1, 2, 3):
        shape = MAP_SHAPES[rank]
        out_shape = (16,) if rank == 1 else (4, 5)
        for order in range(6):
            for mode in MODES:
                for prefilter in ((True, False) if order >= 2 else (True,)):
                    dtype = DTYPES[k % 3]
                    k += 1
                    name = f"map r{rank} o{order} {mode} pf={int(prefilter)} {dtype}"
                    rng = rng_for(name)
                    x = make_input(rng, shape, dtype)
                    cdt = np.float64 if dtype == "float64" else np.float32
                    c = coordinates(rng, shape, out_shape, cdt)
                    cval = 9.0 if dtype == "uint8" else 0.625
                    add_map(name, x, c, order, mode, cval, prefilter)
    # spline_filter matrix
    for rank, shape in ((1, (9,)), (1, (2,)), (2, (5, 1)), (2, (3, 6)), (3, (2, 3, 5))):
        for order in (2, 3, 4, 5):
            for mode in MODES:
                output = "float64" if k % 2 else "float32"
                k += 1
                name = f"filter {shape} o{order} {mode} {output}"
                rng = rng_for(name)
                dtype = DTYPES[k % 3]
                add_filter(name, make_input(rng, shape, dtype), order, mode, output)

    # --- special zoom cases
    # SciPy's 'constant' last-row quirk: (96-1)*((768-1)/(96-1)) > 767 in double
    x = rng_for("quirk").uniform(0, 1, size=(768,))
    t = add_zoom("zoom quirk 768->96 order 1 constant", x, (96 / 768,), 1, "constant", cval=-3.0)
    assert t[-1] == -3.0 and t[-2] != -3.0
    x2 = rng_for("quirk2").uniform(0, 1, size=(768, 3)).astype(np.float32)
    t = add_zoom("zoom quirk 768x3->96x3 order 1 constant float32", x2, (96 / 768, 1.0), 1, "constant", cval=0.0)
    assert np.all(t[-1] == 0.0)
    # sizes of 1, in and out (zero divisor -> factor 1)
    for order in (0, 1, 3, 5):
        for mode in ("constant", "nearest", "mirror", "reflect", "wrap", "grid-wrap", "grid-constant"):
            for grid_mode in (False, True):
                name = f"zoom size1 o{order} {mode} gm={int(grid_mode)}"
                rng = rng_for(name)
                add_zoom(name, make_input(rng, (1, 5), "float64"), (3.0, 0.3), order, mode, 0.5, True, grid_mode)
                add_zoom(name + " to1", make_input(rng, (4, 3), "float64"), (0.2, 1.0), order, mode, 0.5, True, grid_mode)
    # output shapes that round half to even: 2.5 -> 2, 3.5 -> 4, 4.5 -> 4
    add_zoom("zoom half-even shape", make_input(rng_for("he"), (5, 7, 9), "float64"), (0.5, 0.5, 0.5), 3, "mirror")
    # ranks 4 and 5
    for order in (0, 1, 3):
        for mode in ("constant", "reflect", "grid-constant", "nearest"):
            name = f"zoom r4 o{order} {mode}"
            add_zoom(name, make_input(rng_for(name), (2, 3, 2, 3), "float32"), (1.5, 0.7, 2.0, 1.4), order, mode, 1.5)
            name = f"zoom r5 o{order} {mode}"
            add_zoom(name, make_input(rng_for(name), (2, 2, 3, 2, 3), "float64"), (1.0, 1.5, 0.7, 1.5, 1.3), order, mode, 1.5, True, order == 1)
    # bigger: several prefilter panels and row chunks, both directions
    for mode in ("mirror", "reflect", "nearest", "grid-wrap", "constant"):
        name = f"zoom large 2D {mode}"
        add_zoom(name, make_input(rng_for(name), (37, 70), "float32"), (1.9, 1.3), 3, mode, 0.0)
        name = f"zoom large 3D down {mode}"
        add_zoom(name, make_input(rng_for(name), (9, 13, 70), "float64"), (0.6, 0.5, 0.45), 5, mode, 0.0, True, True)
    # explicit output dtypes and uint8 clamping (order 3 overshoots 0 / 255)
    step = np.zeros((6, 9), np.uint8)
    step[:, 4:] = 255
    add_zoom("zoom uint8 step clamps o3", step, (1.0, 2.3), 3, "mirror")
    add_zoom("zoom uint8 -> float64", make_input(rng_for("u2f"), (5, 6), "uint8"), (1.7, 1.2), 3, "nearest", output="float64")
    add_zoom("zoom float32 -> float64", make_input(rng_for("f2d"), (5, 6), "float32"), (1.7, 1.2), 2, "wrap", output="float64")
    add_zoom("zoom float64 -> uint8", rng_for("d2u").uniform(-20, 280, (5, 6)), (1.7, 1.2), 4, "grid-mirror", output="uint8")
    add_zoom("zoom float64 -> float32", make_input(rng_for("d2f"), (5, 6), "float64"), (0.6, 2.2), 3, "reflect", output="float32")
    # 'grid-constant' prepads in the input's dtype: cval stored as uint8
    # (numpy's wrapping C cast) or float32 before the prefilter
    for cval in (-3.635, 300.5, 8.501, 0.1):
        for dtype in ("uint8", "float32"):
            name = f"zoom grid-constant prepad cval {cval} {dtype}"
            add_zoom(name, make_input(rng_for(name), (5, 6), dtype), (1.3, 0.7), 3, "grid-constant", cval, True, True)
            name = f"map grid-constant prepad cval {cval} {dtype}"
            x = make_input(rng_for(name), (5, 6), dtype)
            add_map(name, x, coordinates(rng_for(name + "c"), (5, 6), (4, 5), np.float32), 4, "grid-constant", cval)
    # map_coordinates: bigger batch, rank 4, output dtypes
    name = "map large 2D o3 mirror"
    x = make_input(rng_for(name), (20, 30), "float64")
    add_map(name, x, coordinates(rng_for(name + "c"), (20, 30), (25, 21), np.float64), 3, "mirror")
    name = "map r4 o2 grid-wrap"
    x = make_input(rng_for(name), (3, 2, 4, 3), "float32")
    add_map(name, x, coordinates(rng_for(name + "c"), (3, 2, 4, 3), (7, 3), np.float32), 2, "grid-wrap")
    name = "map float32 -> float64 o5 reflect"
    x = make_input(rng_for(name), (6, 7), "float32")
    add_map(name, x, coordinates(rng_for(name + "c"), (6, 7), (5, 5), np.float64), 5, "reflect", output="float64")


def main():
    self_check()
    build()
    doc = {"scipy": scipy.__version__, "generator": "tools/gen_ndimage_fixtures.py", "cases": CASES}
    with open(OUT_PATH, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{len(CASES)} cases, {os.path.getsize(OUT_PATH) / 1e6:.2f} MB -> {OUT_PATH}")


if __name__ == "__main__":
    main()
