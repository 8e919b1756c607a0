#pragma once
// The replicates of a scenario: their seeds, their base population and their scenarios.
//
// Replicate r of an ensemble with seed s runs with run.seed = replicate_seed(s, r): replicate 0 is
// the run `migsim run` makes, the others seeds of the stream (s, r). The base population's draws
// have a seed of their own, population.seed (scenario/parameters.cpp, run.seed unless given):
// replicates share one base population by default, drawn with the scenario's population.seed, or
// each draws its own with its run seed. Every replicate is a plain run, reproduced alone by
//   migsim run SCENARIO --seed replicate_seed(s, r) --set population.seed=BASE
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/load.hpp"

namespace migsim {

/// The seed of replicate `replicate` of the stream of `seed`: `seed` itself for replicate 0, then
/// SplitMix64 mixes of (seed, replicate), all distinct for one seed (a bijection of replicate).
std::uint64_t replicate_seed(std::uint64_t seed, std::uint64_t replicate);

/// Whether replicates share one base population (the spread then measures the dynamics and the
/// sources) or each draws its own (the spread includes the base population's).
enum class BasePopulation { shared, per_replicate };
std::string_view to_string(BasePopulation mode);

/// How the replicates of a scenario are made.
struct ReplicateSeeds {
    std::uint64_t seed = 0; ///< the scenario's run.seed: replicate 0's
    BasePopulation base_population = BasePopulation::shared;
    std::uint64_t base_seed = 0; ///< population.seed when shared: the scenario's

    ReplicateSeeds() = default;
    explicit ReplicateSeeds(const Scenario& scenario, BasePopulation mode = BasePopulation::shared);
    std::uint64_t run_seed(std::uint64_t replicate) const { return replicate_seed(seed, replicate); }
    std::uint64_t population_seed(std::uint64_t replicate) const {
        return base_population == BasePopulation::shared ? base_seed : run_seed(replicate);
    }
    /// The --set overrides that make replicate `replicate` of a scenario.
    std::vector<std::string> overrides(std::uint64_t replicate) const;
};

/// `scenario` loaded again with `overrides` added to its own (a replicate, a design point), and
/// run.threads set to `threads`. Throws std::invalid_argument listing the problems when the
/// overrides make it invalid.
Scenario scenario_with(const Scenario& scenario, const std::vector<std::string>& overrides, int threads);

} // namespace migsim
