"""Times bench/ops/*.mjs workloads in PyTorch, SciPy and OpenCV for
bench/run.mjs. Reads {threads, minTime, workloads} as JSON on stdin, prints
{workload id: {peer: median ms}} as JSON. Each bench/peers/<op>.py module
defines RUNNERS = {peer: {op: make(workload, rng) -> callable}}; peers that
do not import are left out."""
import importlib.util
import json
import pathlib
import sys
import time

import numpy as np

spec = json.load(sys.stdin)
threads = spec["threads"]
min_time = spec["minTime"]

try:
    import torch
    torch.set_num_threads(threads)
    torch.set_grad_enabled(False)
except Exception:  # noqa: BLE001 - peer absent
    pass
try:
    import cv2
    cv2.setNumThreads(threads)
except Exception:  # noqa: BLE001 - peer absent
    pass
try:
    from threadpoolctl import threadpool_limits
    threadpool_limits(threads)
except Exception:  # noqa: BLE001 - optional
    pass

RUNNERS = {}
for path in sorted((pathlib.Path(__file__).parent / "peers").glob("*.py")):
    mod_spec = importlib.util.spec_from_file_location(f"peers_{path.stem}", path)
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    for peer, ops in getattr(mod, "RUNNERS", {}).items():
        RUNNERS.setdefault(peer, {}).update(ops)


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


out = {}
for w in spec["workloads"]:
    res = {}
    for peer, ops in RUNNERS.items():
        make = ops.get(w["op"])
        if make is None:
            continue
        try:
            res[peer] = timeit(make(w, np.random.default_rng(0)))
        except Exception as e:  # noqa: BLE001 - a peer that refuses a workload is skipped
            print(f"{peer} {w['id']}: {e}", file=sys.stderr)
    out[w["id"]] = res
json.dump(out, sys.stdout)
