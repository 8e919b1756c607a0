// The file `migsim calibrate` reads (sim/calibrate/calibration_config.hpp): the default one, and a
// broken one whose every problem is reported at once with its line and key.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "calibrate/calibration_config.hpp"

namespace migsim {
namespace {

const std::string scenarios = std::string(MIGSIM_SOURCE_DIR) + "/scenarios";

TEST(CalibrationConfig, TheDefaultFitsTheMunicipalitiesOn2008To2013AndBacktestsFrom2010) {
    const CalibrationConfigLoad load = load_calibration_config(scenarios + "/calibration.toml");
    ASSERT_TRUE(load.ok()) << (load.problems.empty() ? "" : load.problems.front().to_string());
    const CalibrationConfig& c = *load.config;
    EXPECT_EQ(c.first_year, 2008);
    EXPECT_EQ(c.last_year, 2013);
    EXPECT_EQ(c.backtest_base, 2010);
    EXPECT_EQ(std::filesystem::path(c.scenario), std::filesystem::path(scenarios + "/baseline.toml"));
    ASSERT_NE(c.national_table(2008), nullptr);
    ASSERT_NE(c.national_table(2010), nullptr);
    EXPECT_EQ(c.national_table(2011), nullptr);
    // Paths are the calibration file's folder's, and the tables it writes are those the baseline names.
    EXPECT_TRUE(std::filesystem::exists(*c.national_table(2008)));
    EXPECT_EQ(std::filesystem::path(c.attraction_table),
              std::filesystem::path(scenarios + "/data/internal_migration_attraction.csv"));
}

TEST(CalibrationConfig, EveryProblemIsReportedAtOnceWithItsLineAndKey) {
    const std::string text = "[calibration]\n"                              // 1
                             "scenario = \"baseline.toml\"\n"               // 2
                             "years = [2013, 2008]\n"                       // 3
                             "national_tables = { \"2010\" = \"x.csv\" }\n" // 4
                             "max_iteration = 3\n"                          // 5
                             "tolerance = -1\n"                             // 6
                             "[backtest]\n"                                 // 7
                             "base_year = 2020\n"                           // 8
                             "[output]\n"                                   // 9
                             "attraction = \"a.csv\"\n"                     // 10
                             "fit = 3\n"                                    // 11
                             "summary = \"s.csv\"\n";                       // 12
    const CalibrationConfigLoad load = load_calibration_config_text(text, "/tmp/broken.toml");
    ASSERT_FALSE(load.ok());
    std::vector<std::string> found;
    for (const ScenarioProblem& p : load.problems) {
        EXPECT_EQ(p.file, "/tmp/broken.toml");
        found.push_back(std::to_string(p.line) + " " + p.key);
    }
    // years reversed (then neither the first year's table nor the backtest's base can be checked),
    // a misspelt key, a negative tolerance, a number for a path, and a missing report.
    for (const std::string expected : {"3 calibration.years", "5 calibration.max_iteration",
                                       "6 calibration.tolerance", "11 output.fit", "9 output.report"})
        EXPECT_NE(std::find(found.begin(), found.end(), expected), found.end()) << expected;
    EXPECT_EQ(found.size(), 5u);
    // The misspelt key is named with the right one.
    for (const ScenarioProblem& p : load.problems) {
        if (p.key == "calibration.max_iteration") {
            EXPECT_NE(p.message.find("max_iterations"), std::string::npos) << p.message;
        }
    }
}

TEST(CalibrationConfig, AMissingTableDoesNotHideTheProblemsOfTheOther) {
    const CalibrationConfigLoad load =
        load_calibration_config_text("[calibration]\nyears = [2013, 2008]\n", "c.toml");
    ASSERT_FALSE(load.ok());
    std::vector<std::string> keys;
    for (const ScenarioProblem& p : load.problems)
        keys.push_back(p.key);
    for (const std::string expected : {"output", "calibration.scenario", "calibration.years"})
        EXPECT_NE(std::find(keys.begin(), keys.end(), expected), keys.end()) << expected;
}

TEST(CalibrationConfig, TheBaseYearsNeedTheirNationalTables) {
    const std::string text = "[calibration]\nscenario = \"b.toml\"\nyears = [2008, 2013]\n"
                             "national_tables = { \"2010\" = \"x.csv\", \"twenty\" = \"y.csv\" }\n"
                             "[backtest]\nbase_year = 2011\n"
                             "[output]\nattraction = \"a\"\nfit = \"f\"\nsummary = \"s\"\nreport = \"r\"\n";
    const CalibrationConfigLoad load = load_calibration_config_text(text, "c.toml");
    ASSERT_FALSE(load.ok());
    std::vector<std::string> found;
    for (const ScenarioProblem& p : load.problems)
        found.push_back(std::to_string(p.line) + " " + p.key);
    EXPECT_EQ(found, (std::vector<std::string>{"4 calibration.national_tables.twenty",
                                               "4 calibration.national_tables", "6 backtest.base_year"}));
}

} // namespace
} // namespace migsim
