#!/usr/bin/python3
"""Compares two migsim output files dataset by dataset, byte for byte, and every attribute but the
ones that legitimately differ between runs of the same scenario and seed at different thread counts
(/meta created and threads, the `threads =` line of the resolved scenario, and /meta checksum, which
covers them). Exit 0 when identical, 1 with the differences listed otherwise."""
import re
import sys

import h5py
import numpy as np

IGNORED_ATTRIBUTES = {("/meta", "created"), ("/meta", "threads"), ("/meta", "checksum")}


def comparable(value):
    """Bytes for numeric arrays; the decoded values for strings (variable-length strings are
    object arrays whose raw bytes are pointers)."""
    array = np.asarray(value)
    if array.dtype.kind in "OSU":
        return repr([v.decode() if isinstance(v, bytes) else v for v in array.ravel().tolist()])
    return (array.dtype.str, array.shape, array.tobytes())


def collect(path):
    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            key = "/" + name
            for attr, value in obj.attrs.items():
                if (key, attr) in IGNORED_ATTRIBUTES or attr in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue
                if (key, attr) == ("/meta", "scenario"):
                    value = re.sub(r"threads\s*=\s*\d+", "threads=<any>", value.decode() if isinstance(value, bytes) else value)
                items[(key, "@" + attr)] = comparable(value)
            if isinstance(obj, h5py.Dataset):
                items[(key, "data")] = comparable(obj[()])
        visit("", f)
        f.visititems(visit)
    return items


def main():
    a, b = collect(sys.argv[1]), collect(sys.argv[2])
    differences = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    for key in differences[:20]:
        print("differs:", *key)
    print(f"{len(differences)} differences in {len(set(a) | set(b))} items")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
