// links: migsim_areas migsim_stats
// A population by small area, sex and age fitted by IPF and integerised (sim/stats/ipf.hpp):
//  - hand examples whose answers are derived below: a uniform seed gives the independence table
//    (3, 7 by 4, 6: 1.2, 1.8, 2.8, 4.2, rounded 1, 2, 3, 4); a seed with odds ratio 4 keeps it
//    (x11 = (7 - sqrt 17) / 2); a tie the greedy pass cannot resolve is resolved by one augmenting
//    path;
//  - a table that already has its margins comes back unchanged, fitted and integerised;
//  - the Danish municipalities of 1 January 2013 (99 units by sex) with the national table by sex
//    and single year of age (dk_population_jan1_2013.csv): a uniform seed gives area_total x
//    national_share to rounding error; the urban age tilt converges and, integerised, reproduces
//    every area's total by sex and every national count by sex and age exactly, so that the areas
//    sum to the national table;
//  - a national table whose total differs from the areas' is scaled to it by largest remainders.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "population/area_tables.hpp"
#include "stats/ipf.hpp"

namespace migsim::stats {
namespace {

const std::string data_dir = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/";

std::vector<double> as_real(const std::vector<std::int64_t>& counts) {
    return {counts.begin(), counts.end()};
}

TEST(IpfAreas, UniformSeedHandExampleGivesTheIndependenceTableAndRoundsByLargestRemainders) {
    // Two areas of 3 and 7 persons (one sex), two ages of 4 and 6: x(a, age) = R_a C_age / 10.
    const AreaSexAgeShape shape{2, 1, 2};
    const AreaSexAgeFit fit = fit_area_sex_age(shape, {1, 1, 1, 1}, {3, 7}, {4, 6});
    ASSERT_TRUE(fit.converged()) << fit.error;
    const std::vector<double> expected{1.2, 1.8, 2.8, 4.2};
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(fit.fitted[k], expected[k], 1e-14) << k;
    // Floors 1, 1, 2, 4 leave one person to each area and each age; remainders .2 .8 .8 .2: the two
    // .8 cells get them.
    const IntegerTable rounded = integerise_area_sex_age(shape, fit.fitted, {3, 7}, {4, 6});
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    EXPECT_EQ(rounded.counts, (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(IpfAreas, SeedOddsRatioIsKeptHandExample) {
    // Seed (2 1 / 1 2), odds ratio 4; margins rows 3, 3 and columns 2, 4. With x11 = t the table is
    // (t, 3-t / 2-t, 1+t), and t (1+t) / ((3-t)(2-t)) = 4 gives t^2 - 7t + 8 = 0, t = (7 - sqrt 17)/2.
    const AreaSexAgeShape shape{2, 1, 2};
    const AreaSexAgeFit fit = fit_area_sex_age(shape, {2, 1, 1, 2}, {3, 3}, {2, 4}, {1e-12, 1000});
    ASSERT_TRUE(fit.converged()) << fit.error;
    const double t = (7.0 - std::sqrt(17.0)) / 2.0; // 1.43845
    EXPECT_NEAR(fit.fitted[0], t, 1e-11);
    EXPECT_NEAR(fit.fitted[1], 3 - t, 1e-11);
    EXPECT_NEAR(fit.fitted[2], 2 - t, 1e-11);
    EXPECT_NEAR(fit.fitted[3], 1 + t, 1e-11);
    EXPECT_LE(fit.max_margin_error, 1e-12);
    // Floors 1, 1, 0, 2; remainders .438 .562 .562 .438: the .562 cells get a person.
    const IntegerTable rounded = integerise_area_sex_age(shape, fit.fitted, {3, 3}, {2, 4});
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    EXPECT_EQ(rounded.counts, (std::vector<std::int64_t>{1, 2, 1, 2}));
}

TEST(IpfAreas, AugmentingPathPlacesWhatTheGreedyPassCannot) {
    // Three areas of 1 person, ages of 0, 1, 1, 1 persons; every remainder 0.5:
    //   area 0: ages 1 and 3; area 1: ages 2 and 3; area 2: ages 1 and 2.
    // By largest remainder (ties in index order) area 0 takes age 1 and area 1 age 2; area 2's ages
    // are then full while age 3 lacks its person. The path: area 2 takes age 1, area 0 gives it up
    // and takes age 3. Result: area 0 age 3, area 1 age 2, area 2 age 1.
    const AreaSexAgeShape shape{3, 1, 4};
    const std::vector<double> fitted{0, .5, 0, .5, 0, 0, .5, .5, 0, .5, .5, 0};
    const IntegerTable rounded = integerise_area_sex_age(shape, fitted, {1, 1, 1}, {0, 1, 1, 1});
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    EXPECT_EQ(rounded.counts, (std::vector<std::int64_t>{0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}));
    EXPECT_EQ(rounded.augmenting_paths, 1);
}

TEST(IpfAreas, TableThatAlreadyHasItsMarginsComesBackUnchanged) {
    const AreaSexAgeShape shape{3, 2, 4};
    const std::vector<std::int64_t> table{5,  0, 7, 1, 2, 9, 4, 4, 0, 3, 3, 8,
                                          11, 6, 2, 0, 1, 1, 1, 1, 7, 0, 0, 2};
    std::vector<std::int64_t> area_sex(6, 0), national(8, 0);
    for (int a = 0; a < 3; ++a)
        for (int s = 0; s < 2; ++s)
            for (int age = 0; age < 4; ++age) {
                area_sex[static_cast<std::size_t>(a * 2 + s)] += table[shape.index(a, s, age)];
                national[static_cast<std::size_t>(s * 4 + age)] += table[shape.index(a, s, age)];
            }
    const AreaSexAgeFit fit = fit_area_sex_age(shape, as_real(table), as_real(area_sex), as_real(national));
    ASSERT_TRUE(fit.converged()) << fit.error;
    EXPECT_EQ(fit.iterations, 1);
    EXPECT_EQ(fit.fitted, as_real(table)); // exactly: every scaling factor is 1
    const IntegerTable rounded = integerise_area_sex_age(shape, fit.fitted, area_sex, national);
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    EXPECT_EQ(rounded.counts, table);
    EXPECT_EQ(rounded.augmenting_paths, 0);
}

/// The Danish municipalities' 2013 totals by sex and the national table by sex and age.
struct DanishMargins {
    AreaSexAgeShape shape;
    std::vector<std::int64_t> area_sex;
    std::vector<std::int64_t> national;
    std::vector<std::string> names;
};

DanishMargins danish_margins() {
    DanishMargins margins;
    const AreaListRead areas = read_area_list(data_dir + "municipalities.csv");
    EXPECT_TRUE(areas.ok());
    const AreaPopulationRead totals =
        read_area_totals(data_dir + "municipal_population_2008_2013.csv", *areas.list, 2013);
    EXPECT_TRUE(totals.ok());
    // dk_population_jan1_2013.csv: year, sex, age, persons; ages 0..99, 99 = 99 and over.
    constexpr int ages = 100;
    margins.shape = {static_cast<int>(areas.list->areas.size()), 2, ages};
    for (const auto& area : totals.population->by_sex)
        margins.area_sex.insert(margins.area_sex.end(), area.begin(), area.end());
    for (const auto& area : areas.list->areas)
        margins.names.push_back(area.name);
    margins.national.assign(2 * ages, -1);
    std::ifstream file(data_dir + "dk_population_jan1_2013.csv");
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#' || line.rfind("year", 0) == 0)
            continue;
        std::stringstream row(line);
        std::string year, sex, age, persons;
        std::getline(row, year, ',');
        std::getline(row, sex, ',');
        std::getline(row, age, ',');
        std::getline(row, persons, ',');
        margins.national[static_cast<std::size_t>((sex == "male" ? 0 : 1) * ages + std::stoi(age))] =
            std::stoll(persons);
    }
    return margins;
}

TEST(IpfAreas, DanishMunicipalitiesWithAUniformSeedGetTheNationalAgeStructure) {
    const DanishMargins m = danish_margins();
    ASSERT_EQ(m.shape.areas, 99);
    const ConsistentNational national = consistent_national_margin(m.shape, m.area_sex, m.national);
    ASSERT_TRUE(national.ok()) << national.error;
    EXPECT_EQ(national.difference_by_sex, (std::vector<std::int64_t>{0, 0})); // the data's own check
    EXPECT_EQ(national.sex_age, m.national);

    const AreaSexAgeFit fit = fit_area_sex_age(m.shape, std::vector<double>(m.shape.size(), 1.0),
                                               as_real(m.area_sex), as_real(m.national));
    ASSERT_TRUE(fit.converged()) << fit.error;
    const std::array<double, 2> sex_total{2'778'852.0, 2'823'776.0};
    double worst = 0.0;
    for (int a = 0; a < m.shape.areas; ++a)
        for (int s = 0; s < 2; ++s)
            for (int age = 0; age < m.shape.ages; ++age) {
                const double independence =
                    static_cast<double>(m.area_sex[static_cast<std::size_t>(a * 2 + s)]) *
                    static_cast<double>(m.national[static_cast<std::size_t>(s * 100 + age)]) /
                    sex_total[static_cast<std::size_t>(s)];
                worst = std::max(worst, std::abs(fit.fitted[m.shape.index(a, s, age)] - independence) /
                                            std::max(1.0, independence));
            }
    EXPECT_LT(worst, 1e-12); // floating-point rounding only
}

TEST(IpfAreas, DanishMunicipalitiesWithTheUrbanAgeTiltReproduceBothMarginsExactly) {
    const DanishMargins m = danish_margins();
    std::vector<std::int64_t> persons;
    for (int a = 0; a < m.shape.areas; ++a)
        persons.push_back(m.area_sex[static_cast<std::size_t>(2 * a)] +
                          m.area_sex[static_cast<std::size_t>(2 * a + 1)]);
    const std::vector<double> urbanity = urbanity_from_population(persons);
    EXPECT_EQ(urbanity[0], 1.0); // København, the largest
    // Illustrative assumptions of the test, not defaults: young adults twice as concentrated in
    // the most urban municipality as in the least, the old 0.7 times.
    const UrbanAgeTilt tilt{{0, 20, 30, 65}, {1.0, 2.0, 1.0, 0.7}};
    const SeedTable seed = urban_age_tilt_seed(m.shape, urbanity, tilt);
    ASSERT_TRUE(seed.ok()) << seed.error;

    const AreaSexAgeFit fit =
        fit_area_sex_age(m.shape, seed.seed, as_real(m.area_sex), as_real(m.national), {1e-7, 1000});
    ASSERT_TRUE(fit.converged()) << fit.error;
    EXPECT_LE(fit.max_margin_error, 1e-7);
    EXPECT_GT(fit.iterations, 1);

    const IntegerTable rounded = integerise_area_sex_age(m.shape, fit.fitted, m.area_sex, m.national);
    ASSERT_TRUE(rounded.ok()) << rounded.error;
    std::vector<std::int64_t> area_sex(m.area_sex.size(), 0), national(m.national.size(), 0);
    for (int a = 0; a < m.shape.areas; ++a)
        for (int s = 0; s < 2; ++s)
            for (int age = 0; age < m.shape.ages; ++age) {
                const std::size_t k = m.shape.index(a, s, age);
                EXPECT_LT(std::abs(static_cast<double>(rounded.counts[k]) - fit.fitted[k]), 1.0) << k;
                area_sex[static_cast<std::size_t>(a * 2 + s)] += rounded.counts[k];
                national[static_cast<std::size_t>(s * 100 + age)] += rounded.counts[k];
            }
    EXPECT_EQ(area_sex, m.area_sex);
    EXPECT_EQ(national, m.national); // the areas sum to the national table

    // The seed did its work: with a uniform seed København's share aged 20-29 equals the national
    // one (12.2%, previous test); the tilt raises it (to 14.1% with these multipliers).
    double young = 0.0, all = 0.0, national_young = 0.0;
    for (int s = 0; s < 2; ++s)
        for (int age = 0; age < 100; ++age) {
            all += static_cast<double>(rounded.counts[m.shape.index(0, s, age)]);
            if (age >= 20 && age < 30) {
                young += static_cast<double>(rounded.counts[m.shape.index(0, s, age)]);
                national_young += static_cast<double>(m.national[static_cast<std::size_t>(s * 100 + age)]);
            }
        }
    EXPECT_GT(young / all, 1.1 * national_young / 5'602'628.0);
}

TEST(IpfAreas, NationalTableWithAnotherTotalIsScaledByLargestRemaindersAndTheDifferenceReported) {
    // Areas: 10 males; national males 1, 2, 3 (6): scaled x 10/6 = 1.667, 3.333, 5: floors 1, 3, 5
    // (9), the remaining person to the largest remainder, age 0 (.667). Females agree: unchanged.
    const AreaSexAgeShape shape{2, 2, 3};
    const ConsistentNational national = consistent_national_margin(shape, {4, 1, 6, 2}, {1, 2, 3, 0, 2, 1});
    ASSERT_TRUE(national.ok()) << national.error;
    EXPECT_EQ(national.sex_age, (std::vector<std::int64_t>{2, 3, 5, 0, 2, 1}));
    EXPECT_EQ(national.difference_by_sex, (std::vector<std::int64_t>{4, 0}));
}

TEST(IpfAreas, InconsistentOrInvalidInputsAreRefusedInWords) {
    const AreaSexAgeShape shape{2, 1, 2};
    EXPECT_EQ(fit_area_sex_age(shape, {1, 1, 1, 1}, {3, 7}, {4, 7}).outcome, IpfOutcome::invalid_input);
    EXPECT_EQ(fit_area_sex_age(shape, {1, -1, 1, 1}, {3, 7}, {4, 6}).outcome, IpfOutcome::invalid_input);
    EXPECT_EQ(fit_area_sex_age(shape, {1, 1, 1}, {3, 7}, {4, 6}).outcome, IpfOutcome::invalid_input);
    EXPECT_EQ(fit_area_sex_age(shape, {0, 0, 1, 1}, {3, 7}, {4, 6}).outcome, IpfOutcome::invalid_input);
    const AreaSexAgeFit capped = fit_area_sex_age(shape, {1, 2, 2, 1}, {5, 5}, {9, 1}, {1e-12, 2});
    EXPECT_EQ(capped.outcome, IpfOutcome::not_converged);
    EXPECT_GT(capped.max_margin_error, 1e-12);
    EXPECT_FALSE(integerise_area_sex_age(shape, {1.2, 1.8, 2.8, 4.2}, {3, 7}, {7, 3}).ok());
}

} // namespace
} // namespace migsim::stats
