#include "processes/fertility.hpp"

#include "core/rng.hpp"
#include "processes/hazards.hpp"

namespace migsim {

Fertility::Fertility(const FertilitySettings& settings)
    : threshold_(n_sexes * n_ages, 0), male_threshold_(probability_threshold(settings.proportion_male)) {
    constexpr int female = 1;
    for (int age = 0; age < n_ages; ++age)
        threshold_[static_cast<std::size_t>(female * n_ages + age)] =
            probability_threshold(settings.rate[age] * month_in_years);
}

} // namespace migsim
