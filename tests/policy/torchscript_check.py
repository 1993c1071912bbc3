"""Checks a Tengen TorchScript export in Python: loads it with torch.jit.load,
runs the saved input planes and compares with Tengen's saved outputs.

usage: torchscript_check.py MODEL.ts DIR BATCH SIZE
DIR holds planes.f32, logits.f32 and value.f32 (raw little-endian float32).
"""
import json
import os
import sys

import numpy as np
import torch


def main():
    model_path, folder, batch, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    module = torch.jit.load(model_path)
    metadata = json.loads(module.tengen_metadata)
    planes = np.fromfile(os.path.join(folder, "planes.f32"), dtype="<f4")
    planes = planes.reshape(batch, metadata["input_planes"], size, size)
    want_logits = np.fromfile(os.path.join(folder, "logits.f32"), dtype="<f4").reshape(batch, -1)
    want_value = np.fromfile(os.path.join(folder, "value.f32"), dtype="<f4")
    with torch.no_grad():
        logits, value = module(torch.from_numpy(planes.copy()))
    ok = (np.allclose(logits.numpy(), want_logits, atol=1e-4, rtol=1e-4)
          and np.allclose(value.numpy(), want_value, atol=1e-4, rtol=1e-4)
          and metadata["board_size"] == size and metadata["name"] == "export")
    print("torchscript_check:", "ok" if ok else "MISMATCH",
          "max logit diff", float(np.abs(logits.numpy() - want_logits).max()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
