// Parameters through the engine: immigration.multiplier multiplies every group's arrivals exactly
// and leaves the base population as it was.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include "calibration/base_population.hpp"
#include "model/model.hpp"
#include "model/run_state.hpp"
#include "processes/immigration.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// First arrivals by (group, month), and who arrived, told by the event stream.
class ArrivalCounter final : public Observer {
public:
    void observe(const PersonEvent& event) override {
        if (event.kind != EventKind::immigration)
            return;
        ++by_group_month[{event.partner, event.month}];
        const PersonTable& persons = *event.persons;
        arrivals[event.partner].push_back(
            {event.person(), persons.at(core.sex, event.row), persons.at(core.birth, event.row)});
    }
    std::map<std::pair<int, Month>, std::int64_t> by_group_month;
    /// By group: each arrival's id, sex and birth month, in the order they arrived.
    std::map<int, std::vector<std::tuple<PersonId, std::uint8_t, StoredMonth>>> arrivals;
};

TEST(TimelineRuns, TheImmigrationMultiplierScalesEveryGroupsArrivalsButNotTheBasePopulation) {
    // 1 % of 32,000, 11,000 and 27,000 a year: 320, 110 and 270, exact in every year; x 1.5.
    const std::vector<std::string> run = {"population.scale=0.01", "run.months=24", "population.areas=20"};
    const Scenario steady = testing::baseline_with(run);
    const Scenario more = testing::baseline_with(testing::joined(run, {"immigration.multiplier=1.5"}));
    ArrivalCounter counted;
    Model(more, 2, {&counted}).run();
    const std::array<std::int64_t, 3> per_year = {480, 165, 405};
    for (int group = 0; group < 3; ++group)
        for (int year = 0; year < 2; ++year) {
            std::int64_t arrivals = 0;
            for (int m = 0; m < 12; ++m)
                arrivals += counted.by_group_month[{group, more.run.start + 12 * year + m}];
            EXPECT_EQ(arrivals, per_year[static_cast<std::size_t>(group)]) << group << " " << year;
        }
    // The arrivals the output reports are those simulated.
    const auto inputs = immigration_inputs(more.settings<ImmigrationSettings>(), more.population.scale);
    EXPECT_EQ(std::get<std::vector<double>>(inputs[1].values), (std::vector<double>{480, 165, 405}));
    // The base population's arrival history uses the arrivals as given: the same base population.
    EXPECT_TRUE(BasePopulationInputs(more) == BasePopulationInputs(steady));
    EXPECT_FALSE(BasePopulationInputs(testing::baseline_with(testing::joined(
                     run, {"immigration.arrivals_per_year.eu_efta=48000"}))) == BasePopulationInputs(steady));
}

} // namespace
} // namespace migsim
