#pragma once
// Scenarios for tests: the default scenario with overrides, as a user would write them with --set.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/modules.hpp"

namespace migsim::testing {

inline std::string baseline_path() {
    return std::string(MIGSIM_SOURCE_DIR) + "/scenarios/baseline.toml";
}

/// The baseline scenario with `overrides` ("key=value"); the test fails if it does not load.
inline Scenario baseline_with(const std::vector<std::string>& overrides) {
    ScenarioLoad load = load_scenario(baseline_path(), overrides);
    std::string problems;
    for (const auto& problem : load.problems)
        problems += problem.to_string() + "\n";
    EXPECT_TRUE(load.ok()) << problems;
    if (!load.ok())
        throw std::runtime_error("scenario did not load:\n" + problems);
    return *load.scenario;
}

/// Overrides for a small, short run: 1 % of Denmark in 20 areas for two years.
inline std::vector<std::string> small_run() {
    return {"population.scale=0.01", "run.months=24", "population.areas=20"};
}

/// Overrides that switch off first arrivals of every origin group.
inline std::vector<std::string> no_immigration() {
    return {"immigration.arrivals_per_year.eu_efta=0", "immigration.arrivals_per_year.rest_of_europe=0",
            "immigration.arrivals_per_year.rest_of_world=0"};
}

/// Overrides that switch off every process that moves persons across the border or between areas.
inline std::vector<std::string> closed_population() {
    std::vector<std::string> out = {"emigration.multiplier=0", "returns.multiplier=0",
                                    "internal_migration.multiplier=0"};
    for (std::string& value : no_immigration())
        out.push_back(std::move(value));
    return out;
}

/// Overrides for a register that records everything at once and completely.
inline std::vector<std::string> perfect_register() {
    std::vector<std::string> out;
    for (const char* origin : {"native_born", "eu_efta", "rest_of_europe", "rest_of_world"}) {
        out.push_back(std::string("register.arrival_compliance.") + origin + "=1.0");
        out.push_back(std::string("register.arrival_lag_months.") + origin + "=0");
        out.push_back(std::string("register.deregistration_probability.") + origin + "=1.0");
        out.push_back(std::string("register.deregistration_lag_months.") + origin + "=0");
    }
    out.push_back("register.birth_lag_months=0");
    out.push_back("register.death_lag_months=0");
    return out;
}

inline std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace migsim::testing
