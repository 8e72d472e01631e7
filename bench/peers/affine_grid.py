"""affine_grid workloads in PyTorch."""
import numpy as np

try:
    import torch
    import torch.nn.functional as F
except Exception:  # noqa: BLE001 - peer absent
    torch = None


def torch_affine_grid(w, rng):
    dt = np.float64 if w.get("dtype") == "float64" else np.float32
    dims = len(w["size"]) - 2
    theta = torch.from_numpy(rng.uniform(-1, 1, (w["size"][0], dims, dims + 1)).astype(dt))
    return lambda: F.affine_grid(theta, w["size"], align_corners=w["alignCorners"])


RUNNERS = {"torch": {"affine_grid": torch_affine_grid}} if torch else {}
