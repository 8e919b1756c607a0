// links: migsim_io
// The output layout assembled from output_schemas/: it is the layout of schema 1.1 as it was printed
// in one file (tests/fixtures/output_layout_1.1.toml) plus what 1.2 added (the areas' names and
// regions), 1.3 (the simulated months beside the years of flows), 1.4 (the calibration) and 1.5 (its national
// statistics), a new contributor
// is a fragment and a line in the list, and a fragment that does not fit is refused with its file and line.
#include "core/calendar.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_error.hpp"
#include "io/output_validator.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>

namespace migsim {
namespace {

using namespace migsim::testing;

/// The builtin files with `extra` added (a fragment, or a replacement of a builtin file by name).
std::vector<SchemaFile> files_with(const std::vector<SchemaFile>& extra) {
    std::vector<SchemaFile> files = builtin_schema_files();
    for (const SchemaFile& file : extra) {
        const auto same = std::find_if(files.begin(), files.end(),
                                       [&](const SchemaFile& f) { return f.name == file.name; });
        if (same != files.end())
            *same = file;
        else
            files.push_back(file);
    }
    return files;
}

SchemaIndex builtin_index() {
    return schema_index(builtin_schema_files());
}

/// What assembly refuses, every problem on a line; empty when it assembles.
std::string refusal(const SchemaIndex& index, const std::vector<SchemaFile>& files) {
    try {
        assemble_output_schema(index, files);
    } catch (const OutputError& error) {
        return error.what();
    }
    return {};
}

/// A module's group of its own: the persons of each area on 1 January (the truth summed over sex
/// and age), with the identity that says so.
const std::string area_totals_fragment = R"(# Contributed by a module of the tests.
[[groups]]
path = "/tests/area_totals"
description = "Persons present in each area on 1 January."
dimensions = ["year", { name = "area", description = "Small area of residence." }]

[[groups.datasets]]
name = "persons"
dims = ["year", "area"]
dtype = "int32"
min = 0
units = "persons"
description = "Persons present in the area on 1 January."

[[identities]]
name = "area totals"
description = "The persons of an area are the truth's, summed over sex and age."
kind = "sum"
result = "/tests/area_totals/persons"
plus = ["/truth/population"]
over = ["year", "area"]
)";

/// What assembly refuses when `fragment` is added as area_totals.toml, listed last.
std::string refusal_of_area_totals(const std::string& fragment) {
    SchemaIndex index = builtin_index();
    index.fragments.push_back("area_totals.toml");
    return refusal(index, files_with({{"area_totals.toml", fragment}}));
}

TEST(OutputSchemaAssembly, Version1_2AddsTheNameAndRegionOfEachAreaAnd1_3TheMonthsOfEachYearOfFlows) {
    EXPECT_EQ(output_schema().schema_version, "1.7");
    // The groups whose years are those of events (flows and balances), by their declaration.
    const std::vector<std::string> flow_groups{"/truth/flows",
                                               "/truth/migration/flows",
                                               "/truth/migration/balance",
                                               "/truth/labour/transitions",
                                               "/truth/permits/changes",
                                               "/truth/citizenship/acquisitions"};
    std::vector<std::string> with_months;
    for (const GroupSchema& group : output_schema().groups)
        for (const DimensionSchema& dimension : group.dimensions) {
            std::vector<std::string> names;
            for (const AuxiliarySchema& auxiliary : dimension.auxiliaries)
                names.push_back(auxiliary.name);
            if (dimension.name == "area")
                EXPECT_EQ(names, (std::vector<std::string>{"area_name", "area_region"})) << group.path;
            else if (dimension.name == "year" && !names.empty()) {
                EXPECT_EQ(names, std::vector<std::string>{"months"}) << group.path;
                EXPECT_NE(dimension.run_years, RunYears::januaries) << group.path;
                with_months.push_back(group.path);
            } else
                EXPECT_TRUE(names.empty()) << group.path << "/" << dimension.name;
        }
    EXPECT_EQ(with_months, flow_groups);
    const GroupSchema& flows = *output_schema().find_group("/truth/flows");
    EXPECT_EQ(flows.coordinates_of(*flows.find_dataset("emigration")), "months area_name area_region");
    const GroupSchema& balance = *output_schema().find_group("/truth/migration/balance");
    EXPECT_EQ(balance.coordinates_of(*balance.find_dataset("persons")), "months");
    // Every dataset over areas lists them; one without areas lists nothing.
    const GroupSchema& truth = *output_schema().find_group("/truth");
    EXPECT_EQ(truth.coordinates_of(*truth.find_dataset("population")), "area_name area_region");
    const GroupSchema& scores = *output_schema().find_group("/scores/register");
    EXPECT_EQ(scores.coordinates_of(*scores.find_dataset("total_error")), "");
}

TEST(OutputSchemaAssembly, EqualsTheLayoutOfSchema1_1GroupByGroupAndTheAreasNamesAndRegions) {
    const OutputSchema reference = parse_output_schema(
        file_bytes(std::string(MIGSIM_SOURCE_DIR) + "/tests/fixtures/output_layout_1.1.toml"),
        "output_layout_1.1.toml");
    // The groups added since as optional ones, which a file of 1.1 does not have and a reader of
    // 1.1 does not look for (a subgroup it does not know is not one of its datasets).
    OutputSchema assembled = output_schema();
    std::vector<std::string> optional;
    for (const GroupSchema& group : assembled.groups)
        if (group.optional)
            optional.push_back(group.path);
    EXPECT_EQ(optional,
              (std::vector<std::string>{"/inputs/timeline", "/inputs/calibration", "/inputs/calibration/fit",
                                        "/truth/labour", "/truth/labour/transitions", "/inputs/labour",
                                        "/truth/indicators", "/truth/permits", "/truth/permits/changes",
                                        "/truth/citizenship", "/truth/citizenship/acquisitions"}));
    std::erase_if(assembled.groups, [](const GroupSchema& group) { return group.optional; });
    // 1.2 added the name and region beside each area's code, 1.3 the months beside each year of flows
    // (Version1_2AddsTheNameAndRegionOfEachAreaAnd1_3TheMonthsOfEachYearOfFlows), 1.4 only optional
    // groups (the calibration's), 1.5 labels of their `statistic`, 1.6 only optional groups (the
    // labour market's), 1.7 only optional groups (permits' and naturalisation's) and a label of the
    // indicators, and nothing else.
    EXPECT_EQ(assembled.schema_version, "1.7");
    assembled.schema_version = "1.1";
    for (GroupSchema& group : assembled.groups)
        for (DimensionSchema& dimension : group.dimensions)
            dimension.auxiliaries.clear();
    EXPECT_EQ(assembled.schema_version, reference.schema_version);
    ASSERT_EQ(assembled.groups.size(), reference.groups.size());
    for (std::size_t g = 0; g < reference.groups.size(); ++g) {
        const GroupSchema& want = reference.groups[g];
        const GroupSchema& got = assembled.groups[g];
        SCOPED_TRACE(want.path);
        EXPECT_EQ(got.path, want.path);
        EXPECT_EQ(got.description, want.description);
        EXPECT_EQ(got.attributes, want.attributes);
        ASSERT_EQ(got.dimensions.size(), want.dimensions.size());
        for (std::size_t d = 0; d < want.dimensions.size(); ++d) {
            SCOPED_TRACE(want.dimensions[d].name);
            EXPECT_EQ(got.dimensions[d].name, want.dimensions[d].name);
            EXPECT_EQ(got.dimensions[d].kind, want.dimensions[d].kind);
            EXPECT_EQ(got.dimensions[d].units, want.dimensions[d].units);
            EXPECT_EQ(got.dimensions[d].description, want.dimensions[d].description);
            EXPECT_EQ(got.dimensions[d].labels, want.dimensions[d].labels);
            EXPECT_TRUE(got.dimensions[d] == want.dimensions[d]) << "label rules differ";
        }
        ASSERT_EQ(got.datasets.size(), want.datasets.size());
        for (std::size_t s = 0; s < want.datasets.size(); ++s) {
            SCOPED_TRACE(want.datasets[s].name);
            EXPECT_EQ(got.datasets[s].name, want.datasets[s].name);
            EXPECT_EQ(got.datasets[s].dims, want.datasets[s].dims);
            EXPECT_EQ(got.datasets[s].dtype, want.datasets[s].dtype);
            EXPECT_EQ(got.datasets[s].units, want.datasets[s].units);
            EXPECT_EQ(got.datasets[s].description, want.datasets[s].description);
            EXPECT_EQ(got.datasets[s].min, want.datasets[s].min);
            EXPECT_EQ(got.datasets[s].max, want.datasets[s].max);
        }
    }
    EXPECT_EQ(assembled.identities, reference.identities);
    EXPECT_TRUE(assembled == reference);
}

TEST(OutputSchemaAssembly, PrintsAsOneTextThatReadsBack) {
    const std::string text = format_output_schema(output_schema());
    EXPECT_NE(text.find("path = \"/sources/register\""), std::string::npos);
    EXPECT_TRUE(parse_output_schema(text, "printed") == output_schema());
}

TEST(OutputSchemaAssembly, SharesEachDimensionDefinition) {
    // Every group's sex is the one definition, with its fixed labels.
    for (const GroupSchema& group : output_schema().groups)
        if (const DimensionSchema* sex = group.find_dimension("sex")) {
            EXPECT_EQ(sex->labels, (std::vector<std::string>{"male", "female"})) << group.path;
            EXPECT_EQ(sex->units, "label") << group.path;
        }
}

TEST_F(OutputTest, ANewContributorIsAFragmentAndALineInTheList) {
    SchemaIndex index = builtin_index();
    index.fragments.push_back("area_totals.toml");
    const OutputSchema schema =
        assemble_output_schema(index, files_with({{"area_totals.toml", area_totals_fragment}}));
    ASSERT_NE(schema.find_group("/tests/area_totals"), nullptr);
    EXPECT_EQ(schema.groups.back().path, "/tests/area_totals");
    EXPECT_EQ(schema.find_group("/tests/area_totals")->find_dimension("area")->description,
              "Small area of residence.");
    EXPECT_EQ(schema.find_group("/tests/area_totals")->find_dimension("year")->units, "calendar year");
    EXPECT_EQ(schema.identities.back().name, "area totals");

    // The module's contribution: its group, from the run's coordinates.
    OutputContents contents = tiny_run();
    const OutputGroup& truth = group_of(contents, "/truth");
    const auto& population = std::get<std::vector<std::int32_t>>(truth.arrays.at(0).values);
    const std::size_t years = truth.coordinates[0].size(), areas = truth.coordinates[1].size();
    const std::size_t cells_per_area = population.size() / (years * areas);
    std::vector<std::int32_t> persons(years * areas, 0);
    for (std::size_t i = 0; i < population.size(); ++i)
        persons[i / cells_per_area] += population[i];
    contents.groups.push_back({"/tests/area_totals",
                               {truth.coordinates[0], truth.coordinates[1]},
                               {{"persons", {"year", "area"}, persons}}});

    write_output(file("run.h5"), contents, schema);
    EXPECT_EQ(validate_output(file("run.h5"), schema), std::vector<std::string>{});
    // The built-in layout does not know the group: the writer refuses it.
    EXPECT_THROW(write_output(file("other.h5"), contents), OutputError);

    // The contributor's identity is checked from the assembled schema.
    persons[0] += 1;
    contents.groups.back().arrays[0].values = persons;
    write_output(file("wrong.h5"), contents, schema);
    const std::vector<std::string> problems = validate_output(file("wrong.h5"), schema);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("identity 'area totals'"), std::string::npos) << problems[0];
}

TEST(OutputSchemaAssembly, RefusesADimensionThatIsNotDefined) {
    std::string fragment = area_totals_fragment;
    fragment.replace(fragment.find("dimensions = [\"year\""), 20, "dimensions = [\"yaer\"");
    const std::string problems = refusal_of_area_totals(fragment);
    EXPECT_NE(problems.find("output_schemas/area_totals.toml:5: /tests/area_totals: dimension 'yaer' is not "
                            "defined in output_schemas/dimensions.toml"),
              std::string::npos)
        << problems;
}

TEST(OutputSchemaAssembly, RefusesAGroupDeclaredTwice) {
    std::string fragment = area_totals_fragment;
    fragment.replace(fragment.find("/tests/area_totals\"\n"), 18, "/truth");
    const std::string problems = refusal_of_area_totals(fragment);
    EXPECT_NE(problems.find("output_schemas/area_totals.toml:2: /truth: group declared twice (first in "
                            "output_schemas/truth.toml)"),
              std::string::npos)
        << problems;
}

TEST(OutputSchemaAssembly, RefusesAFragmentNotListedOrNotThere) {
    EXPECT_NE(refusal(builtin_index(), files_with({{"area_totals.toml", area_totals_fragment}}))
                  .find("output_schemas/area_totals.toml: not listed in 'fragments' of "
                        "output_schemas/migsim_output.toml"),
              std::string::npos);
    SchemaIndex index = builtin_index();
    index.fragments.push_back("area_totals.toml");
    EXPECT_NE(refusal(index, builtin_schema_files()).find("fragments: no file 'area_totals.toml'"),
              std::string::npos);
    index = builtin_index();
    index.fragments.push_back(index.fragments.front());
    EXPECT_NE(refusal(index, builtin_schema_files()).find("'run_metadata.toml' listed twice"),
              std::string::npos);
}

TEST(OutputSchemaAssembly, RefusesExtendingAGroupNotYetDeclared) {
    // The register's /inputs tables need the /inputs group of an earlier fragment.
    SchemaIndex index = builtin_index();
    std::erase(index.fragments, "register_source.toml");
    index.fragments.insert(index.fragments.begin(), "register_source.toml");
    const std::string problems = refusal(index, builtin_schema_files());
    EXPECT_NE(
        problems.find("output_schemas/register_source.toml:4: extends: group '/inputs' is not declared in an "
                      "earlier fragment"),
        std::string::npos)
        << problems;
}

TEST(OutputSchemaAssembly, RefusesAnIdentityOverAnUndeclaredDataset) {
    std::string fragment = area_totals_fragment;
    fragment.replace(fragment.find("plus = [\"/truth/population\"]"), 28, "plus = [\"/truth/populaton\"]");
    const std::string problems = refusal_of_area_totals(fragment);
    EXPECT_NE(problems.find(
                  "output_schemas/area_totals.toml:15: identity 'area totals': dataset '/truth/populaton' "
                  "is not declared"),
              std::string::npos)
        << problems;
}

TEST(OutputSchemaAssembly, RefusesADimensionDefinedTwice) {
    std::string dimensions;
    for (const SchemaFile& file : builtin_schema_files())
        if (file.name == "dimensions.toml")
            dimensions = std::string(file.text);
    dimensions +=
        "\n[[dimensions]]\nname = \"sex\"\nkind = \"string\"\nunits = \"label\"\ndescription = \"Sex.\"\n";
    const std::string problems = refusal(builtin_index(), files_with({{"dimensions.toml", dimensions}}));
    EXPECT_NE(problems.find("output_schemas/dimensions.toml:"), std::string::npos) << problems;
    EXPECT_NE(problems.find("dimension 'sex' defined twice"), std::string::npos) << problems;
}

TEST(OutputSchemaAssembly, RefusesSimulatedMonthsBesideADimensionThatIsNotOfYearsAndTextBesideNumbers) {
    std::string dimensions;
    for (const SchemaFile& file : builtin_schema_files())
        if (file.name == "dimensions.toml")
            dimensions = std::string(file.text);
    // Appended to the last dimension, "kind" (string labels), then a new one of int ages.
    dimensions +=
        "\n[[dimensions.auxiliary]]\nname = \"kind_months\"\nunits = \"months\"\nvalues = \"simulated "
        "months\"\ndescription = \"d\"\n"
        "\n[[dimensions]]\nname = \"completed_age\"\nkind = \"int\"\nunits = \"years\"\nfirst = "
        "0\ndescription = \"d\"\n"
        "\n[[dimensions.auxiliary]]\nname = \"age_name\"\nunits = \"label\"\ndescription = \"d\"\n";
    const std::string problems = refusal(builtin_index(), files_with({{"dimensions.toml", dimensions}}));
    EXPECT_NE(problems.find("an 'auxiliary' of simulated months is for a dimension of years of the run"),
              std::string::npos)
        << problems;
    EXPECT_NE(problems.find("an 'auxiliary' of text is for dimensions of kind \"string\""), std::string::npos)
        << problems;
}

TEST(OutputSchemaAssembly, TheYearsOfStocksHaveNoMonthsThoseOfAModulesFlowsHave) {
    // A module's group over the Januaries of stocks (area_totals) gets no months; the same group
    // over calendar years of events gets them, listed in its dataset's coordinates.
    SchemaIndex index = builtin_index();
    index.fragments.push_back("area_totals.toml");
    const OutputSchema stocks =
        assemble_output_schema(index, files_with({{"area_totals.toml", area_totals_fragment}}));
    const GroupSchema& stock_group = *stocks.find_group("/tests/area_totals");
    EXPECT_EQ(stock_group.find_auxiliary("months"), nullptr);
    EXPECT_EQ(stock_group.coordinates_of(*stock_group.find_dataset("persons")), "area_name area_region");

    std::string flows_fragment = area_totals_fragment;
    const std::string stock_year = "dimensions = [\"year\",";
    flows_fragment.replace(flows_fragment.find(stock_year), stock_year.size(),
                           "dimensions = [{ name = \"year\", description = \"Calendar year.\", run_years = "
                           "\"calendar years\" },");
    flows_fragment.erase(flows_fragment.find("[[identities]]")); // a stock's identity
    const OutputSchema flows =
        assemble_output_schema(index, files_with({{"area_totals.toml", flows_fragment}}));
    const GroupSchema& flow_group = *flows.find_group("/tests/area_totals");
    ASSERT_NE(flow_group.find_auxiliary("months"), nullptr);
    EXPECT_EQ(flow_group.find_auxiliary("months")->values, AuxiliaryValues::simulated_months);
    EXPECT_EQ(flow_group.coordinates_of(*flow_group.find_dataset("persons")), "months area_name area_region");
}

} // namespace
} // namespace migsim

namespace migsim {
namespace {

using namespace migsim::testing;

bool hdf5_path_exists(const std::string& path, const std::string& object) {
    const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    return file && hdf5::path_exists(file.get(), object);
}

/// The tiny run's contents with the timeline group of one changing parameter over its months.
OutputGroup timeline_of(const OutputContents& contents) {
    const Month start = *parse_month(contents.meta.start);
    std::vector<std::string> months;
    for (int m = 0; m < contents.meta.months; ++m)
        months.push_back(format_month(start + m));
    return {"/inputs/timeline",
            {{"parameter", std::vector<std::string>{"mortality.multiplier"}}, {"month", months}},
            {{"value", {"parameter", "month"}, std::vector<double>(months.size(), 1.5)}}};
}

TEST_F(OutputTest, AnOptionalGroupIsWrittenAndCheckedWhenARunHasItAndLeftOutOtherwise) {
    const OutputContents without = tiny_run();
    write_output(file("without.h5"), without);
    EXPECT_EQ(validate_output(file("without.h5")), std::vector<std::string>{});
    EXPECT_FALSE(hdf5_path_exists(file("without.h5"), "/inputs/timeline"));

    OutputContents with = tiny_run();
    with.groups.push_back(timeline_of(with));
    write_output(file("with.h5"), with);
    EXPECT_EQ(validate_output(file("with.h5")), std::vector<std::string>{});
    EXPECT_TRUE(hdf5_path_exists(file("with.h5"), "/inputs/timeline/value"));

    // When it is there it must be whole: the same checks as every group.
    OutputContents wrong = tiny_run();
    wrong.groups.push_back(timeline_of(wrong));
    wrong.groups.back().arrays[0].values = std::vector<double>{1.5};
    EXPECT_THROW(write_output(file("wrong.h5"), wrong), OutputError);

    // Declared without `optional`, a run that leaves it out is refused.
    OutputSchema required = output_schema();
    for (GroupSchema& group : required.groups)
        group.optional = false;
    EXPECT_FALSE(check_contents(without, required).empty());
    EXPECT_NE(check_contents(without, required).front().find("/inputs/timeline: group missing"),
              std::string::npos);
}

TEST(OutputSchemaAssembly, RefusesAnIdentityOverAnOptionalGroup) {
    std::string fragment = area_totals_fragment;
    fragment.replace(fragment.find("description = \"Persons present in each area"), 0, "optional = true\n");
    const std::string problems = refusal_of_area_totals(fragment);
    EXPECT_NE(problems.find("dataset '/tests/area_totals/persons' is in an optional group"),
              std::string::npos)
        << problems;
}

} // namespace
} // namespace migsim
