#pragma once
// The commands that make many runs: `migsim ensemble`, `migsim compare`, `migsim sensitivity` and
// `migsim calibrate`.
// Each runs on every MPI rank when started by mpirun; only the first rank prints and writes.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ensemble/ranks.hpp"
#include "io/output_file.hpp"
#include "scenario/load.hpp"

namespace migsim {

inline constexpr int exit_failed = 1;
inline constexpr int exit_usage = 2;

/// The options of a scenario as `migsim run` has them.
struct ScenarioOptions {
    std::optional<std::string> seed;
    std::optional<int> months;
    std::vector<std::string> overrides;
    bool allow_outside_tables = false;
};
void add_scenario_options(CLI::App& command, ScenarioOptions& options);

/// The scenario at `path` with the options, or nothing after its problems were printed (by the
/// first rank).
std::optional<Scenario> load_study_scenario(const std::string& path, const ScenarioOptions& options,
                                            const Ranks& ranks);

/// "migsim: WHAT has N problems; nothing was run:" and each problem on a line of its own (by the
/// first rank).
void print_problems(const std::string& what, const std::vector<ScenarioProblem>& problems,
                    const Ranks& ranks);

/// Whether `output` can be written (checked by the first rank, the answer shared): 0, or the exit
/// status after the problem was printed.
int check_output_target(const std::string& output, const std::vector<ProtectedFile>& inputs,
                        const Ranks& ranks);

/// The scenario's files, which an output must not replace.
std::vector<ProtectedFile> scenario_inputs(const Scenario& scenario);

/// A progress bar on the first rank's standard error, safe to update from any thread.
std::function<void(std::uint64_t, std::uint64_t)> progress_reporter(const std::string& label,
                                                                    const Ranks& ranks);

/// The subcommands, added to `app`; run() runs the one parsed, if any: its exit status.
class StudyCommands {
public:
    explicit StudyCommands(CLI::App& app);
    ~StudyCommands();
    std::optional<int> run();

private:
    struct Commands;
    std::unique_ptr<Commands> commands_;
};

/// The commands' own parts (each in its file).
struct EnsembleCommand {
    std::string scenario;
    std::string output;
    ScenarioOptions scenario_options;
    std::uint64_t replicates = 0;
    int threads = 0;
    std::string base_population = "shared";
    std::string keep_folder;
    bool quiet = false;
    CLI::App* command = nullptr;
    CLI::Option* output_option = nullptr;

    void add(CLI::App& app);
    int run() const;
};

struct CompareCommand {
    std::string scenario_a;
    std::string scenario_b;
    std::string output;
    ScenarioOptions scenario_options;
    std::uint64_t replicates = 0;
    int threads = 0;
    std::string base_population = "shared";
    bool quiet = false;
    CLI::App* command = nullptr;
    CLI::Option* output_option = nullptr;

    void add(CLI::App& app);
    int run() const;
};

struct SensitivityCommand {
    std::string study;
    std::string output;
    int threads = 0;
    bool allow_outside_tables = false;
    bool quiet = false;
    CLI::App* command = nullptr;
    CLI::Option* output_option = nullptr;

    void add(CLI::App& app);
    int run() const;
};

struct CalibrateCommand {
    std::string config;
    std::vector<std::string> overrides;
    std::string output_dir;
    int threads = 0;
    bool no_backtest = false;
    bool quiet = false;
    CLI::App* command = nullptr;

    void add(CLI::App& app);
    int run() const;
};

} // namespace migsim
