"""grid_sample workloads in PyTorch, on the smooth (affine) or random grid of
bench/ops/grid-sample.mjs. With w["out"], torch writes into a preallocated
result where its version has the out= overload of grid_sampler_2d/3d (else it
allocates, as F.grid_sample always does)."""
import math

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except Exception:  # noqa: BLE001 - peer absent
    torch = None

C, S = 0.9 * math.cos(math.pi / 18), 0.9 * math.sin(math.pi / 18)
SMOOTH_THETA = {2: [[C, -S, 0.05], [S, C, -0.03]], 3: [[C, -S, 0, 0.05], [S, C, 0, -0.03], [0, 0, 0.9, 0.02]]}
MODES = {"bilinear": 0, "nearest": 1, "bicubic": 2}
PADDINGS = {"zeros": 0, "border": 1, "reflection": 2}


def torch_grid_sample(w, rng):
    dt = np.float64 if w.get("dtype") == "float64" else np.float32
    x = torch.from_numpy(rng.uniform(0, 1, w["input"]).astype(dt))
    dims = len(w["grid"]) - 2
    if w.get("gridKind") == "smooth":
        theta = torch.tensor([SMOOTH_THETA[dims]] * w["grid"][0], dtype=x.dtype)
        g = F.affine_grid(theta, list(w["input"][:2]) + list(w["grid"][1:-1]), align_corners=w["alignCorners"])
    else:
        g = torch.from_numpy(rng.uniform(-1, 1, w["grid"]).astype(dt))
    call = lambda: F.grid_sample(x, g, mode=w["mode"], padding_mode=w["padding"], align_corners=w["alignCorners"])
    if w.get("out"):
        op = getattr(torch.ops.aten, "grid_sampler_%dd" % dims)
        y = call()
        try:
            args = (x, g, MODES[w["mode"]], PADDINGS[w["padding"]], w["alignCorners"])
            op.out(*args, out=y)
            return lambda: op.out(*args, out=y)
        except Exception:  # noqa: BLE001 - no out= overload in this version
            pass
    return call


RUNNERS = {"torch": {"grid_sample": torch_grid_sample}} if torch else {}
