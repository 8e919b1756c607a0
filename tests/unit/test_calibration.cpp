// links: migsim_calibration
// The base population builder: IPF, integerisation, small areas and the synthetic persons.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "calibration/arrival_history.hpp"
#include "calibration/base_population.hpp"
#include "calibration/integerise.hpp"
#include "calibration/ipf.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"

namespace migsim {
namespace {

// ---------------------------------------------------------------------------------------------
// IPF

TEST(Ipf, UniformSeedGivesTheIndependenceTable) {
    const Eigen::MatrixXd seed = Eigen::MatrixXd::Ones(2, 2);
    const IpfResult result = fit_ipf(seed, Eigen::Vector2d(3.0, 7.0), Eigen::Vector2d(4.0, 6.0));
    ASSERT_TRUE(result.converged()) << result.error;
    // x_ij = r_i c_j / total
    EXPECT_NEAR(result.fitted(0, 0), 1.2, 1e-9);
    EXPECT_NEAR(result.fitted(0, 1), 1.8, 1e-9);
    EXPECT_NEAR(result.fitted(1, 0), 2.8, 1e-9);
    EXPECT_NEAR(result.fitted(1, 1), 4.2, 1e-9);
}

TEST(Ipf, MatchesBothMarginsAndKeepsOddsRatiosAndZeros) {
    Eigen::MatrixXd seed(3, 4);
    seed << 10, 20, 5, 0, //
        3, 8, 12, 4,      //
        7, 1, 9, 6;
    const Eigen::Vector3d rows(40.0, 35.0, 25.0);
    const Eigen::Vector4d columns(30.0, 20.0, 35.0, 15.0);
    const IpfResult result = fit_ipf(seed, rows, columns, IpfOptions{1e-12, 10000});
    ASSERT_TRUE(result.converged()) << result.error;
    EXPECT_GT(result.iterations, 1);
    EXPECT_LE(result.max_margin_error, 1e-10);
    for (int i = 0; i < 3; ++i) {
        double sum = 0.0;
        for (int j = 0; j < 4; ++j)
            sum += result.fitted(i, j);
        EXPECT_NEAR(sum, rows[i], 1e-9);
    }
    for (int j = 0; j < 4; ++j) {
        double sum = 0.0;
        for (int i = 0; i < 3; ++i)
            sum += result.fitted(i, j);
        EXPECT_NEAR(sum, columns[j], 1e-9);
    }
    EXPECT_EQ(result.fitted(0, 3), 0.0);
    // IPF multiplies rows and columns only, so the seed's cross-product ratios are kept.
    const auto odds = [](const Eigen::MatrixXd& x) { return x(0, 0) * x(1, 1) / (x(0, 1) * x(1, 0)); };
    EXPECT_NEAR(odds(result.fitted), odds(seed), 1e-9);
}

TEST(Ipf, ReportsInconsistentInputs) {
    const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(2, 2);
    EXPECT_EQ(fit_ipf(ones, Eigen::Vector2d(3, 7), Eigen::Vector2d(4, 7)).status, IpfStatus::totals_differ);
    EXPECT_EQ(fit_ipf(ones, Eigen::Vector2d(-1, 11), Eigen::Vector2d(4, 6)).status, IpfStatus::invalid_value);
    EXPECT_EQ(fit_ipf(ones, Eigen::Vector3d(1, 2, 7), Eigen::Vector2d(4, 6)).status,
              IpfStatus::shape_mismatch);
    Eigen::MatrixXd negative = ones;
    negative(1, 0) = -0.5;
    EXPECT_EQ(fit_ipf(negative, Eigen::Vector2d(3, 7), Eigen::Vector2d(4, 6)).status,
              IpfStatus::invalid_value);
    Eigen::MatrixXd zero_row = ones;
    zero_row.row(1).setZero();
    const IpfResult unreachable = fit_ipf(zero_row, Eigen::Vector2d(3, 7), Eigen::Vector2d(4, 6));
    EXPECT_EQ(unreachable.status, IpfStatus::unreachable_margin);
    EXPECT_FALSE(unreachable.error.empty());
    Eigen::MatrixXd zero_column = ones;
    zero_column.col(0).setZero();
    EXPECT_EQ(fit_ipf(zero_column, Eigen::Vector2d(3, 7), Eigen::Vector2d(4, 6)).status,
              IpfStatus::unreachable_margin);
    // A zero row with a zero margin is fine.
    EXPECT_TRUE(fit_ipf(zero_row, Eigen::Vector2d(10, 0), Eigen::Vector2d(4, 6)).converged());
}

TEST(Ipf, ReportsNonConvergence) {
    Eigen::MatrixXd seed(2, 2);
    seed << 1, 100, 100, 1;
    const IpfResult result =
        fit_ipf(seed, Eigen::Vector2d(50, 50), Eigen::Vector2d(90, 10), IpfOptions{1e-12, 1});
    EXPECT_EQ(result.status, IpfStatus::not_converged);
    EXPECT_EQ(result.iterations, 1);
    EXPECT_GT(result.max_margin_error, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Integerisation

// Sums by plain loops: GCC 12 warns (falsely) inside Eigen's AVX-512 reductions.
template <class Matrix>
double row_sum(const Matrix& x, Eigen::Index i) {
    double sum = 0.0;
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        sum += static_cast<double>(x(i, j));
    return sum;
}
template <class Matrix>
double column_sum(const Matrix& x, Eigen::Index j) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        sum += static_cast<double>(x(i, j));
    return sum;
}

Eigen::MatrixXd awkward_matrix(int rows, int cols) {
    Eigen::MatrixXd x(rows, cols);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j)
            x(i, j) = 3.0 * std::fabs(std::sin(1.7 * i + 0.3 * j * j + 0.1)) + 0.37 * ((i * 7 + j * 3) % 5);
    return x;
}

TEST(Integerise, ColumnTotalsExactAndCellsWithinOne) {
    const Eigen::MatrixXd fitted = awkward_matrix(13, 40);
    std::vector<std::int64_t> margins(40);
    for (int j = 0; j < 40; ++j)
        margins[static_cast<std::size_t>(j)] = std::llround(column_sum(fitted, j));
    // The margins are the rounded column sums: within 1 of the real ones, so reachable.
    const IntegeriseResult result = integerise_columns(fitted, margins, 42);
    ASSERT_TRUE(result.ok()) << result.error;
    double worst_row_error = 0.0;
    for (int j = 0; j < 40; ++j)
        EXPECT_EQ(column_sum(result.counts, j), static_cast<double>(margins[static_cast<std::size_t>(j)]));
    for (int i = 0; i < 13; ++i) {
        for (int j = 0; j < 40; ++j)
            EXPECT_LE(std::fabs(static_cast<double>(result.counts(i, j)) - fitted(i, j)), 1.0 + 1e-12);
        worst_row_error =
            std::max(worst_row_error, std::fabs(row_sum(result.counts, i) - row_sum(fitted, i)));
    }
    // The carried row deficit keeps row totals close (not exact) to the fitted ones.
    EXPECT_LT(worst_row_error, 2.0);
    // Deterministic.
    EXPECT_EQ(integerise_columns(fitted, margins, 42).counts, result.counts);
}

TEST(Integerise, KeepsZerosAndReportsUnreachableMargins) {
    Eigen::MatrixXd fitted(3, 1);
    fitted << 0.0, 1.5, 1.5;
    const IntegeriseResult result = integerise_columns(fitted, {3}, 1);
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.counts(0, 0), 0);
    EXPECT_EQ(column_sum(result.counts, 0), 3.0);
    EXPECT_FALSE(integerise_columns(fitted, {7}, 1).ok());
    EXPECT_FALSE(integerise_columns(fitted, {0}, 1).ok());
    EXPECT_FALSE(integerise_columns(fitted, {3, 1}, 1).ok());
    fitted(0, 0) = -1.0;
    EXPECT_FALSE(integerise_columns(fitted, {2}, 1).ok());
}

TEST(Integerise, RoundToTotal) {
    const RoundedVector rounded = round_to_total({0.5, 0.5, 0.5, 0.5, 2.25, 0.75}, 5, 3);
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    EXPECT_EQ(std::accumulate(rounded.values.begin(), rounded.values.end(), std::int64_t{0}), 5);
    EXPECT_EQ(rounded.values[4], 2); // remainder 0.25 loses to 0.75 and the 0.5s
    EXPECT_EQ(rounded.values[5], 1);
    EXPECT_EQ(round_to_total({0.5, 0.5, 0.5, 0.5, 2.25, 0.75}, 5, 3).values, rounded.values);
    EXPECT_FALSE(round_to_total({1.0, 2.0}, 9, 3).ok());
}

// ---------------------------------------------------------------------------------------------
// Small areas

TEST(SmallAreas, DeterministicUnequalAndRanked) {
    PopulationSettings settings;
    settings.areas = 100;
    settings.area_seed = 7;
    settings.area_size_dispersion = 0.9;
    const auto areas = build_small_areas(settings);
    const auto sizes = small_area_relative_sizes(settings);
    ASSERT_EQ(areas.size(), 100u);
    EXPECT_EQ(areas.front().label, "A001");
    EXPECT_EQ(areas.back().label, "A100");
    EXPECT_NEAR(std::accumulate(sizes.begin(), sizes.end(), 0.0), 1.0, 1e-12);
    const auto [smallest, largest] = std::minmax_element(sizes.begin(), sizes.end());
    EXPECT_GT(*largest / *smallest, 5.0);
    EXPECT_EQ(areas[static_cast<std::size_t>(largest - sizes.begin())].urbanity, 1.0);
    EXPECT_EQ(areas[static_cast<std::size_t>(smallest - sizes.begin())].urbanity, 0.0);
    for (const auto& area : areas) {
        EXPECT_GE(area.x_km, 0.0);
        EXPECT_LE(area.x_km, 350.0);
        EXPECT_GE(area.y_km, 0.0);
        EXPECT_LE(area.y_km, 300.0);
    }
    const auto again = build_small_areas(settings);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        EXPECT_EQ(areas[i].label, again[i].label);
        EXPECT_EQ(areas[i].x_km, again[i].x_km);
        EXPECT_EQ(areas[i].y_km, again[i].y_km);
        EXPECT_EQ(areas[i].urbanity, again[i].urbanity);
    }
    settings.area_seed = 8;
    EXPECT_NE(small_area_relative_sizes(settings), sizes);
}

// ---------------------------------------------------------------------------------------------
// The synthetic population

constexpr Month test_start = month_of(2013, 1);

/// A country of about 1.7 million (before scaling) with a realistic age shape and an open 99+.
Scenario test_scenario(double scale) {
    Scenario scenario;
    scenario.declare<MortalitySettings>();
    scenario.declare<ImmigrationSettings>();
    scenario.declare<EmigrationSettings>();
    scenario.run.start = test_start;
    scenario.run.seed = 20130101;
    scenario.population.seed = scenario.run.seed; // as the loader sets it when it is not given
    PopulationSettings& p = scenario.population;
    p.national_open_age = 99;
    p.scale = scale;
    p.areas = 60;
    p.area_seed = 11;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < 99; ++age)
            p.national[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] =
                static_cast<std::int64_t>(22000.0 / (1.0 + std::exp((age - 75.0 - 4.0 * sex) / 6.0)) +
                                          37 * sex);
    p.national[0][99] = 331;
    p.national[1][99] = 1207;
    for (int age = 0; age < n_ages; ++age) {
        const auto a = static_cast<std::size_t>(age);
        p.foreign_born_share[a] = 0.03 + 0.12 * std::exp(-0.5 * std::pow((age - 33.0) / 12.0, 2.0));
        p.second_generation_share[a] = 0.01 + 0.07 * std::exp(-0.5 * std::pow((age - 8.0) / 11.0, 2.0));
        for (int sex = 0; sex < n_sexes; ++sex)
            scenario.settings<MortalitySettings>().hazard[static_cast<std::size_t>(sex)][a] =
                0.0001 * std::exp(0.09 * age);
    }
    scenario.groups.names = {"eu_efta", "rest_of_europe", "rest_of_world"};
    scenario.groups.base_population_share = {0.4, 0.2, 0.4};
    return scenario;
}

/// Age in completed years at the start month, by the convention of docs/model.md: a person born in
/// month b has completed start - b - 1 whole months at the start of month `start`.
int age_at_start(StoredMonth birth) {
    return (test_start - birth - 1) / 12;
}

TEST(BasePopulation, ReproducesTheNationalTableExactly) {
    const Scenario scenario = test_scenario(1.0);
    const auto& national = scenario.population.national;
    Population population;
    synthesise_base_population(scenario, population);
    std::array<std::array<std::int64_t, 110>, n_sexes> by_age{};
    for (const auto& block : population.persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            ++by_age[block.at(core.sex, i)][static_cast<std::size_t>(age_at_start(block.at(core.birth, i)))];
    std::int64_t total = 0;
    for (int sex = 0; sex < n_sexes; ++sex) {
        const auto s = static_cast<std::size_t>(sex);
        for (std::size_t age = 0; age < 99; ++age)
            EXPECT_EQ(by_age[s][age], national[s][age]) << "sex " << sex << " age " << age;
        std::int64_t open = 0;
        for (std::size_t age = 99; age < 110; ++age)
            open += by_age[s][age];
        EXPECT_EQ(open, national[s][99]);
        for (std::size_t age = 99 + open_age_spread_years; age < 110; ++age)
            EXPECT_EQ(by_age[s][age], 0);
        EXPECT_GT(by_age[s][99], by_age[s][104]); // spread geometrically by the 99+ hazard
        total = std::accumulate(national[s].begin(), national[s].end(), total);
    }
    EXPECT_EQ(static_cast<std::int64_t>(population.size()), total);
}

TEST(BasePopulation, ScaledCountsAreTheScaledNationalCounts) {
    const Scenario scenario = test_scenario(0.137);
    const NationalCounts national =
        scaled_national_counts(scenario.population, scenario.settings<MortalitySettings>().hazard);
    std::int64_t unscaled = 0;
    for (const auto& by_age : scenario.population.national)
        unscaled = std::accumulate(by_age.begin(), by_age.end(), unscaled);
    EXPECT_EQ(national.total(), std::llround(static_cast<double>(unscaled) * 0.137));
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < 99; ++age)
            EXPECT_LE(
                std::fabs(
                    static_cast<double>(
                        national.persons[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)]) -
                    0.137 * static_cast<double>(scenario.population.national[static_cast<std::size_t>(sex)]
                                                                            [static_cast<std::size_t>(age)])),
                1.0);
    const AreaCounts counts =
        build_area_counts(scenario.population, scenario.settings<MortalitySettings>().hazard);
    Population population;
    synthesise_base_population(scenario, population);
    for (int area = 0; area < counts.areas; ++area)
        EXPECT_EQ(static_cast<std::int64_t>(population.persons[static_cast<std::size_t>(area)].size()),
                  counts.area_total(area));
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= national.max_age; ++age) {
            std::int64_t sum = 0;
            for (int area = 0; area < counts.areas; ++area)
                sum += counts.at(area, sex, age);
            EXPECT_EQ(sum, national.persons[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)]);
        }
    // Area totals follow the area sizes (row margins of the IPF) closely.
    const auto sizes = small_area_relative_sizes(scenario.population);
    for (int area = 0; area < counts.areas; ++area)
        EXPECT_NEAR(static_cast<double>(counts.area_total(area)),
                    sizes[static_cast<std::size_t>(area)] * static_cast<double>(national.total()), 2.0);
}

TEST(BasePopulation, DeterministicWithConsistentMonthsAndIds) {
    const Scenario scenario = test_scenario(0.2);
    Population first;
    Population second;
    synthesise_base_population(scenario, first);
    synthesise_base_population(scenario, second);
    ASSERT_EQ(first.persons.size(), second.persons.size());
    std::uint64_t expected_index = 0;
    for (std::size_t area = 0; area < first.persons.size(); ++area) {
        const PersonTable& a = first.persons[area];
        const PersonTable& b = second.persons[area];
        EXPECT_EQ(first.areas[area].label, second.areas[area].label);
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            ASSERT_EQ(a.at(core.id, i), b.at(core.id, i));
            ASSERT_EQ(a.at(core.birth, i), b.at(core.birth, i));
            ASSERT_EQ(a.at(core.sex, i), b.at(core.sex, i));
            ASSERT_EQ(a.at(core.origin, i), b.at(core.origin, i));
            ASSERT_EQ(a.at(core.generation, i), b.at(core.generation, i));
            ASSERT_EQ(a.at(core.first_arrival, i), b.at(core.first_arrival, i));
            ASSERT_EQ(a.at(core.latest_arrival, i), b.at(core.latest_arrival, i));
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            // Ids: the base population's index, in order of area, sex and age.
            ASSERT_EQ(a.at(core.id, i), base_population_id(test_start, expected_index++));
            ASSERT_EQ(person_source(a.at(core.id, i)), PersonSource::base_population);
            ASSERT_EQ(person_creation_month(a.at(core.id, i)), test_start);
            // Everybody was born before the start month (a birth of the start month is in the run).
            ASSERT_LT(a.at(core.birth, i), test_start);
            if (i > 0) { // ordered by sex, then age (birth month within a year of age is random)
                ASSERT_TRUE(a.at(core.sex, i - 1) < a.at(core.sex, i) ||
                            (a.at(core.sex, i - 1) == a.at(core.sex, i) &&
                             age_at_start(a.at(core.birth, i - 1)) <= age_at_start(a.at(core.birth, i))));
            }
            if (a.at(core.generation, i) == first_generation) {
                ASSERT_GE(a.at(core.origin, i), 1);
                ASSERT_LE(a.at(core.origin, i), 3);
                ASSERT_EQ(a.at(core.first_arrival, i), a.at(core.latest_arrival, i));
                // Arrived in or after the month of birth, before the start month.
                ASSERT_GE(a.at(core.first_arrival, i), a.at(core.birth, i));
                ASSERT_LT(a.at(core.first_arrival, i), test_start);
            } else {
                ASSERT_EQ(a.at(core.origin, i), native_born);
                ASSERT_EQ(a.at(core.first_arrival, i), never);
                ASSERT_EQ(a.at(core.latest_arrival, i), never);
            }
        }
    }
    // Another base population seed changes the persons but not the counts.
    Scenario other = scenario;
    other.population.seed += 1;
    Population third;
    synthesise_base_population(other, third);
    EXPECT_EQ(third.size(), first.size());
    bool births_differ = false;
    for (std::size_t i = 0; i < first.persons[0].size(); ++i)
        births_differ |= third.persons[0].at(core.birth, i) != first.persons[0].at(core.birth, i);
    EXPECT_TRUE(births_differ);
    // Another run seed alone leaves them: replicates of an ensemble share one base population.
    Scenario replicate = scenario;
    replicate.run.seed += 1;
    Population fourth;
    synthesise_base_population(replicate, fourth);
    for (std::size_t i = 0; i < first.persons[0].size(); ++i)
        ASSERT_EQ(fourth.persons[0].at(core.birth, i), first.persons[0].at(core.birth, i));
}

TEST(BasePopulation, UrbanAreasAreYoungerAndMoreForeignBorn) {
    const Scenario scenario = test_scenario(0.3);
    Population population;
    synthesise_base_population(scenario, population);
    std::vector<std::size_t> order(population.areas.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return population.areas[a].urbanity < population.areas[b].urbanity;
    });
    const std::size_t decile = order.size() / 10;
    const auto mean_age_and_foreign = [&](std::size_t from, std::size_t to) {
        double age_sum = 0.0, foreign = 0.0, n = 0.0;
        for (std::size_t k = from; k < to; ++k) {
            const PersonTable& block = population.persons[order[k]];
            for (std::size_t i = 0; i < block.size(); ++i) {
                age_sum += age_at_start(block.at(core.birth, i));
                foreign += block.at(core.generation, i) == first_generation;
                n += 1.0;
            }
        }
        return std::pair{age_sum / n, foreign / n};
    };
    const auto [rural_age, rural_foreign] = mean_age_and_foreign(0, decile);
    const auto [urban_age, urban_foreign] = mean_age_and_foreign(order.size() - decile, order.size());
    std::printf("mean age: most rural decile %.2f, most urban decile %.2f; foreign-born %.3f vs %.3f\n",
                rural_age, urban_age, rural_foreign, urban_foreign);
    EXPECT_LT(urban_age + 1.0, rural_age);
    EXPECT_GT(urban_foreign, rural_foreign);
}

TEST(BasePopulation, MigrantSharesMatchTheirExpectation) {
    const Scenario scenario = test_scenario(0.5);
    const auto& p = scenario.population;
    Population population;
    synthesise_base_population(scenario, population);
    std::vector<double> persons_by_age(110, 0.0);
    double foreign = 0.0, second = 0.0;
    std::array<double, 4> by_origin{};
    for (const auto& block : population.persons)
        for (std::size_t i = 0; i < block.size(); ++i) {
            persons_by_age[static_cast<std::size_t>(age_at_start(block.at(core.birth, i)))] += 1.0;
            foreign += block.at(core.generation, i) == first_generation;
            second += block.at(core.generation, i) == second_generation;
            by_origin[block.at(core.origin, i)] += 1.0;
        }
    // Expectations from the national shares by age (the urban tilt is normalised away; the 0.95 cap
    // is far from binding here); the binomial variance bounds that of the sum of Bernoullis.
    double expected_foreign = 0.0, variance_foreign = 0.0, expected_second = 0.0, variance_second = 0.0;
    for (std::size_t age = 0; age < persons_by_age.size(); ++age) {
        const std::size_t a = std::min<std::size_t>(age, oldest_age);
        const double f = p.foreign_born_share[a];
        const double s = p.second_generation_share[a];
        expected_foreign += persons_by_age[age] * f;
        variance_foreign += persons_by_age[age] * f * (1.0 - f);
        expected_second += persons_by_age[age] * s;
        variance_second += persons_by_age[age] * s * (1.0 - s);
    }
    std::printf(
        "foreign-born %.0f (expected %.0f, SE %.1f); second generation %.0f (expected %.0f, SE %.1f)\n",
        foreign, expected_foreign, std::sqrt(variance_foreign), second, expected_second,
        std::sqrt(variance_second));
    EXPECT_LT(std::fabs(foreign - expected_foreign), 4.0 * std::sqrt(variance_foreign));
    EXPECT_LT(std::fabs(second - expected_second), 4.0 * std::sqrt(variance_second));
    // Origin groups 0.4 / 0.2 / 0.4 of the foreign-born.
    for (std::size_t g = 1; g <= 3; ++g) {
        const double share = scenario.groups.base_population_share[g - 1];
        EXPECT_LT(std::fabs(by_origin[g] - share * foreign),
                  4.0 * std::sqrt(foreign * share * (1.0 - share)));
    }
}

/// The test scenario with arrivals, an immigration profile and emigration hazards, for the arrival
/// history of the foreign-born.
Scenario with_migration(Scenario scenario) {
    scenario.settings<ImmigrationSettings>().arrivals_per_year = {3000, 800, 2000};
    scenario.settings<ImmigrationSettings>().age_profile.resize(3);
    for (std::size_t g = 0; g < 3; ++g)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age)
                scenario.settings<ImmigrationSettings>()
                    .age_profile[g][static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] =
                    std::exp(-0.5 * std::pow((age - 24.0 - 2.0 * static_cast<double>(g)) / 9.0, 2.0)) + 0.002;
    for (auto& table : scenario.settings<ImmigrationSettings>().age_profile) {
        double sum = 0.0;
        for (const auto& by_age : table)
            sum = std::accumulate(by_age.begin(), by_age.end(), sum);
        for (auto& by_age : table)
            for (double& share : by_age)
                share /= sum;
    }
    for (int status = 0; status < n_emigration_statuses; ++status)
        scenario.settings<EmigrationSettings>().hazard[static_cast<std::size_t>(status)].fill(
            status == 0 ? 0.01 : 0.3 / status);
    scenario.population.past_immigration_growth = 0.03;
    return scenario;
}

// The rule of calibration/README.md, "Arrival of the foreign-born", written out again here.
TEST(ArrivalHistory, RecentYearsAreTheInflowsSurvivorsAndEarlierYearsTheSteadyState) {
    const Scenario scenario = with_migration(test_scenario(0.3));
    const int group = 2, sex = 1;
    const auto profile = [&](int age) {
        return scenario.settings<ImmigrationSettings>()
            .age_profile[group][sex][static_cast<std::size_t>(std::min(age, 100))];
    };
    const auto emigration = [&](int years_since_arrival, int age) {
        return scenario.settings<EmigrationSettings>().hazard[static_cast<std::size_t>(
            1 + std::min(years_since_arrival, 5))][static_cast<std::size_t>(std::min(age, 100))];
    };
    const auto death = [&](int age) {
        return scenario.settings<MortalitySettings>()
            .hazard[sex][static_cast<std::size_t>(std::min(age, 100))];
    };
    for (const int age : {3, 30, 60}) {
        const double stock = 400.0;
        std::vector<double> stocks(static_cast<std::size_t>(3 * n_sexes * 106), 0.0);
        stocks[static_cast<std::size_t>((group * n_sexes + sex) * 106 + age)] = stock;
        const ArrivalHistory history(scenario, 105, stocks);
        const std::vector<double> p = history.distribution(group, sex, age);
        ASSERT_EQ(p.size(), static_cast<std::size_t>(age + 1));
        std::vector<double> expected(p.size(), 0.0);
        double recent = 0.0;
        for (int d = 0; d < std::min(age + 1, 5); ++d) {
            double h = 0.0;
            for (int k = 0; k < d; ++k)
                h += emigration(k, age - d + k) + death(age - d + k);
            h += 0.5 * (emigration(d, age) + death(age));
            expected[static_cast<std::size_t>(d)] = 2000.0 * 0.3 * profile(age - d) * std::exp(-h) / stock;
            recent += expected[static_cast<std::size_t>(d)];
        }
        ASSERT_LT(recent, 1.0) << "the case where the recent arrivals fit in the stock";
        double earlier = 0.0;
        for (int d = 5; d <= age; ++d) {
            double h = 0.0;
            for (int k = 0; k < d; ++k)
                h += emigration(k, age - d + k);
            expected[static_cast<std::size_t>(d)] = profile(age - d) * std::exp(-h - 0.03 * (d - 5));
            earlier += expected[static_cast<std::size_t>(d)];
        }
        for (int d = 5; d <= age; ++d)
            expected[static_cast<std::size_t>(d)] *= (1.0 - recent) / earlier;
        if (age < 5)
            for (double& e : expected)
                e /= recent;
        for (std::size_t d = 0; d < p.size(); ++d)
            EXPECT_NEAR(p[d], expected[d], 1e-8) << "age " << age << ", " << d << " years since arrival";
    }
    // Where five years of arrivals would exceed the stock, they are all the stock.
    std::vector<double> tiny(static_cast<std::size_t>(3 * n_sexes * 106), 1.0);
    const ArrivalHistory capped(scenario, 105, tiny);
    const std::vector<double> p = capped.distribution(group, sex, 25);
    EXPECT_NEAR(std::accumulate(p.begin(), p.begin() + 5, 0.0), 1.0, 1e-9);
}

TEST(BasePopulation, RecentArrivalsAreTheSurvivorsOfTheScenariosInflow) {
    const Scenario scenario = with_migration(test_scenario(0.5));
    Population population;
    synthesise_base_population(scenario, population);
    // Persons aged 5 and over (younger children arrived within their few years of life, whatever
    // the inflow) by completed years since arrival at the start (docs/model.md: start - t - 1 months).
    std::array<double, 6> by_years{};
    double foreign = 0.0;
    for (const auto& block : population.persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            if (block.at(core.generation, i) == first_generation &&
                age_at_start(block.at(core.birth, i)) >= 5) {
                foreign += 1.0;
                by_years[static_cast<std::size_t>(
                    std::min((test_start - block.at(core.first_arrival, i) - 1) / 12, 5))] += 1.0;
            }
    // Expected: one year of arrivals each, surviving d + 1/2 years (the stock is large enough here).
    for (int d = 0; d < 5; ++d) {
        double expected = 0.0;
        for (int g = 0; g < 3; ++g)
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int age = 5; age < 106; ++age)
                    expected += ArrivalHistory::surviving_arrivals(scenario, g, sex, age - d, d);
        const double p = expected / foreign;
        EXPECT_NEAR(by_years[static_cast<std::size_t>(d)], expected, 4.0 * std::sqrt(foreign * p * (1.0 - p)))
            << d << " completed years since arrival";
    }
    EXPECT_GT(by_years[5], 0.5 * foreign) << "most of the stock arrived earlier";
}

TEST(BasePopulation, RejectsInvalidSettings) {
    Scenario scenario = test_scenario(0.1);
    Population population;
    scenario.population.scale = 0.0;
    EXPECT_THROW(synthesise_base_population(scenario, population), std::invalid_argument);
    scenario = test_scenario(0.1);
    scenario.population.areas = 0;
    EXPECT_THROW(synthesise_base_population(scenario, population), std::invalid_argument);
    scenario = test_scenario(0.1);
    scenario.population.national[0][100] = 5; // above the open age 99
    EXPECT_THROW(synthesise_base_population(scenario, population), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Denmark, full size: the default scenario's table (the time it takes is printed, not checked:
// speed belongs to the benchmarks).

bool read_danish_tables(Scenario& scenario) {
    std::ifstream population_file(std::string(MIGSIM_SOURCE_DIR) +
                                  "/scenarios/data/dk_population_jan1_2013.csv");
    std::ifstream mortality_file(std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/dk_mortality_2012.csv");
    if (!population_file || !mortality_file)
        return false;
    std::string line;
    bool header = true;
    while (std::getline(population_file, line)) {
        if (line.empty() || line[0] == '#' || std::exchange(header, false))
            continue;
        std::istringstream fields(line);
        std::string year, sex, age, persons;
        std::getline(fields, year, ',');
        std::getline(fields, sex, ',');
        std::getline(fields, age, ',');
        std::getline(fields, persons, ',');
        scenario.population.national[sex == "female" ? 1 : 0][static_cast<std::size_t>(std::stoi(age))] =
            std::stoll(persons);
    }
    header = true;
    while (std::getline(mortality_file, line)) {
        if (line.empty() || line[0] == '#' || std::exchange(header, false))
            continue;
        std::istringstream fields(line);
        std::string year, sex, age, deaths, person_years, rate;
        std::getline(fields, year, ',');
        std::getline(fields, sex, ',');
        std::getline(fields, age, ',');
        std::getline(fields, deaths, ',');
        std::getline(fields, person_years, ',');
        std::getline(fields, rate, ',');
        scenario.settings<MortalitySettings>()
            .hazard[sex == "female" ? 1 : 0][static_cast<std::size_t>(std::stoi(age))] =
            std::stod(rate) / 1000.0;
    }
    return true;
}

TEST(BasePopulation, DenmarkFullSize) {
    Scenario scenario = test_scenario(1.0);
    scenario.population.national = {};
    scenario.population.areas = 100;
    ASSERT_TRUE(read_danish_tables(scenario));
    Population population;
    const auto begin = std::chrono::steady_clock::now();
    synthesise_base_population(scenario, population);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("Denmark 2013: %zu persons in %d areas built in %.3f s (%.1f bytes/person)\n",
                population.size(), population.area_count(), seconds,
                static_cast<double>(population.bytes()) / static_cast<double>(population.size()));
    EXPECT_EQ(population.size(), 5602628u);
}

} // namespace
} // namespace migsim
