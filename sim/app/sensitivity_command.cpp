// migsim sensitivity STUDY.toml: Morris elementary effects or Sobol' indices of a scenario's outputs
// (or of an analytic test function), with the stochastic noise beside them.
#include <filesystem>
#include <iostream>

#include "core/text.hpp"
#include "io/hdf5_writer.hpp"
#include "io/summary_layouts.hpp"
#include "modules/modules.hpp"
#include "sensitivity/sensitivity.hpp"
#include "study_commands.hpp"

namespace migsim {

void SensitivityCommand::add(CLI::App& app) {
    command =
        app.add_subcommand("sensitivity", "Run a sensitivity study: Morris elementary effects or Sobol' "
                                          "indices of a scenario's outputs, with their stochastic noise");
    command->add_option("study", study, "Study file (TOML)")->required();
    output_option =
        command->add_option("-o,--output", output, "Output file (default: the study's name with .h5)");
    command->add_option("--threads", threads, "Threads per rank, 0 = the rank's share of the machine's cores")
        ->check(CLI::Range(0, 1024));
    command->add_flag("--allow-outside-tables", allow_outside_tables,
                      "Allow table paths in the study's scenario outside its folder");
    command->add_flag("-q,--quiet", quiet, "Print no summary");
}

int SensitivityCommand::run() const {
    const Ranks ranks;
    const StudyLoad load = load_study(study);
    if (!load.ok()) {
        print_problems("the study", load.problems, ranks);
        return exit_usage;
    }
    const Study& loaded = *load.study;
    std::optional<Scenario> base;
    std::vector<ProtectedFile> inputs = {{"the study file", study}};
    if (loaded.model == AnalyticModel::none) {
        ScenarioLoad scenario =
            load_scenario(loaded.scenario, loaded.set, {.allow_outside_tables = allow_outside_tables});
        if (!scenario.ok()) {
            print_problems("the study's scenario " + loaded.scenario + " (with the study's set, as --set)",
                           scenario.problems, ranks);
            return exit_usage;
        }
        base = std::move(*scenario.scenario);
        const std::vector<ScenarioProblem> problems = check_study_scenario(loaded, *base, output_schema());
        if (!problems.empty()) {
            print_problems("the study", problems, ranks);
            return exit_usage;
        }
        for (const ProtectedFile& file : scenario_inputs(*base))
            inputs.push_back(file);
    }
    const std::string target =
        output_option->count() > 0 ? output : std::filesystem::path(study).stem().string() + ".h5";
    if (const int status = check_output_target(target, inputs, ranks))
        return status;

    StudyOptions options;
    options.threads = threads;
    options.progress = progress_reporter("migsim sensitivity", ranks);
    const std::optional<StudyResult> result = run_study(loaded, base ? &*base : nullptr, options, ranks);
    if (!result)
        return 0;
    write_output(target, study_contents(*result), sensitivity_layout(to_string(loaded.method)),
                 {.on_group_written = {}, .inputs = inputs});
    if (!quiet)
        std::cout << "migsim sensitivity: " << printable(study) << ", " << to_string(loaded.method) << ", "
                  << result->design.points() << " points x " << loaded.replicates << " replicate"
                  << (loaded.replicates == 1 ? "" : "s") << ", " << result->ranks << " rank"
                  << (result->ranks == 1 ? "" : "s") << " x " << result->threads << " thread"
                  << (result->threads == 1 ? "" : "s") << "\n\n"
                  << study_table(*result) << "\noutput: " << printable(target) << "\n";
    return 0;
}

} // namespace migsim
