// The worked example of docs/extending.md, compiled and run: a process with a person column, a
// stream and a flow of its own (hiccups.*), and a source of its own (death_notifications.*), each
// added to a run by listing it. The process's flow must follow its rate, and adding an independent
// draw must leave every figure of the first version's processes unchanged, bit for bit.
#include <cmath>
#include <numeric>
#include <set>

#include <gtest/gtest.h>

#include "extending/death_notifications.hpp"
#include "extending/hiccups.hpp"
#include "model/model.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

std::vector<std::string> small() {
    return {"population.scale=0.02", "run.months=24", "population.areas=30"};
}

std::int64_t total(const std::vector<std::int32_t>& values) {
    return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

TEST(Extending, AnAddedProcessAndSourceRunAndLeaveTheFirstVersionUnchanged) {
    const Scenario scenario = testing::baseline_with(small());
    // The added process, listed as model/added_processes.cpp would list it.
    const ProcessFactory added[] = {&example::make_hiccups};
    example::DeathNotifications notifications(2);
    Model with(scenario, 2, {&notifications}, added);
    const RunResults extended = with.run();
    Model without(scenario, 2, {});
    const RunResults first_version = without.run();

    // Every stock and flow of the first version, bit for bit: the hiccups draw from a stream of
    // their own and compete with nothing.
    EXPECT_EQ(extended.truth.population.values, first_version.truth.population.values);
    for (const FlowInfo& info : first_version.truth.flow_info)
        EXPECT_EQ(extended.truth.flow(info.name).values, first_version.truth.flow(info.name).values)
            << info.name;
    EXPECT_EQ(extended.truth.at_risk_months.values, first_version.truth.at_risk_months.values);

    // Hiccups: binomial over the person-months at risk, with probability rate / 12 each.
    const double person_months = std::accumulate(extended.truth.at_risk_months.values.begin(),
                                                 extended.truth.at_risk_months.values.end(), 0.0);
    const double p = example::Hiccups::rate / 12.0;
    const double expected = person_months * p;
    const double se = std::sqrt(person_months * p * (1.0 - p));
    const auto hiccups = static_cast<double>(total(extended.truth.flow("hiccups").values));
    EXPECT_NEAR(hiccups, expected, 4.0 * se) << "expected " << expected << " (SE " << se << ")";

    // The column counts each person's hiccups: those present at the end had at most all of them,
    // and on average rate / 12 per month lived in the country.
    std::int64_t in_column = 0;
    const auto& layout = with.state().layout;
    std::size_t column_index = layout.size();
    for (std::size_t c = 0; c < layout.size(); ++c)
        if (layout.info(c).name == "example.hiccups")
            column_index = c;
    ASSERT_LT(column_index, layout.size());
    EXPECT_EQ(layout.info(column_index).owner, "hiccups");
    const Column<std::uint16_t> column{static_cast<std::uint32_t>(column_index)};
    for (const PersonTable& table : with.population().persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            in_column += table.at(column, row);
    EXPECT_GT(in_column, 0);
    EXPECT_LE(static_cast<double>(in_column), hiccups);

    // The source: one notification per death in the country, each once, two months later.
    const auto deaths = total(extended.truth.flow("deaths").values);
    ASSERT_EQ(static_cast<std::int64_t>(notifications.records().size()), deaths);
    std::set<PersonId> notified;
    for (const example::DeathNotification& record : notifications.records()) {
        EXPECT_TRUE(notified.insert(record.person).second);
        EXPECT_EQ(record.received, record.died + 2);
    }
}

} // namespace
} // namespace migsim
