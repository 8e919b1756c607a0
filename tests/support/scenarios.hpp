#pragma once
// Scenarios for tests: the default scenario with overrides, as a user would write them with --set.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/modules.hpp"

namespace migsim::testing {

/// The default scenario: Denmark's municipalities.
inline std::string baseline_path() {
    return std::string(MIGSIM_SOURCE_DIR) + "/scenarios/baseline.toml";
}

/// The default scenario on synthetic areas (scenarios/synthetic_areas.toml), whose number a test
/// chooses with population.areas.
inline std::string synthetic_baseline_path() {
    return std::string(MIGSIM_SOURCE_DIR) + "/scenarios/synthetic_areas.toml";
}

/// The scenario file `path` with `overrides` ("key=value"); the test fails if it does not load.
inline Scenario scenario_with_overrides(const std::string& path, const std::vector<std::string>& overrides) {
    ScenarioLoad load = load_scenario(path, overrides);
    std::string problems;
    for (const auto& problem : load.problems)
        problems += problem.to_string() + "\n";
    EXPECT_TRUE(load.ok()) << problems;
    if (!load.ok())
        throw std::runtime_error("scenario did not load:\n" + problems);
    return *load.scenario;
}

/// The default scenario on synthetic areas with `overrides` ("key=value"); the test fails if it
/// does not load.
inline Scenario synthetic_baseline_with(const std::vector<std::string>& overrides) {
    return scenario_with_overrides(synthetic_baseline_path(), overrides);
}

/// The test fixture scenario tests/fixtures/scenarios/valid.toml (three groups, first arrivals of
/// 32,000, 11,000 and 27,000 a year, no planned stays) with `overrides`; with `adults_only`, its
/// arrivals' age profile has no children under 15, so that every arrival is scheduled (none comes
/// with a mother) and arrival counts are exact.
inline Scenario fixture_with(std::vector<std::string> overrides, bool adults_only = false) {
    const std::string folder = std::string(MIGSIM_SOURCE_DIR) + "/tests/fixtures/scenarios";
    if (adults_only)
        overrides.push_back("immigration.age_profile=" + folder + "/data/immigration_profile_adults.csv");
    return scenario_with_overrides(folder + "/valid.toml", overrides);
}

/// Overrides for a small, short run: 1 % of Denmark in 20 areas for two years (on synthetic areas:
/// population.areas is ignored where the scenario has an area table).
inline std::vector<std::string> small_run() {
    return {"population.scale=0.01", "run.months=24", "population.areas=20"};
}

/// Overrides that switch off the default scenario's published paths of fertility and immigration
/// ([changes.published_*] of scenarios/baseline.toml): the total fertility rate and the arrivals
/// of 2013 in every year, for tests whose expectation takes them constant.
inline std::vector<std::string> constant_rates() {
    return {"changes.published_fertility.active=false", "changes.published_immigration.active=false"};
}

/// Overrides that switch off first arrivals of every origin group (one number for every group).
inline std::vector<std::string> no_immigration() {
    return {"immigration.arrivals_per_year=0"};
}

/// Overrides that switch off planned stays ([spells]): every foreign-born arrival and person of the
/// base population is a settler, every national who leaves an emigrant without a plan, so that
/// persons leave only by the emigration hazards and come back only by the return hazards.
inline std::vector<std::string> no_planned_stays() {
    return {"spells.worker_share=0", "spells.student_share=0", "spells.humanitarian_share=0",
            "spells.family_share=0", "spells.national_temporary_share=0"};
}

/// Overrides that switch the labour market off: for tests of counts it does not change (births,
/// deaths, moves), which it would only slow down (a transition drawn for every person and month).
inline std::vector<std::string> no_labour_market() {
    return {"labour.monthly_transitions=\"\"", "labour.employment_shifts=\"\""};
}

/// Overrides that switch off every process that moves persons across the border or between areas.
inline std::vector<std::string> closed_population() {
    std::vector<std::string> out = {"emigration.multiplier=0", "returns.multiplier=0",
                                    "internal_migration.multiplier=0"};
    for (const auto& more : {no_immigration(), no_planned_stays()})
        for (const std::string& value : more)
            out.push_back(value);
    return out;
}

/// Overrides for a register that records everything at once and completely.
/// (One number for every origin, so that it does not depend on the scenario's groups.)
inline std::vector<std::string> perfect_register() {
    return {"register.arrival_compliance=1.0",
            "register.arrival_lag_months=0",
            "register.deregistration_probability=1.0",
            "register.deregistration_lag_months=0",
            "register.birth_lag_months=0",
            "register.death_lag_months=0"};
}

inline std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace migsim::testing
