#pragma once
// Emigration: hazards by age and migrant status (the native-born; the foreign-born by completed
// years since their latest arrival, since recent immigrants leave far more often), and the choice
// of the partner region an emigrant goes to.
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "core/calendar.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// Index into emigration_status_names: 0 native-born, 1 + min(years since latest arrival, 5), with
/// the years completed at the start of month `now` (calendar.hpp): a person who arrived in month t
/// is in the first year since arrival in months t + 1 .. t + 12.
inline int emigration_status(std::uint8_t origin, StoredMonth latest_arrival, Month now) {
    const int years_since_arrival = completed_years(now, latest_arrival);
    const int capped =
        years_since_arrival < n_emigration_statuses - 2 ? years_since_arrival : n_emigration_statuses - 2;
    return origin == native_born ? 0 : 1 + capped;
}

class EmigrationDestinations {
public:
    explicit EmigrationDestinations(const EmigrationSettings& settings);
    /// The partner region (foreign group index) an emigrant of `origin` goes to.
    std::uint8_t choose(std::uint8_t origin, pcg32& generator) const;

private:
    std::vector<std::uint32_t> cumulative_shares_; ///< of the native-born choice, as thresholds
    std::uint32_t own_region_threshold_;
};

} // namespace migsim
