#include "pipeline/pipeline.hpp"

#include <cstdio>

#include "calibration/base_population.hpp"
#include "sources/register_settings.hpp"

namespace migsim {

Sources::Sources(const Scenario& scenario, std::span<const SourceFactory> listed)
    : population_register(scenario.settings<RegisterSettings>(), scenario.run.seed,
                          ReportingYears(scenario.run.start, scenario.run.months)) {
    for (const SourceFactory make : listed)
        added.push_back(make(scenario));
}

std::vector<Observer*> Sources::observers() {
    std::vector<Observer*> all{&population_register};
    for (const auto& source : added)
        all.push_back(source.get());
    return all;
}

Runner::Runner(const Scenario& scenario) : inputs_(scenario), base_(migsim::base_population(scenario)) {}

namespace {

/// A run of `scenario` from `base` (kept by a Runner, or taken over by a single run).
template <class Base>
PipelineResults run_from(const Scenario& scenario, Base&& base, int threads,
                         const std::function<void(int, int)>& progress, const AddedModules& modules) {
    PipelineResults results;
    Sources sources(scenario, modules.sources);
    {
        Model model(scenario, std::forward<Base>(base), sources.observers(), threads, modules.processes);
        results.run = model.run(progress);
    }
    results.sources.population_register = sources.population_register.take_products();
    results.sources.added.assign(sources.added.begin(), sources.added.end());
    results.estimates.register_population =
        estimate_population_from_register(results.sources.population_register);
    results.scores.register_population =
        score_population(results.estimates.register_population.population, results.run.truth.population);
    return results;
}

} // namespace

PipelineResults Runner::run(const Scenario& scenario, int threads,
                            const std::function<void(int, int)>& progress,
                            const AddedModules& modules) const {
    if (!shares_base_population(scenario))
        return run_pipeline(scenario, threads, progress, modules);
    return run_from(scenario, base_, threads, progress, modules);
}

PipelineResults run_pipeline(const Scenario& scenario, int threads,
                             const std::function<void(int, int)>& progress, const AddedModules& modules) {
    return run_from(scenario, base_population(scenario), threads, progress, modules);
}

} // namespace migsim
