// Where people go and what their children are, against the documented rules (docs/model.md):
//  - an immigrant settles in area a with probability ∝ population_a × (1 + urban_attraction ×
//    urbanity_a), the populations of the start of the month;
//  - a native-born emigrant goes to region h with destination_shares[h]; a foreign-born one of
//    group g goes back to g with return_to_origin_share, else chooses as the native-born do;
//  - a child of a foreign-born mother is second generation, every other child native of native.
// Counts are multinomial: each cell is checked within 4 binomial standard errors.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/emigration_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(Choices, ImmigrantsSettleInProportionToPopulationAndUrbanity) {
    // One month of many arrivals: the attraction is that of the base population. The scheduled
    // arrivals (aged 15 and over) choose their areas independently; children under 15 come with
    // their mothers, to the same area, and are left out of the counts.
    const Scenario scenario = testing::synthetic_baseline_with(
        {"population.scale=0.05", "population.areas=40", "run.months=1",
         "immigration.arrivals_per_year=100000", "immigration.urban_attraction=2.0"});
    Model model(scenario, 0);
    const RunResults r = model.run();
    std::vector<double> weight;
    double total_weight = 0.0;
    for (std::size_t a = 0; a < r.areas.size(); ++a) {
        weight.push_back(static_cast<double>(r.area_base_population[a]) * (1.0 + 2.0 * r.areas[a].urbanity));
        total_weight += weight.back();
    }
    const auto& immigration = r.truth.flow("immigration");
    const auto adults_in = [&](int area) {
        std::int64_t n = 0;
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = family_child_age_limit; age < n_ages; ++age)
                n += immigration.at(0, area, sex, age);
        return static_cast<double>(n);
    };
    double arrivals = 0.0;
    for (std::size_t a = 0; a < r.areas.size(); ++a)
        arrivals += adults_in(static_cast<int>(a));
    ASSERT_GT(arrivals, 4000.0);
    for (std::size_t a = 0; a < r.areas.size(); ++a) {
        const double p = weight[a] / total_weight;
        const double n = adults_in(static_cast<int>(a));
        EXPECT_NEAR(n, arrivals * p, 4.0 * std::sqrt(arrivals * p * (1.0 - p))) << r.areas[a].label;
    }
}

TEST(Choices, EmigrantsGoToTheirRegionOrChooseLikeTheNativeBorn) {
    // The rule of the emigration hazards' departures: no planned stays (a planned departure goes back
    // to the partner the person came from), and children under 15, who go where their mothers go,
    // left out; the pool starts empty, so that it holds this run's emigrants only. Twelve partners, the
    // smallest 1.3 % of the foreign-born: a year at half of Denmark with hazards x10 gives every origin a few
    // hundred emigrants.
    const Scenario scenario = testing::synthetic_baseline_with(testing::joined(
        {"population.scale=0.5", "population.areas=30", "run.months=12", "returns.multiplier=0",
         "emigration.multiplier=10", "returns.start_in_equilibrium=false"},
        testing::no_planned_stays()));
    Model model(scenario, 0);
    model.run();
    const int groups = scenario.groups.count();
    const double r = scenario.settings<EmigrationSettings>().return_to_origin_share;
    const auto& shares = scenario.settings<EmigrationSettings>().destination_shares;
    // counts[origin][destination]
    std::vector<std::vector<double>> counts(static_cast<std::size_t>(groups + 1),
                                            std::vector<double>(static_cast<std::size_t>(groups)));
    const AbroadPool& pool = model.abroad();
    for (std::size_t i = 0; i < pool.size(); ++i)
        if (age_in_years(pool.persons.at(core.departed, i), pool.persons.at(core.birth, i)) >=
            family_child_age_limit)
            counts[pool.persons.at(core.origin, i)][pool.persons.at(core.destination, i)] += 1.0;
    for (int origin = 0; origin <= groups; ++origin) {
        double n = 0.0;
        for (double c : counts[static_cast<std::size_t>(origin)])
            n += c;
        ASSERT_GT(n, origin == native_born ? 5000.0 : 200.0) << "origin " << origin;
        for (int h = 0; h < groups; ++h) {
            const double share = shares[static_cast<std::size_t>(h)];
            const double p = origin == native_born ? share : (origin - 1 == h ? r : 0.0) + (1.0 - r) * share;
            EXPECT_NEAR(counts[static_cast<std::size_t>(origin)][static_cast<std::size_t>(h)], n * p,
                        4.0 * std::sqrt(n * p * (1.0 - p)))
                << "origin " << origin << " to region " << h;
        }
    }
}

TEST(Choices, ChildrenOfForeignBornMothersAreSecondGeneration) {
    // A child's id is a hash of its mother's id and the month of birth (population/person_id.hpp),
    // so each newborn present at the end is matched with its mother among the women still followed.
    const Scenario scenario =
        testing::synthetic_baseline_with({"population.scale=0.05", "population.areas=30", "run.months=24"});
    Model model(scenario, 0);
    model.run();
    // (child id, mother's generation) for every woman aged 10-60 in every month of the run, sorted.
    std::vector<std::pair<PersonId, std::uint8_t>> children;
    const auto index_mothers = [&](const PersonTable& persons) {
        for (std::size_t i = 0; i < persons.size(); ++i) {
            if (persons.at(core.sex, i) != 1)
                continue;
            for (Month month = scenario.run.start; month < scenario.run.start + scenario.run.months;
                 ++month) {
                const int age_months = month - persons.at(core.birth, i) - 1;
                if (age_months >= 12 * 10 && age_months < 12 * 61)
                    children.emplace_back(newborn_id(persons.at(core.id, i), month),
                                          persons.at(core.generation, i));
            }
        }
    };
    for (const auto& block : model.population().persons)
        index_mothers(block);
    index_mothers(model.abroad().persons);
    std::sort(children.begin(), children.end());
    const auto mother_generation = [&](PersonId child) -> int {
        const auto found =
            std::lower_bound(children.begin(), children.end(), std::make_pair(child, std::uint8_t{0}));
        return found != children.end() && found->first == child ? found->second : -1;
    };
    std::array<std::array<int, 3>, 3> by_mother_and_child{};
    int matched = 0;
    for (const auto& block : model.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i) {
            if (person_source(block.at(core.id, i)) != PersonSource::newborn)
                continue;
            const int mother = mother_generation(block.at(core.id, i));
            if (mother < 0)
                continue; // the mother died or was pruned
            ++matched;
            ++by_mother_and_child[static_cast<std::size_t>(mother)][block.at(core.generation, i)];
        }
    ASSERT_GT(matched, 5000);
    EXPECT_GT(by_mother_and_child[first_generation][second_generation], 100);
    EXPECT_EQ(by_mother_and_child[first_generation][native_of_native], 0);
    EXPECT_GT(by_mother_and_child[native_of_native][native_of_native], 1000);
    EXPECT_GT(by_mother_and_child[second_generation][native_of_native], 10);
    for (int mother = 0; mother < 3; ++mother)
        EXPECT_EQ(by_mother_and_child[mother][first_generation], 0) << "a newborn is never foreign-born";
    EXPECT_EQ(by_mother_and_child[native_of_native][second_generation], 0);
    EXPECT_EQ(by_mother_and_child[second_generation][second_generation], 0);
}

} // namespace
} // namespace migsim
