#!/usr/bin/python3
"""The golden comparison: outputs of fixed scenarios and seeds against stored dataset digests.

    golden.py check --migsim BINARY CASE     run CASE and compare with tests/golden/CASE.digest
                                             (a case of SAME_AS: with its reference case's)
    golden.py update --migsim BINARY [CASE]  run CASE (or every case) and store its digests

A restructuring of the engine must leave every output bit of these runs unchanged; `check` names
each dataset that differs, is missing or is new. `update` is the deliberate step that accepts new
outputs (scripts/golden runs it for every case on a Release build); commit the .digest files it
writes together with the change that explains them.
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

from digest import digests

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]

# name: arguments of `migsim run` after the scenario (the seed is the scenario's unless given).
CASES = {
    # The default scenario, whole: Denmark 2013, 5.6 million persons in its municipalities, 120 months.
    "baseline": ["scenarios/baseline.toml", "--threads", "2"],
    # The same with another seed on one thread.
    "baseline_seed7": ["scenarios/baseline.toml", "--threads", "1", "--seed", "7"],
    # A small version at 2 threads on synthetic areas: 2 % of Denmark, 40 areas, three years,
    # another seed.
    "small": ["scenarios/synthetic_areas.toml", "--threads", "2", "--seed", "11", "--months", "36",
              "--set", "population.scale=0.02", "--set", "population.areas=40"],
}
# Cases checked against the digests of another: the same run at the other thread count must write
# the same datasets (the thread count and timings are attributes, which the digests leave out).
SAME_AS = {
    "baseline.1_thread": ("baseline", ["--threads", "1"]),
    "baseline_seed7.2_threads": ("baseline_seed7", ["--threads", "2"]),
}


def arguments(case):
    if case in SAME_AS:
        reference, changed = SAME_AS[case]
        args = list(CASES[reference])
        for i in range(0, len(changed), 2):
            position = args.index(changed[i])
            args[position + 1] = changed[i + 1]
        return args
    return CASES[case]


def reference_case(case):
    return SAME_AS[case][0] if case in SAME_AS else case


def run_case(migsim, case, folder):
    output = os.path.join(folder, f"{case}.h5")
    command = [migsim, "run", *arguments(case), "-o", output, "--quiet"]
    subprocess.run(command, cwd=REPO, check=True)
    return digests(output)


def reference_path(case):
    return HERE / f"{case}.digest"


def check(migsim, case):
    with tempfile.TemporaryDirectory() as folder:
        got = run_case(migsim, case, folder)
    path = reference_path(reference_case(case))
    expected = path.read_text().splitlines()
    expected_by_path = {line.split()[0]: line for line in expected}
    got_by_path = {line.split()[0]: line for line in got}
    problems = []
    for dataset, line in expected_by_path.items():
        if dataset not in got_by_path:
            problems.append(f"{dataset}: missing")
        elif got_by_path[dataset] != line:
            problems.append(f"{dataset}: differs ({' '.join(line.split()[1:3])} expected, "
                            f"{' '.join(got_by_path[dataset].split()[1:3])} written)")
    for dataset in got_by_path:
        if dataset not in expected_by_path:
            problems.append(f"{dataset}: new")
    if problems:
        print(f"golden {case}: {len(problems)} of {len(expected)} datasets differ from {path.relative_to(REPO)}:")
        for problem in problems:
            print(f"  {problem}")
        print("If the change is meant to change outputs, accept them with scripts/golden.")
        return 1
    print(f"golden {case}: all {len(expected)} datasets identical")
    return 0


def update(migsim, cases):
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            lines = run_case(migsim, case, folder)
            reference_path(case).write_text("\n".join(lines) + "\n")
            print(f"golden {case}: {len(lines)} dataset digests written to {reference_path(case).relative_to(REPO)}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("check", "update"))
    parser.add_argument("case", nargs="?", choices=sorted([*CASES, *SAME_AS]))
    parser.add_argument("--migsim", required=True, help="the migsim binary")
    args = parser.parse_args()
    if args.action == "check":
        if not args.case:
            parser.error("check needs a case")
        return check(args.migsim, args.case)
    if args.case in SAME_AS:
        parser.error(f"{args.case} is checked against the digests of {reference_case(args.case)}: update that")
    return update(args.migsim, [args.case] if args.case else sorted(CASES))


if __name__ == "__main__":
    sys.exit(main())
