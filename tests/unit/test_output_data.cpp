// links: migsim_io
// `migsim validate` reads the data: damaged chunks, negative, infinite or out-of-range values and
// broken accounting identities are problems, not "valid"; sizes a damaged file claims are checked
// before anything is allocated for them.
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "support/output_edit.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <cmath>
#include <limits>
#include <set>

namespace migsim {
namespace {

using namespace migsim::testing;

/// Changes one value of a dataset in place (`at` is its multi-index), and its checksum with it
/// unless `reseal` is false.
void edit(const std::string& path, const std::string& dataset_path, std::vector<hsize_t> at,
          const std::function<double(double)>& change, bool resealed = true) {
    const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    ASSERT_TRUE(file);
    const hdf5::Dataset dataset(H5Dopen2(file.get(), dataset_path.c_str(), H5P_DEFAULT));
    ASSERT_TRUE(dataset) << dataset_path;
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    const std::vector<hsize_t> one(at.size(), 1);
    ASSERT_GE(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, at.data(), nullptr, one.data(), nullptr), 0);
    const hsize_t single = 1;
    const hdf5::Dataspace memory(H5Screate_simple(1, &single, nullptr));
    double value = 0.0;
    ASSERT_GE(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, &value), 0);
    value = change(value);
    ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, &value), 0);
    if (resealed)
        reseal(file.get(), dataset_path);
}

/// The problems of a file that once was the tiny run, edited by `damage`.
class OutputDataTest : public OutputTest {
protected:
    std::vector<std::string> problems_after(const std::function<void(const std::string&)>& damage,
                                            const ValidateOptions& options = {}) {
        const std::string path = file("run.h5");
        write_output(path, tiny_run());
        damage(path);
        return validate_output(path, options);
    }
};

TEST_F(OutputDataTest, AConsistentRunIsValidAndItsIdentitiesAreChecked) {
    EXPECT_TRUE(problems_after([](const std::string&) {}).empty());
    EXPECT_EQ(output_schema().identities.size(), 17u);
}

TEST_F(OutputDataTest, NegativeCountsAndExposureAreProblems) {
    // A one-area population of 10^9 once overflowed the 32-bit exposure counter and validate called
    // the negative exposure valid.
    const auto problems = problems_after([](const std::string& path) {
        edit(path, "/truth/flows/person_years_at_risk", {1, 2, 1, 40}, [](double) { return -1.5e8; });
        edit(path, "/truth/flows/deaths", {0, 0, 0, 7}, [](double) { return -3; });
        edit(path, "/truth/flows/person_years_lived", {1, 0, 1, 60}, [](double) { return -3; });
        edit(path, "/scores/register/relative_error", {2}, [](double) { return -1.25; });
    });
    EXPECT_TRUE(mentions(problems,
                         "/truth/flows/person_years_at_risk: 1 value is below the minimum 0, the first "
                         "-150000000 at year=2014, area=A003, sex=female, age=40"))
        << joined(problems);
    EXPECT_TRUE(mentions(problems, "/truth/flows/deaths: 1 value is below the minimum 0, the first -3 at "
                                   "year=2013, area=A001, sex=male, age=7"))
        << joined(problems);
    // Once valid, though person-years are never negative; an estimate is never below 0, so its error
    // is never below minus the truth.
    EXPECT_TRUE(mentions(problems,
                         "/truth/flows/person_years_lived: 1 value is below the minimum 0, the first -3 "
                         "at year=2014, area=A001, sex=female, age=60"))
        << joined(problems);
    EXPECT_TRUE(mentions(problems,
                         "/scores/register/relative_error: 1 value is below the minimum -1, the first "
                         "-1.25 at year=2015"))
        << joined(problems);
}

TEST(OutputSchemaRanges, EveryDatasetDeclaresTheRangeOfItsValues) {
    // Signed by definition: an estimate's error, and coordinates on a map; the values a scenario's
    // changes give its parameters, whose ranges are each parameter's own; and a calibration's
    // standardised differences and summary figures. Every other dataset
    // counts, measures time or rates, or is a share: it has a minimum, and a share of a whole or a
    // probability a maximum of 1 (the relative error, a ratio to the truth, has no maximum).
    const std::set<std::string> signed_values = {"/scores/register/population_error",
                                                 "/scores/register/area_error",
                                                 "/scores/register/total_error",
                                                 "/inputs/area_x",
                                                 "/inputs/area_y",
                                                 "/inputs/timeline/value",
                                                 "/inputs/calibration/fit/standardised_difference",
                                                 "/inputs/calibration/fit/summary"};
    for (const GroupSchema& group : output_schema().groups)
        for (const DatasetSchema& dataset : group.datasets) {
            const std::string path = group.path + "/" + dataset.name;
            EXPECT_EQ(dataset.min.has_value(), !signed_values.count(path)) << path;
            if ((dataset.units == "share" || dataset.units == "probability") &&
                path != "/scores/register/relative_error") {
                EXPECT_EQ(dataset.max, 1.0) << path;
            }
        }
}

TEST_F(OutputDataTest, ValuesThatAreNotFiniteOrOutOfTheirRangeAreProblems) {
    const auto problems = problems_after([](const std::string& path) {
        edit(path, "/truth/flows/person_years_at_risk", {0, 0, 0, 0}, [](double) { return std::nan(""); });
        edit(path, "/truth/flows/person_years_at_risk", {0, 0, 0, 1}, [](double) { return INFINITY; });
        edit(path, "/inputs/emigration_destination_share", {1}, [](double) { return 1.5; });
    });
    EXPECT_TRUE(mentions(problems,
                         "/truth/flows/person_years_at_risk: 2 values are not finite, the first nan at "
                         "year=2013, area=A001, sex=male, age=0"))
        << joined(problems);
    EXPECT_TRUE(mentions(problems, "/inputs/emigration_destination_share: 1 value is above the maximum 1, "
                                   "the first 1.5 at group=non_EU"))
        << joined(problems);
}

TEST_F(OutputDataTest, EachBrokenIdentityIsNamedWithItsCell) {
    const auto deaths = problems_after([](const std::string& path) {
        edit(path, "/truth/flows/deaths", {1, 2, 1, 50}, [](double v) { return v + 1; });
    });
    // The balance, and the deaths of the population present (/truth/migration/balance).
    ASSERT_EQ(deaths.size(), 2u) << joined(deaths);
    EXPECT_EQ(deaths[0].rfind("identity 'population balance': does not hold at year=2014, area=A003, "
                              "sex=female: /truth/population (year=2015) is ",
                              0),
              0u)
        << deaths[0];
    EXPECT_EQ(
        deaths[1].rfind("identity 'present's deaths are the truth's deaths': does not hold at year=2014", 0),
        0u)
        << deaths[1];

    // Moves in without moves out, offset by a death: the balance holds, the national moves do not
    // (nor the deaths of the population present, /truth/migration/balance).
    const auto moves = problems_after([](const std::string& path) {
        edit(path, "/truth/flows/internal_in", {0, 1, 0, 30}, [](double v) { return v + 1; });
        edit(path, "/truth/flows/deaths", {0, 1, 0, 30}, [](double v) { return v + 1; });
    });
    ASSERT_EQ(moves.size(), 2u) << joined(moves);
    EXPECT_NE(moves[0].find("identity 'internal moves net to zero': does not hold at year=2013, sex=male, "
                            "age=30: /truth/flows/internal_in is "),
              std::string::npos)
        << moves[0];
    EXPECT_TRUE(mentions(moves, "identity 'present's deaths are the truth's deaths'")) << joined(moves);

    const auto estimate = problems_after([](const std::string& path) {
        edit(path, "/estimates/register_population/population", {2, 0, 1, 99},
             [](double v) { return v + 2; });
    });
    EXPECT_TRUE(mentions(estimate, "identity 'register estimate': does not hold at year=2015, area=A001, "
                                   "sex=female, age=99"))
        << joined(estimate);
    EXPECT_TRUE(mentions(estimate, "identity 'population error': does not hold at year=2015, area=A001, "
                                   "sex=female, age=99"))
        << joined(estimate);

    const auto relative = problems_after([](const std::string& path) {
        edit(path, "/scores/register/relative_error", {1}, [](double v) { return v * 1.01; });
        edit(path, "/scores/register/area_error", {0, 2}, [](double v) { return v - 1; });
    });
    EXPECT_TRUE(mentions(relative, "identity 'relative error': does not hold at year=2014: "
                                   "/scores/register/relative_error is "))
        << joined(relative);
    EXPECT_TRUE(mentions(relative, "identity 'area error': does not hold at year=2013, area=A003"))
        << joined(relative);
    EXPECT_TRUE(mentions(relative, "identity 'total error': does not hold at year=2013")) << joined(relative);
}

TEST_F(OutputDataTest, LayoutOnlySkipsTheData) {
    const auto damage = [](const std::string& path) {
        edit(path, "/truth/flows/deaths", {0, 0, 0, 7}, [](double) { return -3; });
    };
    EXPECT_TRUE(problems_after(damage, {.layout_only = true}).empty());
    EXPECT_FALSE(problems_after(damage).empty());
}

TEST_F(OutputDataTest, ADamagedCompressedChunkIsAProblem) {
    const auto problems = problems_after([](const std::string& path) {
        haddr_t address = 0;
        hsize_t size = 0;
        {
            const hdf5::File h5(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
            const hdf5::Dataset births(H5Dopen2(h5.get(), "/truth/flows/births", H5P_DEFAULT));
            const hdf5::Dataspace space(H5Dget_space(births.get()));
            unsigned filter_mask = 0;
            hsize_t offset[4] = {};
            ASSERT_GE(H5Dget_chunk_info(births.get(), space.get(), 0, offset, &filter_mask, &address, &size),
                      0);
        }
        std::fstream bytes(path, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(static_cast<std::streamoff>(address + size / 2));
        bytes.put('\x5a').put('\xa5');
    });
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_EQ(problems[0].rfind("/truth/flows/births: cannot read the values (the file is damaged): ", 0), 0u)
        << problems[0];
}

TEST_F(OutputDataTest, AScaleClaimingTwoToTheSixtyTwoLabelsIsRefusedBeforeReadingIt) {
    // Once the size n x width + 1 of its buffer wrapped around and the read overflowed the heap.
    for (const char* scale : {"/truth/sex", "/truth/area"}) {
        const auto problems = problems_after([&](const std::string& path) {
            const hdf5::File h5(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
            ASSERT_GE(H5Ldelete(h5.get(), scale, H5P_DEFAULT), 0);
            const hsize_t huge = hsize_t{1} << 62, unlimited = H5S_UNLIMITED, chunk = 1024;
            const hdf5::Dataspace space(H5Screate_simple(1, &huge, &unlimited));
            const hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
            H5Pset_chunk(properties.get(), 1, &chunk);
            const hdf5::Datatype text(H5Tcopy(H5T_C_S1));
            H5Tset_size(text.get(), 4);
            const hdf5::Dataset labels(H5Dcreate2(h5.get(), scale, text.get(), space.get(), H5P_DEFAULT,
                                                  properties.get(), H5P_DEFAULT));
            ASSERT_TRUE(labels);
            ASSERT_GE(H5DSset_scale(labels.get(), "sex"), 0);
            hdf5::write_string_attribute(labels.get(), "units", "label");
            hdf5::write_string_attribute(labels.get(), "description", "claims 2^62 labels");
        });
        EXPECT_TRUE(mentions(problems, std::string(scale) + ": has 4611686018427387904 labels, more than any "
                                                            "migsim output (1048576)"))
            << joined(problems);
    }
}

TEST_F(OutputDataTest, LabelsThatRepeatOrDifferBetweenGroupsAreProblems) {
    const auto problems = problems_after([](const std::string& path) {
        const hdf5::File h5(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        const hdf5::Dataset areas(H5Dopen2(h5.get(), "/truth/flows/area", H5P_DEFAULT));
        const hdf5::Datatype text = hdf5::utf8_string_type();
        const char* labels[3] = {"A001", "A001", "B003"};
        ASSERT_GE(H5Dwrite(areas.get(), text.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, labels), 0);
        reseal(h5.get(), "/truth/flows/area");
    });
    EXPECT_TRUE(mentions(problems, "/truth/flows/area: labels are not unique")) << joined(problems);

    const auto differ = problems_after([](const std::string& path) {
        const hdf5::File h5(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        const hdf5::Dataset areas(H5Dopen2(h5.get(), "/truth/flows/area", H5P_DEFAULT));
        const hdf5::Datatype text = hdf5::utf8_string_type();
        const char* labels[3] = {"A001", "A002", "B003"};
        ASSERT_GE(H5Dwrite(areas.get(), text.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, labels), 0);
        reseal(h5.get(), "/truth/flows/area");
    });
    EXPECT_TRUE(mentions(differ, "/truth/flows/area: labels differ from those of /inputs/area"))
        << joined(differ);
}

TEST_F(OutputDataTest, AnImageInMemoryIsValidatedLikeAFile) {
    write_output(file("run.h5"), tiny_run());
    const std::string bytes = file_bytes(file("run.h5"));
    EXPECT_TRUE(validate_output_image(bytes, "run.h5", output_schema()).empty());
    EXPECT_FALSE(validate_output_image("not HDF5", "text", output_schema()).empty());
}

TEST(OutputSchema, IdentitiesNameDeclaredDatasetsAndDims) {
    const std::string groups = "schema_version = \"1.0\"\n"
                               "[[groups]]\npath = \"/truth\"\ndescription = \"d\"\n"
                               "[[groups.dimensions]]\nname = \"year\"\nkind = \"int\"\nunits = \"u\"\n"
                               "description = \"d\"\n"
                               "[[groups.dimensions]]\nname = \"area\"\nkind = \"string\"\nunits = \"u\"\n"
                               "description = \"d\"\n"
                               "[[groups.datasets]]\nname = \"population\"\ndims = [\"year\", \"area\"]\n"
                               "dtype = \"int32\"\nunits = \"persons\"\ndescription = \"d\"\nmin = 0\n";
    const OutputSchema schema =
        parse_output_schema(groups + "[[identities]]\nname = \"stock\"\ndescription = \"d\"\n"
                                     "kind = \"sum\"\nresult = \"/truth/population\"\n"
                                     "result_at_next = \"year\"\n"
                                     "plus = [\"/truth/population\"]\nover = [\"year\"]\n",
                            "good.toml");
    ASSERT_EQ(schema.identities.size(), 1u);
    EXPECT_EQ(schema.groups[0].datasets[0].min, 0.0);
    try {
        parse_output_schema(groups + "[[identities]]\nname = \"bad\"\ndescription = \"d\"\nkind = \"sum\"\n"
                                     "result = \"/truth/people\"\nplus = [\"/truth/population\"]\n"
                                     "over = [\"sex\"]\nresult_at_next = \"area\"\nnumerator = \"x\"\n",
                            "bad.toml");
        FAIL() << "the identity should be rejected";
    } catch (const OutputError& error) {
        const auto& problems = error.problems();
        EXPECT_TRUE(mentions(problems, "dataset '/truth/people' is not declared")) << error.what();
        EXPECT_TRUE(mentions(problems, "dataset '/truth/population' has no dimension 'sex'")) << error.what();
        EXPECT_TRUE(mentions(problems, "'result_at_next' must be one of 'over'")) << error.what();
        EXPECT_TRUE(mentions(problems, "'numerator' is for kind \"ratio\"")) << error.what();
    }
}

} // namespace
} // namespace migsim
