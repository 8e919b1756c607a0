"""Fits the naturalisation hazard of the default scenario (calibration/README.md, "Naturalisation"):
the annual hazard h for which the first simulated year has Denmark's mean yearly grants of
citizenship over 2011-2015 (scenarios/data/dk_citizenship_acquisitions.csv).

The grants are not proportional to h: a higher hazard also makes more of the base population
citizens before the start, leaving fewer to naturalise. So h is found by simulating: bisection on
log h over whole runs of the first year at the scenario's seed, until the grants are within half a
Poisson standard error (sqrt of the target) of it: closer than the runs' own noise can tell.

    /usr/bin/python3 calibration/fit_naturalisation.py build/sim/migsim scenarios/baseline.toml

prints each run and the fitted hazard (to put in [naturalisation] annual_hazard and as the
parameter's default).
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

import h5py

TARGET_YEARS = range(2011, 2016)


def target(data_folder):
    grants = {}
    with open(os.path.join(data_folder, "dk_citizenship_acquisitions.csv"), newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            grants[int(row["year"])] = int(row["persons"])
    return sum(grants[y] for y in TARGET_YEARS) / len(TARGET_YEARS)


def first_year_grants(migsim, scenario, hazard, folder):
    out = os.path.join(folder, "fit.h5")
    subprocess.run([migsim, "run", scenario, "--months", "12", "-q", "-o", out,
                    "--set", f"naturalisation.annual_hazard={hazard:.6g}"], check=True)
    with h5py.File(out, "r") as f:
        return int(f["/truth/citizenship/acquisitions/acquisitions"][0].sum())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    migsim, scenario = sys.argv[1], sys.argv[2]
    goal = target(os.path.join(os.path.dirname(os.path.abspath(scenario)), "data"))
    print(f"target: {goal:.0f} grants a year (mean of {TARGET_YEARS.start}-{TARGET_YEARS.stop - 1})")
    low, high = math.log(0.001), math.log(1.0)
    with tempfile.TemporaryDirectory() as folder:
        for iteration in range(1, 31):
            hazard = math.exp((low + high) / 2)
            grants = first_year_grants(migsim, scenario, hazard, folder)
            print(f"  {iteration:2d}  h = {hazard:.4f}  grants in the first year: {grants}")
            if abs(grants - goal) <= 0.5 * math.sqrt(goal):
                print(f"fitted hazard: {hazard:.4f} a year")
                return
            if grants > goal:
                high = math.log(hazard)
            else:
                low = math.log(hazard)
    sys.exit("no hazard within 30 bisections")


if __name__ == "__main__":
    main()
