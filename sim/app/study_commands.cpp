#include "study_commands.hpp"

#include <iostream>
#include <mutex>

#include "core/text.hpp"
#include "modules/modules.hpp"
#include "progress.hpp"

namespace migsim {

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
    command
        .add_option("--seed", options.seed,
                    "Seed of replicate 0, 0..18446744073709551615 (overrides run.seed)")
        ->type_name("N");
    command.add_option("--months", options.months, "Months to simulate (overrides run.months)");
    command.add_option("--set", options.overrides, "Override a scenario parameter: key=value")
        ->type_name("KEY=VALUE");
    command.add_flag("--allow-outside-tables", options.allow_outside_tables,
                     "Allow table paths in the scenario file outside its folder (as in a resolved scenario)");
}

void print_problems(const std::string& what, const std::vector<ScenarioProblem>& problems,
                    const Ranks& ranks) {
    if (!ranks.first())
        return;
    std::cerr << "migsim: " << what << " has " << problems.size() << " problem"
              << (problems.size() == 1 ? "" : "s") << "; nothing was run:\n";
    for (const ScenarioProblem& problem : problems)
        std::cerr << "  " << printable(problem.to_string()) << "\n";
}

std::optional<Scenario> load_study_scenario(const std::string& path, const ScenarioOptions& options,
                                            const Ranks& ranks) {
    std::vector<std::string> overrides = options.overrides;
    if (options.seed)
        overrides.push_back("run.seed=" + *options.seed);
    if (options.months)
        overrides.push_back("run.months=" + std::to_string(*options.months));
    ScenarioLoad load =
        load_scenario(path, overrides, {.allow_outside_tables = options.allow_outside_tables});
    if (load.ok())
        return std::move(*load.scenario);
    print_problems("the scenario", load.problems, ranks);
    return std::nullopt;
}

std::vector<ProtectedFile> scenario_inputs(const Scenario& scenario) {
    std::vector<ProtectedFile> inputs = {{"the scenario file", scenario.path}};
    for (const TableFile& table : scenario.tables)
        inputs.push_back({"the table " + table.key, table.path});
    return inputs;
}

int check_output_target(const std::string& output, const std::vector<ProtectedFile>& inputs,
                        const Ranks& ranks) {
    int status = 0;
    if (ranks.first()) {
        if (const std::string problem = output_target_problem(output, inputs); !problem.empty()) {
            std::cerr << "migsim: -o: " << printable(problem) << "; nothing was run\n";
            status = exit_usage;
        } else if (const FolderProblem folder = output_folder_problem(output)) {
            std::cerr << "migsim: -o: " << printable(folder.message) << "; nothing was run\n";
            status = folder.name_too_long ? exit_usage : exit_failed;
        }
    }
    return ranks.broadcast(status);
}

std::function<void(std::uint64_t, std::uint64_t)> progress_reporter(const std::string& label,
                                                                    const Ranks& ranks) {
    if (!ranks.first())
        return {};
    struct Shared {
        std::mutex mutex;
        ProgressBar bar;
        explicit Shared(const std::string& text) : bar(text) {}
    };
    auto shared = std::make_shared<Shared>(label);
    return [shared](std::uint64_t done, std::uint64_t total) {
        const std::lock_guard lock(shared->mutex);
        shared->bar.update(static_cast<int>(done), static_cast<int>(total));
        if (done == total)
            shared->bar.finish();
    };
}

struct StudyCommands::Commands {
    EnsembleCommand ensemble;
    CompareCommand compare;
    SensitivityCommand sensitivity;
    CalibrateCommand calibrate;
};

StudyCommands::StudyCommands(CLI::App& app) : commands_(std::make_unique<Commands>()) {
    commands_->ensemble.add(app);
    commands_->compare.add(app);
    commands_->sensitivity.add(app);
    commands_->calibrate.add(app);
}

StudyCommands::~StudyCommands() = default;

std::optional<int> StudyCommands::run() {
    if (commands_->calibrate.command->parsed())
        return commands_->calibrate.run();
    for (CLI::App* parsed :
         {commands_->ensemble.command, commands_->compare.command, commands_->sensitivity.command})
        if (parsed->parsed()) {
            // An empty -o is a mistake of the command line, as for `migsim run`.
            for (const CLI::Option* option :
                 {commands_->ensemble.output_option, commands_->compare.output_option})
                if (option->count() > 0 && option->as<std::string>().empty()) {
                    std::cerr << "migsim: -o: the output file name is empty\n";
                    return exit_usage;
                }
            if (parsed == commands_->ensemble.command)
                return commands_->ensemble.run();
            if (parsed == commands_->compare.command)
                return commands_->compare.run();
            return commands_->sensitivity.run();
        }
    return std::nullopt;
}

} // namespace migsim
