// links: migsim_calibration
// The Lee-Carter fit (calibration/lee_carter.hpp) on the Danish death rates 1974-2012 by sex and
// single year of age 0-99 (scenarios/data/dk_mortality_1974_2012.csv):
//  - normalisation (sum b = 1, sum k = 0) and the second stage (fitted deaths = observed deaths in
//    every year);
//  - the fitted 2012 rates give the period life expectancy at birth of the observed 2012 rates
//    (78.06 males, 82.03 females; /work/shared/data/README.md) within 0.1 years. The life table is
//    computed here from its definition (constant hazard within each year of age, open interval at
//    99+), and checked on the observed rates first. Without the second stage the fit is 0.2 years
//    (males) and 0.25 years (females) short;
//  - e0 rises in every year of the projection 2013-2040, and the drift of k is negative (more than
//    twice its standard error);
//  - log rates that are exactly a + b k are recovered exactly;
//  - the committed parameter files are this fit.
#include <cmath>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "calibration/lee_carter_tables.hpp"

namespace migsim {
namespace {

const std::string data_path = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/dk_mortality_1974_2012.csv";
constexpr int open_age = 99;

/// Period life expectancy at birth: l(x+1) = l(x) exp(-m_x), L_x = l(x) (1 - exp(-m_x)) / m_x,
/// L_99+ = l(99) / m_99+, e0 = sum L_x (l(0) = 1).
double life_expectancy_at_birth(const Eigen::VectorXd& m) {
    double survivors = 1.0;
    double years_lived = 0.0;
    for (Eigen::Index x = 0; x < open_age; ++x) {
        years_lived += m(x) > 0.0 ? survivors * -std::expm1(-m(x)) / m(x) : survivors;
        survivors *= std::exp(-m(x));
    }
    return years_lived + survivors / m(open_age);
}

const DeathsAndExposureBySex& danish_data() {
    static const DeathsAndExposureBySex data = read_deaths_and_exposure(data_path, open_age);
    return data;
}

const LeeCarterFitBySex& danish_fits() {
    static const LeeCarterFitBySex fits = [] {
        LeeCarterFitBySex f;
        for (std::size_t s = 0; s < n_sexes; ++s)
            f[s] = fit_lee_carter(danish_data().by_sex[s]);
        return f;
    }();
    return fits;
}

constexpr double published_e0_2012[n_sexes] = {78.06, 82.03};

TEST(LeeCarter, DanishDataAreReadWhole) {
    const DeathsAndExposureBySex& data = danish_data();
    ASSERT_TRUE(data.ok()) << data.problems.front();
    for (const DeathsAndExposure& sex : data.by_sex) {
        EXPECT_EQ(sex.first_year, 1974);
        EXPECT_EQ(sex.last_year(), 2012);
        EXPECT_EQ(sex.last_age(), open_age);
    }
}

TEST(LeeCarter, LifeTableOfTheObserved2012RatesIsThePublishedOne) {
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const DeathsAndExposure& data = danish_data().by_sex[s];
        const Eigen::VectorXd observed =
            data.deaths.col(2012 - 1974).cwiseQuotient(data.person_years.col(2012 - 1974));
        EXPECT_NEAR(life_expectancy_at_birth(observed), published_e0_2012[s], 0.005) << sex_names[s];
    }
}

TEST(LeeCarter, NormalisedAndReproducingEachYearsDeaths) {
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const LeeCarterFit& fit = danish_fits()[s];
        const DeathsAndExposure& data = danish_data().by_sex[s];
        ASSERT_TRUE(fit.ok()) << fit.error;
        EXPECT_NEAR(fit.b.sum(), 1.0, 1e-12);
        EXPECT_NEAR(fit.k.sum(), 0.0, 1e-9);
        EXPECT_NEAR(fit.first_stage_k.sum(), 0.0, 1e-9);
        for (int year = fit.first_year; year <= fit.last_year(); ++year) {
            const Eigen::Index t = year - fit.first_year;
            const double fitted = fit.rates(year).dot(data.person_years.col(t));
            EXPECT_NEAR(fitted, data.deaths.col(t).sum(), 1e-9 * fitted) << sex_names[s] << " " << year;
        }
    }
}

TEST(LeeCarter, Fitted2012RatesGiveThePeriodLifeExpectancyWithinATenthOfAYear) {
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const double e0 = life_expectancy_at_birth(danish_fits()[s].rates(2012));
        EXPECT_NEAR(e0, published_e0_2012[s], 0.1) << sex_names[s];
        std::printf("%s: e0 2012 fitted %.3f, published %.2f\n", sex_names[s], e0, published_e0_2012[s]);
    }
}

TEST(LeeCarter, LifeExpectancyRisesInEveryYearOfTheProjection) {
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const LeeCarterFit& fit = danish_fits()[s];
        double previous = life_expectancy_at_birth(fit.rates(2012));
        for (int year = 2013; year <= 2040; ++year) {
            const double e0 = life_expectancy_at_birth(fit.rates(year));
            EXPECT_GT(e0, previous) << sex_names[s] << " " << year;
            previous = e0;
        }
        std::printf("%s: e0 2020 %.2f, 2030 %.2f, 2040 %.2f\n", sex_names[s],
                    life_expectancy_at_birth(fit.rates(2020)), life_expectancy_at_birth(fit.rates(2030)),
                    previous);
    }
}

TEST(LeeCarter, DriftIsNegativeByMoreThanTwoStandardErrors) {
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const LeeCarterFit& fit = danish_fits()[s];
        EXPECT_LT(fit.drift, -2.0 * fit.drift_se) << sex_names[s];
        std::printf("%s: drift %.4f (SE %.4f), innovation SD %.4f, explained variance %.3f\n", sex_names[s],
                    fit.drift, fit.drift_se, fit.innovation_sd, fit.explained_variance);
    }
}

TEST(LeeCarter, ProjectionStandardErrorFollowsTheRandomWalk) {
    const LeeCarterFit& fit = danish_fits()[0];
    EXPECT_EQ(fit.k_standard_error(2012), 0.0);
    const double one_year = fit.k_standard_error(2013);
    EXPECT_NEAR(one_year * one_year, fit.innovation_sd * fit.innovation_sd + fit.drift_se * fit.drift_se,
                1e-12);
    const double ten_years = fit.k_standard_error(2022);
    EXPECT_NEAR(ten_years * ten_years,
                10 * fit.innovation_sd * fit.innovation_sd + 100 * fit.drift_se * fit.drift_se, 1e-9);
    EXPECT_NEAR(fit.k_at(2022), fit.k(fit.k.size() - 1) + 10 * fit.drift, 1e-12);
    EXPECT_THROW(fit.k_at(1973), std::invalid_argument);
}

TEST(LeeCarter, ExactRankOneLogRatesAreRecoveredExactly) {
    // a: a Gompertz-like age pattern; b: positive, summing to 1; k: a centred linear decline with
    // a wiggle. Deaths = person-years x exp(a + b k), not rounded.
    DeathsAndExposure data;
    data.first_year = 2000;
    const int ages = 30;
    const int years = 12;
    Eigen::VectorXd a(ages), b(ages), k(years);
    for (int x = 0; x < ages; ++x) {
        a(x) = -8.0 + 0.09 * x;
        b(x) = 1.0 + 0.5 * std::sin(0.3 * x);
    }
    b /= b.sum();
    for (int t = 0; t < years; ++t)
        k(t) = -1.5 * t + std::cos(t);
    k.array() -= k.mean();
    data.person_years = Eigen::MatrixXd::Constant(ages, years, 1e5);
    data.deaths =
        data.person_years.array() * ((a * Eigen::RowVectorXd::Ones(years)) + b * k.transpose()).array().exp();
    const LeeCarterFit fit = fit_lee_carter(data);
    ASSERT_TRUE(fit.ok()) << fit.error;
    EXPECT_LT((fit.a - a).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LT((fit.b - b).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LT((fit.k - k).cwiseAbs().maxCoeff(), 1e-9);
    EXPECT_NEAR(fit.explained_variance, 1.0, 1e-12);
    EXPECT_NEAR(fit.drift, (k(years - 1) - k(0)) / (years - 1), 1e-10);
}

/// Rows of a committed CSV, comment lines skipped, split at commas.
std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<std::string> cells;
        std::stringstream cells_of(line);
        std::string cell;
        while (std::getline(cells_of, cell, ','))
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

TEST(LeeCarter, CommittedParameterFilesAreThisFit) {
    const std::string folder = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/";
    const auto committed_ab = csv_rows(folder + "dk_mortality_lee_carter.csv");
    ASSERT_EQ(committed_ab.size(), 1u + n_sexes * (open_age + 1));
    EXPECT_EQ(committed_ab[0], (std::vector<std::string>{"sex", "age", "a", "b"}));
    const auto committed_k = csv_rows(folder + "dk_mortality_lee_carter_k.csv");
    ASSERT_EQ(committed_k.size(), 1u + n_sexes * 39);
    EXPECT_EQ(committed_k[0],
              (std::vector<std::string>{"sex", "year", "k", "drift", "drift_se", "innovation_sd"}));
    for (std::size_t s = 0; s < n_sexes; ++s) {
        const LeeCarterFit& fit = danish_fits()[s];
        for (int x = 0; x <= open_age; ++x) {
            const auto& row = committed_ab[1 + s * (open_age + 1) + static_cast<std::size_t>(x)];
            ASSERT_EQ(row[0], sex_names[s]);
            ASSERT_EQ(std::stoi(row[1]), x);
            EXPECT_NEAR(std::stod(row[2]), fit.a(x), 1e-8 * std::abs(fit.a(x))) << sex_names[s] << " " << x;
            EXPECT_NEAR(std::stod(row[3]), fit.b(x), 1e-8 * std::abs(fit.b(x))) << sex_names[s] << " " << x;
        }
        for (int t = 0; t < 39; ++t) {
            const auto& row = committed_k[1 + s * 39 + static_cast<std::size_t>(t)];
            ASSERT_EQ(row[0], sex_names[s]);
            ASSERT_EQ(std::stoi(row[1]), 1974 + t);
            EXPECT_NEAR(std::stod(row[2]), fit.k(t), 1e-8 * (1.0 + std::abs(fit.k(t))));
            EXPECT_NEAR(std::stod(row[3]), fit.drift, 1e-8);
            EXPECT_NEAR(std::stod(row[4]), fit.drift_se, 1e-8);
        }
    }
}

TEST(LeeCarter, ProjectedTableHoldsTheCentralPathAndItsBand) {
    const std::string path = ::testing::TempDir() + "lee_carter_projection.csv";
    ASSERT_EQ(write_text_file(path, projected_rates_csv(danish_fits(), 2012, 2013)), "");
    const auto rows = csv_rows(path);
    ASSERT_EQ(rows.size(), 1u + 2 * n_sexes * (open_age + 1));
    EXPECT_EQ(rows[0], (std::vector<std::string>{"year", "sex", "age", "rate", "rate_low", "rate_high"}));
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const int year = std::stoi(rows[r][0]);
        const std::size_t sex = rows[r][1] == "male" ? 0 : 1;
        const int age = std::stoi(rows[r][2]);
        const double rate = std::stod(rows[r][3]);
        EXPECT_NEAR(rate, danish_fits()[sex].rates(year)(age), 1e-9 * rate);
        if (year == 2012 || danish_fits()[sex].b(age) < 0.0)
            continue;
        EXPECT_LT(std::stod(rows[r][4]), rate);
        EXPECT_GT(std::stod(rows[r][5]), rate);
    }
}

/// A 3-year, ages 0..2 table with one row left out or one row without person-years.
std::string small_table(bool leave_out_a_row, bool row_without_person_years) {
    const std::string path =
        ::testing::TempDir() + "lee_carter_bad_" + std::to_string(leave_out_a_row) + ".csv";
    std::ofstream out(path);
    out << "year,sex,age,deaths,person_years,rate_per_1000\n";
    for (int year : {2000, 2001, 2002})
        for (const char* sex : {"male", "female"})
            for (int age = 0; age <= 2; ++age) {
                const bool chosen = year == 2001 && age == 1 && sex[0] == 'f';
                if (chosen && leave_out_a_row)
                    continue;
                out << year << "," << sex << "," << age << ",3,"
                    << (chosen && row_without_person_years ? 0 : 100) << ",30\n";
            }
    return path;
}

std::string joined(const std::vector<std::string>& problems) {
    std::string all;
    for (const auto& problem : problems)
        all += problem + "\n";
    return all;
}

TEST(LeeCarter, BadTablesAreReportedWithFileAndLine) {
    const std::string good = small_table(false, false);
    EXPECT_TRUE(read_deaths_and_exposure(good, 2).ok()) << joined(read_deaths_and_exposure(good, 2).problems);

    const std::string missing = small_table(true, false);
    const DeathsAndExposureBySex without_row = read_deaths_and_exposure(missing, 2);
    ASSERT_FALSE(without_row.ok());
    EXPECT_NE(joined(without_row.problems).find(missing), std::string::npos) << joined(without_row.problems);
    EXPECT_NE(joined(without_row.problems).find("female"), std::string::npos) << joined(without_row.problems);

    // The row of 2001, female, age 1 is line 1 + 6 (2000) + 3 (2001, male) + 2 = 12.
    const std::string no_exposure = small_table(false, true);
    const DeathsAndExposureBySex without_exposure = read_deaths_and_exposure(no_exposure, 2);
    ASSERT_FALSE(without_exposure.ok());
    EXPECT_NE(joined(without_exposure.problems).find(no_exposure + ":12: person_years"), std::string::npos)
        << joined(without_exposure.problems);

    const LeeCarterFit fit =
        fit_lee_carter(DeathsAndExposure{2000, 0, Eigen::MatrixXd::Ones(3, 3), Eigen::MatrixXd::Zero(3, 3)});
    EXPECT_FALSE(fit.ok());
    EXPECT_NE(fit.error.find("person-years"), std::string::npos) << fit.error;
}

} // namespace
} // namespace migsim
