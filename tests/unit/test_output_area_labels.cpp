// links: migsim_io
// The name and region beside each area's code (output_schemas/dimensions.toml, the auxiliary
// coordinates of "area"): written in every group that has areas and listed in the `coordinates`
// attribute of every dataset over areas (CF conventions 1.11, section 5, which xarray follows), and
// refused by the writer and the validator when they are missing, of the wrong length or empty.
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "support/dataset_texts.hpp"
#include "support/output_edit.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

namespace migsim {
namespace {

using namespace migsim::testing;

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

/// Replaces a text dataset over the area scale of its group by `values`, as the writer would write
/// it (units, description, checksum, the scale attached), so that only its content is wrong.
void replace_texts(hid_t file, const std::string& group, const std::string& name,
                   const std::vector<std::string>& values) {
    const std::string path = group + "/" + name;
    const hdf5::Dataset old(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    const std::string units = *hdf5::read_string_attribute(old.get(), "units");
    const std::string description = *hdf5::read_string_attribute(old.get(), "description");
    ASSERT_GE(H5Ldelete(file, path.c_str(), H5P_DEFAULT), 0);
    const hsize_t length = values.size();
    const hdf5::Dataspace space(H5Screate_simple(1, &length, nullptr));
    const hdf5::Datatype type = hdf5::utf8_string_type();
    const hdf5::Dataset made(
        H5Dcreate2(file, path.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    ASSERT_TRUE(made);
    std::vector<const char*> pointers;
    for (const std::string& value : values)
        pointers.push_back(value.c_str());
    ASSERT_GE(H5Dwrite(made.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), 0);
    const hdf5::Dataset scale(H5Dopen2(file, (group + "/area").c_str(), H5P_DEFAULT));
    ASSERT_GE(H5DSattach_scale(made.get(), scale.get(), 0), 0);
    ASSERT_GE(H5DSset_label(made.get(), 0, "area"), 0);
    hdf5::write_string_attribute(made.get(), "units", units);
    hdf5::write_string_attribute(made.get(), "description", description);
    const hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
    const hdf5::Attribute checksum(
        H5Acreate2(made.get(), checksum_attribute, H5T_STD_U64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
    ASSERT_TRUE(checksum);
    reseal(file, path);
}

using AreaLabels = OutputTest;

TEST_F(AreaLabels, EveryGroupWithAreasHasTheirNamesAndRegionsAndEveryDatasetOverAreasListsThem) {
    write_output(file("run.h5"), tiny_run());
    EXPECT_TRUE(validate_output(file("run.h5")).empty()) << joined(validate_output(file("run.h5")));
    const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    // The groups with areas, by hand: a group the schema loses its areas from fails here.
    const std::vector<std::string> groups = {"/inputs",
                                             "/truth",
                                             "/truth/flows",
                                             "/truth/migration",
                                             "/truth/migration/flows",
                                             "/sources/register",
                                             "/estimates/register_population",
                                             "/scores/register"};
    for (const std::string& group : groups) {
        SCOPED_TRACE(group);
        EXPECT_EQ(texts_of(h5.get(), group + "/area"), texts({"A001", "A002", "A003"}));
        EXPECT_EQ(texts_of(h5.get(), group + "/area_name"), texts({"Nordby", "Sydby", "Østerby"}));
        EXPECT_EQ(texts_of(h5.get(), group + "/area_region"), texts({"Nord", "Syd", "Syd"}));
    }
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/population"), "area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/inputs/area_urbanity"), "area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/migration/population"), "area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/scores/register/area_error"), "area_name area_region");
    // Datasets without areas list no coordinates.
    EXPECT_EQ(coordinates_of(h5.get(), "/inputs/mortality_hazard"), "(none)");
    EXPECT_EQ(coordinates_of(h5.get(), "/scores/register/total_error"), "(none)");
    // The text is a coordinate of the area dim: the area scale is attached to it (netCDF readers
    // name its dim from the scale).
    const hdf5::Dataset region(H5Dopen2(h5.get(), "/truth/area_region", H5P_DEFAULT));
    const hdf5::Dataset area(H5Dopen2(h5.get(), "/truth/area", H5P_DEFAULT));
    EXPECT_GT(H5DSis_attached(region.get(), area.get(), 0), 0);
    EXPECT_LE(H5DSis_scale(region.get()), 0);
}

TEST_F(AreaLabels, TheWriterRefusesAreasWithoutTheirTextOrWithTooLittle) {
    OutputContents missing = tiny_run();
    missing.groups[0].coordinates.back().auxiliaries.pop_back(); // /inputs loses its regions
    OutputContents short_names = tiny_run();
    short_names.groups[0].coordinates.back().auxiliaries[0].values.pop_back();
    OutputContents empty_region = tiny_run();
    empty_region.groups[0].coordinates.back().auxiliaries[1].values[2].clear();
    const std::pair<OutputContents*, std::string> cases[] = {
        {&missing, "/inputs/area: auxiliary coordinates (area_name), the schema declares (area_name, "
                   "area_region)"},
        {&short_names, "/inputs/area area_name: 2 values for 3 labels"},
        {&empty_region, "/inputs/area area_region: every value must be non-empty UTF-8 text"},
    };
    for (const auto& [contents, problem] : cases) {
        try {
            write_output(file("refused.h5"), *contents);
            ADD_FAILURE() << "written despite: " << problem;
        } catch (const OutputError& error) {
            EXPECT_EQ(error.problems(), std::vector<std::string>{file("refused.h5") + ": " + problem});
        }
        EXPECT_FALSE(fs::exists(file("refused.h5")));
    }
}

TEST_F(AreaLabels, TheValidatorRefusesARegionPerAreaOfTheWrongLength) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        replace_texts(h5.get(), "/truth", "area_region", texts({"Nord", "Syd"}));
    }
    EXPECT_EQ(
        validate_output(file("run.h5")),
        std::vector<std::string>{"/truth/area_region: has 2 values, the dimension scale area 3 labels"});
}

TEST_F(AreaLabels, TheValidatorRefusesAMissingOrWrongCoordinatesAttribute) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Adelete_by_name(h5.get(), "/truth/population", "coordinates", H5P_DEFAULT), 0);
        ASSERT_GE(H5Adelete_by_name(h5.get(), "/truth/flows/births", "coordinates", H5P_DEFAULT), 0);
        const hdf5::Dataset births(H5Dopen2(h5.get(), "/truth/flows/births", H5P_DEFAULT));
        hdf5::write_string_attribute(births.get(), "coordinates", "area_name");
        const hdf5::Dataset hazard(H5Dopen2(h5.get(), "/inputs/mortality_hazard", H5P_DEFAULT));
        hdf5::write_string_attribute(hazard.get(), "coordinates", "area_name area_region");
    }
    EXPECT_EQ(
        validate_output(file("run.h5")),
        (std::vector<std::string>{
            "/inputs/mortality_hazard: attribute 'coordinates' names auxiliary coordinates, but its "
            "dims have none",
            "/truth/population: string attribute 'coordinates' missing (\"area_name area_region\" "
            "expected)",
            "/truth/flows/births: attribute 'coordinates' is \"area_name\", expected \"months area_name "
            "area_region\""}));
}

TEST_F(AreaLabels, TheValidatorRefusesAMissingNameEmptyTextAndRegionsThatDifferBetweenGroups) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Ldelete(h5.get(), "/truth/flows/area_name", H5P_DEFAULT), 0);
        replace_texts(h5.get(), "/sources/register", "area_name", texts({"Nordby", "", "Østerby"}));
        replace_texts(h5.get(), "/scores/register", "area_region", texts({"Nord", "Nord", "Syd"}));
    }
    EXPECT_EQ(validate_output(file("run.h5")),
              (std::vector<std::string>{
                  "/truth/flows/area_name: auxiliary coordinate missing",
                  "/sources/register/area_name: value 1 is not non-empty printable UTF-8 text",
                  "/scores/register/area_region: values differ from those of /inputs/area_region"}));
}

TEST_F(AreaLabels, TheValidatorRefusesEditedTextByItsChecksum) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        replace_texts(h5.get(), "/truth", "area_name", texts({"Nordby", "Sydby", "Vesterby"}));
        // The stored checksum of the original names, over the edited ones.
        const hdf5::Dataset names(H5Dopen2(h5.get(), "/truth/area_name", H5P_DEFAULT));
        const std::uint64_t original = values_checksum(texts({"Nordby", "Sydby", "Østerby"}));
        const hdf5::Attribute checksum(H5Aopen(names.get(), checksum_attribute, H5P_DEFAULT));
        ASSERT_GE(H5Awrite(checksum.get(), H5T_NATIVE_UINT64, &original), 0);
    }
    EXPECT_EQ(
        validate_output(file("run.h5")),
        std::vector<std::string>{"/truth/area_name: the values do not match their checksum: the file is "
                                 "damaged or was edited"});
}

} // namespace
} // namespace migsim
