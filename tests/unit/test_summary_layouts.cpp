// links: migsim_io
// The layouts of ensemble, comparison and sensitivity files: derived from the run's layout by one
// rule, so that a dataset added to a run is summarised without an edit; estimate links checked.
#include <algorithm>

#include <gtest/gtest.h>

#include "io/output_error.hpp"
#include "io/summary_layouts.hpp"

namespace migsim {
namespace {

std::vector<std::string> names(const GroupSchema& group) {
    std::vector<std::string> result;
    for (const DatasetSchema& d : group.datasets)
        result.push_back(d.name);
    return result;
}

bool has(const std::vector<std::string>& all, const std::string& name) {
    return std::find(all.begin(), all.end(), name) != all.end();
}

/// The run's layout with one more fragment.
OutputSchema layout_with(const std::string& name, std::string_view text) {
    std::vector<SchemaFile> files = builtin_schema_files();
    files.push_back({name, text});
    SchemaIndex index = schema_index(files);
    index.fragments.push_back(name);
    return assemble_output_schema(index, files);
}

TEST(SummaryLayouts, AnEnsembleSummarisesEveryDatasetOfTheRun) {
    const OutputSchema& run = output_schema();
    const OutputSchema ensemble = ensemble_layout(run);
    EXPECT_NE(ensemble.find_group("/meta"), nullptr);
    EXPECT_NE(ensemble.find_group("/ensemble/replicates"), nullptr);
    EXPECT_NE(ensemble.find_group("/ensemble/quality"), nullptr);
    std::size_t datasets = 0;
    for (const GroupSchema& group : run.groups)
        for (const DatasetSchema& d : group.datasets) {
            if (group.optional) // there in some runs only (a timeline of changes): not summarised
                continue;
            ++datasets;
            const GroupSchema* summary = ensemble.find_group(ensemble_group_path(group.path + "/" + d.name));
            ASSERT_NE(summary, nullptr) << group.path << "/" << d.name;
            const auto stats = names(*summary);
            for (const char* name : {"mean", "variance", "mc_se", "variance_mc_se"})
                EXPECT_TRUE(has(stats, name)) << summary->path << " " << name;
            EXPECT_EQ(has(stats, "bias"), !d.target.empty()) << summary->path;
            EXPECT_EQ(has(stats, "relative_bias"), !d.target.empty() && d.target != "zero") << summary->path;
            EXPECT_EQ(has(stats, "replicates"), d.dims.size() == 1) << summary->path;
        }
    EXPECT_GT(datasets, 20u);
    EXPECT_EQ(ensemble.find_group(ensemble_group_path("/inputs/timeline/value")), nullptr);
    // Counts have margins; the margin of the true population by year keeps each replicate's totals.
    const GroupSchema* by_year = ensemble.find_group("/ensemble/truth/population/by_year");
    ASSERT_NE(by_year, nullptr);
    EXPECT_TRUE(has(names(*by_year), "replicates"));
    EXPECT_EQ(by_year->dimensions.front().name, "replicate");
    EXPECT_NE(ensemble.find_group("/ensemble/estimates/register_population/population/by_year_area"),
              nullptr);
    EXPECT_EQ(ensemble.find_group("/ensemble/truth/flows/person_years_lived/by_year"),
              nullptr); // not a count
}

TEST(SummaryLayouts, ADatasetAddedToTheRunIsSummarisedWithoutAnEdit) {
    const OutputSchema run = layout_with("census.toml", R"([[groups]]
path = "/estimates/census"
description = "A census-based estimate."
dimensions = ["year", "area"]

[[groups.datasets]]
name = "population"
dims = ["year", "area"]
dtype = "float64"
units = "persons"
description = "Census estimate."
target = "/truth/population"
variance = "population_variance"

[[groups.datasets]]
name = "population_variance"
dims = ["year", "area"]
dtype = "float64"
units = "persons^2"
description = "Its variance."
)");
    const OutputSchema ensemble = ensemble_layout(run);
    const GroupSchema* summary = ensemble.find_group("/ensemble/estimates/census/population");
    ASSERT_NE(summary, nullptr);
    for (const char* name :
         {"bias", "rmse", "relative_bias", "coverage", "coverage_mc_se", "estimated_variance", "se_ratio"})
        EXPECT_TRUE(has(names(*summary), name)) << name;
    const OutputSchema comparison = comparison_layout(run);
    ASSERT_NE(comparison.find_group("/comparison/estimates/census/population"), nullptr);
    EXPECT_TRUE(
        has(names(*comparison.find_group("/comparison/estimates/census/population")), "difference_se"));
}

TEST(SummaryLayouts, EstimateLinksMustNameDatasetsThatFit) {
    const auto refusal = [](std::string_view fragment) {
        try {
            layout_with("bad.toml", fragment);
        } catch (const OutputError& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    const std::string header = R"([[groups]]
path = "/estimates/bad"
description = "x"
dimensions = ["year", "area"]

[[groups.datasets]]
name = "population"
dims = ["year", "area"]
dtype = "float64"
units = "persons"
description = "x"
)";
    EXPECT_NE(refusal(header + "target = \"/truth/nothing\"\n").find("is not a declared dataset"),
              std::string::npos);
    EXPECT_NE(refusal(header + "target = \"/inputs/mortality_hazard\"\n").find("has no dim"),
              std::string::npos);
    EXPECT_NE(refusal(header + "variance = \"spread\"\n").find("variance 'spread'"), std::string::npos);
    EXPECT_NE(refusal(header + "final_after = -2\n").find("final_after"), std::string::npos);
    EXPECT_EQ(refusal(header + "target = \"/truth/population\"\nfinal_after = 3\n"), "");
}

TEST(SummaryLayouts, AStudysLayoutHasTheGroupOfItsMethodOnly) {
    const OutputSchema morris = sensitivity_layout("morris");
    const OutputSchema sobol = sensitivity_layout("sobol");
    EXPECT_NE(morris.find_group("/sensitivity/morris"), nullptr);
    EXPECT_EQ(morris.find_group("/sensitivity/sobol"), nullptr);
    EXPECT_NE(sobol.find_group("/sensitivity/sobol"), nullptr);
    EXPECT_EQ(sobol.find_group("/sensitivity/morris"), nullptr);
    for (const char* name :
         {"first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high"})
        EXPECT_NE(sobol.find_group("/sensitivity/sobol")->find_dataset(name), nullptr) << name;
    EXPECT_THROW(sensitivity_layout("fast"), OutputError);
}

TEST(SummaryLayouts, MarginsAreEachDimAndTheFirstWithEachOther) {
    const auto margins = margins_of({"year", "area", "sex", "age"});
    std::vector<std::string> found;
    for (const Margin& m : margins)
        found.push_back(m.name);
    EXPECT_EQ(found, (std::vector<std::string>{"by_year", "by_area", "by_sex", "by_age", "by_year_area",
                                               "by_year_sex", "by_year_age"}));
    EXPECT_TRUE(margins_of({"year"}).empty());
    EXPECT_EQ(margins_of({"year", "area"}).size(), 2u);
}

} // namespace
} // namespace migsim
