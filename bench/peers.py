"""Peer timings for bench/run.mjs: PyTorch, SciPy, OpenCV and Pillow, under
whichever Python runs this (run.mjs starts one per generation of peers).

A small line protocol on stdin/stdout so that run.mjs can alternate between
our timing and the peers' for each workload (on a shared, noisy machine the
ratio of two measurements taken side by side is what means something):
  in:  {"threads": t, "minTime": s, "workload": {...}}   one JSON object a line
  out: {"peer": median ms, ...}                          one JSON object a line
The first line out is {"peers": {name: {"version": v, "ops": [op, ...]}}}. Each bench/peers/<op>.py module
defines RUNNERS = {peer: {op: make(workload, rng) -> callable}}; peers whose
module does not import are left out."""
import importlib.util
import json
import pathlib
import sys
import time

import numpy as np

try:
    import torch
    torch.set_grad_enabled(False)
except Exception:  # noqa: BLE001 - peer absent
    torch = None
try:
    import cv2
except Exception:  # noqa: BLE001 - peer absent
    cv2 = None
try:
    from threadpoolctl import threadpool_limits
except Exception:  # noqa: BLE001 - optional
    threadpool_limits = None

try:
    import scipy
except Exception:  # noqa: BLE001 - peer absent
    scipy = None
try:
    import PIL
except Exception:  # noqa: BLE001 - peer absent
    PIL = None

VERSIONS = {"torch": getattr(torch, "__version__", None), "opencv": getattr(cv2, "__version__", None),
            "scipy": getattr(scipy, "__version__", None), "pillow": getattr(PIL, "__version__", None)}

RUNNERS = {}
for path in sorted((pathlib.Path(__file__).parent / "peers").glob("*.py")):
    mod_spec = importlib.util.spec_from_file_location(f"peers_{path.stem}", path)
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    for peer, ops in getattr(mod, "RUNNERS", {}).items():
        RUNNERS.setdefault(peer, {}).update(ops)


def set_threads(n):
    if torch is not None:
        torch.set_num_threads(n)
    if cv2 is not None:
        cv2.setNumThreads(n)
    if threadpool_limits is not None:
        threadpool_limits(n)


def timeit(fn, min_time):
    """Median of at least 3 timed calls after a warm-up call (as bench/run.mjs times ours)."""
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < min_time and len(times) < 200):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


prepared = {}  # (peer, workload id) -> callable, kept for the next round
refused = set()  # (peer, workload id) already reported


def serve():
    print(json.dumps({"peers": {p: {"version": VERSIONS.get(p) or "?", "ops": sorted(RUNNERS[p])}
                                for p in sorted(RUNNERS)}}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        set_threads(req["threads"])
        w = req["workload"]
        res = {}
        for peer, ops in RUNNERS.items():
            make = ops.get(w["op"])
            if make is None:
                continue
            try:
                key = (peer, w["id"])
                if key not in prepared:
                    prepared.clear()  # one workload's data at a time
                    prepared[key] = make(w, np.random.default_rng(0))
                res[peer] = timeit(prepared[key], req["minTime"])
            except Exception as e:  # noqa: BLE001 - a peer that refuses a workload is skipped
                if (peer, w["id"]) not in refused:
                    refused.add((peer, w["id"]))
                    print(f"{peer} {w['id']}: {e}", file=sys.stderr)
        print(json.dumps(res), flush=True)


serve()
