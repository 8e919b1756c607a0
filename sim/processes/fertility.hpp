#pragma once
// Fertility: an age-specific schedule of births per woman-year (the scenario's table, scaled to
// its total fertility). Every woman present at the start of a month gives birth in it with
// probability rate/12 at her age completed at the start of the month, whatever else happens to her
// that month: a birth does not compete with death, emigration or a move (it may come before
// them). So expected births per woman-month at risk are rate/12 and births divided by the women's
// person-years at risk (/truth/flows) equal the schedule exactly. Multiple births are not
// modelled. The newborn takes the mother's area (after any move that month); the child of a
// mother who dies in the month is born in her area, the child of a mother who emigrates is born
// before she leaves and leaves with her (a birth and an emigration at age 0). The child of a
// foreign-born mother is second generation (UNECE 2015).
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
