#!/usr/bin/python3
"""Checks that a migsim output file reads directly in xarray, the way analysts will read it.

Usage: /usr/bin/python3 tests/e2e/check_output.py FILE [--migsim build/sim/migsim | --schema SCHEMA]

The layout is the one `migsim schema` prints, assembled from output_schemas/ (--migsim names the
binary to ask, build/sim/migsim by default), or a file holding that text (--schema).

Opens every group that holds arrays (an optional one when the file has it) with
xarray.open_dataset(FILE, group=..., engine="h5netcdf")
and checks, for every dataset the schema declares, its dims (named, in order), its coordinate labels
(text dims give str labels, int dims give integers, fixed labels match) and its units, and that the
text beside a dim's labels (area_name, area_region) is a coordinate that counts can be grouped by
(`ds.population.groupby("area_region").sum()`), and that the years of flows carry `months`, the
simulated months of each year computed here from /meta@start and /meta@months. Then a few
checks spelled out by hand, so that the main figures keep their shape even if the schema changes
by mistake. Prints one line per problem and exits 1 if there is any, 0 otherwise.

Needs Debian's python3-xarray and python3-h5netcdf (use /usr/bin/python3).
"""
import argparse
import pathlib
import subprocess
import sys
import tomllib

import h5py
import numpy as np
import xarray as xr

DEFAULT_MIGSIM = pathlib.Path(__file__).resolve().parents[2] / "build" / "sim" / "migsim"

CELL = ("year", "area", "sex", "age")
# (group, dataset, dims): the main figures, whatever the schema says.
MAIN_DATASETS = [
    ("truth", "population", CELL),
    ("truth/flows", "births", CELL),
    ("truth/flows", "person_years_at_risk", CELL),
    ("truth/flows", "person_years_lived", CELL),
    ("sources/register", "population", CELL),
    ("estimates/register_population", "population", CELL),
    ("scores/register", "population_error", CELL),
    ("scores/register", "total_error", ("year",)),
    ("inputs", "mortality_hazard", ("sex", "age")),
    ("inputs", "immigration_age_profile", ("group", "sex", "age")),
]


def is_text(values):
    return all(isinstance(v, str) for v in values.tolist())


def simulated_months(path, year):
    """The months of calendar `year` in the run /meta describes: its start (YYYY-MM) and months, by
    the definition of README.md, "Time conventions", not by the writer's code."""
    with h5py.File(path, "r") as f:
        start = f["meta"].attrs["start"]
        months = int(f["meta"].attrs["months"])
    start = start.decode() if isinstance(start, bytes) else str(start)
    first = int(start[:4]) * 12 + int(start[5:7]) - 1
    return sum(1 for m in range(first, first + months) if m // 12 == year)


def check_group(path, group, problems):
    name = group["path"].lstrip("/")
    try:
        ds = xr.open_dataset(path, group=name, engine="h5netcdf")
    except Exception as error:  # any failure to open is the finding
        problems.append(f"/{name}: xarray cannot open the group: {error}")
        return
    with ds:
        dims = {d["name"]: d for d in group.get("dimensions", [])}
        for dim_name, dim in dims.items():
            where = f"/{name}/{dim_name}"
            if dim_name not in ds.coords:
                problems.append(f"{where}: no coordinate")
                continue
            labels = ds.coords[dim_name].values
            if dim["kind"] == "string" and not is_text(labels):
                problems.append(f"{where}: labels are not str: {labels[:3].tolist()}")
            if dim["kind"] == "int" and not np.issubdtype(labels.dtype, np.integer):
                problems.append(f"{where}: labels are {labels.dtype}, not integers")
            if "labels" in dim and labels.tolist() != dim["labels"]:
                problems.append(f"{where}: labels {labels.tolist()}, expected {dim['labels']}")
            # The text beside the labels (area_name, area_region): a non-dimension coordinate over
            # the dim, found through the `coordinates` attribute of the datasets (CF conventions, 5).
            for auxiliary in dim.get("auxiliary", []):
                aux_where = f"/{name}/{auxiliary['name']}"
                if auxiliary["name"] not in ds.coords:
                    problems.append(f"{aux_where}: not a coordinate of the group")
                    continue
                values = ds.coords[auxiliary["name"]]
                if auxiliary.get("values") == "simulated months":
                    expected = [simulated_months(path, year) for year in labels.tolist()]
                    if values.dims != (dim_name,) or values.values.tolist() != expected:
                        problems.append(f"{aux_where}: {values.values.tolist()} over {values.dims}, expected "
                                        f"{expected} over ({dim_name!r},) from /meta@start and /meta@months")
                    continue
                if values.dims != (dim_name,) or not is_text(values.values) or "" in values.values.tolist():
                    problems.append(f"{aux_where}: not one non-empty str per label of {dim_name}")
        # Every dataset over a dim with auxiliary coordinates can be grouped by them.
        for dataset in group.get("datasets", []):
            if dataset["name"] not in ds.data_vars or dataset["dtype"] != "int32":
                continue
            for dim_name in dataset["dims"]:
                for auxiliary in dims[dim_name].get("auxiliary", []):
                    if auxiliary["name"] not in ds.coords or auxiliary.get("values") == "simulated months":
                        continue
                    array = ds[dataset["name"]]
                    try:
                        grouped = array.groupby(auxiliary["name"]).sum()
                    except Exception as error:
                        problems.append(f"/{name}/{dataset['name']}: groupby({auxiliary['name']!r}) fails: {error}")
                        continue
                    if int(grouped.sum()) != int(array.sum()):
                        problems.append(f"/{name}/{dataset['name']}: groupby({auxiliary['name']!r}) loses persons")
        for dataset in group.get("datasets", []):
            where = f"/{name}/{dataset['name']}"
            if dataset["name"] not in ds.data_vars:
                problems.append(f"{where}: missing")
                continue
            array = ds[dataset["name"]]
            if array.dims != tuple(dataset["dims"]):
                problems.append(f"{where}: dims {array.dims}, expected {tuple(dataset['dims'])}")
            expected_kind = "i" if dataset["dtype"] == "int32" else "f"
            if array.dtype.kind != expected_kind or array.dtype.itemsize not in (4, 8):
                problems.append(f"{where}: dtype {array.dtype}, expected {dataset['dtype']}")
            # h5netcdf sizes a variable by its dims (netCDF pads with fill values): compare with
            # the stored shape so that a dataset shorter than its coordinates is not hidden.
            with h5py.File(path, "r") as f:
                stored = f[where].shape
            if stored != array.shape:
                problems.append(f"{where}: stored shape {stored}, but its coordinates give {array.shape}")
            if array.attrs.get("units") != dataset["units"]:
                problems.append(f"{where}: units {array.attrs.get('units')!r}, expected {dataset['units']!r}")


def check_main_datasets(path, problems):
    for group, name, dims in MAIN_DATASETS:
        where = f"/{group}/{name}"
        try:
            with xr.open_dataset(path, group=group, engine="h5netcdf") as ds:
                if name not in ds.data_vars:
                    problems.append(f"{where}: missing")
                    continue
                array = ds[name]
                if array.dims != dims:
                    problems.append(f"{where}: dims {array.dims}, expected {dims}")
                for dim in dims:
                    if dim not in ds.coords or ds.coords[dim].size != array.sizes[dim]:
                        problems.append(f"{where}: dim {dim} has no coordinate of its length")
                if "area" in dims and not is_text(ds.coords["area"].values):
                    problems.append(f"{where}: area labels are not str")
                if "year" in dims and not np.issubdtype(ds.coords["year"].dtype, np.integer):
                    problems.append(f"{where}: year labels are not integers")
        except Exception as error:
            problems.append(f"/{group}: xarray cannot open the group: {error}")


def assembled_schema(args):
    if args.schema:
        with open(args.schema, "rb") as f:
            return tomllib.load(f)
    printed = subprocess.run([args.migsim, "schema"], check=True, capture_output=True, text=True)
    return tomllib.loads(printed.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--migsim", default=str(DEFAULT_MIGSIM), help="binary whose `schema` is the layout")
    source.add_argument("--schema", help="file holding the assembled layout (`migsim schema`)")
    args = parser.parse_args()

    schema = assembled_schema(args)
    problems = []
    if not pathlib.Path(args.file).is_file():
        problems.append("no such file")
    else:
        with h5py.File(args.file, "r") as f:
            present = {group["path"] for group in schema["groups"] if group["path"] in f}
        for group in schema["groups"]:
            # An optional group (/inputs/timeline) is in the files of the runs that have it.
            if group.get("optional") and group["path"] not in present:
                continue
            if group.get("datasets"):
                check_group(args.file, group, problems)
        check_main_datasets(args.file, problems)
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
