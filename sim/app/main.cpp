// migsim: the command line.
//   migsim run SCENARIO [-o FILE] [--seed N] [--threads K] [--months M] [--set key=value ...]
//   migsim validate FILE [--layout-only] [--time-limit SECONDS]
//   migsim parameters        (the parameter reference, generated from the schema)
//   migsim schema            (the output layout, assembled from output_schemas/)
//   migsim export FILE --csv DIR [--group PATH ...]   (every array as a tidy CSV table: io/csv_export.hpp)
//   migsim ensemble | compare | sensitivity | calibrate   (many runs: app/study_commands.hpp)
// Exit status: 0 success; 1 the run or a file failed; 2 the scenario or the command line is wrong;
// 128 + the signal's number when interrupted (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/text.hpp"
#include "core/version.hpp"
#include "io/csv_export.hpp"
#include "io/hdf5_writer.hpp"
#include "io/interrupt_cleanup.hpp"
#include "io/isolated_validation.hpp"
#include "io/output_file.hpp"
#include "io/output_schema.hpp"
#include "modules/modules.hpp"
#include "out_of_memory.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/immigration_settings.hpp"
#include "progress.hpp"
#include "scenario/run_size.hpp"
#include "study_commands.hpp"
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

/// What a run needs, for the message if memory runs out: its persons (the base population and the
/// arrivals over the run) at about 24 bytes each, twice over while their columns grow, and its accounts.
std::string memory_needed(const migsim::Scenario& scenario) {
    double national = 0.0;
    for (const auto& by_age : scenario.population.national)
        for (const std::int64_t persons : by_age)
            national += static_cast<double>(persons);
    double arrivals_per_year = 0.0;
    for (const double arrivals : scenario.settings<migsim::ImmigrationSettings>().arrivals_per_year)
        arrivals_per_year += arrivals;
    const double persons =
        (national + arrivals_per_year * scenario.run.months / 12.0) * scenario.population.scale;
    return ": the run needs about " + migsim::memory_text(migsim::estimated_run_bytes(scenario, persons)) +
           " (" + migsim::grouped_digits(persons) +
           " persons at about 24 bytes each, twice over while their columns grow, and the accounts of " +
           migsim::grouped_digits(scenario.population.areas) + " areas)";
}

/// Text from files and the command line is printed escaped: it cannot move the terminal's cursor.
void print_problem(const std::string& text) {
    std::cerr << "  " << migsim::printable(text) << "\n";
}

int run_command(const RunOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    migsim::LoadOptions load_options{.allow_outside_tables = options.allow_outside_tables,
                                     .option_of_override = {},
                                     .refuse_repeated_overrides = true};
    // The options of their own go to the scenario as overrides, so that the scenario's own rules judge
    // them (the seed as text: any 64-bit unsigned integer), and their problems name the option.
    const auto add = [&](const std::string& option, const std::string& override_text) {
        load_options.option_of_override[overrides.size()] = option;
        overrides.push_back(override_text);
    };
    if (options.seed)
        add("--seed", "run.seed=" + *options.seed);
    if (options.threads)
        add("--threads", "run.threads=" + std::to_string(*options.threads));
    if (options.months)
        add("--months", "run.months=" + std::to_string(*options.months));

    const migsim::ScenarioLoad load = migsim::load_scenario(options.scenario, overrides, load_options);
    if (!load.ok()) {
        std::cerr << "migsim: the scenario has " << load.problems.size() << " problem"
                  << (load.problems.size() == 1 ? "" : "s") << "; nothing was run:\n";
        for (const auto& problem : load.problems)
            print_problem(problem.to_string());
        return exit_usage;
    }
    const migsim::Scenario& scenario = *load.scenario;
    const std::string output = options.output_given ? options.output : default_output(options.scenario);
    migsim::set_memory_needed(memory_needed(scenario));

    // The output's target is checked before the run, not after minutes of simulation.
    std::vector<migsim::ProtectedFile> inputs = {{"the scenario file", scenario.path}};
    for (const migsim::TableFile& table : scenario.tables)
        inputs.push_back({"the table " + table.key, table.path});
    if (const std::string problem = migsim::output_target_problem(output, inputs); !problem.empty()) {
        std::cerr << "migsim: -o: " << migsim::printable(problem) << "; nothing was run\n";
        return exit_usage;
    }
    if (const migsim::FolderProblem problem = migsim::output_folder_problem(output)) {
        std::cerr << "migsim: -o: " << migsim::printable(problem.message) << "; nothing was run\n";
        return problem.name_too_long ? exit_usage : exit_failed;
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

int validate_command(const std::string& file, bool layout_only, std::optional<double> time_limit) {
    std::error_code error;
    const std::uintmax_t bytes = std::filesystem::file_size(file, error);
    const std::chrono::milliseconds limit =
        time_limit ? std::chrono::milliseconds(std::llround(*time_limit * 1000))
                   : std::chrono::milliseconds(migsim::validation_time_limit(error ? 0 : bytes));
    const migsim::IsolatedValidation validation = migsim::validate_isolated(file, layout_only, limit);
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

struct ExportOptions {
    std::string file;
    std::string folder;
    std::vector<std::string> groups;
    bool quiet = false;
};

int export_command(const ExportOptions& options) {
    migsim::CsvExportOptions export_options;
    export_options.groups = options.groups;
    export_options.on_table_written = [&](const std::string& path, std::uint64_t rows) {
        if (!options.quiet)
            std::cout << migsim::printable(path) << ": " << rows << " row" << (rows == 1 ? "" : "s") << "\n";
    };
    const migsim::CsvExport exported = migsim::export_csv(options.file, options.folder, export_options);
    if (!exported.ok()) {
        std::cerr << "migsim export: " << migsim::printable(exported.problem) << "\n";
        return exported.command_line_problem ? exit_usage : exit_failed;
    }
    return 0;
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

/// What to say instead of CLI11's message for an unknown command or an unknown option, "" when it
/// is another mistake.
std::string command_line_hint(CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
    std::vector<std::string> commands;
    CLI::App* chosen = nullptr;
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
        commands.push_back(command->get_name());
        if (command->parsed())
            chosen = command;
    }
    std::string list;
    for (std::size_t i = 0; i < commands.size(); ++i)
        list += (i == 0 ? "" : i + 1 == commands.size() ? " or " : ", ") + commands[i];
    if (chosen == nullptr && dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        for (int i = 1; i < argc; ++i)
            if (argv[i][0] != '-')
                return "unknown command " + migsim::quoted_excerpt(argv[i]) + ": the commands are " + list +
                       " (migsim --help)";
        return "a command is required: " + list + " (migsim --help)";
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr)
        return "";
    // The first argument that looks like an option and is none of the command's.
    CLI::App& owner = chosen != nullptr ? *chosen : app;
    for (int i = 1; i < argc; ++i) {
        const std::string given = std::string(argv[i]).substr(0, std::string(argv[i]).find('='));
        if (given.size() < 2 || given[0] != '-' || owner.get_option_no_throw(given) != nullptr ||
            app.get_option_no_throw(given) != nullptr || given == "--help" || given == "-h")
            continue;
        std::string closest;
        int distance = 3;
        for (const CLI::Option* option : owner.get_options())
            for (const std::string& name : option->get_lnames())
                if (const int d = migsim::edit_distance(given, "--" + name); d < distance) {
                    distance = d;
                    closest = "--" + name;
                }
        const std::string command =
            chosen != nullptr ? "migsim " + chosen->get_name() : std::string("migsim");
        return "unknown option " + migsim::quoted_excerpt(given) + " of " + command +
               (closest.empty() ? "" : " (did you mean " + closest + "?)") + "; see " + command + " --help";
    }
    return "";
}

/// The command, from its arguments to its exit status.
int main_of_migsim(int argc, char** argv) {

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
    std::optional<double> time_limit;
    validate_app
        ->add_option("--time-limit", time_limit,
                     "Seconds the check may take before the file is reported as damaged (default: 10, "
                     "plus 1 for every 256 KiB of the file)")
        ->check(CLI::Range(0.1, 1e6))
        ->type_name("SECONDS");

    auto* parameters_app =
        app.add_subcommand("parameters", "Print the scenario parameter reference (Markdown)");
    auto* schema_app = app.add_subcommand(
        "schema", "Print the output layout assembled from output_schemas/ (TOML), as the validator reads it");

    ExportOptions export_options;
    auto* export_app = app.add_subcommand(
        "export", "Write every array of an output as a tidy CSV table (one row per cell, a column per "
                  "dimension with its labels, then value), for tools that do not read HDF5");
    export_app
        ->add_option("file", export_options.file,
                     "migsim output file (HDF5): a run, ensemble, "
                     "comparison or sensitivity study")
        ->required();
    export_app
        ->add_option("--csv", export_options.folder,
                     "Folder of the tables (created if needed): DIR/<dataset path>.csv, and DIR/meta.csv")
        ->required()
        ->type_name("DIR");
    export_app
        ->add_option("--group", export_options.groups,
                     "Export only the datasets below this group, e.g. /truth (repeatable; default: all)")
        ->type_name("PATH");
    export_app->add_flag("-q,--quiet", export_options.quiet, "Print no line per table");

    migsim::StudyCommands studies(app); // ensemble, compare, sensitivity (app/study_commands.hpp)

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 says only "A subcommand is required" for an unknown command and "arguments were not
        // expected" for a misspelt option: migsim names what it knows instead.
        if (const std::string hint = command_line_hint(app, error, argc, argv); !hint.empty()) {
            std::cerr << "migsim: " << migsim::printable(hint, 200) << "\n";
            return exit_usage;
        }
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
            return with_stdout_checked(validate_command(file, layout_only, time_limit));
        if (export_app->parsed())
            return with_stdout_checked(export_command(export_options));
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

} // namespace

int main(int argc, char** argv) {
    migsim::install_interrupt_cleanup();
    migsim::install_out_of_memory_handling();
    const int status = main_of_migsim(argc, argv);
    migsim::mark_normal_exit();
    return status;
}
