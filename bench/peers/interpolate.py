"""interpolate workloads in PyTorch (F.interpolate) and OpenCV (cv2.resize on
HWC images, its native layout; one call per image, 4D only)."""
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


def _data(w, rng):
    dt = {"float64": np.float64, "uint8": np.uint8}.get(w.get("dtype"), np.float32)
    if dt == np.uint8:
        return rng.integers(0, 256, w["input"]).astype(dt)
    return rng.uniform(0, 1, w["input"]).astype(dt)


def torch_interpolate(w, rng):
    x = torch.from_numpy(_data(w, rng))
    kw = {"mode": w["mode"]}
    if "size" in w:
        kw["size"] = w["size"]
    else:
        kw["scale_factor"] = w["scaleFactor"]
    if w["mode"] in ("linear", "bilinear", "bicubic", "trilinear"):
        kw["align_corners"] = False
    return lambda: F.interpolate(x, **kw)


CV_MODES = {"nearest": "INTER_NEAREST", "bilinear": "INTER_LINEAR", "bicubic": "INTER_CUBIC"}


def opencv_interpolate(w, rng):
    if len(w["input"]) != 4 or w["mode"] not in CV_MODES or "size" not in w:
        raise ValueError("no OpenCV equivalent")
    n, c, h, wd = w["input"]
    imgs = [np.ascontiguousarray(im.transpose(1, 2, 0)) for im in _data(w, rng)]  # HWC
    flag = getattr(cv2, CV_MODES[w["mode"]])
    oh, ow = w["size"]
    outs = [np.empty((oh, ow, c), imgs[0].dtype) for _ in imgs]

    def run():
        for im, o in zip(imgs, outs):
            cv2.resize(im, (ow, oh), dst=o, interpolation=flag)
    return run


RUNNERS = {}
if torch:
    RUNNERS["torch"] = {"interpolate": torch_interpolate}
if cv2:
    RUNNERS["opencv"] = {"interpolate": opencv_interpolate}
