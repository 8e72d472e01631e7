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
    # torch 1.13 has no uint8 antialias: the uint8 workload runs in float32.
    x = torch.from_numpy(rng.uniform(0, 1, w["input"]).astype(np.float32))
    if w.get("layout") == "channelsLast":
        x = x.contiguous(memory_format=torch.channels_last)
    size = tuple(w["size"])
    if w["mode"] == "area":
        return lambda: F.interpolate(x, size=size, mode="area")
    return lambda: F.interpolate(x, size=size, mode=w["mode"], align_corners=False, antialias=True)


def opencv_resize(w, rng):
    # OpenCV's native layout: one HWC image per batch entry; INTER_AREA is its
    # antialiased / area downscale.
    n, c, h, wd = w["input"]
    if w.get("dtype") == "uint8":
        imgs = [rng.integers(0, 256, (h, wd, c), dtype=np.uint8) for _ in range(n)]
    else:
        imgs = [rng.uniform(0, 1, (h, wd, c)).astype(np.float32) for _ in range(n)]
    dsize = (w["size"][1], w["size"][0])

    def run():
        for im in imgs:
            cv2.resize(im, dsize, interpolation=cv2.INTER_AREA)
    return run


RUNNERS = {}
if torch:
    RUNNERS["torch"] = {"interpolate_aa": torch_interpolate_aa}
if cv2:
    RUNNERS["opencv"] = {"interpolate_aa": opencv_resize}
