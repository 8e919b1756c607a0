#pragma once
// Fertility: an age-specific schedule of births per woman-year (the scenario's table, scaled to
// its total fertility). A woman present at the start of a month who neither dies nor emigrates in
// it gives birth with probability rate/12: the expected births per woman-year of exposure then
// equal the rate exactly, which is what the schedule means. Multiple births are not modelled.
// The newborn takes the mother's area (after any move that month); the child of a foreign-born
// mother is second generation (UNECE 2015).
#include <cstdint>
#include <vector>

#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

class Fertility {
public:
    explicit Fertility(const FertilitySettings& settings);

    /// Threshold of a birth this month for a person of sex_age = sex * n_ages + age: zero for men
    /// and for women outside the schedule's ages.
    std::uint32_t threshold(int sex_age) const { return threshold_[static_cast<std::size_t>(sex_age)]; }
    /// Sex of the child (0 male, 1 female) from a uniform draw.
    std::uint8_t child_sex(std::uint32_t u) const { return u < male_threshold_ ? 0 : 1; }
    static std::uint8_t child_generation(std::uint8_t mother_generation) {
        return mother_generation == first_generation ? second_generation : native_of_native;
    }

private:
    std::vector<std::uint32_t> threshold_;
    std::uint32_t male_threshold_;
};

} // namespace migsim
