// End-to-end tests of the commands that make many runs: migsim ensemble, compare and sensitivity.
// The same datasets at (ranks, threads) = (1, 1), (1, 2) and, when migsim is built with MPI,
// (2, 1) under mpirun; each replicate reproduced alone by migsim run; every file valid under the
// layout its /meta names; bad input refused with exit status 2 before anything runs.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "e2e/cli_support.hpp"
#include "ensemble/replicates.hpp"

namespace {

using namespace migsim::e2e;

/// A tiny scenario: 0.5 % of Denmark in 10 areas for two years.
std::string tiny() {
    return source("scenarios/baseline.toml") +
           " --months 24 --set population.scale=0.005 --set areas.synthetic=true --set population.areas=10";
}

/// The datasets of an output (path, type, shape and a hash of the values), one per line.
std::string digests(const std::string& file) {
    const std::string listing = file + ".digest";
    if (shell("/usr/bin/python3 " + source("tests/golden/digest.py") + " " + file + " > " + listing) != 0)
        return "cannot read " + file;
    std::ifstream in(listing);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// mpirun with what Open MPI needs as root and on a machine with fewer cores than ranks; empty when
/// migsim is built without MPI or mpirun is missing.
std::string mpirun() {
    if (run("--version").output.find("with MPI") == std::string::npos ||
        shell("command -v mpirun > /dev/null") != 0)
        return "";
    return "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
           "mpirun --oversubscribe -n 2 ";
}

TEST_F(Cli, AnEnsembleIsTheSameAtAnyNumberOfThreadsAndRanks) {
    const std::string arguments = "ensemble " + tiny() + " --replicates 5";
    const Outcome one = run(arguments + " --threads 1 -o " + path("one.h5"));
    ASSERT_EQ(one.status, 0) << one.output;
    // Its scores and quality report on the screen, and the standard plots of the file.
    for (const char* text : {"5 replicates", "base population shared", "bias +- MC SE", "quality report",
                             "/estimates/register_population/population", "closure"})
        EXPECT_NE(one.output.find(text), std::string::npos) << text << "\n" << one.output;
    EXPECT_EQ(shell("MPLBACKEND=Agg " + source("scripts/plot") + " " + path("one.h5") + " -o " +
                    dir_.string() + " > /dev/null"),
              0);
    EXPECT_TRUE(fs::exists(path("one_ensemble.png")));
    const Outcome two = run(arguments + " -q --threads 2 -o " + path("two.h5"));
    ASSERT_EQ(two.status, 0) << two.output;
    const std::string reference = digests(path("one.h5"));
    EXPECT_NE(reference.find("/ensemble/truth/population/mean f8"), std::string::npos) << reference;
    EXPECT_EQ(digests(path("two.h5")), reference);
    EXPECT_EQ(run("validate " + path("one.h5")).status, 0) << run("validate " + path("one.h5")).output;

    const std::string launcher = mpirun();
    if (launcher.empty())
        GTEST_SKIP() << "migsim is built without MPI";
    const int status = shell(launcher + MIGSIM_BINARY + " " + arguments + " --threads 1 -o " +
                             path("ranks.h5") + " > " + path("mpirun.log") + " 2>&1");
    ASSERT_EQ(status, 0) << std::ifstream(path("mpirun.log")).rdbuf();
    EXPECT_EQ(digests(path("ranks.h5")), reference);
    EXPECT_EQ(shell("/usr/bin/python3 -c \"import h5py, sys; sys.exit(0 if h5py.File('" + path("ranks.h5") +
                    "')['meta'].attrs['ranks'] == 2 else 1)\""),
              0);
}

TEST_F(Cli, EachReplicateIsReproducedAloneByMigsimRun) {
    const Outcome ensemble = run("ensemble " + tiny() + " --replicates 3 -q --keep-replicates " +
                                 dir_.string() + " -o " + path("ensemble.h5"));
    ASSERT_EQ(ensemble.status, 0) << ensemble.output;
    const std::uint64_t seed = 20130101; // the scenario's run.seed: replicate 0's, and the base's
    for (std::uint64_t r : {0u, 2u}) {
        const std::string alone = path("alone_" + std::to_string(r) + ".h5");
        const Outcome outcome =
            run("run " + tiny() + " -q --seed " + std::to_string(migsim::replicate_seed(seed, r)) +
                " --set population.seed=" + std::to_string(seed) + " -o " + alone);
        ASSERT_EQ(outcome.status, 0) << outcome.output;
        EXPECT_EQ(digests(alone), digests(path("replicate_" + std::to_string(r) + ".h5"))) << r;
    }
    // Replicate 0 is the scenario's own run.
    ASSERT_EQ(run("run " + tiny() + " -q -o " + path("plain.h5")).status, 0);
    EXPECT_EQ(digests(path("plain.h5")), digests(path("replicate_0.h5")));
}

TEST_F(Cli, ACompareOfAScenarioWithItselfIsValidAndZero) {
    const std::string scenario = scenario_with("", "");
    const Outcome outcome = run("compare " + scenario + " " + scenario +
                                " --months 24 --set population.scale=0.005 --set areas.synthetic=true --set "
                                "population.areas=10 -r 3 -o " +
                                path("c.h5"));
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("0 +- 0"), std::string::npos) << outcome.output;
    EXPECT_EQ(run("validate " + path("c.h5")).status, 0) << run("validate " + path("c.h5")).output;
}

TEST_F(Cli, ASensitivityStudyOfATestFunctionWritesAValidFile) {
    const std::string study = path("g.toml");
    std::ofstream(study)
        << "[study]\nmethod = \"sobol\"\nsamples = 256\nmodel = \"sobol_g\"\na = [0, 1, 9]\n";
    const Outcome outcome = run("sensitivity " + study + " -o " + path("g.h5"));
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("first order [95% interval]"), std::string::npos) << outcome.output;
    EXPECT_EQ(run("validate " + path("g.h5")).status, 0) << run("validate " + path("g.h5")).output;
    std::ofstream(path("m.toml")) << "[study]\nmethod = \"morris\"\ntrajectories = 4\nmodel = \"ishigami\"\n";
    ASSERT_EQ(run("sensitivity " + path("m.toml") + " -q -o " + path("m.h5")).status, 0);
    EXPECT_EQ(run("validate " + path("m.h5")).status, 0) << run("validate " + path("m.h5")).output;
    for (const char* file : {"g", "m"})
        EXPECT_EQ(shell(source("scripts/plot") + " " + path(std::string(file) + ".h5") + " -o " +
                        dir_.string() + " > /dev/null"),
                  0)
            << file;
}

TEST_F(Cli, MistakesAreRefusedBeforeAnythingRuns) {
    const auto refused = [&](const std::string& arguments, const std::string& words) {
        const Outcome outcome = run(arguments);
        EXPECT_EQ(outcome.status, 2) << arguments << "\n" << outcome.output;
        EXPECT_NE(outcome.output.find(words), std::string::npos) << arguments << "\n" << outcome.output;
    };
    refused("ensemble " + tiny() + " --replicates 1", "--replicates");
    refused("ensemble " + tiny() + " --replicates 3 --base-population each", "--base-population");
    refused("ensemble " + tiny() + " --replicates 3 --keep-replicates " + path("missing"), "is not a folder");
    refused("ensemble " + tiny() + " --replicates 3 -o ''", "empty");
    refused("ensemble " + tiny() + " --replicates 3 --set emigration.multiplyer=2", "emigration.multiplier");
    refused("compare " + source("scenarios/baseline.toml") + " " + path("missing.toml") + " -r 2",
            "missing.toml");
    const std::string study = path("bad.toml");
    std::ofstream(study) << "[study]\nmethod = \"morris\"\ntrajectories = 1\nscenario = \"" +
                                source("scenarios/baseline.toml") +
                                "\"\n\n[[factor]]\nkey = \"emigration.multiplier\"\nlow = 0.5\nhigh = 20\n\n"
                                "[[output]]\nname = \"x\"\npath = \"/truth/nowhere\"\n";
    const Outcome outcome = run("sensitivity " + study);
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_TRUE(names_file_line_and_key(outcome.output, study, "study.trajectories")) << outcome.output;
    // The study's own keys first; its factors and outputs against the scenario once they are right.
    std::ofstream(study) << "[study]\nmethod = \"morris\"\ntrajectories = 2\nscenario = \"" +
                                source("scenarios/baseline.toml") +
                                "\"\n\n[[factor]]\nkey = \"emigration.multiplier\"\nlow = 0.5\nhigh = 20\n\n"
                                "[[output]]\nname = \"x\"\npath = \"/truth/nowhere\"\n";
    const Outcome second = run("sensitivity " + study);
    EXPECT_EQ(second.status, 2) << second.output;
    EXPECT_TRUE(names_file_line_and_key(second.output, study, "emigration.multiplier")) << second.output;
    EXPECT_TRUE(names_file_line_and_key(second.output, study, "x")) << second.output;
    EXPECT_FALSE(fs::exists(path("bad.h5")));
}

TEST_F(Cli, ValidateReadsTheLayoutAFileNames) {
    ASSERT_EQ(run("ensemble " + tiny() + " --replicates 2 -q -o " + path("e.h5")).status, 0);
    ASSERT_EQ(shell("/usr/bin/python3 -c \"import h5py; f = h5py.File('" + path("e.h5") +
                    "', 'r+'); f['meta'].attrs['layout'] = 'swarm'\""),
              0);
    const Outcome outcome = run("validate " + path("e.h5"));
    EXPECT_EQ(outcome.status, 1);
    EXPECT_NE(outcome.output.find("unknown layout 'swarm'"), std::string::npos) << outcome.output;
}

} // namespace
