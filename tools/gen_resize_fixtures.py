#!/usr/bin/python3
"""Generate the image resize fixtures of `gridsample/transforms` `resize` (issue 11).

Run from the repository root with Debian's Python (Pillow 9.4 + numpy):

    /usr/bin/python3 tools/gen_resize_fixtures.py

It writes test/fixtures/resize_pillow9.json, then re-runs itself under the
Python of today's peers (Pillow 11.3, torch 2.14, torchvision 0.29) for
test/fixtures/resize_pillow11.json and test/fixtures/resize_torch2.json. That
Python is $PEERS_PYTHON, else the environment ../shared/peers/setup-modern-peers.sh
creates by default (${XDG_CACHE_HOME:-$HOME/.cache}/gridsample-peers/bin/python);
without it the two files are skipped (and said so). Each file records the
exact library versions it came from.

Coverage
  * Pillow (`backend: 'pil'`): `Image.resize((w, h), filter)` on an image made
    from the interleaved pixels, for NEAREST, BOX, BILINEAR, HAMMING, BICUBIC,
    LANCZOS x modes L, LA, RGB, RGBA (1 to 4 channels) x the size pairs in
    PIL_SIZES: 1x1 -> 1x1 and -> 3x5, 5x7 -> 1x1, 3x2 -> 2x3, same size (Pillow
    copies), only the width / only the height changing, down, up, mixed, exact
    ratios 2x both ways, long thin images (1031 x 3, 2 x 1031), and a 960x1280
    RGB image -> 224x224 for BILINEAR and BICUBIC. LA / RGBA inputs carry varied
    alpha including 0 and 255 (Pillow's premultiplied round trip).
  * torchvision (`backend: 'tensor'`): torchvision.transforms.v2.functional.resize
    on tensors, interpolation nearest / nearest-exact / bilinear / bicubic x
    antialias true / false, lanczos with antialias true (torch 2.14 has it; box
    and hamming it has not: torchvision raises for them) x uint8 / float32 /
    float64 x 1 / 3 / 4 channels x [C,H,W] and [N=2,C,H,W] x memory layout
    contiguous / channels-last. Channels-last means the view a Node user has:
    `torch.from_numpy(hwc).permute(2, 0, 1)` (and NHWC permuted for rank 4).
    Both layouts of a combination resize the same input. uint8 filters run every
    size pair of TORCH_SIZES for [C,H,W]; every other combination a rotating
    subset of its small pairs (4 for uint8, floats 2 for [C,H,W] and 1 for
    [N,C,H,W], 1 for nearest with
    antialias true, which torchvision ignores). Two 960x1280 RGB channels-last
    uint8 cases (bilinear, bicubic, antialias) -> 224x224.
    CPU features: torchvision takes torch's native uint8 kernels; the spec is the
    AVX2 build's result, so the pixels come from a run with
    ATEN_CPU_CAPABILITY=avx2. A second run with the machine's default capability
    resizes every case again; each case records `capabilityDiffers` and the file
    header counts them. uint8 cases also record `layoutDiffers` (the other
    layout's result on the same input differs).
    `sizeRules`: torchvision's size arithmetic (int size = shorter edge, [s],
    max_size capping, size None with max_size, errors): requested size / maxSize,
    input shape and the resulting output shape (or error), no pixels.

Record format (tools/fixture_io.py; test/helpers.ts `decode` reads it): every
case has name, backend ('pil' | 'tensor'), interpolation (our names: 'nearest',
'nearest-exact', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'), antialias,
dtype, layout ('contiguous' | 'channels-last': the layout torch ran with; Pillow
cases say 'channels-last', Pillow's own interleaved storage), size ([h, w]
requested), maxSize (null), input and output. Inputs and outputs are stored
[C,H,W] / [N,C,H,W] C-contiguous whatever the layout; tests build the
channels-last views themselves. Large inputs are `hashed` (generated) records.
Tensor cases also record outputStrides (torch's result strides, in elements).
Pillow cases record mode. Where torch 2.14 fails (an internal assert in its
uint8 kernel for a contiguous 3-channel [C,H,W] resized to 1x1) the case records
torchError and outputFrom: the pixels are the other layout's result. Every case draws its input from a generator seeded
with the CRC32 of its input name (the case name without the layout).
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import encode, hashed, rng_for  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(REPO_ROOT, "test", "fixtures")
GENERATOR = "tools/gen_resize_fixtures.py"

# ---------------------------------------------------------------------------------------------
# Inputs

def image_u8(name, c, h, w):
    """[C,H,W] uint8: smooth waves plus noise, some saturated pixels, and for
    2 / 4 channels an alpha channel mixing 0, 255 and in-between values."""
    rng = rng_for(name)
    yy, xx = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    chans = []
    for _ in range(c):
        fy, fx = rng.uniform(0.05, 0.9, 2)
        ph = rng.uniform(0, 2 * np.pi)
        v = 127.5 + 110 * np.sin(fy * yy + fx * xx + ph) + rng.normal(0, 25, (h, w))
        sat = rng.random((h, w))
        v = np.where(sat < 0.04, 0, np.where(sat > 0.96, 255, v))
        chans.append(np.clip(np.rint(v), 0, 255))
    img = np.stack(chans).astype(np.uint8)
    if c in (2, 4):
        pick = rng.random((h, w))
        alpha = rng.integers(0, 256, (h, w))
        alpha = np.where(pick < 0.25, 0, np.where(pick > 0.75, 255, alpha))
        if h * w >= 2:   # both extremes present
            alpha.flat[0], alpha.flat[-1] = 0, 255
        img[-1] = alpha.astype(np.uint8)
    return img


def image_float(name, shape, dtype):
    rng = rng_for(name)
    return rng.uniform(-0.25, 1.25, shape).astype(dtype)


# ---------------------------------------------------------------------------------------------
# Pillow

PIL_MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}
PIL_FILTERS = ["nearest", "box", "bilinear", "hamming", "bicubic", "lanczos"]
# ((in_h, in_w), (out_h, out_w))
PIL_SIZES = [
    ((1, 1), (1, 1)), ((1, 1), (3, 5)), ((5, 7), (1, 1)), ((3, 2), (2, 3)),
    ((7, 5), (7, 5)),                      # same size: Pillow copies
    ((7, 5), (7, 12)), ((7, 5), (3, 5)),   # only the width / only the height
    ((17, 13), (7, 5)), ((48, 64), (16, 21)),     # down
    ((7, 5), (17, 13)), ((12, 16), (38, 50)),     # up
    ((40, 8), (10, 20)),                          # mixed
    ((64, 64), (32, 32)), ((32, 32), (64, 64)),   # exact ratios
    ((1031, 3), (97, 2)), ((2, 1031), (3, 101)),  # long and thin
]
PIL_PHOTO = ((960, 1280), (224, 224))   # RGB, bilinear and bicubic only, generated input


def pil_resize(Image, chw, mode, filt, out_hw):
    c, h, w = chw.shape
    hwc = np.ascontiguousarray(chw.transpose(1, 2, 0))
    im = Image.frombytes(mode, (w, h), (hwc[..., 0] if c == 1 else hwc).tobytes())
    rs = getattr(Image, "Resampling", Image)
    res = im.resize((out_hw[1], out_hw[0]), getattr(rs, filt.upper()))
    assert res.mode == mode and res.size == (out_hw[1], out_hw[0])
    out = np.frombuffer(res.tobytes(), np.uint8).reshape(out_hw[0], out_hw[1], c)
    return np.ascontiguousarray(out.transpose(2, 0, 1))


def pil_cases(tag):
    from PIL import Image
    cases = []
    for filt in PIL_FILTERS:
        for c, mode in PIL_MODES.items():
            sizes = list(PIL_SIZES)
            if c == 3 and filt in ("bilinear", "bicubic"):
                sizes.append(PIL_PHOTO)
            for in_hw, out_hw in sizes:
                name = "pil/%s/%s/%dx%d->%dx%d" % (filt, mode, in_hw[0], in_hw[1], out_hw[0], out_hw[1])
                if (in_hw, out_hw) == PIL_PHOTO:
                    x, rec = hashed((c,) + in_hw, "uint8")
                else:
                    x = image_u8(name, c, *in_hw)
                    rec = encode(x)
                y = pil_resize(Image, x, mode, filt, out_hw)
                cases.append({"name": name, "backend": "pil", "interpolation": filt, "antialias": True,
                              "dtype": "uint8", "layout": "channels-last", "mode": mode,
                              "size": list(out_hw), "maxSize": None, "input": rec, "output": encode(y)})
    return cases


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("%d cases, %d bytes -> %s" % (len(doc["cases"]), os.path.getsize(path), os.path.relpath(path, REPO_ROOT)))


def write_pillow(fname):
    import PIL
    doc = {"generator": GENERATOR, "pillow": PIL.__version__, "numpy": np.__version__,
           "python": sys.version.split()[0], "cases": pil_cases(fname)}
    write(os.path.join(FIXTURES, fname), doc)
    return doc


# ---------------------------------------------------------------------------------------------
# torchvision

# (interpolation, antialias): lanczos only with antialias (torchvision raises otherwise)
TORCH_MODES = [("nearest", False), ("nearest", True), ("nearest-exact", False), ("nearest-exact", True),
               ("bilinear", True), ("bilinear", False), ("bicubic", True), ("bicubic", False),
               ("lanczos", True)]
TORCH_FILTERS = ("bilinear", "bicubic", "lanczos")
TORCH_SIZES = [   # the small pairs first: the rotating subsets draw from them
    ((1, 1), (3, 5)), ((5, 7), (1, 1)), ((3, 2), (2, 3)),
    ((7, 5), (7, 5)),                        # same size: torchvision returns the input
    ((13, 17), (13, 5)), ((13, 17), (4, 17)),  # only the width / only the height
    ((17, 13), (7, 5)), ((7, 5), (17, 13)),    # down, up
    ((40, 8), (10, 20)),                       # mixed
    ((1031, 3), (97, 2)), ((2, 1031), (3, 101)),  # a 1000+ edge (generated input)
    ((48, 64), (16, 21)), ((12, 16), (38, 50)),   # down, up
    ((64, 64), (32, 32)), ((16, 16), (32, 32)),   # exact ratios
]
N_SMALL = 11
GENERATED_FROM = 2000   # inputs with this many pixels per channel or more are `hashed`
GENERATED_FLOAT_FROM = 200   # likewise for float inputs
TORCH_PHOTO = ((960, 1280), (224, 224))
LAYOUTS = ("contiguous", "channels-last")


def torch_plan():
    """[(name, input name, interpolation, antialias, dtype, channels, rank, layout, in_hw, out_hw)]"""
    plan = []
    k = 0
    for interp, aa in TORCH_MODES:
        for dtype in ("uint8", "float32", "float64"):
            for c in (1, 3, 4):
                for rank in (3, 4):
                    if dtype == "uint8" and interp in TORCH_FILTERS and rank == 3:
                        sizes = TORCH_SIZES
                    else:   # a rotating subset of the small pairs (keeps the file small)
                        n = 1 if interp.startswith("nearest") and aa else (4 if dtype == "uint8" else 3 - rank // 2)
                        sizes = [TORCH_SIZES[(k + j) % N_SMALL] for j in range(n)]
                        k += n
                    for in_hw, out_hw in sizes:
                        base = "tensor/%s/aa%d/%s/c%d/rank%d/%dx%d->%dx%d" % (
                            interp, aa, dtype, c, rank, in_hw[0], in_hw[1], out_hw[0], out_hw[1])
                        for layout in LAYOUTS:
                            plan.append((base + "/" + layout, base, interp, aa, dtype, c, rank, layout, in_hw, out_hw))
    for interp in ("bilinear", "bicubic"):
        base = "tensor/%s/aa1/uint8/c3/rank3/960x1280->224x224" % interp
        plan.append((base + "/channels-last", base, interp, True, "uint8", 3, 3, "channels-last",
                     TORCH_PHOTO[0], TORCH_PHOTO[1]))
    return plan


def torch_input(item):
    name, base, interp, aa, dtype, c, rank, layout, in_hw, out_hw = item
    shape = ((2,) if rank == 4 else ()) + (c,) + tuple(in_hw)
    if in_hw[0] * in_hw[1] >= (GENERATED_FROM if dtype == "uint8" else GENERATED_FLOAT_FROM):
        return hashed(shape, dtype)
    if dtype == "uint8":
        if rank == 4:
            x = np.stack([image_u8(base + "/n%d" % i, c, *in_hw) for i in range(2)])
        else:
            x = image_u8(base, c, *in_hw)
    else:
        x = image_float(base, shape, np.dtype(dtype))
    return x, encode(x)


def torch_tensor(torch, x, layout):
    """The tensor torch runs on: C-contiguous, or the channels-last view of an interleaved buffer."""
    if layout == "contiguous":
        return torch.from_numpy(np.ascontiguousarray(x))
    if x.ndim == 3:
        return torch.from_numpy(np.ascontiguousarray(x.transpose(1, 2, 0))).permute(2, 0, 1)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 2, 3, 1))).permute(0, 3, 1, 2)


def torch_run(out_path):
    """Resize every planned case under this process's CPU capability; save outputs (npz)."""
    import torch
    import torchvision.transforms.v2.functional as TF
    torch.set_num_threads(1)
    arrays, strides, errors = {}, {}, {}
    for i, item in enumerate(torch_plan()):
        x, _ = torch_input(item)
        interp, aa, layout, out_hw = item[2], item[3], item[7], item[9]
        def run(lay):
            t = torch_tensor(torch, x, lay)
            return TF.resize(t, list(out_hw), interpolation=TF.InterpolationMode(interp), antialias=aa)
        try:
            y = run(layout)
        except RuntimeError as e:   # torch 2.14 asserts on some uint8 contiguous cases: keep the other layout's pixels
            errors["c%d" % i] = str(e).splitlines()[0].strip()
            y = run("channels-last" if layout == "contiguous" else "contiguous")
        arrays["c%d" % i] = np.ascontiguousarray(y.numpy())
        strides["c%d" % i] = list(y.stride())
    np.savez(out_path, **arrays)
    with open(out_path + ".json", "w") as f:
        json.dump({"capability": torch.backends.cpu.get_cpu_capability(), "strides": strides, "errors": errors}, f)


SIZE_RULES = [
    # (input h, w, size, max_size)
    ((480, 640), 224, None), ((640, 480), 224, None), ((480, 640), [224], None), ((100, 100), 50, None),
    ((3, 1031), 2, None), ((1031, 3), 2, None), ((7, 5), 3, None), ((5, 7), 1, None), ((2, 1031), 1, None),
    ((480, 640), 224, 256), ((480, 640), 224, 300), ((640, 480), [224], 256), ((1031, 3), 2, 100),
    ((3, 1031), 3, 5), ((7, 5), 1, 2),
    ((480, 640), None, 256), ((640, 480), None, 100), ((1031, 3), None, 10), ((5, 7), None, 1), ((7, 7), None, 3),
    ((480, 640), [224, 300], None), ((1, 1), [1, 1], None),
    # errors
    ((480, 640), 224, 224), ((480, 640), 224, 100), ((480, 640), [224, 300], 400), ((480, 640), None, None),
    ((3, 1031), 1, 100),
]


def size_rules():
    import torch
    import torchvision.transforms.v2.functional as TF
    rules = []
    for (h, w), size, max_size in SIZE_RULES:
        rec = {"inputShape": [3, h, w], "size": size, "maxSize": max_size}
        try:
            y = TF.resize(torch.zeros((3, h, w), dtype=torch.uint8), size, max_size=max_size, antialias=True)
            rec["outputShape"] = list(y.shape)
        except Exception as e:   # noqa: BLE001 (torchvision's ValueError / RuntimeError)
            rec["error"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0])
        rules.append(rec)
    return rules


def write_torch():
    import torch
    import torchvision
    tmp = tempfile.mkdtemp(prefix="gen_resize_")
    runs = {}
    for which, cap in (("avx2", "avx2"), ("default", None)):
        env = dict(os.environ)
        env.pop("ATEN_CPU_CAPABILITY", None)
        if cap:
            env["ATEN_CPU_CAPABILITY"] = cap
        path = os.path.join(tmp, which + ".npz")
        subprocess.run([sys.executable, os.path.abspath(__file__), "--torch-run", path], env=env, check=True)
        with open(path + ".json") as f:
            meta = json.load(f)
        runs[which] = (np.load(path), meta)
    if runs["avx2"][1]["capability"] != "AVX2":
        raise SystemExit("ATEN_CPU_CAPABILITY=avx2 was not honoured: %s" % runs["avx2"][1]["capability"])
    plan = torch_plan()
    cases, by_name = [], {}
    n_cap = 0
    cap_names = []
    for i, item in enumerate(plan):
        name, base, interp, aa, dtype, c, rank, layout, in_hw, out_hw = item
        _, rec = torch_input(item)
        y = runs["avx2"][0]["c%d" % i]
        yd = runs["default"][0]["c%d" % i]
        differs = bool(y.shape != yd.shape or (np.any(y != yd) if dtype == "uint8"
                                                   else not np.allclose(y, yd, rtol=0, atol=0)))
        if differs:
            n_cap += 1
            cap_names.append(name)
        case = {"name": name, "backend": "tensor", "interpolation": interp, "antialias": aa, "dtype": dtype,
                "layout": layout, "size": list(out_hw), "maxSize": None, "input": rec, "output": encode(y),
                "outputStrides": runs["avx2"][1]["strides"]["c%d" % i], "capabilityDiffers": differs}
        err = runs["avx2"][1]["errors"].get("c%d" % i)
        if err:
            case["torchError"] = err
            case["outputFrom"] = "channels-last" if layout == "contiguous" else "contiguous"
            del case["outputStrides"]
        cases.append(case)
        by_name[name] = (case, y)
    # layout: the other layout's result on the same input
    n_layout = 0
    layout_names = []
    for case in cases:
        if case["dtype"] != "uint8":
            continue
        other = case["name"].rsplit("/", 1)[0] + "/" + (
            "contiguous" if case["layout"] == "channels-last" else "channels-last")
        if other in by_name and "torchError" not in case and "torchError" not in by_name[other][0]:
            d = bool(np.any(by_name[other][1] != by_name[case["name"]][1]))
            case["layoutDiffers"] = d
            if d:
                n_layout += 1
                layout_names.append(case["name"])
    doc = {"generator": GENERATOR, "torch": torch.__version__, "torchvision": torchvision.__version__,
           "numpy": np.__version__, "python": sys.version.split()[0],
           "cpuCapability": runs["avx2"][1]["capability"],
           "defaultCpuCapability": runs["default"][1]["capability"],
           "capabilityDiffers": n_cap, "layoutDiffers": n_layout,
           "sizeRules": size_rules(), "cases": cases}
    write(os.path.join(FIXTURES, "resize_torch2.json"), doc)
    print("torch: %d of %d cases differ between %s and %s%s" % (
        n_cap, len(cases), doc["cpuCapability"], doc["defaultCpuCapability"],
        (": " + ", ".join(cap_names[:12]) + (" ..." if len(cap_names) > 12 else "")) if n_cap else ""))
    print("torch: %d uint8 cases differ from the other layout%s" % (
        n_layout, (": " + ", ".join(layout_names[:12]) + (" ..." if len(layout_names) > 12 else "")) if n_layout else ""))


# ---------------------------------------------------------------------------------------------

def modern_python():
    p = os.environ.get("PEERS_PYTHON")
    if p:
        return p
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "gridsample-peers", "bin", "python")


def compare_pillow(a, b):
    """How many Pillow cases (and pixels) differ between the two generations."""
    bc = {c["name"]: c for c in b["cases"]}
    n_cases = n_px = 0
    import base64
    for c in a["cases"]:
        o = bc.get(c["name"])
        if o is None:
            continue
        x = np.frombuffer(base64.b64decode(c["output"]["data"]), np.uint8)
        y = np.frombuffer(base64.b64decode(o["output"]["data"]), np.uint8)
        d = int(np.count_nonzero(x != y))
        if d:
            n_cases += 1
            n_px += d
    return n_cases, n_px


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--torch-run":
        torch_run(sys.argv[2])
        return
    if len(sys.argv) == 2 and sys.argv[1] == "--modern":
        p11 = write_pillow("resize_pillow11.json")
        write_torch()
        with open(os.path.join(FIXTURES, "resize_pillow9.json")) as f:
            p9 = json.load(f)
        print("Pillow %s vs %s: %d cases, %d values differ" % ((p9["pillow"], p11["pillow"]) + compare_pillow(p9, p11)))
        return
    write_pillow("resize_pillow9.json")
    py = modern_python()
    if os.path.exists(py):
        subprocess.run([py, os.path.abspath(__file__), "--modern"], check=True)
    else:
        print("skipped resize_pillow11.json and resize_torch2.json: no Python with today's peers at %s "
              "(set PEERS_PYTHON, or run setup-modern-peers.sh)" % py)


if __name__ == "__main__":
    main()
