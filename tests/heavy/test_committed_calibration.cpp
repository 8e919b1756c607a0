// The committed calibration is the calibration of the code as it stands: `migsim calibrate` of the
// default calibration file (without its backtest), written elsewhere, gives the committed tables
// value for value. A change of the model that moves the runs of 2008-2013 must refit them
// (`build/sim/migsim calibrate scenarios/calibration.toml`) in the same commit, as a change of
// outputs must regenerate the golden digests; this test fails until it does.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e/cli_support.hpp"

namespace {

using namespace migsim::e2e;

/// The lines of a table that `migsim calibrate` wrote, without its comments (where and when) and
/// without the row of the fit's wall time.
std::vector<std::string> values_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() != '#' && line.rfind("seconds,", 0) != 0)
            lines.push_back(line);
    return lines;
}

TEST_F(Cli, TheCommittedCalibrationIsTheFitOfTheCodeAsItStands) {
    const Outcome outcome = run("calibrate " + source("scenarios/calibration.toml") +
                                " --no-backtest --threads 2 -q --output-dir " + path(""));
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* table : {"internal_migration_attraction.csv", "internal_migration_attraction_fit.csv",
                              "internal_migration_attraction_fit_summary.csv", "national_fit.csv"}) {
        const std::vector<std::string> committed = values_of(source("scenarios/data/") + table);
        const std::vector<std::string> refitted = values_of(path(table));
        ASSERT_FALSE(committed.empty()) << table;
        EXPECT_EQ(refitted, committed) << table
                                       << " is not the fit of the code as it stands: refit with "
                                          "build/sim/migsim calibrate scenarios/calibration.toml";
    }
}

} // namespace
