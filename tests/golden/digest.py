#!/usr/bin/python3
"""Digests of every dataset of a migsim output, one line each, for the golden comparison.

    digest.py FILE            prints "path dtype shape sha256" for every dataset, sorted by path

The digest is of the data as read (little-endian, C order), so it does not depend on chunking or
compression; attributes (descriptions, /meta/created) are left out. Two outputs are identical
dataset by dataset when their digests are.
"""
import hashlib
import sys

import h5py
import numpy as np


def digests(path):
    lines = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            data = obj[()]
            if obj.dtype.kind in ("O", "S", "U"):  # labels: strings
                values = obj.asstr()[()] if obj.dtype.kind != "U" else data
                raw = "\x1f".join(str(v) for v in np.ravel(values)).encode("utf-8")
                dtype = "str"
            else:
                array = np.ascontiguousarray(data)
                raw = array.astype(array.dtype.newbyteorder("<")).tobytes()
                dtype = array.dtype.str.lstrip("<>|=")
            shape = "x".join(str(n) for n in obj.shape) or "scalar"
            lines.append(f"/{name} {dtype} {shape} {hashlib.sha256(raw).hexdigest()}")

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    return sorted(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print("\n".join(digests(sys.argv[1])))
