// migsim compare A.toml B.toml --replicates R: paired replicates with common random numbers.
#include <filesystem>
#include <iostream>

#include "core/text.hpp"
#include "ensemble/comparison.hpp"
#include "io/hdf5_writer.hpp"
#include "io/summary_layouts.hpp"
#include "study_commands.hpp"

namespace migsim {

void CompareCommand::add(CLI::App& app) {
    command = app.add_subcommand("compare",
                                 "Compare two scenarios over paired replicates (the same seeds in both): "
                                 "differences with their standard errors");
    command->add_option("scenario_a", scenario_a, "Scenario A (TOML), the reference")->required();
    command->add_option("scenario_b", scenario_b, "Scenario B (TOML); differences are B - A")->required();
    command->add_option("-r,--replicates", replicates, "Number of paired replicates R (at least 2)")
        ->required()
        ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1} << 31));
    output_option = command->add_option("-o,--output", output,
                                        "Output file (default: <A>_vs_<B>.h5 from the scenarios' names)");
    command->add_option("--threads", threads, "Threads per rank, 0 = the rank's share of the machine's cores")
        ->check(CLI::Range(0, 1024));
    command
        ->add_option(
            "--base-population", base_population,
            "shared: the replicates start from one base population; per_replicate: each draws its own")
        ->check(CLI::IsMember({"shared", "per_replicate"}));
    add_scenario_options(*command, scenario_options);
    command->add_flag("-q,--quiet", quiet, "Print no summary");
}

int CompareCommand::run() const {
    const Ranks ranks;
    // Both scenarios are loaded before either is reported, so that every problem is listed.
    const std::optional<Scenario> a = load_study_scenario(scenario_a, scenario_options, ranks);
    const std::optional<Scenario> b = load_study_scenario(scenario_b, scenario_options, ranks);
    if (!a || !b)
        return exit_usage;
    const std::string target = output_option->count() > 0
                                   ? output
                                   : std::filesystem::path(scenario_a).stem().string() + "_vs_" +
                                         std::filesystem::path(scenario_b).stem().string() + ".h5";
    std::vector<ProtectedFile> inputs = scenario_inputs(*a);
    for (ProtectedFile& file : scenario_inputs(*b))
        inputs.push_back({file.role + " of B", file.path});
    if (const int status = check_output_target(target, inputs, ranks))
        return status;

    ComparisonOptions options;
    options.replicates = replicates;
    options.base_population =
        base_population == "per_replicate" ? BasePopulation::per_replicate : BasePopulation::shared;
    options.threads = threads;
    options.progress = progress_reporter("migsim compare", ranks);
    const std::optional<ComparisonResult> result = run_comparison(*a, *b, options, ranks);
    if (!result)
        return 0;
    write_output(target, comparison_contents(*result), comparison_layout(output_schema()),
                 {.on_group_written = {}, .inputs = inputs});
    if (!quiet)
        std::cout << "migsim compare: A " << printable(a->path) << ", B " << printable(b->path) << ", "
                  << result->replicates << " paired replicates (seed " << result->seeds.seed
                  << ", base population " << to_string(result->seeds.base_population) << ")\n\n"
                  << comparison_table(*result) << "\noutput: " << printable(target) << "\n";
    return 0;
}

} // namespace migsim
