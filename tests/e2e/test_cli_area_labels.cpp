// Areas in the output of a run: labelled by their codes, with each area's name and region beside
// them in every group that has areas (auxiliary coordinates, output_schemas/dimensions.toml), taken
// from the scenario's area table, so that xarray groups by region and a join with a municipal table
// is one line.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "e2e/cli_support.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_schema.hpp"
#include "support/dataset_texts.hpp"

namespace {

using namespace migsim::e2e;
using migsim::testing::coordinates_of;
using migsim::testing::texts_of;
namespace hdf5 = migsim::hdf5;

struct NamedArea {
    std::string name;
    std::string region;
};

/// scenarios/data/municipalities.csv read on its own (code,name,name_en,region,longitude,latitude;
/// no field is quoted), by code.
std::map<std::string, NamedArea> municipalities() {
    std::ifstream in(source("scenarios/data/municipalities.csv"));
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "code,name,name_en,region,longitude,latitude");
    std::map<std::string, NamedArea> table;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream row(line);
        for (std::string field; std::getline(row, field, ',');)
            fields.push_back(field);
        if (fields.size() == 6)
            table[fields[0]] = {fields[1], fields[3]};
    }
    return table;
}

/// The groups of the layout that have areas.
std::vector<const migsim::GroupSchema*> groups_with_areas() {
    std::vector<const migsim::GroupSchema*> groups;
    for (const migsim::GroupSchema& group : migsim::output_schema().groups)
        if (group.find_dimension("area") != nullptr && !group.optional)
            groups.push_back(&group);
    return groups;
}

TEST_F(Cli, ARunOnDenmarksMunicipalitiesNamesEachAreaAndItsRegionBesideItsCode) {
    const std::string file = path("municipalities.h5");
    const Outcome outcome = run("run " + source("scenarios/baseline.toml") +
                                " --months 12 --set population.scale=0.005 -o " + file);
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const Outcome validate = run("validate " + file);
    EXPECT_EQ(validate.status, 0) << validate.output;

    const std::map<std::string, NamedArea> table = municipalities();
    ASSERT_EQ(table.size(), 99u);
    const hdf5::File h5(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    const auto groups = groups_with_areas();
    EXPECT_GE(groups.size(), 8u); // /inputs, /truth and its flows, the migration groups, register...
    for (const migsim::GroupSchema* group : groups) {
        SCOPED_TRACE(group->path);
        const std::vector<std::string> codes = texts_of(h5.get(), group->path + "/area");
        const std::vector<std::string> names = texts_of(h5.get(), group->path + "/area_name");
        const std::vector<std::string> regions = texts_of(h5.get(), group->path + "/area_region");
        ASSERT_EQ(codes.size(), 99u);
        ASSERT_EQ(names.size(), codes.size());
        ASSERT_EQ(regions.size(), codes.size());
        for (std::size_t i = 0; i < codes.size(); ++i) {
            const auto row = table.find(codes[i]);
            ASSERT_NE(row, table.end()) << codes[i];
            EXPECT_EQ(names[i], row->second.name) << codes[i];
            EXPECT_EQ(regions[i], row->second.region) << codes[i];
        }
        // Years of flows carry their simulated months before the areas' text (test_cli_months.cpp).
        const migsim::DimensionSchema* year = group->find_dimension("year");
        const bool flow_years = year != nullptr && year->run_years != migsim::RunYears::januaries;
        for (const migsim::DatasetSchema& dataset : group->datasets) {
            const bool over_areas =
                std::find(dataset.dims.begin(), dataset.dims.end(), "area") != dataset.dims.end();
            const bool over_years =
                std::find(dataset.dims.begin(), dataset.dims.end(), "year") != dataset.dims.end();
            std::string expected = flow_years && over_years ? "months" : "";
            if (over_areas)
                expected += expected.empty() ? "area_name area_region" : " area_name area_region";
            EXPECT_EQ(coordinates_of(h5.get(), group->path + "/" + dataset.name),
                      expected.empty() ? "(none)" : expected)
                << dataset.name;
        }
    }
    // By hand: Copenhagen's code, name and region where the issue expects them.
    EXPECT_EQ(texts_of(h5.get(), "/truth/area").front(), "101");
    EXPECT_EQ(texts_of(h5.get(), "/truth/area_name").front(), "København");
    EXPECT_EQ(texts_of(h5.get(), "/truth/area_region").front(), "Hovedstaden");

    // xarray sees them as coordinates and groups by region: the five regions, each with the persons
    // of its areas (summed here by hand over the area codes of the table).
    const std::string python = R"PY(
import sys, xarray as xr, numpy as np
with xr.open_dataset(sys.argv[1], group="truth", engine="h5netcdf") as ds:
    assert "area_name" in ds.coords and "area_region" in ds.coords, list(ds.coords)
    by_region = ds.population.groupby("area_region").sum()
    regions = sorted(by_region.area_region.values.tolist())
    assert regions == ["Hovedstaden", "Midtjylland", "Nordjylland", "Sjælland", "Syddanmark"], regions
    for region in regions:
        areas = ds.area.values[ds.area_region.values == region]
        by_hand = int(ds.population.sel(area=areas).sum())
        assert int(by_region.sel(area_region=region).sum()) == by_hand, region
    assert ds.population.sel(area="101").area_name.item() == "København"
)PY";
    std::ofstream(path("groupby.py")) << python;
    EXPECT_EQ(shell("/usr/bin/python3 " + path("groupby.py") + " " + file), 0);
}

TEST_F(Cli, SyntheticAreasAreNamedByTheirCodesInTheSyntheticRegion) {
    const std::string file = path("synthetic.h5");
    const Outcome outcome = run("run " + source("scenarios/synthetic_areas.toml") +
                                " --set population.scale=0.005 --months 24 -o " + file);
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const hdf5::File h5(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    for (const migsim::GroupSchema* group : groups_with_areas()) {
        SCOPED_TRACE(group->path);
        const std::vector<std::string> codes = texts_of(h5.get(), group->path + "/area");
        ASSERT_FALSE(codes.empty());
        EXPECT_EQ(codes.front(), "A001");
        EXPECT_EQ(texts_of(h5.get(), group->path + "/area_name"), codes);
        EXPECT_EQ(texts_of(h5.get(), group->path + "/area_region"),
                  std::vector<std::string>(codes.size(), "synthetic"));
    }
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/population"), "area_name area_region");
}

} // namespace
