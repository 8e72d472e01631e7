#!/usr/bin/python3
"""Random-configuration check of zoom / mapCoordinates against SciPy 1.10.

    npm run build:ts && /usr/bin/python3 tools/check_ndimage_random.py [count] [seed]

Draws random configurations (rank 1-5, sizes 1-39, every order, mode,
prefilter, gridMode, cval, input and output dtype, coordinates inside, on
half-integers and far outside), computes SciPy's result (the knot-system
reference for the reflect prefilter, see gen_ndimage_fixtures.py), runs this
package's dist/ build on the same data through the shared driver
(tools/check-random-driver.mjs, random thread count and SIMD target) and
reports every case outside 1e-10 (float64) / 1e-5 (float32), or not equal
for uint8 away from rounding ties. A developer tool: not run in CI.
"""

import sys
import warnings

import numpy as np
from scipy import ndimage as nd

from gen_ndimage_fixtures import ref_filter, to_dtype
from random_check_io import Batch

MODES = ("constant", "nearest", "reflect", "mirror", "wrap", "grid-constant", "grid-mirror", "grid-wrap")


def random_case(rng, batch):
    """Adds one case to `batch`; returns (SciPy's float64 result, its output dtype, a description)."""
    rank = int(rng.integers(1, 6))
    shape = tuple(int(rng.integers(1, 9 if rank > 2 else 40)) for _ in range(rank))
    dt = str(rng.choice(["float64", "float32", "uint8"]))
    x = rng.integers(0, 256, shape).astype(np.uint8) if dt == "uint8" else rng.normal(0, 3, shape).astype(dt)
    order = int(rng.integers(0, 6))
    mode = str(rng.choice(MODES))
    pf = bool(rng.random() < 0.8)
    cval = float(np.round(rng.normal(0, 4), 3))
    odt = str(rng.choice([dt, "float64", "float32", "uint8"]))
    ref = pf and order >= 2 and mode in ("reflect", "grid-mirror")
    src = ref_filter(x, order, "reflect") if ref else x
    options = {"order": order, "mode": mode, "cval": cval, "prefilter": pf, "output": odt}
    base = np.ascontiguousarray(x).reshape(-1)
    case = {"tensors": {"input": batch.add_tensor(base, base.reshape(shape))}, "options": options,
            "threads": int(rng.integers(1, 3)), "simd": str(rng.choice(["baseline", "avx2", "avx512"]))}
    if rng.random() < 0.5:
        z = [float(np.round(rng.uniform(0.3, 3.0), 3)) for _ in range(rank)]
        options["gridMode"] = bool(rng.random() < 0.5)
        t = nd.zoom(src, z, order=order, mode=mode, cval=cval, prefilter=pf and not ref,
                    grid_mode=options["gridMode"], output=np.float64)
        case.update({"op": "zoom", "zoom": z})
        desc = "zoom %s x%s %s %s" % (shape, z, dt, options)
    else:
        npts = int(rng.integers(1, 40))
        c = np.stack([np.where(rng.random(npts) < 0.3, np.round(rng.uniform(-2 * n, 3 * n, npts) * 2) / 2,
                               rng.uniform(-2 * n - 1, 3 * n + 1, npts)) for n in shape])
        c = c.astype(rng.choice([np.float64, np.float32]))
        t = nd.map_coordinates(src, c, order=order, mode=mode, cval=cval, prefilter=pf and not ref, output=np.float64)
        cbase = np.ascontiguousarray(c).reshape(-1)
        case["tensors"]["coordinates"] = batch.add_tensor(cbase, cbase.reshape(c.shape))
        case["op"] = "mapCoordinates"
        desc = "mapCoordinates %s %s coords %s %s" % (shape, dt, c.shape, options)
    batch.add_case(case)
    return t, odt, desc


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rng = np.random.default_rng(seed)
    warnings.simplefilter("ignore")
    batch = Batch()
    expected = [random_case(rng, batch) for _ in range(count)]
    got = batch.run()
    bad = 0
    for (t, odt, desc), g in zip(expected, got):
        if isinstance(g, str):
            print("ERROR", desc, g)
            bad += 1
            continue
        want = to_dtype(t, odt)
        if g.shape != want.shape:
            print("MISMATCH shape", desc, g.shape, want.shape)
            bad += 1
        elif odt == "uint8":
            # equal, or a float64 result on a rounding tie (x.5) where float error may pick either side
            off = (g != want) & (np.abs(t - np.floor(t) - 0.5) > 1e-6)
            if off.any():
                print("MISMATCH", desc, "at", int(np.argmax(off.reshape(-1))))
                bad += 1
        else:
            tol = 1e-5 if odt == "float32" else 1e-10
            w = want.astype(np.float64)
            ok = (np.abs(g - w) <= tol * (1 + np.abs(w))) | (np.isnan(g) & np.isnan(w))
            if not ok.all():
                print("MISMATCH", desc, "diff", float(np.nanmax(np.abs(g - w))))
                bad += 1
    print("ndimage: %d random configurations, %d mismatches" % (count, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
