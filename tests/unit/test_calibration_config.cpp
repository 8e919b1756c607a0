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
    // The national figures: emigration and immigration on the 12-month definition fit the
    // emigration and return multipliers; births are a check.
    ASSERT_EQ(c.national.size(), 3u);
    std::vector<std::string> fitted;
    for (const NationalTarget& t : c.national) {
        EXPECT_EQ(t.published.size(), 5u) << t.name;
        EXPECT_EQ(t.published.front().first, 2008) << t.name;
        if (!t.parameter.empty())
            fitted.push_back(t.name + " " + t.definition + " " + t.parameter);
    }
    EXPECT_EQ(fitted, (std::vector<std::string>{"emigration usual_residence_12m emigration.multiplier",
                                                "immigration usual_residence_12m returns.multiplier"}));
    EXPECT_EQ(std::filesystem::path(c.national_fit_table),
              std::filesystem::path(scenarios + "/data/national_fit.csv"));
}

TEST(CalibrationConfig, EveryProblemOfTheNationalFiguresIsReportedWithItsLineAndKey) {
    const std::string text =
        "[calibration]\nscenario = \"b.toml\"\nyears = [2008, 2013]\n"                  // 1-3
        "national_tables = { \"2008\" = \"x.csv\" }\n"                                  // 4
        "[national.emigration]\n"                                                       // 5
        "component = \"emigraton\"\n"                                                   // 6
        "published = { 2008 = 38356, 2013 = 1, 2010 = -5 }\n"                           // 7
        "parameter = \"emigration.multiplier\"\n"                                       // 8
        "[national.again]\n"                                                            // 9
        "component = \"emigration\"\n"                                                  // 10
        "definition = \"usual_residence_3m\"\n"                                         // 11
        "parameter = \"emigration.multiplier\"\n"                                       // 12
        "published = 3\n"                                                               // 13
        "[national.births]\n"                                                           // 14
        "component = \"births\"\n"                                                      // 15
        "published = { twenty = 1 }\n"                                                  // 16
        "[output]\nattraction = \"a\"\nfit = \"f\"\nsummary = \"s\"\nreport = \"r\"\n"; // 17-21
    const CalibrationConfigLoad load = load_calibration_config_text(text, "c.toml");
    ASSERT_FALSE(load.ok());
    std::vector<std::string> found;
    for (const ScenarioProblem& p : load.problems)
        found.push_back(std::to_string(p.line) + " " + p.key);
    // A misspelt component; a year after the fit's flow years and a negative count; a definition
    // that does not exist; a parameter fitted twice; published not a table; a key not a year; and,
    // a parameter being fitted, no output.national to write it to.
    for (const std::string expected :
         {"6 national.emigration.component", "7 national.emigration.published.2013",
          "7 national.emigration.published.2010", "11 national.again.definition",
          "12 national.again.parameter", "13 national.again.published", "16 national.births.published.twenty",
          "17 output.national"})
        EXPECT_NE(std::find(found.begin(), found.end(), expected), found.end()) << expected;
    EXPECT_EQ(found.size(), 8u);
    for (const ScenarioProblem& p : load.problems)
        if (p.key == "national.emigration.component") {
            EXPECT_NE(p.message.find("did you mean 'emigration'"), std::string::npos) << p.message;
        }
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
