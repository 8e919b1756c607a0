// links: migsim_calibration
// The activity transitions calibrated to published employment rates: the shift's definition on the
// odds, the stationary share against the Markov chain tree theorem, the levelling of the age shape,
// the filling of unpublished bands, the tables' checks, and Denmark's every cell.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "calibration/activity_calibration.hpp"
#include "calibration/labour_flows.hpp"

namespace migsim {
namespace {

double logit(double p) {
    return std::log(p / (1.0 - p));
}

/// The monthly matrices of men and women, 2012-2014 (calibration/README.md).
std::array<Eigen::Matrix3d, 2> danish_monthly() {
    const LabourFlows flows =
        read_labour_flows(MIGSIM_SOURCE_DIR "/scenarios/data/dk_lfs_flows_quarterly.csv");
    EXPECT_TRUE(flows.ok());
    std::array<Eigen::Matrix3d, 2> monthly;
    for (int sex = 0; sex < 2; ++sex)
        monthly[static_cast<std::size_t>(sex)] =
            monthly_matrix(pooled_quarterly_matrix(flows, sex + 1, 4 * 2012, 4 * 2014 + 3)).transition;
    return monthly;
}

/// The stationary share employed by the Markov chain tree theorem (Freidlin & Wentzell; for three
/// states each state's weight is the sum over the three trees directed to it of their edges'
/// probabilities): a formula independent of the linear solve the library uses.
double employed_by_trees(const Eigen::Matrix3d& p) {
    const double to_e = p(1, 0) * p(2, 0) + p(1, 2) * p(2, 0) + p(2, 1) * p(1, 0);
    const double to_u = p(0, 1) * p(2, 1) + p(0, 2) * p(2, 1) + p(2, 0) * p(0, 1);
    const double to_i = p(0, 2) * p(1, 2) + p(0, 1) * p(1, 2) + p(1, 0) * p(0, 2);
    return to_e / (to_e + to_u + to_i);
}

TEST(ActivityCalibration, TheShiftMultipliesTheOddsOfMovesIntoAndOutOfEmployment) {
    const Eigen::Matrix3d base = danish_monthly()[0];
    const double shift = 0.7;
    const Eigen::Matrix3d shifted = shift_employment(base, shift);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(shifted.row(i).sum(), 1.0, 1e-15);
        for (int j = 0; j < 3; ++j) {
            if (j == i)
                continue;
            // Into employment: odds times e^shift; out of it: times e^-shift; between unemployment
            // and inactivity: unchanged.
            const double expected = (j == 0 ? shift : 0.0) - (i == 0 ? shift : 0.0);
            EXPECT_NEAR(std::log(shifted(i, j) / shifted(i, i)) - std::log(base(i, j) / base(i, i)), expected,
                        1e-12)
                << i << " -> " << j;
        }
    }
    EXPECT_LT((shift_employment(base, 0.0) - base).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(ActivityCalibration, TheFittedShiftGivesTheTargetAsTheChainsStationaryShare) {
    const std::array<Eigen::Matrix3d, 2> monthly = danish_monthly();
    for (const Eigen::Matrix3d& base : monthly) {
        // The share rises with the shift, so the bisection is sound.
        double before = 0.0;
        for (double shift = -6.0; shift <= 6.0; shift += 0.5) {
            const double share = employed_by_trees(shift_employment(base, shift));
            EXPECT_GT(share, before) << shift;
            before = share;
        }
        EXPECT_NEAR(stationary_employment(base), employed_by_trees(base), 1e-14);
        for (const double target : {0.05, 0.3, 0.55, 0.75, 0.9, 0.98}) {
            const EmploymentShift fit = fit_employment_shift(base, target);
            ASSERT_TRUE(fit.converged) << fit.error;
            EXPECT_NEAR(employed_by_trees(shift_employment(base, fit.shift)), target, 1e-11) << target;
        }
    }
    EXPECT_FALSE(fit_employment_shift(monthly[0], 1.0).converged);
    EXPECT_FALSE(fit_employment_shift(monthly[0], 1.0 - 1e-15).converged); // beyond a shift of 20
}

TEST(ActivityCalibration, TheLevelKeepsTheShapesLogOddsAndReachesTheWeightedMean) {
    // Equal rates and weights: every band takes the level.
    std::array<double, n_employment_bands> half{};
    half.fill(0.5);
    std::array<double, n_employment_bands> ones{};
    ones.fill(1.0);
    const LeveledRates flat = level_shape(half, ones, 0.6);
    ASSERT_TRUE(flat.converged);
    for (const double rate : flat.rate)
        EXPECT_NEAR(rate, 0.6, 1e-12);
    EXPECT_NEAR(flat.offset, logit(0.6), 1e-10);
    // An uneven shape and weights: the mean by persons is the level, the log-odds between bands stay.
    const std::array<double, n_employment_bands> shape = {0.4, 0.7, 0.8, 0.85, 0.75, 0.45};
    const std::array<double, n_employment_bands> persons = {600, 300, 700, 800, 700, 300};
    const LeveledRates leveled = level_shape(shape, persons, 0.72);
    ASSERT_TRUE(leveled.converged);
    double mean = 0.0;
    for (std::size_t b = 0; b < n_employment_bands; ++b)
        mean += persons[b] * leveled.rate[b] / 3400.0;
    EXPECT_NEAR(mean, 0.72, 1e-12);
    for (std::size_t b = 1; b < n_employment_bands; ++b)
        EXPECT_NEAR(logit(leveled.rate[b]) - logit(leveled.rate[b - 1]),
                    logit(shape[b]) - logit(shape[b - 1]), 1e-10);
    EXPECT_THROW(level_shape(shape, {}, 0.5), std::invalid_argument);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(ActivityCalibration, UnpublishedBandsFollowTheDanishShape) {
    const EmploymentByAge shape =
        read_employment_by_age(MIGSIM_SOURCE_DIR "/scenarios/data/dk_employment_rate_by_age_origin_2010.csv");
    ASSERT_TRUE(shape.ok()) << shape.problems.front();
    EXPECT_DOUBLE_EQ(shape.rate[0][2], 0.844);
    // Descendants of non-Western origin: published to 30-39 (70.1 %), then Danish origin's steps.
    const auto completed = completed_shape(shape, 2);
    EXPECT_DOUBLE_EQ(completed[2], 0.701);
    const double forties = 1.0 / (1.0 + std::exp(-(logit(0.701) + logit(0.842) - logit(0.844))));
    EXPECT_NEAR(completed[3], forties, 1e-14);
    EXPECT_NEAR(logit(completed[5]) - logit(completed[4]), logit(0.542) - logit(0.806), 1e-12);
    // Descendants of Western origin lack only 60-64.
    EXPECT_DOUBLE_EQ(completed_shape(shape, 1)[4], 0.75);
}

TEST(ActivityCalibration, EveryMistakeOfTheTablesIsReportedWithItsLineAndColumn) {
    const std::string header = "origin,age_band,employment_rate_percent\n";
    const EmploymentByAge shape = parse_employment_by_age(header + "danish_origin,16-24,58.1\n"
                                                                   "danish,25-29,76\n"
                                                                   "danish_origin,25-30,76\n"
                                                                   "danish_origin,30-39,104\n"
                                                                   "danish_origin,16-24,58\n"
                                                                   "danish_origin,40-49\n",
                                                          "shape.csv");
    const std::vector<std::string> expected = {
        "shape.csv:3: origin: 'danish'; expected danish_origin, descendants_western, "
        "descendants_non_western, immigrants_western or immigrants_non_western",
        "shape.csv:4: age_band: '25-30'; expected 16-24, 25-29, 30-39, 40-49, 50-59 or 60-64",
        "shape.csv:5: employment_rate_percent: '104' is not a percentage above 0 and below 100",
        "shape.csv:6: row: danish_origin, 16-24 is already on line 2",
        "shape.csv:7: row: 2 fields; expected 3",
    };
    EXPECT_EQ(shape.problems, expected);
    // A table read without a mistake still needs every group's first band and every Danish band.
    const EmploymentByAge partial = parse_employment_by_age(header + "danish_origin,16-24,58.1\n", "p.csv");
    ASSERT_FALSE(partial.ok());
    EXPECT_EQ(partial.problems.front(),
              "p.csv: origin: descendants_western has no row for its first age band, 16-24");
    const EmploymentBySex level = parse_employment_by_sex(
        "origin,sex,persons_16_64,employment_rate_percent\ndanish_origin,men,1.5e6,75\n", "level.csv");
    ASSERT_EQ(level.problems.size(), 1u);
    EXPECT_EQ(level.problems.front(), "level.csv:2: persons_16_64: '1.5e6' is not a whole number >= 0");
    EXPECT_FALSE(read_employment_by_sex(MIGSIM_SOURCE_DIR "/no_such_file.csv").ok());
}

/// Denmark's persons aged 16-64 on 1 January 2013 by sex and age band (all origins together).
std::array<std::array<double, n_employment_bands>, 2> danish_persons() {
    std::array<std::array<double, n_employment_bands>, 2> persons{};
    std::istringstream lines(read_text(MIGSIM_SOURCE_DIR "/scenarios/data/dk_population_jan1_2013.csv"));
    std::string line;
    while (std::getline(lines, line)) {
        int year = 0, age = 0;
        char sex[16] = {};
        double count = 0.0;
        if (std::sscanf(line.c_str(), "%d,%15[a-z],%d,%lf", &year, sex, &age, &count) != 4)
            continue;
        for (std::size_t b = 0; b < n_employment_bands; ++b)
            if (age >= employment_band_edges[b] && age < employment_band_edges[b + 1])
                persons[std::string(sex) == "female" ? 1 : 0][b] += count;
    }
    return persons;
}

TEST(ActivityCalibration, DenmarksEveryCellReachesItsTarget) {
    const EmploymentByAge shape =
        read_employment_by_age(MIGSIM_SOURCE_DIR "/scenarios/data/dk_employment_rate_by_age_origin_2010.csv");
    const EmploymentBySex level =
        read_employment_by_sex(MIGSIM_SOURCE_DIR "/scenarios/data/dk_employment_rate_by_origin_2012.csv");
    ASSERT_TRUE(shape.ok()) << shape.problems.front();
    ASSERT_TRUE(level.ok()) << level.problems.front();
    EXPECT_DOUBLE_EQ(level.rate[4][1], 0.44); // immigrants from non-Western countries, women
    const auto by_age = danish_persons();
    PersonsByCell persons;
    for (std::size_t sex = 0; sex < 2; ++sex)
        persons[sex].fill(by_age[sex]);
    const std::array<Eigen::Matrix3d, 2> monthly = danish_monthly();
    const ActivityCalibration calibration = calibrate_activity(monthly, shape, level, persons);
    ASSERT_TRUE(calibration.ok()) << calibration.problems.front();
    ASSERT_EQ(calibration.cells.size(), 2 * n_employment_groups * n_employment_bands);
    std::printf("employment rate targets and shifts by sex, origin and age band:\n");
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (std::size_t group = 0; group < n_employment_groups; ++group) {
            double mean = 0.0, total = 0.0;
            std::printf("  %-5s %-24s", std::string(employment_sexes[sex]).c_str(),
                        std::string(employment_origin_groups[group]).c_str());
            for (std::size_t band = 0; band < n_employment_bands; ++band) {
                const ActivityCell& cell = calibration.cell(sex, group, band);
                EXPECT_NEAR(employed_by_trees(shift_employment(monthly[sex], cell.shift)), cell.target,
                            1e-11);
                mean += persons[sex][group][band] * cell.target;
                total += persons[sex][group][band];
                std::printf(" %5.1f%% %+6.3f", 100 * cell.target, cell.shift);
            }
            std::printf("\n");
            EXPECT_NEAR(mean / total, level.rate[group][sex], 1e-11);
        }
    // Danish-origin men: the published shape, moved to the 2012 level (75 %), keeps its peak in 30-39.
    EXPECT_GT(calibration.cell(0, 0, 2).target, calibration.cell(0, 0, 0).target);
    EXPECT_GT(calibration.cell(0, 0, 2).target, calibration.cell(0, 0, 5).target);
}

TEST(ActivityCalibration, TheCommittedShiftsAreTheFitOfTheCommittedTables) {
    const ActivityInputs inputs = read_activity_inputs(MIGSIM_SOURCE_DIR "/scenarios/data");
    ASSERT_TRUE(inputs.ok()) << inputs.problems.front();
    // The weights: Danish origin is most of every band; descendants are young, immigrants middle-aged.
    const auto& men = inputs.persons[0];
    EXPECT_GT(men[0][2], 4 * men[3][2]);
    EXPECT_EQ(men[3][2], men[4][2]); // Western and non-Western: the same ages
    EXPECT_GT(men[1][0] / men[1][5], men[0][0] / men[0][5]);
    const ActivityCalibration calibration = calibrate_activity(inputs);
    ASSERT_TRUE(calibration.ok()) << calibration.problems.front();
    const std::string committed = read_text(MIGSIM_SOURCE_DIR "/scenarios/data/dk_activity_shifts.csv");
    const std::size_t header = committed.find("sex,background");
    ASSERT_NE(header, std::string::npos);
    const char* refit = "refit with: build/calibration/fit_activity_shifts scenarios/data";
    EXPECT_EQ(committed.substr(header), activity_shifts_csv(calibration)) << refit;
    const std::string monthly = read_text(MIGSIM_SOURCE_DIR "/scenarios/data/dk_activity_monthly.csv");
    const std::size_t monthly_header = monthly.find("sex,from");
    ASSERT_NE(monthly_header, std::string::npos);
    EXPECT_EQ(monthly.substr(monthly_header), activity_monthly_csv(inputs.monthly)) << refit;
}

} // namespace
} // namespace migsim
