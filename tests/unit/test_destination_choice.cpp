// The destination choice of internal migration (processes/internal_migration.*): its probabilities
// are the documented model, P_g(j | i) proportional to P_j^gamma exp(a_jg) exp(-d_ij / D_g) for
// j != i, computed here independently for a few hand-made areas and each mover age group; without
// the tables every group has the gravity model of distance_decay_km; the keyed draws follow the
// mover's group; bad tables are refused with file, line and key, beside the scenario's other problems.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "pipeline/pipeline.hpp"
#include "population/area_settings.hpp"
#include "processes/internal_migration.hpp"
#include "processes/internal_migration_settings.hpp"
#include "support/scenario_checks.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// Four areas on a plane (km) with their populations: area 1 is 50 km from area 0 (a 3-4-5
/// triangle), area 2 100 km east, area 3 20 km south.
struct HandMadeAreas {
    std::vector<SmallArea> areas = {
        {"A001", 0, 0, 0}, {"A002", 30, 40, 0}, {"A003", 100, 0, 0}, {"A004", 0, -20, 0}};
    std::vector<std::size_t> population = {5000, 20000, 80000, 1000};
    double gamma = 0.7;
    /// a[j][g]: each group prefers other areas.
    std::array<std::array<double, 4>, 4> log_attraction = {
        {{0.0, 0.5, -0.3, 1.0}, {0.2, 1.5, 0.0, -0.5}, {-0.4, 0.3, 0.4, -1.2}, {0.9, -1.0, 0.1, 0.6}}};
    std::array<double, 4> decay_km = {25.0, 90.0, 60.0, 150.0};

    InternalMigrationSettings settings() const {
        InternalMigrationSettings s;
        s.population_exponent = gamma;
        for (const auto& by_group : log_attraction)
            s.log_attraction.insert(s.log_attraction.end(), by_group.begin(), by_group.end());
        s.distance_decay_by_age.assign(decay_km.begin(), decay_km.end());
        return s;
    }
    double distance(int i, int j) const {
        return std::hypot(areas[static_cast<std::size_t>(i)].x_km - areas[static_cast<std::size_t>(j)].x_km,
                          areas[static_cast<std::size_t>(i)].y_km - areas[static_cast<std::size_t>(j)].y_km);
    }
    /// The model's definition, written out: weight of j over the weights of every k != i.
    double expected(int i, int j, int g, bool with_tables = true, double default_decay = 60.0) const {
        if (i == j)
            return 0.0;
        const auto weight = [&](int k) {
            const double a =
                with_tables ? log_attraction[static_cast<std::size_t>(k)][static_cast<std::size_t>(g)] : 0.0;
            const double d = with_tables ? decay_km[static_cast<std::size_t>(g)] : default_decay;
            return std::pow(static_cast<double>(population[static_cast<std::size_t>(k)]), gamma) *
                   std::exp(a) * std::exp(-distance(i, k) / d);
        };
        double total = 0.0;
        for (int k = 0; k < 4; ++k)
            if (k != i)
                total += weight(k);
        return weight(j) / total;
    }
};

TEST(DestinationChoice, MoverAgeGroupsAreTheDocumentedOnes) {
    EXPECT_EQ(mover_age_group(0), 0);
    EXPECT_EQ(mover_age_group(17), 0);
    EXPECT_EQ(mover_age_group(18), 1);
    EXPECT_EQ(mover_age_group(29), 1);
    EXPECT_EQ(mover_age_group(30), 2);
    EXPECT_EQ(mover_age_group(64), 2);
    EXPECT_EQ(mover_age_group(65), 3);
    EXPECT_EQ(mover_age_group(oldest_age), 3);
    EXPECT_STREQ(mover_age_group_names[1], "18-29");
}

TEST(DestinationChoice, ProbabilitiesAreTheModelOfEachAgeGroup) {
    const HandMadeAreas hand;
    InternalMigrationDestinations destinations(hand.settings(), hand.areas);
    destinations.update(hand.population);
    for (int g = 0; g < n_mover_age_groups; ++g)
        for (int i = 0; i < 4; ++i) {
            double sum = 0.0;
            for (int j = 0; j < 4; ++j) {
                const double p = destinations.probability(i, j, g);
                EXPECT_NEAR(p, hand.expected(i, j, g), 1e-13)
                    << "group " << g << " from " << i << " to " << j;
                sum += p;
            }
            EXPECT_NEAR(sum, 1.0, 1e-13);
            EXPECT_EQ(destinations.probability(i, i, g), 0.0);
        }
    // The groups differ: from area 3, the 0-17 (D = 25 km) go to area 0 next door four times as
    // often as the 18-29 (D = 90 km, drawn to area 1).
    EXPECT_GT(destinations.probability(3, 0, 0), 4 * destinations.probability(3, 0, 1));
}

TEST(DestinationChoice, WithoutTablesEveryGroupHasTheGravityModelOfDistanceDecayKm) {
    const HandMadeAreas hand;
    InternalMigrationSettings settings;
    settings.population_exponent = hand.gamma;
    settings.distance_decay_km = 45.0;
    InternalMigrationDestinations destinations(settings, hand.areas);
    destinations.update(hand.population);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
            EXPECT_NEAR(destinations.probability(i, j, 0), hand.expected(i, j, 0, false, 45.0), 1e-13);
            for (int g = 1; g < n_mover_age_groups; ++g)
                EXPECT_EQ(destinations.probability(i, j, g), destinations.probability(i, j, 0));
        }
    // A decay table alone: a = 0 for every area, each group its own decay.
    settings.distance_decay_by_age.assign(hand.decay_km.begin(), hand.decay_km.end());
    InternalMigrationDestinations by_decay(settings, hand.areas);
    by_decay.update(hand.population);
    for (int g = 0; g < n_mover_age_groups; ++g)
        for (int j = 0; j < 4; ++j)
            EXPECT_NEAR(by_decay.probability(2, j, g),
                        hand.expected(2, j, g, false, hand.decay_km[static_cast<std::size_t>(g)]), 1e-13);
}

TEST(DestinationChoice, KeyedDrawsFollowTheMoversGroup) {
    // From area 3, the 0-17 (D = 25 km) go mostly to area 0, 20 km away (0.60); the 18-29
    // (D = 90 km, drawn to area 1) seldom (0.13). 20,000 draws each: SE of a share below 0.0036,
    // so that drawing from the wrong group's table (shares apart by more than 0.4) lands 100 SE away.
    const HandMadeAreas hand;
    InternalMigrationDestinations destinations(hand.settings(), hand.areas);
    destinations.update(hand.population);
    const int n = 20000;
    for (const int g : {0, 1}) {
        std::array<int, 4> chosen{};
        for (int k = 0; k < n; ++k) {
            auto generator = keyed_generator(17, static_cast<std::uint64_t>(k), 0, event_detail_stream);
            ++chosen[destinations.choose(3, g, generator)];
        }
        EXPECT_EQ(chosen[3], 0);
        for (int j = 0; j < 3; ++j) {
            const double p = hand.expected(3, j, g);
            EXPECT_NEAR(chosen[static_cast<std::size_t>(j)] / double(n), p, 4 * std::sqrt(p * (1 - p) / n))
                << "group " << g << " to " << j;
        }
    }
    EXPECT_GT(hand.expected(3, 0, 0) - hand.expected(3, 0, 1), 0.4);
}

/// The scenario on three synthetic areas (A001, A002, A003) with these tables of
/// [internal_migration], written to the test's folder; `more` further overrides.
ScenarioLoad with_tables(const std::string& attraction, const std::string& decay,
                         std::vector<std::string> more = {}) {
    const fs::path folder = test_folder();
    std::vector<std::string> overrides = {"population.areas=3"};
    if (!attraction.empty()) {
        write_text(folder / "attraction.csv", attraction);
        overrides.push_back("internal_migration.attraction=" + (folder / "attraction.csv").string());
    }
    if (!decay.empty()) {
        write_text(folder / "decay.csv", decay);
        overrides.push_back("internal_migration.distance_decay=" + (folder / "decay.csv").string());
    }
    overrides.insert(overrides.end(), more.begin(), more.end());
    return load_scenario(synthetic_baseline_path(), overrides);
}

std::string file_in_test_folder(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return (fs::path(::testing::TempDir()) / "migsim_test_scenario" /
            (std::string(info->test_suite_name()) + "." + info->name()) / name)
        .lexically_normal()
        .string();
}

/// Every area and group once, log attraction (area number + group) / 10.
std::string complete_attraction() {
    std::string text = "area,age_group,log_attraction\n";
    for (int a = 0; a < 3; ++a)
        for (int g = 0; g < n_mover_age_groups; ++g)
            text += synthetic_area_label(a) + "," + mover_age_group_names[static_cast<std::size_t>(g)] + "," +
                    std::to_string((a + g) / 10.0) + "\n";
    return text;
}

TEST(DestinationChoiceTables, CompleteTablesLoadInTheOrderOfTheAreas) {
    const std::string decay = "age_group,distance_decay_km\n65+,120\n0-17,30\n18-29,80\n30-64,60\n";
    const ScenarioLoad load = with_tables(complete_attraction(), decay);
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const auto& settings = load.scenario->settings<InternalMigrationSettings>();
    ASSERT_EQ(settings.log_attraction.size(), 12u);
    for (int a = 0; a < 3; ++a)
        for (int g = 0; g < n_mover_age_groups; ++g)
            EXPECT_DOUBLE_EQ(settings.log_attraction[static_cast<std::size_t>(a * 4 + g)], (a + g) / 10.0);
    EXPECT_EQ(settings.distance_decay_by_age, (std::vector<double>{30, 80, 60, 120}));
    // Without them, nothing: a = 0 and distance_decay_km for all.
    const ScenarioLoad plain = with_tables("", "");
    ASSERT_TRUE(plain.ok()) << all_problems(plain);
    EXPECT_TRUE(plain.scenario->settings<InternalMigrationSettings>().log_attraction.empty());
    EXPECT_TRUE(plain.scenario->settings<InternalMigrationSettings>().distance_decay_by_age.empty());
}

TEST(DestinationChoiceTables, EveryProblemOfABadAttractionTableIsReportedWithFileLineAndKey) {
    std::string text = complete_attraction();
    text.replace(text.find("A003,65+,"), text.size() - text.find("A003,65+,"), ""); // A003, 65+ missing
    text += "A004,0-17,0.1\n";                                                      // line 13: unknown area
    text += "A001,18-29,0.2\n";                                                     // line 14: duplicate
    text.replace(text.find("A002,30-64,0.300000"), 19, "A002,30-64,nan");           // line 8: not finite
    const ScenarioLoad load = with_tables(text, "", {"internal_migration.multiplier=-1"});
    ASSERT_FALSE(load.ok());
    const std::string file = file_in_test_folder("attraction.csv");
    expect_problem(load, file, 13, "area", "unknown area 'A004'");
    expect_problem(load, file, 14, "internal_migration.attraction",
                   "duplicate row for area=A001, age_group=18-29");
    expect_problem(load, file, 8, "log_attraction", "'nan' is not a number");
    expect_problem(load, file, 0, "internal_migration.attraction", "no rows for area=A003, age_group=65+");
    // Reported with the scenario's other problems.
    EXPECT_EQ(problems_of(load, "internal_migration.multiplier").size(), 1u) << all_problems(load);
}

TEST(DestinationChoiceTables, AnAreaWithoutRowsIsNamed) {
    std::string text = "area,age_group,log_attraction\n";
    for (int a = 0; a < 2; ++a)
        for (int g = 0; g < n_mover_age_groups; ++g)
            text +=
                synthetic_area_label(a) + "," + mover_age_group_names[static_cast<std::size_t>(g)] + ",0\n";
    const ScenarioLoad load = with_tables(text, "");
    ASSERT_FALSE(load.ok());
    expect_problem(load, file_in_test_folder("attraction.csv"), 0, "internal_migration.attraction",
                   "no rows for area=A003");
}

TEST(DestinationChoiceTables, EveryProblemOfABadDecayTableIsReportedWithFileLineAndKey) {
    const ScenarioLoad load =
        with_tables("", "age_group,distance_decay_km\n0-17,0\n18-29,-5\n18-29,80\n30-64,inf\n70+,10\n");
    ASSERT_FALSE(load.ok());
    const std::string file = file_in_test_folder("decay.csv");
    expect_problem(load, file, 3, "distance_decay_km", "-5 is not");
    expect_problem(load, file, 4, "internal_migration.distance_decay", "duplicate row for age_group=18-29");
    expect_problem(load, file, 5, "distance_decay_km", "'inf' is not a number");
    expect_problem(load, file, 6, "age_group", "unknown age_group '70+'");
    expect_problem(load, file, 0, "internal_migration.distance_decay", "no rows for age_group=65+");
    // A decay of 0 passes the range but not the model: exp(-d / 0).
    const ScenarioLoad zero =
        with_tables("", "age_group,distance_decay_km\n0-17,0\n18-29,80\n30-64,60\n65+,120\n");
    ASSERT_FALSE(zero.ok());
    expect_problem(zero, file_in_test_folder("decay.csv"), 2, "distance_decay_km", "must be > 0 km");
}

TEST(DestinationChoiceTables, RealAreasAreNamedByTheirCodes) {
    // The default scenario's municipalities: a table of synthetic labels names no area of the run.
    const fs::path folder = test_folder();
    write_text(folder / "attraction.csv", complete_attraction());
    const ScenarioLoad load = load_scenario(
        baseline_path(), {"internal_migration.attraction=" + (folder / "attraction.csv").string()});
    ASSERT_FALSE(load.ok());
    const std::string file = (folder / "attraction.csv").lexically_normal().string();
    expect_problem(load, file, 2, "area", "unknown area 'A001' (expected one of: 101, ");
    // The municipalities' codes, every one, load.
    const Scenario municipalities = scenario_with_overrides(baseline_path(), {});
    std::string text = "area,age_group,log_attraction\n";
    for (const RealArea& area : municipalities.settings<AreaSettings>().areas)
        for (const char* group : mover_age_group_names)
            text += area.code + "," + group + ",0.5\n";
    write_text(folder / "attraction.csv", text);
    const ScenarioLoad real = load_scenario(
        baseline_path(), {"internal_migration.attraction=" + (folder / "attraction.csv").string()});
    ASSERT_TRUE(real.ok()) << all_problems(real);
    EXPECT_EQ(real.scenario->settings<InternalMigrationSettings>().log_attraction.size(),
              municipalities.settings<AreaSettings>().areas.size() * n_mover_age_groups);
}

TEST(DestinationChoiceTables, ARunChoosesByTheMoversAgeGroupAndIsTheSameAtOneAndTwoThreads) {
    // Ten synthetic areas; A001 draws movers aged 65+ with exp(8) (about 3,000 times the weight of
    // any other area), nobody else. Of the 65+ who move, all but A001's own go there (A001 holds a
    // few percent of the movers); of the 18-29, about one in ten at most. A run that chose by
    // another age, or ignored the table, would put both near the same share.
    std::string text = "area,age_group,log_attraction\n";
    for (int a = 0; a < 10; ++a)
        for (int g = 0; g < n_mover_age_groups; ++g)
            text += synthetic_area_label(a) + "," + mover_age_group_names[static_cast<std::size_t>(g)] + "," +
                    (a == 0 && g == 3 ? "8" : "0") + "\n";
    const fs::path folder = test_folder();
    write_text(folder / "attraction.csv", text);
    const Scenario scenario =
        synthetic_baseline_with({"population.areas=10", "population.scale=0.01", "run.months=12",
                                 "internal_migration.attraction=" + (folder / "attraction.csv").string()});
    const PipelineResults one = run_pipeline(scenario, 1);
    const PipelineResults two = run_pipeline(scenario, 2);
    const auto& arrivals = one.run.truth.flow("internal_in");
    EXPECT_EQ(arrivals.values, two.run.truth.flow("internal_in").values);
    EXPECT_EQ(one.run.truth.population.values, two.run.truth.population.values);
    const auto share_in_first = [&](int youngest, int oldest) {
        std::int64_t first = 0, all = 0;
        for (int area = 0; area < arrivals.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int age = youngest; age <= oldest; ++age) {
                    const std::int64_t moves = arrivals.at(0, area, sex, age);
                    all += moves;
                    first += area == 0 ? moves : 0;
                }
        EXPECT_GT(all, 50) << "ages " << youngest << "-" << oldest;
        return static_cast<double>(first) / static_cast<double>(all);
    };
    EXPECT_GT(share_in_first(65, oldest_age), 0.8);
    EXPECT_LT(share_in_first(18, 29), 0.3);
}

} // namespace
} // namespace migsim
