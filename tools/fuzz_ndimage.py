#!/usr/bin/python3
"""Random-configuration check of zoom / mapCoordinates against SciPy 1.10.

    /usr/bin/python3 tools/fuzz_ndimage.py [seed]   (after npm run build:ts)

Draws 300 random configurations (rank 1-5, sizes 1-39, every order, mode,
prefilter, gridMode, cval, input and output dtype, coordinates inside, on
half-integers and far outside), computes SciPy's result (the knot-system
reference for the reflect prefilter, see gen_ndimage_fixtures.py) and has
tools/fuzz_ndimage.mjs compare ours: 1e-10 float64, 1e-5 float32, uint8
exact away from rounding ties. Prints the mismatches and their count.
"""
import base64, json, os, subprocess, sys, tempfile, warnings
import numpy as np
from scipy import ndimage as nd
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ndimage_fixtures import ref_filter, to_dtype
warnings.simplefilter('ignore')
rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
MODES = ("constant", "nearest", "reflect", "mirror", "wrap", "grid-constant", "grid-mirror", "grid-wrap")
cases = []
def enc(a):
    a = np.ascontiguousarray(a); return {"shape": list(a.shape), "dtype": str(a.dtype), "data": base64.b64encode(a.tobytes()).decode()}
for k in range(300):
    rank = int(rng.integers(1, 6)); shape = tuple(int(rng.integers(1, 9 if rank > 2 else 40)) for _ in range(rank))
    dt = rng.choice(['float64', 'float32', 'uint8'])
    x = rng.integers(0, 256, shape).astype(np.uint8) if dt == 'uint8' else rng.normal(0, 3, shape).astype(dt)
    order = int(rng.integers(0, 6)); mode = str(rng.choice(MODES)); pf = bool(rng.random() < 0.8); cval = float(np.round(rng.normal(0, 4), 3))
    op = rng.choice(['zoom', 'map'])
    odt = str(rng.choice([dt, 'float64', 'float32', 'uint8']))
    ref = pf and order >= 2 and mode in ('reflect', 'grid-mirror')
    src = ref_filter(x, order, 'reflect') if ref else x
    if op == 'zoom':
        z = [float(np.round(rng.uniform(0.3, 3.0), 3)) for _ in range(rank)]
        gm = bool(rng.random() < 0.5)
        t = nd.zoom(src, z, order=order, mode=mode, cval=cval, prefilter=pf and not ref, grid_mode=gm, output=np.float64)
        cases.append({"op": "zoom", "input": enc(x), "zoom": z, "options": {"order": order, "mode": mode, "cval": cval, "prefilter": pf, "gridMode": gm, "output": odt}, "want": enc(to_dtype(t, odt)), "f": enc(t)})
    else:
        npts = int(rng.integers(1, 40))
        c = np.stack([np.where(rng.random(npts)<0.3, np.round(rng.uniform(-2*n, 3*n, npts)*2)/2, rng.uniform(-2 * n - 1, 3 * n + 1, npts)) for n in shape]).astype(rng.choice([np.float64, np.float32]))
        t = nd.map_coordinates(src, c, order=order, mode=mode, cval=cval, prefilter=pf and not ref, output=np.float64)
        cases.append({"op": "map", "input": enc(x), "coords": enc(c), "options": {"order": order, "mode": mode, "cval": cval, "prefilter": pf, "output": odt}, "want": enc(to_dtype(t, odt)), "f": enc(t)})
path = os.path.join(tempfile.mkdtemp(), 'cases.json')
json.dump(cases, open(path, 'w'))
here = os.path.dirname(os.path.abspath(__file__))
sys.exit(subprocess.call(['node', os.path.join(here, 'fuzz_ndimage.mjs'), path]))
