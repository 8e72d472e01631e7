"""Data-loader workloads (bench/ops/transforms.mjs) in torchvision.transforms.v2
on uint8 tensors (torchvision >= 0.15; Debian's 0.14 has no v2 and is left
out): each image through the pipeline, then torch.stack into one batch (into
a preallocated one with w["out"])."""
import numpy as np

try:
    import torch
    from torchvision.transforms import v2
except Exception:  # noqa: BLE001 - peer absent
    v2 = None


def _images(w, rng):
    h, wd = w["input"]
    return [torch.from_numpy(rng.integers(0, 256, (3, h, wd), dtype=np.uint8)) for _ in range(w["batch"])]


def _batched(pipe, imgs, w):
    torch.manual_seed(1)
    first = torch.stack([pipe(x) for x in imgs])
    if w.get("out"):
        return lambda: torch.stack([pipe(x) for x in imgs], out=first)
    return lambda: torch.stack([pipe(x) for x in imgs])


def torch_rrc(w, rng):
    pipe = v2.Compose([
        v2.RandomResizedCrop(w["size"], antialias=True),
        v2.RandomHorizontalFlip(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(w["mean"], w["std"]),
    ])
    return _batched(pipe, _images(w, rng), w)


def torch_affine(w, rng):
    pipe = v2.RandomAffine(w["degrees"], translate=tuple(w["translate"]), scale=tuple(w["scale"]), shear=w["shear"],
                           interpolation=v2.InterpolationMode.BILINEAR, fill=0)
    return _batched(pipe, _images(w, rng), w)


RUNNERS = {"torch": {"transforms_rrc": torch_rrc, "transforms_affine": torch_affine}} if v2 is not None else {}
