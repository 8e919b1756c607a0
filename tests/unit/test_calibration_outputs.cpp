// What the calibration leaves behind: the errors of a projection as the backtest defines them
// (sim/calibrate/area_backtest.hpp), and the fitted tables of the default scenario carried into
// /inputs/calibration of every run (output_schemas/calibration.toml), read back against the files.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "calibrate/area_backtest.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/internal_migration_settings.hpp"
#include "support/csv_records.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(ProjectionError, IsTheMeanAbsolutePercentageErrorUnweightedAndWeightedWithTheWorstArea) {
    // Area a: 110 for 100 (10 %); b: 190 for 200 (5 %); c: 300 for 300 (0 %).
    const ProjectionError e =
        projection_error("m", 2013, {110.0, 190.0, 300.0}, {100.0, 200.0, 300.0}, {"a", "b", "c"});
    EXPECT_EQ(e.method, "m");
    EXPECT_EQ(e.year, 2013);
    EXPECT_DOUBLE_EQ(e.mape, 5.0);                           // (10 + 5 + 0) / 3
    EXPECT_DOUBLE_EQ(e.weighted_mape, 100.0 * 20.0 / 600.0); // (10 + 10 + 0) / 600
    EXPECT_EQ(e.worst_area, "a");
    EXPECT_DOUBLE_EQ(e.worst_ape, 10.0);
}

const OutputGroup* group_of(const OutputContents& contents, const std::string& path) {
    for (const OutputGroup& g : contents.groups)
        if (g.path == path)
            return &g;
    return nullptr;
}

const std::vector<double>& values_of(const OutputGroup& group, const std::string& name) {
    for (const OutputArray& a : group.arrays)
        if (a.name == name)
            return std::get<std::vector<double>>(a.values);
    throw std::runtime_error(name + " not in " + group.path);
}

TEST(CalibrationInputs, EveryRunOfTheDefaultCarriesTheFittedAttractionsAndTheFitsSummary) {
    const Scenario scenario = testing::scenario_with_overrides(testing::baseline_path(),
                                                               {"population.scale=0.002", "run.months=1"});
    const OutputContents contents = output_contents(scenario, run_pipeline(scenario, 1));
    const OutputGroup* calibration = group_of(contents, "/inputs/calibration");
    const OutputGroup* fit = group_of(contents, "/inputs/calibration/fit");
    ASSERT_NE(calibration, nullptr);
    ASSERT_NE(fit, nullptr);

    const std::string data = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/";
    // log_attraction by (area, age group) in the file's order, which is area by area, group by group.
    const auto attraction = testing::calibration_table_rows(data + "internal_migration_attraction.csv");
    const std::vector<double>& carried = values_of(*calibration, "log_attraction");
    ASSERT_EQ(carried.size(), attraction.size());
    ASSERT_EQ(attraction.size(), 99u * 4u); // 98 municipalities and Christiansø, four age groups
    for (std::size_t k = 0; k < attraction.size(); ++k)
        EXPECT_NEAR(carried[k], std::stod(attraction[k][2]), 5e-7)
            << attraction[k][0] << " " << attraction[k][1];
    // The first area is the reference, and the fit moved the others.
    EXPECT_EQ(carried[0], 0.0);
    double spread = 0.0;
    for (double a : carried)
        spread = std::max(spread, std::abs(a));
    EXPECT_GT(spread, 0.1);
    EXPECT_EQ(values_of(*calibration, "distance_decay_km"), (std::vector<double>(4, 60.0)));

    const auto targets = testing::calibration_table_rows(data + "internal_migration_attraction_fit.csv");
    const std::vector<double>& observed = values_of(*fit, "observed");
    const std::vector<double>& z = values_of(*fit, "standardised_difference");
    ASSERT_EQ(observed.size(), targets.size());
    for (std::size_t j = 0; j < targets.size(); ++j) {
        EXPECT_EQ(observed[j], std::stod(targets[j][1]));
        EXPECT_EQ(z[j], std::stod(targets[j][4]));
    }
    // The summary: the fit of 2008-2013 converged (every area within its tolerance of 1 sd).
    const std::vector<double>& summary = values_of(*fit, "summary");
    ASSERT_EQ(summary.size(), attraction_fit_statistics.size());
    EXPECT_EQ(summary[0], 2008.0);
    EXPECT_EQ(summary[1], 2013.0);
    EXPECT_EQ(summary[6], 1.0);
    EXPECT_LE(summary[5], 1.0);
}

TEST(CalibrationInputs, SyntheticAreasLeaveTheMunicipalTablesUnreadAndTheGroupOut) {
    const Scenario scenario = testing::synthetic_baseline_with({"population.scale=0.002", "run.months=1"});
    EXPECT_TRUE(scenario.settings<InternalMigrationSettings>().log_attraction.empty());
    const OutputContents contents = output_contents(scenario, run_pipeline(scenario, 1));
    EXPECT_EQ(group_of(contents, "/inputs/calibration"), nullptr);
    EXPECT_EQ(group_of(contents, "/inputs/calibration/fit"), nullptr);
}

TEST(CalibrationInputs, TheMunicipalTablesGoWithTheMunicipalities) {
    // --set areas.synthetic=true on the default scenario: its attraction tables, which are the
    // municipalities', are not read with them.
    const Scenario synthetic = testing::scenario_with_overrides(
        testing::baseline_path(), {"areas.synthetic=true", "population.areas=10", "population.scale=0.002"});
    EXPECT_TRUE(synthetic.settings<InternalMigrationSettings>().log_attraction.empty());
    EXPECT_TRUE(synthetic.settings<InternalMigrationSettings>().attraction_fit.empty());
    // "" switches an optional table off; a required one cannot be.
    const Scenario none =
        testing::scenario_with_overrides(testing::baseline_path(), {"internal_migration.attraction=\"\""});
    EXPECT_TRUE(none.settings<InternalMigrationSettings>().log_attraction.empty());
    EXPECT_FALSE(none.settings<InternalMigrationSettings>().attraction_fit.empty());
    const ScenarioLoad required = load_scenario(testing::baseline_path(), {"mortality.rates=\"\""});
    ASSERT_FALSE(required.ok());
    EXPECT_EQ(required.problems.front().key, "mortality.rates");
    EXPECT_NE(required.problems.front().message.find("empty"), std::string::npos);
}

} // namespace
} // namespace migsim
