"""scipy.ndimage workloads in SciPy (single-threaded: ndimage has no threads)."""
import numpy as np

try:
    from scipy import ndimage
except Exception:  # noqa: BLE001 - peer absent
    ndimage = None


def scipy_zoom(w, rng):
    x = rng.uniform(0, 1, w["input"])
    out_shape = tuple(int(round(n * w["zoom"])) for n in w["input"])
    out = np.empty(out_shape) if w.get("out", True) else None
    return lambda: ndimage.zoom(x, w["zoom"], output=out, order=w["order"], mode=w["mode"])


def scipy_map_coordinates(w, rng):
    x = rng.uniform(0, 1, w["input"])
    c = np.stack([rng.uniform(0, n - 1, w["points"]) for n in w["input"]])
    out = np.empty(w["points"]) if w.get("out", True) else None
    return lambda: ndimage.map_coordinates(x, c, output=out, order=w["order"], mode=w["mode"])


RUNNERS = {"scipy": {"nd_zoom": scipy_zoom, "nd_map_coordinates": scipy_map_coordinates}} if ndimage else {}
