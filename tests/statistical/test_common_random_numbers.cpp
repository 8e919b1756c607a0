// Common random numbers for persons created during a run (docs/model.md): a person's draws depend
// only on how the person came to be (the mother and the month; the group, month and rank of an
// arrival), so a scenario change leaves untouched what it does not reach.
//  - More emigration: the immigrants by year, sex and age are identical.
//  - More births to women aged 40 and over: every child of the base run is born in the paired run
//    too (the mothers' draws are the same, the threshold only higher), and a child has the same
//    id and the same fate in both runs, so every newborn present at the end of the base run is
//    present at the end of the paired run, born in the same month with the same sex.
#include <unordered_map>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/fertility_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

std::vector<std::string> small() {
    return {"population.scale=0.1", "run.months=120", "population.areas=40"};
}

TEST(CommonRandomNumbers, MoreEmigrationLeavesTheImmigrantsUnchanged) {
    Model base(testing::synthetic_baseline_with(small()), 0);
    Model more(testing::synthetic_baseline_with(testing::joined(small(), {"emigration.multiplier=1.1"})), 0);
    const RunResults a = base.run();
    const RunResults b = more.run();
    ASSERT_GT(b.truth.flow("emigration").total(), a.truth.flow("emigration").total() + 1000);
    const auto& ia = a.truth.flow("immigration");
    const auto& ib = b.truth.flow("immigration");
    for (int year = 0; year < ia.years; ++year)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age) {
                std::int64_t na = 0, nb = 0;
                for (int area = 0; area < ia.areas; ++area) {
                    na += ia.at(year, area, sex, age);
                    nb += ib.at(year, area, sex, age);
                }
                ASSERT_EQ(na, nb) << "immigrants of year " << year << ", " << sex_names[sex] << ", age "
                                  << age;
            }
}

TEST(CommonRandomNumbers, MoreBirthsToOlderMothersLeaveEveryOtherNewbornUnchanged) {
    // The abroad pool at the start is the equilibrium of each scenario's own model, births
    // included (docs/model.md): with more births it holds other persons, whose children born after
    // they come back differ. The pairing is that of the simulated period: the pool starts empty.
    const Scenario scenario =
        testing::synthetic_baseline_with(testing::joined(small(), {"returns.start_in_equilibrium=false"}));
    Scenario more_births = scenario;
    for (int age = 40; age < n_ages; ++age)
        more_births.settings<FertilitySettings>().rate[static_cast<std::size_t>(age)] *= 1.5;
    Model base(scenario, 0);
    Model paired(more_births, 0);
    const RunResults a = base.run();
    const RunResults b = paired.run();
    ASSERT_GT(b.truth.flow("births").total(), a.truth.flow("births").total() + 100);

    std::unordered_map<PersonId, std::pair<StoredMonth, std::uint8_t>> in_paired;
    for (const auto& block : paired.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            in_paired.emplace(block.at(core.id, i),
                              std::make_pair(block.at(core.birth, i), block.at(core.sex, i)));
    std::size_t newborns = 0;
    for (const auto& block : base.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i) {
            if (person_source(block.at(core.id, i)) != PersonSource::newborn)
                continue;
            ++newborns;
            const auto found = in_paired.find(block.at(core.id, i));
            ASSERT_NE(found, in_paired.end()) << "a newborn of the base run is missing from the paired run";
            ASSERT_EQ(found->second.first, block.at(core.birth, i));
            ASSERT_EQ(found->second.second, block.at(core.sex, i));
        }
    EXPECT_GT(newborns, 40000u);
}

} // namespace
} // namespace migsim
