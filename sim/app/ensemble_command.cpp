// migsim ensemble SCENARIO --replicates R: replicates of a scenario summarised (docs/ensembles.md).
#include <filesystem>
#include <iostream>

#include "core/text.hpp"
#include "ensemble/ensemble.hpp"
#include "ensemble/quality_report.hpp"
#include "io/hdf5_writer.hpp"
#include "io/summary_layouts.hpp"
#include "study_commands.hpp"

namespace migsim {

namespace {

std::optional<BasePopulation> base_population_mode(const std::string& text) {
    if (text == "shared")
        return BasePopulation::shared;
    if (text == "per_replicate")
        return BasePopulation::per_replicate;
    return std::nullopt;
}

/// A folder that exists, for --keep-replicates: "" or the problem.
std::string folder_problem(const std::string& folder) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        return "'" + folder + "' is not a folder";
    return "";
}

} // namespace

void EnsembleCommand::add(CLI::App& app) {
    command = app.add_subcommand("ensemble",
                                 "Run replicates of a scenario and summarise them: mean, variance, bias, "
                                 "RMSE and coverage with Monte Carlo errors");
    command->add_option("scenario", scenario, "Scenario file (TOML)")->required();
    command->add_option("-r,--replicates", replicates, "Number of replicates R (at least 2)")
        ->required()
        ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 31));
    output_option = command->add_option("-o,--output", output,
                                        "Output file (default: the scenario's name with _ensemble.h5)");
    command
        ->add_option(
            "--threads", threads,
            "Threads per rank, 0 = the rank's share of the machine's cores; one replicate per thread "
            "while there are more replicates than threads")
        ->check(CLI::Range(0, 1024));
    command
        ->add_option("--base-population", base_population,
                     "shared: every replicate starts from one base population (population.seed); "
                     "per_replicate: each draws its own")
        ->check(CLI::IsMember({"shared", "per_replicate"}));
    command->add_option("--keep-replicates", keep_folder,
                        "Also write each replicate's full output to this folder, as replicate_<r>.h5");
    add_scenario_options(*command, scenario_options);
    command->add_flag("-q,--quiet", quiet, "Print no summary");
}

int EnsembleCommand::run() const {
    const Ranks ranks;
    const std::optional<Scenario> loaded = load_study_scenario(scenario, scenario_options, ranks);
    if (!loaded)
        return exit_usage;
    const std::string target = output_option->count() > 0
                                   ? output
                                   : std::filesystem::path(scenario).stem().string() + "_ensemble.h5";
    if (const int status = check_output_target(target, scenario_inputs(*loaded), ranks))
        return status;
    if (!keep_folder.empty()) {
        const std::string problem = folder_problem(keep_folder);
        if (ranks.first() && !problem.empty())
            std::cerr << "migsim: --keep-replicates: " << printable(problem) << "; nothing was run\n";
        if (!problem.empty())
            return exit_usage;
    }

    EnsembleOptions options;
    options.replicates = replicates;
    options.base_population = *base_population_mode(base_population);
    options.threads = threads;
    options.keep_folder = keep_folder;
    options.progress = progress_reporter("migsim ensemble", ranks);
    const std::optional<EnsembleResult> result = run_ensemble(*loaded, options, ranks);
    if (!result)
        return 0;
    write_output(target, ensemble_contents(*result), ensemble_layout(output_schema()),
                 {.on_group_written = {}, .inputs = scenario_inputs(*loaded)});
    if (!quiet) {
        std::cout << "migsim ensemble: " << printable(loaded->path) << ", " << result->replicates
                  << " replicates (seed " << result->seeds.seed << ", base population "
                  << to_string(result->seeds.base_population) << ", population.seed "
                  << result->seeds.population_seed(0) << "), " << result->ranks << " rank"
                  << (result->ranks == 1 ? "" : "s") << " x " << result->threads << " thread"
                  << (result->threads == 1 ? "" : "s") << "\n\n";
        std::cout << ensemble_summary_table(*result) << "\n"
                  << quality_table(quality_report(*result, output_schema()))
                  << "\noutput: " << printable(target) << "\n";
    }
    return 0;
}

} // namespace migsim
