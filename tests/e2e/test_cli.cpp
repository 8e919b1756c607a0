// End-to-end tests through the migsim command: runs, outputs, reproducibility, bad input and
// `migsim validate`.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "e2e/cli_support.hpp"

namespace {

using namespace migsim::e2e;

TEST_F(Cli, HelpAndVersion) {
    EXPECT_EQ(run("--version").status, 0);
    EXPECT_NE(run("--version").output.find("migsim"), std::string::npos);
    for (const char* command :
         {"--help", "run --help", "validate --help", "parameters --help", "schema --help", "export --help"}) {
        const Outcome help = run(command);
        EXPECT_EQ(help.status, 0) << command;
        EXPECT_NE(help.output.find("Usage"), std::string::npos) << command;
    }
    EXPECT_NE(run("").status, 0);
}

TEST_F(Cli, SchemaPrintsTheAssembledLayout) {
    const Outcome schema = run("schema");
    ASSERT_EQ(schema.status, 0) << schema.output;
    // Every group in the order of output_schemas/migsim_output.toml, its dimensions in full.
    std::size_t at = 0;
    for (const char* group : {"/meta", "/inputs", "/inputs/timeline", "/truth", "/truth/flows",
                              "/truth/migration", "/truth/migration/flows", "/truth/migration/balance",
                              "/sources/register", "/estimates/register_population", "/scores/register"}) {
        at = schema.output.find("path = \"" + std::string(group) + "\"\n", at);
        EXPECT_NE(at, std::string::npos) << group;
    }
    EXPECT_NE(schema.output.find("[[groups.dimensions]]\nname = \"sex\"\nkind = \"string\""),
              std::string::npos);
    // A group only some runs have says so.
    EXPECT_NE(schema.output.find("path = \"/inputs/timeline\"\ndescription = "), std::string::npos);
    EXPECT_NE(schema.output.find("\noptional = true\n"), std::string::npos);
    // Python's TOML reader takes it, as tests/e2e/check_output.py does.
    EXPECT_EQ(shell(std::string(MIGSIM_BINARY) +
                    " schema | /usr/bin/python3 -c 'import sys, tomllib; "
                    "s = tomllib.loads(sys.stdin.read()); sys.exit(0 if len(s[\"groups\"]) == 21 else 1)'"),
              0);
}

TEST_F(Cli, RunWritesAValidOutputThatOpensInXarray) {
    const Outcome outcome = run("run " + small() + " -o " + path("run.h5"));
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* row : {"truth", "register", "births", "deaths", "arrivals", "departures", "returns",
                            "internal moves", "register overcount"})
        EXPECT_NE(outcome.output.find(row), std::string::npos) << row << " missing from the summary";
    ASSERT_TRUE(fs::exists(path("run.h5")));
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << "left behind: " << entry.path();
    const Outcome validate = run("validate " + path("run.h5"));
    EXPECT_EQ(validate.status, 0) << validate.output;
    EXPECT_EQ(shell("/usr/bin/python3 " + source("tests/e2e/check_output.py") + " " + path("run.h5") +
                    " --migsim " + MIGSIM_BINARY),
              0);
    // The standard plots read it too.
    EXPECT_EQ(shell(source("scripts/plot") + " " + path("run.h5") + " -o " + path("plots") + " >/dev/null"),
              0);
    EXPECT_TRUE(fs::exists(path("plots/run_overview.png")));
}

TEST_F(Cli, AScenarioThatChangesWritesItsTimelineAndRunsAgainFromItsResolvedText) {
    const std::string changes =
        " --set changes.surge.key=immigration.arrivals_per_year.rest_of_world --set changes.surge.shape=pulse"
        " --set changes.surge.from=2013-07 --set changes.surge.until=2014-03 --set changes.surge.factor=4"
        " --set changes.older.key=mortality.multiplier --set changes.older.shape=ramp"
        " --set changes.older.from=2014-01 --set changes.older.until=2014-06 --set changes.older.value=1.5"
        // The default scenario's own changes switched off: only these two make the timeline.
        " --set changes.published_fertility.active=false --set changes.published_immigration.active=false";
    ASSERT_EQ(run("run " + small() + changes + " -q -o " + path("changes.h5")).status, 0);
    const Outcome validate = run("validate " + path("changes.h5"));
    EXPECT_EQ(validate.status, 0) << validate.output;
    EXPECT_EQ(shell("/usr/bin/python3 " + source("tests/e2e/check_output.py") + " " + path("changes.h5") +
                    " --migsim " + MIGSIM_BINARY),
              0);
    // The path of each changed element, month by month (docs/scenarios.md), and the resolved
    // scenario with its changes, saved to run again.
    std::ofstream(path("check.py")) << R"(import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
t = f["inputs/timeline"]
assert [p.decode() for p in t["parameter"][()]] == ["mortality.multiplier",
    "immigration.arrivals_per_year.rest_of_world"], t["parameter"][()]
months = [m.decode() for m in t["month"][()]]
assert months[0] == "2013-01" and months[-1] == "2014-12" and len(months) == 24, months
ramp = [1.0] * 12 + [1.0 + 0.5 * (k + 1) / 6 for k in range(6)] + [1.5] * 6
pulse = [27146.0] * 6 + [4 * 27146.0] * 9 + [27146.0] * 9
assert np.allclose(t["value"][0], ramp, rtol=1e-15), t["value"][0]
assert list(t["value"][1]) == pulse, t["value"][1]
scenario = f["meta"].attrs["scenario"]
open(sys.argv[2], "w").write(scenario.decode() if isinstance(scenario, bytes) else scenario)
)";
    ASSERT_EQ(shell("/usr/bin/python3 " + path("check.py") + " " + path("changes.h5") + " " +
                    path("resolved.toml")),
              0);
    ASSERT_EQ(
        run("run " + path("resolved.toml") + " --allow-outside-tables -q -o " + path("again.h5")).status, 0);
    const std::string digest = "/usr/bin/python3 " + source("tests/golden/digest.py") + " ";
    EXPECT_EQ(shell(digest + path("changes.h5") + " > " + path("first.digest") + " && " + digest +
                    path("again.h5") + " > " + path("again.digest") + " && cmp -s " + path("first.digest") +
                    " " + path("again.digest")),
              0);
    // A scenario without changes (the default scenario's switched off) has no timeline group.
    ASSERT_EQ(
        run("run " + small() +
            " --set changes.published_fertility.active=false --set changes.published_immigration.active=false"
            " -q -o " +
            path("steady.h5"))
            .status,
        0);
    EXPECT_EQ(shell("/usr/bin/python3 -c 'import sys, h5py; sys.exit(\"inputs/timeline\" in h5py.File(\"" +
                    path("steady.h5") + "\", \"r\"))'"),
              0);
}

TEST_F(Cli, SameSeedGivesIdenticalFilesAtOneAndTwoThreadsAndAnotherSeedDoesNot) {
    ASSERT_EQ(run("run " + small() + " --seed 11 --threads 1 -q -o " + path("one.h5")).status, 0);
    ASSERT_EQ(run("run " + small() + " --seed 11 --threads 2 -q -o " + path("two.h5")).status, 0);
    ASSERT_EQ(run("run " + small() + " --seed 12 --threads 2 -q -o " + path("other.h5")).status, 0);
    const std::string compare = "/usr/bin/python3 " + source("tests/e2e/compare_outputs.py") + " ";
    EXPECT_EQ(shell(compare + path("one.h5") + " " + path("two.h5")), 0);
    EXPECT_EQ(shell(compare + path("one.h5") + " " + path("other.h5") + " >/dev/null"), 1);
}

// run.threads = 0 takes the cores the process may use and no more than OMP_NUM_THREADS: on a
// shared machine the usual OpenMP setting keeps a run to its share (README, "Threads"). This
// machine's affinity allows at least one core; with OMP_NUM_THREADS=1 the run says it used one.
TEST_F(Cli, TheDefaultThreadCountKeepsToOmpNumThreads) {
    ASSERT_EQ(setenv("OMP_NUM_THREADS", "1", 1), 0);
    const Outcome limited = run("run " + small() + " --threads 0 -o " + path("limited.h5"));
    unsetenv("OMP_NUM_THREADS");
    ASSERT_EQ(limited.status, 0) << limited.output;
    EXPECT_NE(limited.output.find(", 1 thread,"), std::string::npos) << limited.output;
    // An explicit count is the count asked for, whatever OMP_NUM_THREADS says.
    ASSERT_EQ(setenv("OMP_NUM_THREADS", "1", 1), 0);
    const Outcome asked = run("run " + small() + " --threads 2 -o " + path("asked.h5"));
    unsetenv("OMP_NUM_THREADS");
    ASSERT_EQ(asked.status, 0) << asked.output;
    EXPECT_NE(asked.output.find(", 2 threads,"), std::string::npos) << asked.output;
}

struct Mistake {
    const char* name;
    const char* from;
    const char* to;
    const char* expected; ///< text the message must contain

    friend void PrintTo(const Mistake& value, std::ostream* out) { *out << value.name; }
};

class ScenarioMistakes : public Cli, public ::testing::WithParamInterface<Mistake> {};

TEST_P(ScenarioMistakes, AreReportedWithFileLineAndKeyAndNothingRuns) {
    const Mistake& mistake = GetParam();
    const std::string scenario = scenario_with(mistake.from, mistake.to);
    const Outcome outcome = run("run " + scenario + " -o " + path("never.h5"));
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_NE(outcome.output.find(mistake.expected), std::string::npos) << outcome.output;
    EXPECT_FALSE(fs::exists(path("never.h5")));
    EXPECT_EQ(outcome.output.find("speed:"), std::string::npos) << "the run should not have started";
}

INSTANTIATE_TEST_SUITE_P(
    Cli, ScenarioMistakes,
    ::testing::Values(Mistake{"unknown_key", "months = 120", "months = 120\nmonth = 12", "run.month"},
                      Mistake{"wrong_type", "months = 120", "months = \"ten years\"", "run.months"},
                      Mistake{"out_of_range", "multiplier = 1.0", "multiplier = -2.0", "multiplier"},
                      Mistake{"missing_file", "data/emigration_hazards.csv", "data/no_such_table.csv",
                              "no_such_table.csv"},
                      Mistake{"wrong_shape", "data/emigration_hazards.csv",
                              "data/internal_migration_hazards.csv", "hazards"},
                      Mistake{"syntax", "[run]", "[run", "scenario.toml:"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST_F(Cli, SeveralMistakesAreAllReportedAtOnce) {
    const std::string scenario = scenario_with("months = 120", "months = -1\nseeed = 3");
    const Outcome outcome = run("run " + scenario + " --set emigration.multiplier=-1 -o " + path("never.h5"));
    EXPECT_EQ(outcome.status, 2);
    EXPECT_NE(outcome.output.find("run.months"), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("run.seeed"), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("emigration.multiplier"), std::string::npos) << outcome.output;
    EXPECT_TRUE(names_file_line_and_key(outcome.output, "scenario.toml", "run.months"))
        << "file, line and key expected: " << outcome.output;
}

TEST_F(Cli, ValidateFailsOnMissingOrMisshapenDatasets) {
    ASSERT_EQ(run("run " + small() + " -q -o " + path("good.h5")).status, 0);
    fs::copy_file(path("good.h5"), path("missing.h5"));
    fs::copy_file(path("good.h5"), path("misshapen.h5"));
    {
        const hid_t file = H5Fopen(path("missing.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        ASSERT_GE(file, 0);
        ASSERT_GE(H5Ldelete(file, "/truth/flows/deaths", H5P_DEFAULT), 0);
        H5Fclose(file);
    }
    {
        const hid_t file = H5Fopen(path("misshapen.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        ASSERT_GE(file, 0);
        ASSERT_GE(H5Ldelete(file, "/sources/register/population", H5P_DEFAULT), 0);
        const hsize_t dims[2] = {3, 4};
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t dataset = H5Dcreate2(file, "/sources/register/population", H5T_NATIVE_INT32, space,
                                         H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ASSERT_GE(dataset, 0);
        H5Dclose(dataset);
        H5Sclose(space);
        H5Fclose(file);
    }
    EXPECT_EQ(run("validate " + path("good.h5")).status, 0);
    const Outcome missing = run("validate " + path("missing.h5"));
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.output.find("/truth/flows/deaths"), std::string::npos) << missing.output;
    const Outcome misshapen = run("validate " + path("misshapen.h5"));
    EXPECT_EQ(misshapen.status, 1);
    EXPECT_NE(misshapen.output.find("/sources/register/population"), std::string::npos) << misshapen.output;
    EXPECT_EQ(run("validate " + path("no_such_file.h5")).status, 1);
}

TEST_F(Cli, AFailedWriteLeavesNoFile) {
    const Outcome outcome = run("run " + small() + " -q -o " + path("no_such_folder/run.h5"));
    EXPECT_NE(outcome.status, 0);
    EXPECT_FALSE(fs::exists(path("no_such_folder")));
}

TEST_F(Cli, RunsThatEndDuringAYearWriteValidOutputs) {
    // A balance needs both 1 Januaries of its year: a run of 6 months has none, one of 14 months
    // one (2013), while its flows cover 2013 and the first two months of 2014.
    for (const int months : {6, 14}) {
        const std::string file = path("months_" + std::to_string(months) + ".h5");
        ASSERT_EQ(run("run " + source("scenarios/baseline.toml") + " --set population.scale=0.005 --months " +
                      std::to_string(months) + " -q -o " + file)
                      .status,
                  0);
        const Outcome validate = run("validate " + file);
        EXPECT_EQ(validate.status, 0) << months << " months: " << validate.output;
        EXPECT_EQ(shell("/usr/bin/python3 -c 'import h5py, sys; f = h5py.File(sys.argv[1], \"r\"); "
                        "sys.exit(0 if f[\"/truth/migration/balance/persons\"].shape[0] == int(sys.argv[2]) "
                        "else 1)' " +
                        file + " " + std::to_string(months / 12)),
                  0)
            << months << " months";
    }
}

TEST_F(Cli, TheDefaultScenarioRunsOnDenmarksMunicipalitiesLabelledByCode) {
    const std::string file = path("municipalities.h5");
    const Outcome outcome = run("run " + source("scenarios/baseline.toml") +
                                " --months 12 --set population.scale=0.005 -o " + file);
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("99 areas"), std::string::npos) << outcome.output;
    const Outcome validate = run("validate " + file);
    EXPECT_EQ(validate.status, 0) << validate.output;
    EXPECT_EQ(shell("/usr/bin/python3 -c 'import h5py, sys; f = h5py.File(sys.argv[1], \"r\"); "
                    "a = [x.decode() for x in f[\"/truth/area\"][:]]; "
                    "sys.exit(0 if len(a) == 99 and a[0] == \"101\" and \"400\" in a else 1)' " +
                    file),
              0);
}

} // namespace
