"""Checks a Tengen TorchScript export in Python: loads it with torch.jit.load,
runs the saved input planes and compares with Tengen's saved outputs.

usage: torchscript_check.py MODEL.ts DIR BATCH SIZE
DIR holds planes.f32, logits.f32 and value.f32 (raw little-endian float32),
and for a network with the auxiliary heads also ownership.f32 and score.f32:
then the module must return (logits, value, ownership, score), otherwise
(logits, value).
"""
import json
import os
import sys

import numpy as np
import torch


def read(folder, name):
    return np.fromfile(os.path.join(folder, name), dtype="<f4")


def close(name, got, want):
    got = got.numpy()
    if got.shape != want.shape:
        print("torchscript_check:", name, "has shape", got.shape, "expected", want.shape)
        return False
    ok = np.allclose(got, want, atol=1e-4, rtol=1e-4)
    print("torchscript_check:", name, "ok" if ok else "MISMATCH",
          "max diff", float(np.abs(got - want).max()) if got.size else 0.0)
    return ok


def main():
    model_path, folder, batch, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    module = torch.jit.load(model_path)
    metadata = json.loads(module.tengen_metadata)
    planes = read(folder, "planes.f32").reshape(batch, metadata["input_planes"], size, size)
    want = [read(folder, "logits.f32").reshape(batch, -1), read(folder, "value.f32")]
    has_ownership = os.path.exists(os.path.join(folder, "ownership.f32"))
    has_score = os.path.exists(os.path.join(folder, "score.f32"))
    if has_ownership != has_score:
        print("torchscript_check: ownership.f32 and score.f32 must come together")
        return 1
    names = ["logits", "value"]
    if has_ownership:
        want += [read(folder, "ownership.f32").reshape(batch, size * size),
                 read(folder, "score.f32")]
        names += ["ownership", "score"]
    with torch.no_grad():
        outputs = module(torch.from_numpy(planes.copy()))
    if not isinstance(outputs, tuple) or len(outputs) != len(want):
        count = len(outputs) if isinstance(outputs, tuple) else "not a tuple"
        print("torchscript_check: MISMATCH: the module returns", count, "outputs, expected",
              len(want))
        return 1
    ok = all([close(name, got, w) for name, got, w in zip(names, outputs, want)])
    if has_ownership:
        ok = ok and bool(torch.all(outputs[2].abs() <= 1))
    ok = (ok and metadata["board_size"] == size and metadata["name"] == "export"
          and metadata.get("aux_heads", False) == has_ownership)
    print("torchscript_check:", "ok" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
