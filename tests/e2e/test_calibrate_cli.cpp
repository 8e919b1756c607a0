// End-to-end tests of migsim calibrate: a small fit of the default calibration writes its five files
// (the tables the baseline names, the fitted national parameter and the report) and nothing in the
// repository; bad input is refused with exit status 2 before anything runs, each problem once.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "e2e/cli_support.hpp"

namespace {

using namespace migsim::e2e;

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST_F(Cli, ASmallCalibrationWritesItsTablesItsNationalFitAndItsReport) {
    // 2 % of Denmark, no backtest: a few seconds. --output-dir keeps the committed tables untouched.
    const std::string committed = read_text(source("scenarios/data/national_fit.csv"));
    const Outcome outcome =
        run("calibrate " + source("scenarios/calibration.toml") +
            " --set population.scale=0.02 --no-backtest --threads 2 --output-dir " + path(""));
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* name :
         {"internal_migration_attraction.csv", "internal_migration_attraction_fit.csv",
          "internal_migration_attraction_fit_summary.csv", "national_fit.csv", "fit_report.md"})
        EXPECT_TRUE(fs::exists(path(name))) << name;
    // The fit of emigration's level is printed run by run and written with its moment.
    EXPECT_NE(outcome.output.find("emigration.multiplier"), std::string::npos) << outcome.output;
    const std::string national = read_text(path("national_fit.csv"));
    EXPECT_NE(national.find("\nemigration.multiplier,0."), std::string::npos) << national;
    EXPECT_NE(national.find("scale 0.02"), std::string::npos) << national;
    const std::string report = read_text(path("fit_report.md"));
    for (const char* words : {"| emigration 2011 (usual_residence_12m) |", "| fitted |", "| provisional |",
                              "| births 2008 (present) |", "Source of emigration:"})
        EXPECT_NE(report.find(words), std::string::npos) << words;
    EXPECT_EQ(read_text(source("scenarios/data/national_fit.csv")), committed);
}

TEST_F(Cli, ABadCalibrationIsRefusedBeforeAnythingRuns) {
    const std::string config = path("bad.toml");
    std::ofstream(config) << "[calibration]\nscenario = \"" << source("scenarios/baseline.toml")
                          << "\"\nyears = [2008, 2013]\nnational_tables = { \"2008\" = \""
                          << source("scenarios/data/dk_population_jan1_2008.csv")
                          << "\" }\n"
                             "[national.emigration]\ncomponent = \"emigraton\"\npublished = { 2008 = 1 }\n"
                             "[output]\nattraction = \"a.csv\"\nfit = \"f.csv\"\nsummary = \"s.csv\"\n"
                             "report = \"r.md\"\n";
    const Outcome outcome = run("calibrate " + config);
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_TRUE(names_file_line_and_key(outcome.output, config, "national.emigration.component"))
        << outcome.output;
    EXPECT_FALSE(fs::exists(path("a.csv")));

    // Every output in a folder that does not exist: said once, and nothing runs.
    const Outcome missing =
        run("calibrate " + source("scenarios/calibration.toml") + " --output-dir " + path("nowhere"));
    EXPECT_EQ(missing.status, 2) << missing.output;
    const std::string words = "of the output does not exist";
    const std::size_t first = missing.output.find(words);
    ASSERT_NE(first, std::string::npos) << missing.output;
    EXPECT_EQ(missing.output.find(words, first + 1), std::string::npos) << missing.output;
}

} // namespace
