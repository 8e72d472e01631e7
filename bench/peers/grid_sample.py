"""grid_sample workloads in PyTorch."""
import numpy as np

try:
    import torch
    import torch.nn.functional as F
except Exception:  # noqa: BLE001 - peer absent
    torch = None


def torch_grid_sample(w, rng):
    dt = np.float64 if w.get("dtype") == "float64" else np.float32
    x = torch.from_numpy(rng.uniform(0, 1, w["input"]).astype(dt))
    g = torch.from_numpy(rng.uniform(-1, 1, w["grid"]).astype(dt))
    return lambda: F.grid_sample(x, g, mode=w["mode"], padding_mode=w["padding"], align_corners=w["alignCorners"])


RUNNERS = {"torch": {"grid_sample": torch_grid_sample}} if torch else {}
