#pragma once
// Runs from scenario to scores: truth → sources → estimators → scores, and the output contents the
// HDF5 writer takes. The Runner builds the base population once and hands it to every run that can
// use it (replicates and scenario variants with the same base population).
#include <functional>
#include <memory>

#include "calibration/base_population.hpp"
#include "estimators/register_population.hpp"
#include "io/output_contents.hpp"
#include "model/model.hpp"
#include "scoring/population_scores.hpp"
#include "sources/register.hpp"
#include "sources/source.hpp"

namespace migsim {

/// The modules a run adds to those of the first version, each listed in a file of its own:
/// processes (model/added_processes.cpp) and sources (sources/added_sources.cpp). A study may
/// hand other lists to a run.
struct AddedModules {
    std::span<const ProcessFactory> processes = added_processes();
    std::span<const SourceFactory> sources = added_sources();
};

/// The sources of a run, each an observer of the truth's event stream: the population register,
/// then the added sources in their order.
struct Sources {
    PopulationRegister population_register;
    std::vector<std::shared_ptr<Source>> added;

    explicit Sources(const Scenario& scenario, std::span<const SourceFactory> listed = added_sources());
    std::vector<Observer*> observers();
};

/// What the sources produced.
struct SourceProducts {
    RegisterProducts population_register;
    std::vector<std::shared_ptr<const Source>> added; ///< the added sources, with their records
};

/// What the estimators made of the sources' products.
struct Estimates {
    PopulationEstimate register_population;
};

/// The estimates against the truth.
struct Scores {
    PopulationScores register_population;
};

struct PipelineResults {
    RunResults run; ///< the truth, and the run's size and speed
    SourceProducts sources;
    Estimates estimates;
    Scores scores;
};

class Runner {
public:
    /// Builds the base population of `scenario` (calibration/base_population.hpp).
    explicit Runner(const Scenario& scenario);

    /// Whether a run of `scenario` starts from this runner's base population.
    bool shares_base_population(const Scenario& scenario) const {
        return inputs_ == BasePopulationInputs(scenario);
    }
    /// One run of `scenario` (the runner's, or a variant that shares its base population; another
    /// base population is built for one that does not) on `threads` threads (0 = every core);
    /// `progress(done, total)` after each month.
    PipelineResults run(const Scenario& scenario, int threads,
                        const std::function<void(int, int)>& progress = {},
                        const AddedModules& modules = {}) const;
    const Population& base_population() const { return base_; }

private:
    BasePopulationInputs inputs_;
    Population base_;
};

/// A run of `scenario` from its own base population.
PipelineResults run_pipeline(const Scenario& scenario, int threads,
                             const std::function<void(int, int)>& progress = {},
                             const AddedModules& modules = {});

/// Everything the output file holds, in the layout of output_schemas/: the contributions of the run,
/// the processes, the truth, the sources, the estimators and the scores (pipeline/output_contents.cpp).
OutputContents output_contents(const Scenario& scenario, const PipelineResults& results);

} // namespace migsim
