#!/usr/bin/python3
"""Random one-byte changes of a migsim output, each checked by `migsim validate`: how many are
reported, how many leave what the file says unchanged, and how many change it yet validate (the
target is 0: "valid" must mean the file says what it said when it was written).

    flip_bytes.py FILE [--flips 300] [--seed 1] [--migsim build/sim/migsim]

What a file says is read with h5py, independently of migsim: every dataset's values, every
attribute's value (references by the name of the object they point to), every object's path.
Each flip XORs one byte at a uniformly random offset with a random non-zero mask. Prints one line
per flip that changed the content yet validated, then the counts; exits 1 if there was any.
A validation that runs past --timeout seconds is killed (with its child) and counted apart.
Needs Debian's python3-h5py (use /usr/bin/python3).
"""
import argparse
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile

import h5py
import numpy as np

DEFAULT_MIGSIM = pathlib.Path(__file__).resolve().parents[2] / "build" / "sim" / "migsim"


def normal(value, f):
    if isinstance(value, h5py.Reference):
        return f[value].name if value else None
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O":
            return tuple(normal(x, f) for x in value.ravel())
        if value.dtype.names:
            return tuple(tuple(normal(x, f) for x in row) for row in value.ravel())
        return (value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.void):
        return tuple(normal(x, f) for x in value)
    if isinstance(value, bytes):
        return value
    return repr(value)


def content(path):
    """Everything the file says, by path; raises when h5py cannot read it."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            for key in obj.attrs.keys():
                found[f"{name}@{key}"] = normal(obj.attrs[key], f)
            if isinstance(obj, h5py.Dataset):
                found[name] = normal(np.asarray(obj[()]), f)
            else:
                found[name] = "group"
        visit("/", f)
        f.visititems(visit)
    return found


def validate(migsim, path, timeout):
    """The exit status of `migsim validate`, or None when it ran past the timeout."""
    process = subprocess.Popen([migsim, "validate", path], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--flips", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--migsim", default=str(DEFAULT_MIGSIM))
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()

    original = pathlib.Path(args.file).read_bytes()
    if validate(args.migsim, args.file, args.timeout) != 0:
        print(f"{args.file} is not valid to begin with", file=sys.stderr)
        return 2
    said = content(args.file)
    rng = random.Random(args.seed)
    counts = {"reported": 0, "unchanged": 0, "changed yet valid": 0, "timed out": 0}
    with tempfile.TemporaryDirectory() as folder:
        flipped = os.path.join(folder, "flipped.h5")
        for _ in range(args.flips):
            at = rng.randrange(len(original))
            mask = rng.randrange(1, 256)
            data = bytearray(original)
            data[at] ^= mask
            pathlib.Path(flipped).write_bytes(data)
            status = validate(args.migsim, flipped, args.timeout)
            if status is None:
                counts["timed out"] += 1
                shutil.copy(flipped, f"{args.file}.timeout-{at}")
                continue
            if status != 0:
                counts["reported"] += 1
                continue
            try:
                now = content(flipped)
            except Exception as error:  # h5py cannot read what validate called valid
                now = {"(unreadable)": str(error)}
            if now == said:
                counts["unchanged"] += 1
            else:
                changed = sorted(k for k in set(now) | set(said) if now.get(k) != said.get(k))
                print(f"byte {at} (0x{original[at]:02x} -> 0x{data[at]:02x}) changed {', '.join(changed[:3])}"
                      " and validated")
                counts["changed yet valid"] += 1
    print(f"{args.flips} flips of {args.file}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 1 if counts["changed yet valid"] else 0


if __name__ == "__main__":
    sys.exit(main())
