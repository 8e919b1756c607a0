// The building blocks of the monthly step: hazard conversion, keyed draws, migrant status,
// arrivals schedules and destination choices.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "core/rng.hpp"
#include "model/monthly_pass.hpp"
#include "processes/emigration.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/families_settings.hpp"
#include "processes/fertility.hpp"
#include "processes/hazards.hpp"
#include "processes/immigration.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/internal_migration.hpp"
#include "processes/internal_migration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "processes/returns.hpp"
#include "processes/returns_settings.hpp"
#include "sources/register.hpp"

namespace migsim {
namespace {

TEST(Hazards, CompetingRisksFollowTheFormulaAndSumToTheProbabilityOfAnyEvent) {
    const std::array<double, 3> h = {0.02, 0.10, 0.30};
    const auto p = competing_monthly_probabilities(h);
    const double total = 0.42;
    const double any = 1.0 - std::exp(-total / 12.0);
    for (std::size_t k = 0; k < 3; ++k)
        EXPECT_NEAR(p[k], h[k] / total * any, 1e-15);
    EXPECT_NEAR(p[0] + p[1] + p[2], any, 1e-15);
    // A single hazard gives the constant-hazard monthly probability.
    EXPECT_NEAR(competing_monthly_probabilities(std::array<double, 1>{0.5})[0], 1.0 - std::exp(-0.5 / 12.0),
                1e-15);
    EXPECT_EQ(competing_monthly_probabilities(std::array<double, 2>{0.0, 0.0})[0], 0.0);
}

TEST(Hazards, ProbabilityOneIsCertainAndZeroNever) {
    EXPECT_TRUE(occurs(0xffffffffu, probability_threshold(1.0)));
    EXPECT_FALSE(occurs(0u, probability_threshold(0.0)));
    EXPECT_TRUE(occurs(0u, probability_threshold(0.5)));
    EXPECT_FALSE(occurs(0x80000000u, probability_threshold(0.5)));
}

TEST(Hazards, ThresholdsAreCumulative) {
    const auto t = cumulative_thresholds(std::array<double, 3>{0.25, 0.25, 0.5});
    EXPECT_EQ(t[0], 1u << 30);
    EXPECT_EQ(t[1], 1u << 31);
    EXPECT_EQ(t[2], 0xffffffffu);
}

TEST(KeyedDraws, AreTheFirstOutputOfTheKeyedPcg32Stream) {
    for (std::uint64_t person : {1ull, 2ull, 999999ull, 4000000000ull})
        for (StreamId stream : {competing_events_stream, fertility_stream, abroad_stream}) {
            auto generator = keyed_generator(20130101, person, 2556, stream);
            EXPECT_EQ(keyed_draw(20130101, person, 2556, stream), generator());
        }
}

TEST(KeyedDraws, DependOnEveryPartOfTheKeyAndAreUniform) {
    const auto base = keyed_draw(7, 1000, 2556, competing_events_stream);
    EXPECT_EQ(base, keyed_draw(7, 1000, 2556, competing_events_stream));
    EXPECT_NE(base, keyed_draw(8, 1000, 2556, competing_events_stream));
    EXPECT_NE(base, keyed_draw(7, 1001, 2556, competing_events_stream));
    EXPECT_NE(base, keyed_draw(7, 1000, 2557, competing_events_stream));
    EXPECT_NE(base, keyed_draw(7, 1000, 2556, fertility_stream));
    // Consecutive persons and months: the share below a threshold p is p within 4 binomial SE.
    const double p = 0.01;
    const std::uint32_t threshold = probability_threshold(p);
    int n = 0;
    int hits = 0;
    for (std::uint64_t person = 1; person <= 20000; ++person)
        for (Month m = 2556; m < 2566; ++m, ++n)
            hits += keyed_draw(42, person, m, competing_events_stream) < threshold;
    EXPECT_NEAR(hits / static_cast<double>(n), p, 4.0 * std::sqrt(p * (1 - p) / n));
}

TEST(KeyedDraws, StreamsOfTheSamePersonAreIndependent) {
    // Persons selected by a small draw in one process must draw as everybody else in another: the
    // register's deregistration draw of emigrants, say.
    const std::uint32_t selected = probability_threshold(0.02);
    const std::uint32_t threshold = probability_threshold(0.3);
    int n = 0;
    int hits = 0;
    for (std::uint64_t person = 1; person <= 400000; ++person) {
        if (keyed_draw(9, person, 2556, competing_events_stream) >= selected)
            continue;
        ++n;
        hits += keyed_draw(9, person, 2556, register_departure_stream) < threshold;
    }
    ASSERT_GT(n, 5000);
    EXPECT_NEAR(hits / static_cast<double>(n), 0.3, 4.0 * std::sqrt(0.3 * 0.7 / n));
}

TEST(Calendar, MonthsParseAndFormat) {
    EXPECT_EQ(format_month(month_of(2013, 1)), "2013-01");
    EXPECT_EQ(parse_month("2013-12"), month_of(2013, 12));
    EXPECT_FALSE(parse_month("2013-13"));
    EXPECT_FALSE(parse_month("13-01"));
}

// The convention of docs/model.md, at its edges: an event of month e is followed by e + 1 .. e + 12
// in completed year 0, and completed year 1 starts with month e + 13.
TEST(Calendar, AgesAreCompletedAtTheStartOfTheMonth) {
    const Month jan2013 = month_of(2013, 1);
    // Every child born in 2012 is aged 0 on 1 January 2013; one born in December 2011 is 1.
    for (int month = 1; month <= 12; ++month)
        EXPECT_EQ(age_in_years(jan2013, month_of(2012, month)), 0) << month;
    EXPECT_EQ(age_in_years(jan2013, month_of(2011, 12)), 1);
    const Month b = month_of(2015, 6);
    EXPECT_EQ(completed_months(b + 1, b), 0);
    EXPECT_EQ(age_in_years(b + 1, b), 0);
    EXPECT_EQ(age_in_years(b + 12, b), 0); // twelve months at age 0: b + 1 .. b + 12
    EXPECT_EQ(age_in_years(b + 13, b), 1);
    EXPECT_EQ(age_in_years(b + 24, b), 1);
    EXPECT_EQ(age_in_years(b + 25, b), 2);
    EXPECT_EQ(age_in_years(b, b), 0); // the month of the birth itself
    EXPECT_EQ(age_in_years(jan2013, month_of(1850, 1)), oldest_age);
    EXPECT_EQ(birth_month_for_age(jan2013, 0), month_of(2012, 12));
    EXPECT_EQ(age_in_years(jan2013, birth_month_for_age(jan2013, 12 * 7 + 11)), 7);
}

TEST(Emigration, StatusIsNativeOrYearsSinceLatestArrivalCappedAtFive) {
    const Month t = month_of(2013, 1); // arrival
    EXPECT_EQ(emigration_status(native_born, never, t + 5), 0);
    EXPECT_EQ(emigration_status(1, static_cast<StoredMonth>(t), t + 1), 1);  // first month present
    EXPECT_EQ(emigration_status(2, static_cast<StoredMonth>(t), t + 12), 1); // twelfth month
    EXPECT_EQ(emigration_status(2, static_cast<StoredMonth>(t), t + 13), 2);
    EXPECT_EQ(emigration_status(2, static_cast<StoredMonth>(t), t + 12 * 5), 5);
    EXPECT_EQ(emigration_status(2, static_cast<StoredMonth>(t), t + 12 * 5 + 1), 6);
    EXPECT_EQ(emigration_status(3, static_cast<StoredMonth>(t), t + 12 * 30), 6);
}

TEST(Returns, APersonAbroadIsFollowedExactlyTheGivenYears) {
    Scenario scenario;
    scenario.declare<MortalitySettings>(); // no deaths abroad
    auto& settings = scenario.declare<ReturnSettings>();
    settings.max_years_abroad = 10;
    for (auto& by_years : settings.hazard)
        by_years.assign(10, 0.1);
    RunState state(scenario, 1, {});
    AbroadPass pass(state);
    Returns returns(state);
    returns.join_abroad(pass);
    EXPECT_EQ(pass.follow_months(), 120);
    EXPECT_EQ(pass.years(), 10);
    const Month d = month_of(2014, 3); // emigration
    EXPECT_TRUE(pass.followed(d + 1, d));
    EXPECT_EQ(completed_years(d + 12, d), 0);
    EXPECT_EQ(completed_years(d + 13, d), 1);
    EXPECT_TRUE(pass.followed(d + 120, d)); // 120 months: d + 1 .. d + 120
    EXPECT_FALSE(pass.followed(d + 121, d));
}

TEST(Returns, ChildrenHaveTheReturnHazardOnlyWhenTheyDoNotMoveWithTheirMothers) {
    // docs/model.md, "Children move with their mothers": the returns table, which has no age, is
    // not applied under 15 unless families.children_move_with_mothers is false.
    for (const bool with_mothers : {true, false}) {
        Scenario scenario;
        scenario.declare<MortalitySettings>();
        scenario.declare<FamilySettings>().children_move_with_mothers = with_mothers;
        auto& settings = scenario.declare<ReturnSettings>();
        settings.max_years_abroad = 10;
        settings.multiplier = 2.0;
        for (auto& by_years : settings.hazard)
            by_years.assign(10, 0.1);
        RunState state(scenario, 1, {});
        const Returns returns(state);
        AbroadCell cell;
        cell.birthplace = 1;
        cell.years_abroad = 3;
        for (const int age : {0, 14, 15, 40}) {
            cell.age = age;
            const double expected = with_mothers && age < family_child_age_limit ? 0.0 : 0.2;
            EXPECT_EQ(returns.annual_hazard(cell), expected)
                << "age " << age << ", with mothers " << with_mothers;
        }
    }
}

TEST(Emigration, ForeignBornGoBackToTheirRegionAtTheGivenShare) {
    EmigrationSettings settings;
    settings.destination_shares = {0.5, 0.25, 0.25};
    settings.return_to_origin_share = 0.8;
    const EmigrationDestinations destinations(settings);
    const int n = 40000;
    std::array<int, 3> native{};
    int own = 0;
    for (int k = 0; k < n; ++k) {
        auto g = keyed_generator(3, static_cast<std::uint64_t>(k), 0, event_detail_stream);
        ++native[destinations.choose(native_born, g)];
        auto h = keyed_generator(4, static_cast<std::uint64_t>(k), 0, event_detail_stream);
        own += destinations.choose(3, h) == 2;
    }
    EXPECT_NEAR(native[0] / double(n), 0.5, 4 * std::sqrt(0.25 / n));
    EXPECT_NEAR(native[1] / double(n), 0.25, 4 * std::sqrt(0.1875 / n));
    // Own region: 0.8 directly plus 0.2 x 0.25 through the native-born choice.
    EXPECT_NEAR(own / double(n), 0.85, 4 * std::sqrt(0.85 * 0.15 / n));
}

TEST(InternalMigration, GravityChoicesSumToOneExcludeTheOriginAndFallWithDistance) {
    InternalMigrationSettings settings;
    settings.distance_decay_km = 50.0;
    settings.population_exponent = 1.0;
    std::vector<SmallArea> areas = {
        {"A001", 0, 0, 0}, {"A002", 10, 0, 0}, {"A003", 100, 0, 0}, {"A004", 10, 0, 0}};
    InternalMigrationDestinations destinations(settings, areas);
    destinations.update({1000, 1000, 1000, 3000});
    double sum = 0.0;
    for (int j = 0; j < 4; ++j)
        sum += destinations.probability(0, j, 0);
    EXPECT_NEAR(sum, 1.0, 1e-12);
    EXPECT_EQ(destinations.probability(0, 0, 0), 0.0);
    EXPECT_GT(destinations.probability(0, 1, 0), destinations.probability(0, 2, 0));
    // Same distance, three times the population: three times as attractive.
    EXPECT_NEAR(destinations.probability(0, 3, 0) / destinations.probability(0, 1, 0), 3.0, 1e-9);
    const double expected = destinations.probability(0, 1, 0) / sum;
    int to_second = 0;
    const int n = 20000;
    for (int k = 0; k < n; ++k) {
        auto g = keyed_generator(5, static_cast<std::uint64_t>(k), 0, event_detail_stream);
        const auto d = destinations.choose(0, 0, g);
        ASSERT_NE(d, 0);
        to_second += d == 1;
    }
    EXPECT_NEAR(to_second / double(n), expected, 4 * std::sqrt(expected * (1 - expected) / n));
}

TEST(Immigration, MonthlyArrivalsAddUpToTheYearlyInputExactly) {
    // The scheduled arrivals are the profile's persons aged 15 and over (children under 15 come with
    // their mothers, processes/immigration.hpp): group a, 20 % of whose profile is children, has
    // exactly 0.8 x 35,000 x 0.1 = 2,800 of them a year; its women aged 18-54 (30 % of the profile)
    // bring 0.2 / 0.3 children each on average, so that children are 20 % of all its arrivals.
    Scenario scenario;
    scenario.groups.names = {"a", "b"};
    scenario.population.scale = 0.1;
    auto& settings = scenario.declare<ImmigrationSettings>();
    settings.arrivals_per_year = {35000, 1234};
    settings.age_profile.assign(2, SexAgeTable{});
    settings.age_profile[0][0][25] = 0.5;
    settings.age_profile[0][1][30] = 0.3;
    settings.age_profile[0][1][3] = 0.2;
    settings.age_profile[1][1][40] = 1.0;
    const Month start = month_of(2013, 1);
    const ImmigrationSchedule immigration(scenario, start);
    for (int year = 0; year < 3; ++year) {
        std::int64_t a = 0;
        std::int64_t b = 0;
        for (Month m = start + 12 * year; m < start + 12 * (year + 1); ++m) {
            a += immigration.arrivals(0, m);
            b += immigration.arrivals(1, m);
        }
        EXPECT_EQ(a, 2800);
        EXPECT_NEAR(static_cast<double>(b), 123.4, 1.0);
    }
    EXPECT_DOUBLE_EQ(immigration.children_per_mother(0), 0.2 / 0.3);
    EXPECT_EQ(immigration.children_per_mother(1), 0.0);
    auto g = keyed_generator(1, 1, start, immigration_stream);
    const auto [sex, age] = immigration.draw_sex_age(1, g);
    EXPECT_EQ(sex, 1);
    EXPECT_EQ(age, 40);
}

TEST(Immigration, WithoutFamilyMovesEveryArrivalIsScheduledFromTheWholeProfile) {
    // families.children_move_with_mothers = false (docs/model.md): the scheduled arrivals are the
    // whole yearly input, children included (group a: exactly 35,000 x 0.1 = 3,500 a year, against
    // 2,800 with family moves), no woman brings children, and the drawn ages follow the whole
    // profile: 20 % are the profile's children aged 3 (SE 0.4 points over 10,000 draws, so that a
    // schedule without children lands 50 SE away).
    for (const bool with_mothers : {true, false}) {
        Scenario scenario;
        scenario.groups.names = {"a"};
        scenario.population.scale = 0.1;
        scenario.declare<FamilySettings>().children_move_with_mothers = with_mothers;
        auto& settings = scenario.declare<ImmigrationSettings>();
        settings.arrivals_per_year = {35000};
        settings.age_profile.assign(1, SexAgeTable{});
        settings.age_profile[0][0][25] = 0.5;
        settings.age_profile[0][1][30] = 0.3;
        settings.age_profile[0][1][3] = 0.2;
        const Month start = month_of(2013, 1);
        const ImmigrationSchedule immigration(scenario, start);
        for (int year = 0; year < 3; ++year) {
            std::int64_t arrivals = 0;
            for (Month m = start + 12 * year; m < start + 12 * (year + 1); ++m)
                arrivals += immigration.arrivals(0, m);
            EXPECT_EQ(arrivals, with_mothers ? 2800 : 3500) << "with mothers " << with_mothers;
        }
        EXPECT_DOUBLE_EQ(immigration.children_per_mother(0), with_mothers ? 0.2 / 0.3 : 0.0);
        const int n = 10000;
        int children = 0;
        for (int k = 0; k < n; ++k) {
            auto g = keyed_generator(2, static_cast<std::uint64_t>(k), start, immigration_stream);
            const auto [sex, age] = immigration.draw_sex_age(0, g);
            ASSERT_TRUE((sex == 0 && age == 25) || (sex == 1 && (age == 30 || age == 3)))
                << sex << " " << age;
            children += age == 3;
        }
        if (with_mothers)
            EXPECT_EQ(children, 0);
        else
            EXPECT_NEAR(children / double(n), 0.2, 4 * std::sqrt(0.2 * 0.8 / n));
    }
}

} // namespace
} // namespace migsim
