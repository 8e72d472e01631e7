"""Fixtures for gridsample/transforms' functional ops: torchvision 0.29's
transforms.v2.functional on tensors (torch 2.14), every op with fixed
parameters. Run with today's peers' python (see /work/shared/peers):

    $(bash ../shared/peers/setup-modern-peers.sh) tools/gen_transforms_fixtures.py

Writes test/fixtures/transforms_affine.json (rotate, affine) and
test/fixtures/transforms.json (the other ops): {"versions", "cases": [{"name", "op",
"args", "input", "expected", ...}]}. `args` are the op's arguments in the
project's (camelCase) names; images are small so inputs are stored.

bicubic rotate / affine / perspective / elastic is this project's extension
(torchvision refuses it on tensors): its expected values are torchvision's
own grid and fill blend with grid_sample's bicubic mode, uint8 results
clamped to [0, 255] before rounding (torch's cast would wrap)."""
import json
import os
import sys

import numpy as np
import torch
import torchvision
import torchvision.transforms.v2.functional as F
from torchvision.transforms.v2.functional import _geometry as G

sys.path.insert(0, os.path.dirname(__file__))
from fixture_io import encode, rng_for  # noqa: E402

torch.set_num_threads(1)
CASES = []
INTERP = {"nearest": F.InterpolationMode.NEAREST, "bilinear": F.InterpolationMode.BILINEAR}


def image(name, shape, dtype):
    rng = rng_for(name)
    if dtype == "uint8":
        return torch.from_numpy(rng.integers(0, 256, size=shape, dtype=np.uint8))
    return torch.from_numpy(rng.random(size=shape).astype(dtype))


def add(name, op, args, img, out, **extra):
    CASES.append({"name": name, "op": op, "args": args, "input": encode(img.numpy()),
                  "expected": encode(out.contiguous().numpy()), **extra})


def fill_arg(fill, C):
    if fill == "none":
        return None
    if fill == "scalar":
        return 37.0
    return [float(10 + 40 * c) for c in range(C)]


def bicubic_reference(img, grid, fill):
    """torchvision's _apply_grid_transform with mode 'bicubic', uint8 clamped."""
    fp = img.is_floating_point()
    f = img if fp else img.to(grid.dtype)
    if fill is not None:
        f = torch.cat((f, torch.ones_like(f[..., :1, :, :])), dim=-3)
    shape = f.shape
    f4 = f.reshape(-1, *shape[-3:])
    out = torch.nn.functional.grid_sample(f4, grid.expand(f4.shape[0], -1, -1, -1), mode="bicubic",
                                          padding_mode="zeros", align_corners=False)
    out = out.reshape(shape[:-3] + out.shape[-3:])
    if fill is not None:
        out, mask = out[..., :-1, :, :], out[..., -1:, :, :].expand_as(out[..., :-1, :, :])
        fl = torch.tensor(fill if isinstance(fill, list) else [float(fill)], dtype=out.dtype).view(-1, 1, 1)
        out = out.sub(fl).mul(mask).add(fl)
    return out if fp else out.clamp(0, 255).round().to(img.dtype)


DTYPES = ["uint8", "float32"]
SHAPES = [(3, 11, 13), (1, 1, 1), (2, 1, 7), (3, 7, 1), (3, 8, 8), (2, 3, 6, 9)]


def geometric():
    # rotate
    for dt in DTYPES + ["float64"]:
        for shape in [(3, 11, 13), (3, 8, 8), (1, 1, 1), (2, 1, 7), (2, 2, 5, 6)]:
            for angle in [0, 90, 180, 270, 33.3, -45, 450, 1e-3]:
                for expand in [False, True]:
                    for interp in ["nearest", "bilinear", "bicubic"]:
                        for fill in ["none", "scalar", "vector"]:
                            if dt == "float64" and (fill == "vector" or interp == "bicubic"):
                                continue
                            if angle in (0, 450, 1e-3) and (expand or fill == "vector"):
                                continue
                            if fill == "vector" and (interp == "nearest" or shape[-1] == 1):
                                continue
                            name = f"rotate {dt} {shape} angle={angle} expand={expand} {interp} fill={fill}"
                            img = image(name, shape, dt)
                            fl = fill_arg(fill, shape[-3])
                            args = {"angle": angle, "interpolation": interp, "expand": expand, "fill": fl}
                            if interp == "bicubic":
                                out = rotate_bicubic(img, angle, expand, None, fl)
                                if out is None:
                                    continue
                            else:
                                out = F.rotate(img, angle, interpolation=INTERP[interp], expand=expand, fill=fl)
                            add(name, "rotate", args, img, out)
        for center in [[2.0, 3.0], [6.5, 5.5]]:
            for angle in [90, 17.0]:
                name = f"rotate {dt} center={center} angle={angle}"
                img = image(name, (3, 11, 13), dt)
                out = F.rotate(img, angle, interpolation=INTERP["bilinear"], expand=False, center=center, fill=5.0)
                add(name, "rotate", {"angle": angle, "interpolation": "bilinear", "center": center, "fill": 5.0}, img, out)
    # affine
    params = [
        dict(angle=0.0, translate=[0, 0], scale=1.0, shear=[0.0, 0.0]),
        dict(angle=30.0, translate=[2, -1], scale=0.9, shear=[10.0, 0.0]),
        dict(angle=-12.5, translate=[0.5, 1.5], scale=1.3, shear=[-5.0, 7.0]),
        dict(angle=90.0, translate=[0, 0], scale=1.0, shear=[0.0, 0.0]),
        dict(angle=200.0, translate=[-3, 4], scale=0.5, shear=[20.0, -15.0], center=[1.0, 2.0]),
    ]
    for dt in DTYPES + ["float64"]:
        for shape in [(3, 11, 13), (1, 1, 1), (3, 7, 1), (2, 2, 5, 6)]:
            for k, p in enumerate(params):
                for interp in ["nearest", "bilinear", "bicubic"]:
                    for fill in ["none", "scalar", "vector"]:
                        if dt == "float64" and (fill == "vector" or interp == "bicubic"):
                            continue
                        name = f"affine {dt} {shape} p{k} {interp} fill={fill}"
                        img = image(name, shape, dt)
                        fl = fill_arg(fill, shape[-3])
                        if interp == "bicubic":
                            out = affine_bicubic(img, fl, **p)
                        else:
                            out = F.affine(img, interpolation=INTERP[interp], fill=fl, **p)
                        add(name, "affine", {**p, "interpolation": interp, "fill": fl}, img, out)
    # perspective
    quads = {
        "identity": lambda w, h: [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]],
        "moderate": lambda w, h: [[1, 2], [w - 2, 0], [w - 1, h - 3], [2, h - 1]],
        "strong": lambda w, h: [[w // 3, h // 4], [w - 1, 0], [w - 1 - w // 4, h - 1], [0, h - 2]],
        "tiny": lambda w, h: [[w // 2, h // 2], [w // 2 + 1, h // 2], [w // 2 + 1, h // 2 + 1], [w // 2, h // 2 + 1]],
        "flipped": lambda w, h: [[w - 1, 0], [0, 0], [0, h - 1], [w - 1, h - 1]],
    }
    for dt in DTYPES + ["float64"]:
        for shape in [(3, 11, 13), (2, 3, 6, 9), (1, 4, 4)]:
            h, w = shape[-2:]
            start = [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]]
            for qn, q in quads.items():
                end = q(w, h)
                coeffs = G._get_perspective_coeffs(start, end)
                for interp in ["nearest", "bilinear", "bicubic"]:
                    for fill in ["none", "scalar", "vector"]:
                        if dt == "float64" and (fill == "vector" or interp == "bicubic"):
                            continue
                        name = f"perspective {dt} {shape} {qn} {interp} fill={fill}"
                        img = image(name, shape, dt)
                        fl = fill_arg(fill, shape[-3])
                        if interp == "bicubic":
                            grid = G._perspective_grid(coeffs, ow=w, oh=h, dtype=grid_dtype(img), device=img.device)
                            out = bicubic_reference(img, grid, fl)
                        else:
                            out = F.perspective(img, start, end, interpolation=INTERP[interp], fill=fl)
                        add(name, "perspective", {"startpoints": start, "endpoints": end, "interpolation": interp, "fill": fl},
                            img, out, coefficients=[float(c) for c in coeffs])
    # elastic
    for dt in DTYPES + ["float64"]:
        for shape in [(3, 11, 13), (1, 1, 1), (2, 2, 5, 6)]:
            h, w = shape[-2:]
            for kind in ["zero", "small", "large"]:
                for interp in ["nearest", "bilinear", "bicubic"]:
                    for fill in ["none", "scalar", "vector"]:
                        if dt == "float64" and (fill == "vector" or interp == "bicubic"):
                            continue
                        name = f"elastic {dt} {shape} {kind} {interp} fill={fill}"
                        img = image(name, shape, dt)
                        rng = rng_for(name + " displacement")
                        scale = {"zero": 0.0, "small": 0.1, "large": 2.5}[kind]
                        disp_dt = np.float64 if dt == "float64" else np.float32
                        disp = torch.from_numpy((rng.standard_normal((1, h, w, 2)) * scale).astype(disp_dt))
                        fl = fill_arg(fill, shape[-3])
                        if interp == "bicubic":
                            gdt = grid_dtype(img)
                            grid = G._create_identity_grid((h, w), device=img.device, dtype=gdt).add_(disp.to(gdt))
                            out = bicubic_reference(img, grid, fl)
                        else:
                            out = F.elastic(img, disp, interpolation=INTERP[interp], fill=fl)
                        add(name, "elasticTransform", {"interpolation": interp, "fill": fl}, img, out,
                            displacement=encode(disp.numpy()))


def grid_dtype(img):
    return img.dtype if img.is_floating_point() else torch.float32


def rotate_bicubic(img, angle, expand, center, fill):
    a = angle % 360
    if center is None and (a in (0, 180) or ((expand or img.shape[-1] == img.shape[-2]) and a in (90, 270))):
        return None  # the fast paths do not interpolate
    h, w = img.shape[-2:]
    m = G._get_inverse_affine_matrix([0.0, 0.0], -a, [0.0, 0.0], 1.0, [0.0, 0.0])
    ow, oh = G._compute_affine_output_size(m, w, h) if expand else (w, h)
    theta = torch.tensor(m, dtype=grid_dtype(img)).reshape(1, 2, 3)
    return bicubic_reference(img, G._affine_grid(theta, w=w, h=h, ow=ow, oh=oh), fill)


def affine_bicubic(img, fill, angle, translate, scale, shear, center=None):
    h, w = img.shape[-2:]
    cf = [0.0, 0.0] if center is None else [c - s * 0.5 for c, s in zip(center, [w, h])]
    m = G._get_inverse_affine_matrix(cf, angle, [float(t) for t in translate], scale, shear)
    theta = torch.tensor(m, dtype=grid_dtype(img)).reshape(1, 2, 3)
    return bicubic_reference(img, G._affine_grid(theta, w=w, h=h, ow=w, oh=h), fill)


def simple():
    for dt in DTYPES:
        for shape in SHAPES:
            h, w = shape[-2:]
            name = f"flips {dt} {shape}"
            img = image(name, shape, dt)
            add("horizontalFlip " + name, "horizontalFlip", {}, img, F.horizontal_flip(img))
            add("verticalFlip " + name, "verticalFlip", {}, img, F.vertical_flip(img))
            for (t, l, ch, cw) in [(0, 0, h, w), (0, 0, 1, 1), (h // 2, w // 3, (h + 1) // 2, max(1, w // 2)),
                                   (-2, -1, h + 3, w + 1), (1, w - 1, h + 2, 3)]:
                name = f"crop {dt} {shape} {t},{l},{ch},{cw}"
                img = image(name, shape, dt)
                add(name, "crop", {"top": t, "left": l, "height": ch, "width": cw}, img, F.crop(img, t, l, ch, cw))
            for size in [[1], [h, w], [max(1, h - 2), max(1, w - 1)], [h + 3, w + 2], [5]]:
                name = f"centerCrop {dt} {shape} {size}"
                img = image(name, shape, dt)
                add(name, "centerCrop", {"size": size}, img, F.center_crop(img, size))
            for padding in [[1], [2, 1], [1, 2, 3, 0], [0, 0, 0, 0]]:
                for mode in ["constant", "edge", "reflect", "symmetric"]:
                    for fill in [None, 7, [1, 2, 3][: shape[-3]] if shape[-3] > 1 else None]:
                        if mode != "constant" and fill is not None:
                            continue
                        if (mode == "reflect" and max(padding) >= min(h, w)) or (mode == "symmetric" and max(padding) > min(h, w)):
                            continue
                        name = f"pad {dt} {shape} {padding} {mode} fill={fill}"
                        img = image(name, shape, dt)
                        if isinstance(fill, list) and len(fill) != shape[-3]:
                            continue
                        add(name, "pad", {"padding": padding, "mode": mode, "fill": fill}, img,
                            F.pad(img, padding, fill=fill, padding_mode=mode))
            # resizedCrop (resize itself is tested against its own fixtures)
            for interp in ["nearest", "bilinear", "bicubic"]:
                name = f"resizedCrop {dt} {shape} {interp}"
                img = image(name, shape, dt)
                t, l, ch, cw = 0, w // 4, max(1, h - 1), max(1, w - w // 4)
                out = F.resized_crop(img, t, l, ch, cw, [5, 4], interpolation=getattr(F.InterpolationMode, interp.upper()),
                                     antialias=True)
                add(name, "resizedCrop", {"top": t, "left": l, "height": ch, "width": cw, "size": [5, 4],
                                          "interpolation": interp}, img, out)
    for dt in ["uint8", "float32", "float64"]:
        for to in ["uint8", "float32", "float64"]:
            for scale in [False, True]:
                name = f"toDtype {dt} -> {to} scale={scale}"
                img = image(name, (3, 5, 7), dt)
                if dt != "uint8":
                    img = img * 1.2 - 0.1 if not scale else img
                    img[0, 0, :4] = torch.tensor([0.0, 1.0, 0.5, 0.999], dtype=img.dtype)
                if dt != "uint8" and to == "uint8" and not scale:
                    img = img.clamp(0, 1) * 255.9  # torch's cast wraps outside [0, 256)
                add(name, "toDtype", {"dtype": to, "scale": scale}, img,
                    F.to_dtype(img, getattr(torch, to), scale=scale))
    for dt in ["float32", "float64"]:
        for shape in [(3, 5, 7), (2, 3, 4, 5), (1, 1, 1)]:
            C = shape[-3]
            mean = [0.485, 0.456, 0.406][:C]
            std = [0.229, 0.224, 0.225][:C]
            name = f"normalize {dt} {shape}"
            img = image(name, shape, dt)
            add(name, "normalize", {"mean": mean, "std": std}, img, F.normalize(img, mean, std))


def main():
    geometric()
    simple()
    versions = {"torch": torch.__version__, "torchvision": torchvision.__version__,
                "cpu_capability": torch.backends.cpu.get_cpu_capability()}
    # Two files, each under 3 MB: rotate and affine, then everything else.
    for file, keep in [("transforms_affine.json", lambda c: c["op"] in ("rotate", "affine")),
                       ("transforms.json", lambda c: c["op"] not in ("rotate", "affine"))]:
        cases = [c for c in CASES if keep(c)]
        path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", file)
        with open(path, "w") as f:
            json.dump({"versions": versions, "cases": cases}, f, separators=(",", ":"))
        print(f"{len(cases)} cases -> {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
