// migsim: the command line.
//   migsim run SCENARIO [-o FILE] [--seed N] [--threads K] [--months M] [--set key=value ...]
//   migsim validate FILE
//   migsim parameters        (the parameter reference, generated from the schema)
// Exit status: 0 success; 1 the run or the file failed; 2 the scenario or the command line is wrong.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/version.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "pipeline/pipeline.hpp"
#include "progress.hpp"
#include "scenario/load.hpp"
#include "summary.hpp"

namespace {

struct RunOptions {
    std::string scenario;
    std::string output;
    std::optional<std::uint64_t> seed;
    std::optional<int> threads;
    std::optional<int> months;
    std::vector<std::string> overrides;
    bool quiet = false;
};

std::string default_output(const std::string& scenario) {
    return std::filesystem::path(scenario).stem().string() + ".h5";
}

int run_command(const RunOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    if (options.seed)
        overrides.push_back("run.seed=" + std::to_string(*options.seed));
    if (options.threads)
        overrides.push_back("run.threads=" + std::to_string(*options.threads));
    if (options.months)
        overrides.push_back("run.months=" + std::to_string(*options.months));

    const migsim::ScenarioLoad load = migsim::load_scenario(options.scenario, overrides);
    if (!load.ok()) {
        std::cerr << "migsim: the scenario has " << load.problems.size() << " problem"
                  << (load.problems.size() == 1 ? "" : "s") << "; nothing was run:\n";
        for (const auto& problem : load.problems)
            std::cerr << "  " << problem.to_string() << "\n";
        return 2;
    }
    const migsim::Scenario& scenario = *load.scenario;
    const std::string output = options.output.empty() ? default_output(options.scenario) : options.output;

    migsim::PipelineResults results;
    {
        migsim::ProgressBar bar("migsim");
        results = migsim::run_pipeline(scenario, scenario.run.threads,
                                       [&](int done, int total) { bar.update(done, total); });
    }
    migsim::write_output(output, migsim::output_contents(scenario, results));
    if (!options.quiet)
        std::cout << migsim::run_summary(scenario, results, output);
    return 0;
}

int validate_command(const std::string& file) {
    const auto problems = migsim::validate_output(file);
    if (problems.empty()) {
        std::cout << file << ": valid (schema " << migsim::output_schema().schema_version << ")\n";
        return 0;
    }
    std::cerr << file << ": " << problems.size() << " problem" << (problems.size() == 1 ? "" : "s") << ":\n";
    for (const auto& problem : problems)
        std::cerr << "  " << problem << "\n";
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"migsim: small-area demographic microsimulation for migration statistics"};
    app.set_version_flag("--version", "migsim " + std::string(migsim::version()));
    app.require_subcommand(1);

    RunOptions run;
    auto* run_app =
        app.add_subcommand("run", "Run a scenario: truth, sources, estimators and scores, written to HDF5");
    run_app->add_option("scenario", run.scenario, "Scenario file (TOML)")->required();
    run_app->add_option("-o,--output", run.output, "Output file (default: the scenario's name with .h5)");
    run_app->add_option("--seed", run.seed, "Random seed (overrides run.seed)");
    run_app->add_option("--threads", run.threads, "Threads, 0 = every core (overrides run.threads)");
    run_app->add_option("--months", run.months, "Months to simulate (overrides run.months)");
    run_app
        ->add_option("--set", run.overrides,
                     "Override a scenario parameter: key=value, e.g. emigration.multiplier=1.5")
        ->type_name("KEY=VALUE");
    run_app->add_flag("-q,--quiet", run.quiet, "Print no summary");

    std::string file;
    auto* validate_app =
        app.add_subcommand("validate", "Check an output file against the declared output layout");
    validate_app->add_option("file", file, "migsim output file (HDF5)")->required();

    auto* parameters_app =
        app.add_subcommand("parameters", "Print the scenario parameter reference (Markdown)");

    CLI11_PARSE(app, argc, argv);
    try {
        if (run_app->parsed())
            return run_command(run);
        if (validate_app->parsed())
            return validate_command(file);
        if (parameters_app->parsed()) {
            std::cout << migsim::parameter_reference_markdown();
            return 0;
        }
    } catch (const std::exception& error) {
        std::cerr << "migsim: " << error.what() << "\n";
        return 1;
    }
    return 2;
}
