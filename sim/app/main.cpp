// migsim: the command line.
//   migsim run SCENARIO [-o FILE] [--seed N] [--threads K] [--months M] [--set key=value ...]
//   migsim validate FILE [--layout-only]
//   migsim parameters        (the parameter reference, generated from the schema)
//   migsim schema            (the output layout, assembled from output_schemas/)
//   migsim ensemble | compare | sensitivity   (many runs: app/study_commands.hpp)
// Exit status: 0 success; 1 the run or a file failed; 2 the scenario or the command line is wrong;
// 128 + the signal's number when interrupted (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/version.hpp"
#include "io/hdf5_writer.hpp"
#include "io/interrupt_cleanup.hpp"
#include "io/output_file.hpp"
#include "io/output_schema.hpp"
#include "isolated_validation.hpp"
#include "modules/modules.hpp"
#include "pipeline/pipeline.hpp"
#include "progress.hpp"
#include "study_commands.hpp"
#include "core/text.hpp"
#include "summary.hpp"

namespace {

constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

struct RunOptions {
    std::string scenario;
    std::string output;
    bool output_given = false;
    std::optional<std::string> seed;
    std::optional<int> threads;
    std::optional<int> months;
    std::vector<std::string> overrides;
    bool allow_outside_tables = false;
    bool quiet = false;
};

std::string default_output(const std::string& scenario) {
    return std::filesystem::path(scenario).stem().string() + ".h5";
}

/// Text from files and the command line is printed escaped: it cannot move the terminal's cursor.
void print_problem(const std::string& text) {
    std::cerr << "  " << migsim::printable(text) << "\n";
}

int run_command(const RunOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    // The seed goes to the scenario as text so that the scenario's own rules (any 64-bit unsigned
    // integer) judge it, with the same message as in a file.
    if (options.seed)
        overrides.push_back("run.seed=" + *options.seed);
    if (options.threads)
        overrides.push_back("run.threads=" + std::to_string(*options.threads));
    if (options.months)
        overrides.push_back("run.months=" + std::to_string(*options.months));

    const migsim::ScenarioLoad load = migsim::load_scenario(
        options.scenario, overrides, {.allow_outside_tables = options.allow_outside_tables});
    if (!load.ok()) {
        std::cerr << "migsim: the scenario has " << load.problems.size() << " problem"
                  << (load.problems.size() == 1 ? "" : "s") << "; nothing was run:\n";
        for (const auto& problem : load.problems)
            print_problem(problem.to_string());
        return exit_usage;
    }
    const migsim::Scenario& scenario = *load.scenario;
    const std::string output = options.output_given ? options.output : default_output(options.scenario);

    // The output's target is checked before the run, not after minutes of simulation.
    std::vector<migsim::ProtectedFile> inputs = {{"the scenario file", scenario.path}};
    for (const migsim::TableFile& table : scenario.tables)
        inputs.push_back({"the table " + table.key, table.path});
    if (const std::string problem = migsim::output_target_problem(output, inputs); !problem.empty()) {
        std::cerr << "migsim: -o: " << migsim::printable(problem) << "; nothing was run\n";
        return exit_usage;
    }
    if (const std::string problem = migsim::output_folder_problem(output); !problem.empty()) {
        std::cerr << "migsim: -o: " << migsim::printable(problem) << "; nothing was run\n";
        return exit_failed;
    }

    migsim::PipelineResults results;
    {
        migsim::ProgressBar bar("migsim");
        results = migsim::run_pipeline(scenario, scenario.run.threads,
                                       [&](int done, int total) { bar.update(done, total); });
    }
    migsim::write_output(output, migsim::output_contents(scenario, results),
                         {.on_group_written = {}, .inputs = inputs});
    if (!options.quiet)
        std::cout << migsim::run_summary(scenario, results, output);
    return 0;
}

int validate_command(const std::string& file, bool layout_only) {
    const migsim::IsolatedValidation validation = migsim::validate_isolated(file, layout_only);
    if (validation.problems.empty()) {
        std::cout << migsim::printable(file) << ": valid (schema " << migsim::output_schema().schema_version
                  << (layout_only ? ", layout only" : "") << ")\n";
        return 0;
    }
    std::cerr << migsim::printable(file) << ": " << validation.problems.size() << " problem"
              << (validation.problems.size() == 1 ? "" : "s") << ":\n";
    for (const auto& problem : validation.problems)
        print_problem(problem);
    return exit_failed;
}

/// What the command printed must have reached its destination: `migsim parameters > /dev/full`
/// is a failure, not a success.
int with_stdout_checked(int status) {
    std::cout.flush();
    if (std::fflush(stdout) != 0 || !std::cout) {
        const int error = errno;
        std::cerr << "migsim: cannot write to standard output"
                  << (error ? std::string(": ") + std::strerror(error) : "") << "\n";
        return status == 0 ? exit_failed : status;
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    migsim::install_interrupt_cleanup();

    CLI::App app{"migsim: small-area demographic microsimulation for migration statistics"};
    app.set_version_flag("--version",
                         "migsim " + std::string(migsim::version()) + ", " + migsim::mpi_description());
    app.require_subcommand(1);
    app.footer("Exit status: 0 success, 1 the run or a file failed, 2 the scenario or the command line is "
               "wrong, 130/143 interrupted (SIGINT/SIGTERM).");

    RunOptions run;
    auto* run_app =
        app.add_subcommand("run", "Run a scenario: truth, sources, estimators and scores, written to HDF5");
    run_app->add_option("scenario", run.scenario, "Scenario file (TOML)")->required();
    auto* output_option =
        run_app->add_option("-o,--output", run.output, "Output file (default: the scenario's name with .h5)");
    run_app->add_option("--seed", run.seed, "Random seed, 0..18446744073709551615 (overrides run.seed)")
        ->type_name("N");
    run_app->add_option("--threads", run.threads, "Threads, 0 = every core (overrides run.threads)");
    run_app->add_option("--months", run.months, "Months to simulate (overrides run.months)");
    run_app
        ->add_option("--set", run.overrides,
                     "Override a scenario parameter: key=value, e.g. emigration.multiplier=1.5")
        ->type_name("KEY=VALUE");
    run_app->add_flag(
        "--allow-outside-tables", run.allow_outside_tables,
        "Allow table paths in the scenario file outside its folder (as in a resolved scenario)");
    run_app->add_flag("-q,--quiet", run.quiet, "Print no summary");

    std::string file;
    bool layout_only = false;
    auto* validate_app = app.add_subcommand(
        "validate", "Check an output file: its layout against the declared schema, then its data");
    validate_app->add_option("file", file, "migsim output file (HDF5)")->required();
    validate_app->add_flag("--layout-only", layout_only,
                           "Check only the layout (groups, datasets, dims, types, attributes), not the data");

    auto* parameters_app =
        app.add_subcommand("parameters", "Print the scenario parameter reference (Markdown)");
    auto* schema_app = app.add_subcommand(
        "schema", "Print the output layout assembled from output_schemas/ (TOML), as the validator reads it");

    migsim::StudyCommands studies(app); // ensemble, compare, sensitivity (app/study_commands.hpp)

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version end parsing with status 0; every mistake of the command line is 2.
        const int status = app.exit(error);
        return with_stdout_checked(status == 0 ? 0 : exit_usage);
    }
    try {
        if (run_app->parsed()) {
            run.output_given = output_option->count() > 0;
            if (run.output_given && run.output.empty()) {
                std::cerr << "migsim: -o: the output file name is empty\n";
                return exit_usage;
            }
            return with_stdout_checked(run_command(run));
        }
        if (const std::optional<int> status = studies.run())
            return with_stdout_checked(*status);
        if (validate_app->parsed())
            return with_stdout_checked(validate_command(file, layout_only));
        if (parameters_app->parsed()) {
            std::cout << migsim::parameter_reference_markdown();
            return with_stdout_checked(0);
        }
        if (schema_app->parsed()) {
            std::cout << migsim::format_output_schema(migsim::output_schema());
            return with_stdout_checked(0);
        }
    } catch (const std::exception& error) {
        // One line per problem (OutputError lists several), each escaped.
        const std::string text = error.what();
        for (std::size_t begin = 0; begin <= text.size();) {
            const std::size_t end = std::min(text.find('\n', begin), text.size());
            std::cerr << "migsim: " << migsim::printable(text.substr(begin, end - begin)) << "\n";
            begin = end + 1;
        }
        return exit_failed;
    }
    return exit_usage;
}
