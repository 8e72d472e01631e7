"""Times bench/workloads.mjs workloads in PyTorch (and other peers) for
bench/run.mjs. Reads {threads, minTime, workloads} as JSON on stdin, prints
{workload id: {peer: median ms}} as JSON. Peers that do not import are left out."""
import json
import sys
import time

import numpy as np

spec = json.load(sys.stdin)
threads = spec["threads"]
min_time = spec["minTime"]

try:
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(threads)
except Exception:  # noqa: BLE001 - peer absent
    torch = None


def timeit(fn):
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < min_time and len(times) < 200):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


rng = np.random.default_rng(0)


def torch_grid_sample(w):
    dt = np.float64 if w.get("dtype") == "float64" else np.float32
    x = torch.from_numpy(rng.uniform(0, 1, w["input"]).astype(dt))
    g = torch.from_numpy(rng.uniform(-1, 1, w["grid"]).astype(dt))
    return lambda: F.grid_sample(x, g, mode=w["mode"], padding_mode=w["padding"], align_corners=w["alignCorners"])


RUNNERS = {
    "torch": {"grid_sample": torch_grid_sample} if torch else {},
}

out = {}
with torch.no_grad() if torch else open("/dev/null"):
    for w in spec["workloads"]:
        res = {}
        for peer, ops in RUNNERS.items():
            make = ops.get(w["op"])
            if make is None:
                continue
            try:
                res[peer] = timeit(make(w))
            except Exception as e:  # noqa: BLE001 - a peer that refuses a workload is skipped
                print(f"{peer} {w['id']}: {e}", file=sys.stderr)
        out[w["id"]] = res
json.dump(out, sys.stdout)
