"""Antialias / area workloads in PyTorch (F.interpolate) and OpenCV (cv2.resize, HWC)."""
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


def torch_interpolate_aa(w, rng):
    # torch 1.13 has no uint8 antialias: there the uint8 workload runs in float32.
    if w.get("dtype") == "uint8" and int(torch.__version__.split(".")[0]) >= 2:
        x = torch.from_numpy(rng.integers(0, 256, w["input"], dtype=np.uint8))
    else:
        x = torch.from_numpy(rng.uniform(0, 1, w["input"]).astype(np.float32))
    if w.get("layout") == "channelsLast":
        x = x.contiguous(memory_format=torch.channels_last)
    size = tuple(w["size"])
    if w["mode"] == "area":
        call = lambda: F.interpolate(x, size=size, mode="area")
    else:
        call = lambda: F.interpolate(x, size=size, mode=w["mode"], align_corners=False, antialias=True)
    if w.get("out") and w["mode"] != "area":
        op = getattr(torch._C._nn, "_upsample_%s2d_aa" % w["mode"], None)
        y = call()
        try:
            op(x, size, False, None, None, out=y)
            return lambda: op(x, size, False, None, None, out=y)
        except Exception:  # noqa: BLE001 - no out= overload
            pass
    return call


def opencv_resize(w, rng):
    # OpenCV's native layout: one HWC image per batch entry; INTER_AREA is its
    # antialiased / area downscale.
    n, c, h, wd = w["input"]
    if w.get("dtype") == "uint8":
        imgs = [rng.integers(0, 256, (h, wd, c), dtype=np.uint8) for _ in range(n)]
    else:
        imgs = [rng.uniform(0, 1, (h, wd, c)).astype(np.float32) for _ in range(n)]
    dsize = (w["size"][1], w["size"][0])
    outs = [None] * len(imgs)
    if w.get("out"):
        outs = [np.empty((w["size"][0], w["size"][1], c), imgs[0].dtype) for _ in imgs]

    def run():
        for im, o in zip(imgs, outs):
            cv2.resize(im, dsize, dst=o, interpolation=cv2.INTER_AREA)
    return run


RUNNERS = {}
if torch:
    RUNNERS["torch"] = {"interpolate_aa": torch_interpolate_aa}
if cv2:
    RUNNERS["opencv"] = {"interpolate_aa": opencv_resize}
