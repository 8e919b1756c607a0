#include "ensemble/replicates.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/rng.hpp"
#include "core/text.hpp"

namespace migsim {

std::uint64_t replicate_seed(std::uint64_t seed, std::uint64_t replicate) {
    if (replicate == 0)
        return seed;
    // "replicat" in ASCII keeps this stream apart from the model's keys of the same seed.
    return mix64(mix64(seed ^ 0x7265706c69636174ULL) + replicate);
}

std::string_view to_string(BasePopulation mode) {
    return mode == BasePopulation::shared ? "shared" : "per_replicate";
}

ReplicateSeeds::ReplicateSeeds(const Scenario& scenario, BasePopulation mode)
    : seed(scenario.run.seed), base_population(mode), base_seed(scenario.population.seed) {}

std::vector<std::string> ReplicateSeeds::overrides(std::uint64_t replicate) const {
    // Seeds as strings of digits: the scenario's own rule reads any 64-bit unsigned integer so.
    return {"run.seed=\"" + std::to_string(run_seed(replicate)) + "\"",
            "population.seed=\"" + std::to_string(population_seed(replicate)) + "\""};
}

namespace {

std::string key_of(const std::string& override_text) {
    return std::string(trim(std::string_view(override_text).substr(0, override_text.find('='))));
}

} // namespace

Scenario scenario_with(const Scenario& scenario, const std::vector<std::string>& overrides, int threads) {
    std::vector<std::string> added = overrides;
    added.push_back("run.threads=" + std::to_string(threads));
    // A key set again replaces the scenario's own override of it rather than repeating it.
    std::vector<std::string> all;
    for (const std::string& given : scenario.source.overrides)
        if (std::none_of(added.begin(), added.end(),
                         [&](const std::string& text) { return key_of(text) == key_of(given); }))
            all.push_back(given);
    all.insert(all.end(), added.begin(), added.end());
    ScenarioLoad load = load_scenario_text(scenario.source.schema, scenario.source.text, scenario.path, all,
                                           {.allow_outside_tables = scenario.source.allow_outside_tables});
    if (!load.ok()) {
        std::string text =
            "the scenario with " + std::to_string(overrides.size()) + " overrides has problems:";
        for (const ScenarioProblem& problem : load.problems) {
            text += '\n';
            text += problem.to_string();
        }
        throw std::invalid_argument(text);
    }
    return std::move(*load.scenario);
}

} // namespace migsim
