// The mothers of the base population's children (calibration/families.hpp): a native-born child of
// a foreign-born mother (second generation) was born in the country, so its mother had arrived by
// the month of its birth. Without that rule a child born years ago may be given a woman who arrived
// last year and whose planned stay ends soon, and leaves with her: in the default scenario, twice as
// many second-generation children emigrated in the first year (6,200 instead of 2,700).
#include <unordered_map>

#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(BasePopulationMothers, ASecondGenerationChildsMotherHadArrivedByItsBirth) {
    const Scenario scenario =
        testing::synthetic_baseline_with({"population.scale=0.05", "population.areas=20"});
    const Population population = base_population(scenario);
    struct Person {
        std::uint8_t origin;
        std::uint8_t generation;
        StoredMonth birth;
        StoredMonth arrival;
    };
    std::unordered_map<PersonId, Person> persons;
    for (const PersonTable& table : population.persons)
        for (std::size_t i = 0; i < table.size(); ++i)
            persons[table.at(core.id, i)] = {table.at(core.origin, i), table.at(core.generation, i),
                                             table.at(core.birth, i), table.at(core.latest_arrival, i)};
    std::size_t second_generation_children = 0, linked = 0;
    for (const auto& [id, person] : persons)
        second_generation_children +=
            person.generation == second_generation && completed_years(scenario.run.start, person.birth) < 15;
    for (const FamilyLink& link : population.families) {
        const Person& child = persons.at(link.child);
        if (child.generation != second_generation)
            continue;
        ++linked;
        const Person& mother = persons.at(link.mother);
        ASSERT_NE(mother.origin, native_born);
        EXPECT_LE(mother.arrival, child.birth) << "a second-generation child born before its mother arrived";
    }
    // Nearly every such child has a possible mother in its area (a few thousand at this size).
    EXPECT_GT(second_generation_children, 2000u);
    EXPECT_GT(static_cast<double>(linked), 0.95 * static_cast<double>(second_generation_children));
}

} // namespace
} // namespace migsim
