#pragma once
// Internal migration between small areas. Whether a person moves is one of the month's competing
// events (hazards by sex and age: young adults move most). Where to is a gravity-type choice
// (Zipf 1946; Stillwell & Congdon 1991): from area i, destination j != i is chosen with
// probability proportional to P_j^alpha * exp(-d_ij / decay), with P_j the population of j at
// the start of the month and d_ij the distance in km.
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

class InternalMigrationDestinations {
public:
    InternalMigrationDestinations(const InternalMigrationSettings& settings,
                                  const std::vector<SmallArea>& areas);

    /// Recomputes the choice probabilities from the areas' current populations.
    void update(const std::vector<std::size_t>& area_population);
    /// The destination of a mover from `origin`.
    std::uint16_t choose(int origin, pcg32& generator) const;
    /// Probability of moving from `origin` to `destination` (for tests and /inputs).
    double probability(int origin, int destination) const;

private:
    int areas_;
    double population_exponent_;
    std::vector<double> distance_kernel_; ///< exp(-d_ij / decay), 0 on the diagonal
    std::vector<double> cumulative_;      ///< by origin row, normalised to end at 1
};

} // namespace migsim
