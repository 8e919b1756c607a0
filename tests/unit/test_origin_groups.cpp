// Origin groups are not capped at a handful: a scenario with other groups than the default twelve
// (and more than the eight an earlier version allowed) loads and runs, up to limits::origin_groups.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/text.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/immigration_settings.hpp"
#include "scenario/limits.hpp"
#include "support/scenario_checks.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

std::string group_name(int g) {
    char name[16];
    std::snprintf(name, sizeof name, "g%03d", g);
    return name;
}

/// An inline table with `value` for each of `groups` groups, native_born first when asked.
std::string by_group(int groups, const std::string& value, bool native_born = false) {
    std::string text = "{";
    if (native_born)
        text.append("native_born=").append(value).append(",");
    for (int g = 1; g <= groups; ++g)
        text.append(group_name(g)).append("=").append(value).append(g < groups ? "," : "}");
    return text;
}

/// The baseline, small, with `groups` origin groups of equal weight; each arrives with the age
/// profile of the baseline's first group, and the purposes of [spells] are one share for every group.
std::vector<std::string> with_groups(int groups, const fs::path& folder) {
    std::string profile = "group,sex,age,share\n";
    const std::string baseline = read_text(source_dir / "scenarios/data/immigration_age_profile.csv");
    const std::string first_group = synthetic_baseline_with({}).groups.names.front() + ",";
    for (int g = 1; g <= groups; ++g) {
        LineReader lines(baseline);
        std::string_view line;
        while (lines.next(line))
            if (line.rfind(first_group, 0) == 0)
                profile.append(group_name(g)).append(line.substr(line.find(','))).append("\n");
    }
    write_text(folder / "profile.csv", profile);
    std::string names = "[";
    for (int g = 1; g <= groups; ++g)
        names.append(g == 1 ? "\"" : ",\"").append(group_name(g)).append("\"");
    const std::string share = format_number(1.0 / groups);
    return {"population.scale=0.01",
            "run.months=12",
            "population.areas=10",
            "groups.names=" + names.append("]"),
            "groups.base_population_share=" + by_group(groups, share),
            "immigration.arrivals_per_year=" + by_group(groups, "2000"),
            "immigration.age_profile=" + (folder / "profile.csv").string(),
            "emigration.destination_shares=" + by_group(groups, share),
            "register.arrival_compliance=" + by_group(groups, "0.9", true),
            "register.arrival_lag_months=" + by_group(groups, "1", true),
            "register.deregistration_probability=" + by_group(groups, "0.6", true),
            "register.deregistration_lag_months=" + by_group(groups, "2", true),
            "spells.worker_share=0.3",
            "labour.western_share=0.5",
            "naturalisation.eligibility_years=9",
            "permits.third_country_share=0.5",
            "spells.circular_share=0.2",
            "spells.student_share=0.2",
            "spells.humanitarian_share=0.1",
            "spells.refusal_share=0.3",
            "spells.family_share=0.2"};
}

TEST(OriginGroups, TwelveGroupsLoadAndRun) {
    const Scenario scenario = synthetic_baseline_with(with_groups(12, test_folder()));
    ASSERT_EQ(scenario.groups.count(), 12);
    EXPECT_EQ(scenario.settings<ImmigrationSettings>().age_profile.size(), 12u);
    const Runner runner(scenario);
    // The base population holds persons of the last group, the run brings more of them.
    std::size_t of_last_group = 0;
    for (const PersonTable& table : runner.base_population().persons)
        for (std::size_t i = 0; i < table.size(); ++i)
            of_last_group += table.data(core.origin)[i] == 12;
    EXPECT_GT(of_last_group, 0u);
    const PipelineResults results = runner.run(scenario, 1);
    EXPECT_GT(results.run.truth.flow("immigration").total(), 0);
    EXPECT_GT(results.run.truth.flow("emigration").total(), 0);
}

TEST(OriginGroups, MoreThanTheLimitAreRefusedClearly) {
    const int too_many = limits::origin_groups + 1;
    const auto load = load_scenario(synthetic_baseline_path(), with_groups(too_many, test_folder()));
    EXPECT_FALSE(load.ok());
    expect_problem(load, "--set", 0, "groups.names",
                   "expected 1 to " + std::to_string(limits::origin_groups) + " group names, found " +
                       std::to_string(too_many));
}

TEST(OriginGroups, TheLimitFitsTheOriginColumn) {
    // 0 is the native-born, 1..G the groups.
    EXPECT_LE(limits::origin_groups, 255);
    const auto load =
        load_scenario(synthetic_baseline_path(), with_groups(limits::origin_groups, test_folder()));
    EXPECT_TRUE(load.ok()) << all_problems(load);
}

} // namespace
} // namespace migsim
