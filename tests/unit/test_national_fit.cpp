// The national half of the calibration (sim/calibrate/national_fit.hpp): the secant step on a flow
// with a known response, the figures of a run with their provisional years, the start values, and
// the committed fit and its summary.
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "calibrate/national_fit.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/internal_migration_settings.hpp"
#include "support/csv_records.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// A moment of a flow S(v) = fixed + scaled x v (a multiplier that scales only part of the flow,
/// as emigration.multiplier scales the unplanned departures and not the planned ones).
NationalMoment moment(double v, double fixed, double scaled, double published) {
    NationalMoment m;
    m.parameter = "emigration.multiplier";
    m.value = v;
    m.published = published;
    m.simulated = fixed + scaled * v;
    m.sd = std::sqrt(m.simulated);
    m.years = 4;
    return m;
}

TEST(NationalFit, TheSecantStepFindsTheMultiplierOfAPartlyScaledFlowWithoutOvershooting) {
    // 40,000 planned departures and 140,000 unplanned at v = 1; the published 161,304 needs
    // v* = 121,304 / 140,000 = 0.866457.
    const double fixed = 40000.0, scaled = 140000.0, published = 161304.0;
    const double answer = (published - fixed) / scaled;
    std::vector<std::vector<NationalMoment>> history{{moment(1.0, fixed, scaled, published)}};
    // The first step takes the elasticity as 1: it moves by the ratio, which falls short of the
    // answer when part of the flow does not scale (never past it).
    double v = next_national_values(history)[0].value;
    EXPECT_NEAR(v, published / (fixed + scaled), 1e-12);
    EXPECT_GT(v, answer);
    int steps = 1;
    while (std::abs(moment(v, fixed, scaled, published).standardised_difference()) > 0.01 && steps < 10) {
        history.push_back({moment(v, fixed, scaled, published)});
        v = next_national_values(history)[0].value;
        ++steps;
    }
    EXPECT_LE(steps, 5);
    EXPECT_NEAR(v, answer, 1e-4);
}

TEST(NationalFit, TwoFactorsThatMoveEachOthersFlowsAreFoundTogether) {
    // Emigration and immigration with two factors, as the emigration and return multipliers: more
    // returners leave again (emigration rises with the return factor), more emigrants come back
    // (immigration rises with the emigration factor), and immigration responds weakly to its own
    // factor (elasticity about 0.1), as the returns are a small part of it.
    auto flows = [](double v1, double v2) {
        return std::pair{40000.0 + 140000.0 * v1 + 20000.0 * (v2 - 1.0),
                         200000.0 + 25000.0 * v2 + 15000.0 * (v1 - 1.0)};
    };
    const double e_published = 161304.0, i_published = 214226.0;
    // The exact answer of the linear system.
    const double a11 = 140000.0, a12 = 20000.0, b1 = e_published - 40000.0 + 20000.0;
    const double a21 = 15000.0, a22 = 25000.0, b2 = i_published - 200000.0 + 15000.0;
    const double det = a11 * a22 - a12 * a21;
    const double v1_answer = (b1 * a22 - a12 * b2) / det, v2_answer = (a11 * b2 - a21 * b1) / det;
    auto moments = [&](double v1, double v2) {
        const auto [e, i] = flows(v1, v2);
        NationalMoment m1{"emigration.multiplier", v1, e_published, e, std::sqrt(e), 4};
        NationalMoment m2{"returns.multiplier", v2, i_published, i, std::sqrt(i), 4};
        return std::vector<NationalMoment>{m1, m2};
    };
    std::vector<std::vector<NationalMoment>> history{moments(1.0, 1.0)};
    int steps = 0;
    while (max_abs_standardised(history.back()) > 0.01 && steps < 20) {
        const std::vector<NationalValue> next = next_national_values(history);
        history.push_back(moments(next[0].value, next[1].value));
        ++steps;
    }
    EXPECT_LE(steps, 10);
    EXPECT_NEAR(history.back()[0].value, v1_answer, 1e-4);
    EXPECT_NEAR(history.back()[1].value, v2_answer, 1e-3);
}

TEST(NationalFit, AStepIsAtMostAFactorFour) {
    const std::vector<std::vector<NationalMoment>> far{{moment(1.0, 0.0, 100000.0, 1000.0)}};
    EXPECT_NEAR(next_national_values(far)[0].value, 0.25, 1e-12);
    const std::vector<std::vector<NationalMoment>> short_of{{moment(1.0, 0.0, 1000.0, 100000.0)}};
    EXPECT_NEAR(next_national_values(short_of)[0].value, 4.0, 1e-12);
}

TEST(NationalFit, TheStartIsOneAndANonNumberIsRefused) {
    const Scenario s = testing::synthetic_baseline_with({"population.scale=0.002", "run.months=1"});
    NationalTarget emigration{
        "emigration", "emigration", "usual_residence_12m", {{2013, 1.0}}, "emigration.multiplier", ""};
    // The scenario's value is not the start: a factor starts at 1, as the attractions at 0.
    const Scenario other = testing::synthetic_baseline_with(
        {"population.scale=0.002", "run.months=1", "emigration.multiplier=0.5"});
    for (const Scenario* scenario : {&s, &other}) {
        const std::vector<NationalValue> values =
            national_start_values(scenario->resolved_text, {emigration});
        ASSERT_EQ(values.size(), 1u);
        EXPECT_EQ(values[0].value, 1.0);
    }
    NationalTarget path = emigration;
    path.parameter = "emigration.hazards"; // a table's path, not a number
    EXPECT_THROW(national_start_values(s.resolved_text, {path}), std::invalid_argument);
    path.parameter = "emigration.no_such_key";
    EXPECT_THROW(national_start_values(s.resolved_text, {path}), std::invalid_argument);
}

TEST(NationalFit, TheFiguresOfARunAreItsBalanceAndItsLastYearUnderThe12MonthRuleIsProvisional) {
    const Scenario s = testing::synthetic_baseline_with({"population.scale=0.01", "run.months=24"});
    const PipelineResults results = run_pipeline(s, 1);
    const std::vector<NationalTarget> targets{
        {"emigration",
         "emigration",
         "usual_residence_12m",
         {{2013, 100.0}, {2014, 100.0}, {2015, 1.0}},
         "emigration.multiplier",
         ""},
        {"leaving", "emigration", "present", {{2013, 100.0}, {2014, 100.0}}, "", ""}};
    const std::vector<NationalFigure> figures = national_figures(results.run, targets, 0.01);
    // 2015 has no flows in a run of 2013-2014 and is left out.
    ASSERT_EQ(figures.size(), 4u);
    EXPECT_FALSE(figures[0].provisional);
    EXPECT_TRUE(figures[1].provisional); // the last year's absences are not 12 months old yet
    EXPECT_FALSE(figures[2].provisional);
    EXPECT_FALSE(figures[3].provisional); // departures are final when they happen
    EXPECT_TRUE(figures[0].fitted);
    EXPECT_FALSE(figures[2].fitted);
    // Present: every departure abroad (the truth's emigration flow), divided by the scale.
    for (int year = 0; year < 2; ++year)
        EXPECT_DOUBLE_EQ(figures[static_cast<std::size_t>(2 + year)].simulated,
                         static_cast<double>(results.run.truth.flow("emigration").total(year)) / 0.01);
    // The moment uses only the final year.
    const std::vector<NationalMoment> moments =
        national_moments(figures, targets, {{"emigration.multiplier", 1.0}}, 0.01);
    ASSERT_EQ(moments.size(), 1u);
    EXPECT_EQ(moments[0].years, 1);
    EXPECT_EQ(moments[0].published, 100.0);
    EXPECT_EQ(moments[0].simulated, figures[0].simulated);
    EXPECT_NEAR(moments[0].sd, std::sqrt(figures[0].simulated * 0.01) / 0.01, 1e-9);
    // A target with only provisional years cannot be fitted.
    const std::vector<NationalTarget> late{
        {"emigration", "emigration", "usual_residence_12m", {{2014, 100.0}}, "emigration.multiplier", ""}};
    EXPECT_THROW(national_moments(national_figures(results.run, late, 0.01), late, {}, 0.01),
                 std::invalid_argument);
}

TEST(NationalFit, TheCommittedFitMetItsToleranceAndTheRunsCarryItsSummary) {
    // data/national_fit.csv: the levels of emigration and returns of 2008-2012 with which the
    // committed attractions were fitted, each within its tolerance of 1 sd.
    const std::string data = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/";
    const auto fitted = testing::calibration_table_rows(data + "national_fit.csv");
    ASSERT_EQ(fitted.size(), 2u);
    EXPECT_EQ(fitted[0][0], "emigration.multiplier");
    EXPECT_EQ(fitted[1][0], "returns.multiplier");
    for (const auto& row : fitted) {
        ASSERT_EQ(row.size(), 6u);
        EXPECT_GT(std::stod(row[1]), 0.0);
        EXPECT_LE(std::abs(std::stod(row[5])), 1.0) << row[0] << ": the fit did not meet its tolerance";
    }
    // The summary the runs carry counts them.
    const auto summary =
        testing::calibration_table_rows(data + "internal_migration_attraction_fit_summary.csv");
    ASSERT_EQ(summary.size(), attraction_fit_statistics.size());
    EXPECT_EQ(summary[8][0], "national_parameters");
    EXPECT_EQ(std::stod(summary[8][1]), 2.0);
}

} // namespace
} // namespace migsim
