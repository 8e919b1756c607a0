#include "processes/emigration.hpp"

#include "core/rng.hpp"

namespace migsim {

EmigrationDestinations::EmigrationDestinations(const EmigrationSettings& settings)
    : own_region_threshold_(probability_threshold(settings.return_to_origin_share)) {
    double cumulative = 0.0;
    for (double share : settings.destination_shares) {
        cumulative += share;
        cumulative_shares_.push_back(probability_threshold(cumulative));
    }
    if (!cumulative_shares_.empty())
        cumulative_shares_.back() = 0xffffffffu;
}

std::uint8_t EmigrationDestinations::choose(std::uint8_t origin, pcg32& generator) const {
    if (origin != native_born && occurs(generator(), own_region_threshold_))
        return static_cast<std::uint8_t>(origin - 1);
    const std::uint32_t u = generator();
    std::size_t region = 0;
    while (region + 1 < cumulative_shares_.size() && u >= cumulative_shares_[region])
        ++region;
    return static_cast<std::uint8_t>(region);
}

} // namespace migsim
