"""Image resize workloads (bench/ops/resize.mjs, uint8 RGB from an HWC buffer)
in PyTorch (uint8 F.interpolate with antialias on a channels-last tensor: torch
>= 2.1's fixed-point kernels; torch 1.13 refuses uint8 antialias and is left
out), Pillow (Image.resize) and OpenCV (INTER_AREA when shrinking,
INTER_LINEAR / INTER_CUBIC when enlarging). With w["out"], torch and OpenCV
write into a preallocated result; Pillow always allocates."""
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
try:
    from PIL import Image
except Exception:  # noqa: BLE001 - peer absent
    Image = None


def _hwc(w, rng):
    h, wd = w["input"]
    return rng.integers(0, 256, (h, wd, w["channels"]), dtype=np.uint8)


def torch_resize(w, rng):
    x = torch.from_numpy(_hwc(w, rng)).permute(2, 0, 1)[None]   # [1, C, H, W], channels-last
    size = tuple(w["size"])
    call = lambda: F.interpolate(x, size=size, mode=w["interpolation"], align_corners=False, antialias=True)
    y = call()
    if w.get("out"):
        op = getattr(torch._C._nn, "_upsample_%s2d_aa" % w["interpolation"])
        try:
            op(x, size, False, None, None, out=y)
            return lambda: op(x, size, False, None, None, out=y)
        except Exception:  # noqa: BLE001 - no out= overload
            pass
    return call


def pillow_resize(w, rng):
    hwc = _hwc(w, rng)
    im = Image.frombytes("RGB", (hwc.shape[1], hwc.shape[0]), hwc.tobytes())
    rs = getattr(Image, "Resampling", Image)
    flt = getattr(rs, w["interpolation"].upper())
    dsize = (w["size"][1], w["size"][0])
    return lambda: im.resize(dsize, flt)


def opencv_resize(w, rng):
    hwc = _hwc(w, rng)
    oh, ow = w["size"]
    if oh * ow < hwc.shape[0] * hwc.shape[1]:
        flag = cv2.INTER_AREA
    else:
        flag = cv2.INTER_CUBIC if w["interpolation"] == "bicubic" else cv2.INTER_LINEAR
    dst = np.empty((oh, ow, hwc.shape[2]), np.uint8) if w.get("out") else None
    return lambda: cv2.resize(hwc, (ow, oh), dst=dst, interpolation=flag)


RUNNERS = {}
if torch and tuple(int(v) for v in torch.__version__.split(".")[:2]) >= (2, 1):
    RUNNERS["torch"] = {"resize": torch_resize}
if cv2:
    RUNNERS["opencv"] = {"resize": opencv_resize}
if Image:
    RUNNERS["pillow"] = {"resize": pillow_resize}
