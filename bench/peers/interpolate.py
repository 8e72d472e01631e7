"""interpolate workloads in PyTorch and OpenCV (cv2.resize on HWC images, its
native layout; one call per image, 4D only).

With w["out"] both peers write into a preallocated output, like ours: torch
through the `out=` overloads of its upsample ops (the op F.interpolate calls),
since a fresh 100 MB result costs more in page faults than the resize itself. Falls back to F.interpolate where no overload fits.
Without it (the "[new]" workloads) each call allocates its result."""
import math

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except Exception:  # noqa: BLE001 - peer absent
    torch = None
try:
    import cv2
except Exception:  # noqa: BLE001 - peer absent
    cv2 = None

LINEAR = ("linear", "bilinear", "bicubic", "trilinear")


def _data(w, rng):
    dt = {"float64": np.float64, "uint8": np.uint8}.get(w.get("dtype"), np.float32)
    if dt == np.uint8:
        return rng.integers(0, 256, w["input"]).astype(dt)
    return rng.uniform(0, 1, w["input"]).astype(dt)


def torch_interpolate(w, rng):
    x = torch.from_numpy(_data(w, rng))
    dims = x.dim() - 2
    kw = {"mode": w["mode"]}
    if "size" in w:
        kw["size"] = w["size"]
        size = list(w["size"])
        scales = [None] * dims
    else:
        kw["scale_factor"] = w["scaleFactor"]
        f = w["scaleFactor"] if isinstance(w["scaleFactor"], list) else [w["scaleFactor"]] * dims
        size = [int(math.floor(x.shape[2 + i] * f[i])) for i in range(dims)]
        scales = list(f)
    if w["mode"] in LINEAR:
        kw["align_corners"] = False
    nn = torch._C._nn
    ops = {
        ("nearest", 4): lambda y: nn.upsample_nearest2d(x, size, *scales, out=y),
        ("bilinear", 4): lambda y: nn.upsample_bilinear2d(x, size, False, *scales, out=y),
        ("bicubic", 4): lambda y: nn.upsample_bicubic2d(x, size, False, *scales, out=y),
        ("trilinear", 5): lambda y: nn.upsample_trilinear3d(x, size, False, *scales, out=y),
    }
    op = ops.get((w["mode"], x.dim()))
    if op is not None and w.get("out", True):
        try:
            y = F.interpolate(x, **kw)
            op(y)
            return lambda: op(y)
        except Exception:  # noqa: BLE001 - fall back to the allocating call
            pass
    return lambda: F.interpolate(x, **kw)


CV_MODES = {"nearest": "INTER_NEAREST", "bilinear": "INTER_LINEAR", "bicubic": "INTER_CUBIC"}


def opencv_interpolate(w, rng):
    if len(w["input"]) != 4 or w["mode"] not in CV_MODES or "size" not in w:
        raise ValueError("no OpenCV equivalent")
    n, c, h, wd = w["input"]
    imgs = [np.ascontiguousarray(im.transpose(1, 2, 0)) for im in _data(w, rng)]  # HWC
    flag = getattr(cv2, CV_MODES[w["mode"]])
    oh, ow = w["size"]
    outs = [np.empty((oh, ow, c), imgs[0].dtype) for _ in imgs] if w.get("out", True) else [None] * len(imgs)

    def run():
        for im, o in zip(imgs, outs):
            cv2.resize(im, (ow, oh), dst=o, interpolation=flag)
    return run


RUNNERS = {}
if torch:
    RUNNERS["torch"] = {"interpolate": torch_interpolate}
if cv2:
    RUNNERS["opencv"] = {"interpolate": opencv_interpolate}
