// End-to-end tests of migsim calibrate: a small fit writes its five files (the tables the baseline
// names, the fitted national parameter and the report) where its file says; bad input is refused
// with exit status 2 before anything runs, each problem once.
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
    // 1 % of Denmark over 2008-2010, three runs, no backtest: seconds even under the sanitizers. The
    // file names the default's scenario and tables and writes into the test folder only.
    const std::string config = path("small.toml");
    std::ofstream(config)
        << "[calibration]\nscenario = \"" << source("scenarios/baseline.toml")
        << "\"\nset = [\"population.scale=0.01\"]\nyears = [2008, 2010]\nmax_iterations = 2\n"
        << "national_tables = { \"2008\" = \"" << source("scenarios/data/dk_population_jan1_2008.csv")
        << "\" }\n\n[national.emigration]\ncomponent = \"emigration\"\n"
           "parameter = \"emigration.multiplier\"\npublished = { 2008 = 38356, 2009 = 39899 }\n"
           "source = \"UN DESA\"\n\n[national.births]\ncomponent = \"births\"\n"
           "definition = \"present\"\npublished = { 2008 = 65038 }\n\n"
           "[output]\nattraction = \"a.csv\"\nfit = \"f.csv\"\nsummary = \"s.csv\"\n"
           "national = \"n.csv\"\nreport = \"r.md\"\n";
    const Outcome outcome = run("calibrate " + config + " --threads 2");
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* name : {"a.csv", "f.csv", "s.csv", "n.csv", "r.md"})
        EXPECT_TRUE(fs::exists(path(name))) << name;
    // The fit of emigration's level is printed run by run and written with its moment (2008, the
    // final year: 2009 is provisional under the 12-month rule in a run that ends in January 2010).
    EXPECT_NE(outcome.output.find("emigration.multiplier"), std::string::npos) << outcome.output;
    const std::string national = read_text(path("n.csv"));
    EXPECT_NE(national.find("\nemigration.multiplier,"), std::string::npos) << national;
    EXPECT_NE(national.find(",1,38356,"), std::string::npos) << national; // one year, 2008's figure
    const std::string report = read_text(path("r.md"));
    for (const char* words : {"| emigration 2008 (usual_residence_12m) |", "| fitted |",
                              "| emigration 2009 (usual_residence_12m) |", "| provisional |",
                              "| births 2008 (present) |", "Source of emigration: UN DESA"})
        EXPECT_NE(report.find(words), std::string::npos) << words << "\n" << report;
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
