// The simulated months beside the years of flows in the output of a run (output_schemas/dimensions.toml,
// `months`): a run that ends during a year counts that year's events over fewer months, and the file
// says so, as a coordinate xarray shows beside each flow (README, "Time conventions").
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "e2e/cli_support.hpp"
#include "io/hdf5_handles.hpp"
#include "support/dataset_texts.hpp"

namespace {

using namespace migsim::e2e;
using migsim::testing::coordinates_of;
namespace hdf5 = migsim::hdf5;

/// The int32 values of a dataset of `file` (empty when it is missing).
std::vector<std::int32_t> numbers_of(hid_t file, const std::string& path) {
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    if (!dataset)
        return {};
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    std::vector<std::int32_t> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
    if (!values.empty())
        H5Dread(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    return values;
}

TEST_F(Cli, ARunEndingInJuneHasSixMonthsInItsLastYearOfFlows) {
    // 30 months from 2013-01 (the scenario's start): 2013 and 2014 whole, 2015 January to June.
    const std::string file = path("thirty.h5");
    const Outcome outcome = run("run " + source("scenarios/synthetic_areas.toml") +
                                " --set population.scale=0.002 --months 30 -o " + file);
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const Outcome validate = run("validate " + file);
    EXPECT_EQ(validate.status, 0) << validate.output;
    {
        const hdf5::File h5(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        ASSERT_TRUE(h5);
        const std::vector<std::int32_t> flows{12, 12, 6};
        EXPECT_EQ(numbers_of(h5.get(), "/truth/flows/months"), flows);
        EXPECT_EQ(numbers_of(h5.get(), "/truth/migration/flows/months"), flows);
        // The balance has only the years whose two 1 Januaries the run has: 2013 and 2014.
        EXPECT_EQ(numbers_of(h5.get(), "/truth/migration/balance/months"),
                  (std::vector<std::int32_t>{12, 12}));
        EXPECT_EQ(coordinates_of(h5.get(), "/truth/flows/deaths"), "months area_name area_region");
        EXPECT_EQ(coordinates_of(h5.get(), "/truth/population"), "area_name area_region");
    }

    // xarray shows it as a coordinate of each flow, not of the stocks; an annual rate of the last
    // year divides by its months.
    const std::string python = R"PY(
import sys, xarray as xr
with xr.open_dataset(sys.argv[1], group="truth/flows", engine="h5netcdf") as ds:
    assert "months" in ds.births.coords, list(ds.births.coords)
    assert ds.months.dims == ("year",), ds.months.dims
    assert ds.months.values.tolist() == [12, 12, 6], ds.months.values.tolist()
    assert ds.births.sel(year=2015).months.item() == 6
    annualised = ds.births.sum(["area", "sex", "age"]) * 12 / ds.months
    assert annualised.sizes["year"] == 3
with xr.open_dataset(sys.argv[1], group="truth", engine="h5netcdf") as ds:
    assert "months" not in ds.coords, list(ds.coords)
)PY";
    std::ofstream(path("months.py")) << python;
    EXPECT_EQ(shell("/usr/bin/python3 " + path("months.py") + " " + file), 0);
}

TEST_F(Cli, ARunOfFourteenMonthsHasTwoInItsSecondYear) {
    const std::string file = path("fourteen.h5");
    const Outcome outcome = run("run " + source("scenarios/synthetic_areas.toml") +
                                " --set population.scale=0.002 --months 14 -o " + file);
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const Outcome validate = run("validate " + file);
    EXPECT_EQ(validate.status, 0) << validate.output;
    const hdf5::File h5(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    EXPECT_EQ(numbers_of(h5.get(), "/truth/flows/months"), (std::vector<std::int32_t>{12, 2}));
    EXPECT_EQ(numbers_of(h5.get(), "/truth/migration/balance/months"), (std::vector<std::int32_t>{12}));
}

} // namespace
