"""Shared plumbing of the tools/check_*_random.py scripts: packs numpy arrays
(with their strides) for tools/check-random-driver.mjs, runs it on the dist/
build, and reads the results back. Developer tooling, not run in CI."""

import json
import os
import subprocess
import tempfile

import numpy as np

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIVER = os.path.join(REPO_ROOT, "tools", "check-random-driver.mjs")


class Batch:
    """Cases for one driver run. `add_tensor` stores an array's whole base
    buffer once and describes the view (element offset, shape, strides)."""

    def __init__(self):
        self.chunks = []
        self.nbytes = 0
        self.cases = []

    def _store(self, flat):
        pad = (-self.nbytes) % 8
        if pad:
            self.chunks.append(b"\0" * pad)
            self.nbytes += pad
        offset = self.nbytes // flat.itemsize
        data = flat.astype(flat.dtype.newbyteorder("<"), copy=False).tobytes()
        self.chunks.append(data)
        self.nbytes += len(data)
        return offset

    def add_tensor(self, base, view):
        """`view` must be a numpy view into the 1-D contiguous array `base`."""
        assert base.ndim == 1 and base.flags.c_contiguous
        item = base.itemsize
        start = (view.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // item
        offset = self._store(base)
        strides = [s // item for s in view.strides]
        rec = {"offset": offset + start, "length": int(base.size - start), "dtype": base.dtype.name,
               "shape": list(view.shape)}
        if view.size and not view.flags.c_contiguous:
            rec["strides"] = strides
        elif view.size:
            rec["length"] = int(view.size)
        else:
            rec["length"] = 0
        return rec

    def add_case(self, case):
        self.cases.append(case)

    def run(self):
        """Runs the driver; returns a list of numpy arrays / error strings."""
        with tempfile.TemporaryDirectory(prefix="gs-random-") as d:
            with open(os.path.join(d, "data.bin"), "wb") as f:
                for c in self.chunks:
                    f.write(c)
            with open(os.path.join(d, "cases.json"), "w") as f:
                json.dump(self.cases, f)
            subprocess.run(["node", DRIVER, d], check=True, cwd=REPO_ROOT)
            with open(os.path.join(d, "results.json")) as f:
                results = json.load(f)
            out = np.fromfile(os.path.join(d, "out.bin"), dtype=np.uint8)
        arrays = []
        for r in results:
            if "error" in r:
                arrays.append(r["error"])
                continue
            dt = np.dtype(r["dtype"]).newbyteorder("<")
            start = r["offset"] * dt.itemsize
            a = out[start:start + r["length"] * dt.itemsize].view(dt).reshape(r["shape"])
            arrays.append(a.astype(dt.newbyteorder("="), copy=True))
        return arrays
