// The labour market of the default scenario at full size against what its documents say
// (docs/model.md, "Labour market"; calibration/README.md, "Activity transitions"), over its first
// two years:
//  - after twelve months, the employment rate of 16-64-year-olds by sex and background is within
//    2 percentage points of the published rate the shifts were fitted to (Indvandrere i Danmark
//    2013, Tabel 2.5), and within 4 binomial standard errors of it beyond those 2 points;
//  - each cell's monthly probability of moving between employment, unemployment and inactivity is
//    the multinomial logit written out here from its definition (the flows' monthly matrix of the
//    sex with the cell's employment shift on the odds into and out of employment): the first
//    year's changes against that probability times the person-months the cell's persons spent in
//    the status at the start of each month (counted by an observer of the run), within 4 binomial
//    standard errors.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "calibration/activity_calibration.hpp"
#include "model/model.hpp"
#include "population/events.hpp"
#include "processes/labour.hpp"
#include "processes/labour_settings.hpp"
#include "support/run_outputs.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// Person-months by status at the start of each month of the first year, by background, sex and
/// age band (the age at the start of the month, as the month's pass reads it).
class Exposure final : public Observer {
public:
    void start(Month start, Population& present) override {
        first_ = start;
        present_ = &present;
    }
    void month_done(Month now) override {
        if (now + 1 < first_ + 12)
            count(now + 1); // the persons at the start of the next month
    }
    /// Counts the persons at the start of month `now` (called for the first month before the run).
    void count(Month now) {
        const ColumnLayout& layout = present_->persons.front().layout();
        const auto activity = layout.find<std::uint8_t>("labour.activity");
        const auto background = layout.find<std::uint8_t>("labour.background");
        for (const PersonTable& table : present_->persons)
            for (std::size_t i = 0; i < table.size(); ++i) {
                const int band = Labour::band_of(age_in_years(now, table.at(core.birth, i)));
                const int status = table.at(activity, i);
                if (band < 0 || band >= n_labour_bands || status >= n_labour_statuses)
                    continue;
                ++months[static_cast<std::size_t>(
                    ((status * n_backgrounds + table.at(background, i)) * n_sexes + table.at(core.sex, i)) *
                        n_labour_bands +
                    band)];
            }
    }
    std::array<double, std::size_t{n_labour_statuses} * n_backgrounds * n_sexes * n_labour_bands> months{};

private:
    Month first_ = 0;
    Population* present_ = nullptr;
};

struct LabourRun {
    Scenario scenario;
    RunResults results;
    std::vector<std::int32_t> population;  ///< year, activity, background, years, sex, age
    std::vector<std::int32_t> transitions; ///< year, from, to, background, sex, age group
    Exposure exposure;
};

const LabourRun& two_years() {
    static LabourRun run = [] {
        LabourRun r{
            testing::scenario_with_overrides(testing::baseline_path(), {"run.months=24"}), {}, {}, {}, {}};
        return r;
    }();
    static const bool ran = [] {
        Model model(run.scenario, 2, {&run.exposure});
        run.exposure.count(run.scenario.run.start);
        run.results = model.run();
        run.population = testing::output_values(run.results, "/truth/labour", "population");
        run.transitions = testing::output_values(run.results, "/truth/labour/transitions", "transitions");
        return true;
    }();
    (void)ran;
    return run;
}

/// Persons on 1 January of `year` by activity, of one sex and background, at ages first..last.
std::array<double, n_activities> stock(const LabourRun& run, int year, int background, int sex, int first,
                                       int last) {
    std::array<double, n_activities> by_activity{};
    for (int a = 0; a < n_activities; ++a)
        for (int d = 0; d < n_residence_durations; ++d)
            for (int age = first; age <= last; ++age)
                by_activity[static_cast<std::size_t>(a)] += run.population[static_cast<std::size_t>(
                    ((((year * n_activities + a) * n_backgrounds + background) * n_residence_durations + d) *
                         n_sexes +
                     sex) *
                        n_ages +
                    age)];
    return by_activity;
}

TEST(LabourCalibration, AfterAYearTheEmploymentRatesAreThePublishedOnesWithinTwoPoints) {
    const LabourRun& run = two_years();
    const EmploymentBySex level =
        read_employment_by_sex(MIGSIM_SOURCE_DIR "/scenarios/data/dk_employment_rate_by_origin_2012.csv");
    ASSERT_TRUE(level.ok());
    std::printf("employment rate of 16-64-year-olds on 1 January after 12 months, simulated / published:\n");
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int b = 0; b < n_backgrounds; ++b) {
            const auto persons = stock(run, 1, b, sex, working_age_first, working_age_end - 1);
            const double n = persons[0] + persons[1] + persons[2] + persons[3];
            const double rate = persons[0] / n;
            const double target = level.rate[static_cast<std::size_t>(b)][static_cast<std::size_t>(sex)];
            const double se = std::sqrt(target * (1 - target) / n);
            std::printf("  %-6s %-24s %7.0f persons  %5.1f %% / %4.1f %%  (SE %.2f)\n", sex_names[sex],
                        background_names[static_cast<std::size_t>(b)], n, 100 * rate, 100 * target, 100 * se);
            EXPECT_LT(std::abs(rate - target), 0.02 + 4 * se) << sex_names[sex] << " " << background_names[b];
            // The large groups are measured well inside the 2 points.
            if (n > 100000) {
                EXPECT_LT(std::abs(rate - target), 0.02) << sex_names[sex] << " " << background_names[b];
            }
        }
}

/// The monthly probability of moving from `from` to `to` (0 employment, 1 unemployment, 2
/// inactivity) with the employment shift `shift`, from the definition: the odds of each move
/// against staying are the flows' times exp(shift) into employment and exp(-shift) out of it.
double moving(const LabourSettings& s, int sex, double shift, int from, int to) {
    const auto& m = s.monthly[static_cast<std::size_t>(sex)][static_cast<std::size_t>(from)];
    double odds_sum = 1.0, odds_to = 0.0;
    for (int j = 0; j < n_labour_statuses; ++j) {
        if (j == from)
            continue;
        const double odds = m[static_cast<std::size_t>(j)] / m[static_cast<std::size_t>(from)] *
                            std::exp(shift * ((j == 0 ? 1 : 0) - (from == 0 ? 1 : 0)));
        odds_sum += odds;
        if (j == to)
            odds_to = odds;
    }
    return odds_to / odds_sum;
}

TEST(LabourCalibration, EachCellMovesWithItsMultinomialLogitProbabilities) {
    const LabourRun& run = two_years();
    const auto& settings = run.scenario.settings<LabourSettings>();
    int checked = 0;
    double worst = 0.0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int b = 0; b < n_backgrounds; ++b)
            for (int band = 0; band < n_labour_bands; ++band) {
                const double shift =
                    settings.shift[static_cast<std::size_t>(sex)][static_cast<std::size_t>(b)]
                                  [static_cast<std::size_t>(band)];
                for (int from = 0; from < n_labour_statuses; ++from) {
                    const double person_months = run.exposure.months[static_cast<std::size_t>(
                        ((from * n_backgrounds + b) * n_sexes + sex) * n_labour_bands + band)];
                    for (int to = 0; to < n_labour_statuses; ++to) {
                        if (to == from)
                            continue;
                        const double changes = run.transitions[static_cast<std::size_t>(
                            (((from * n_activities + to) * n_backgrounds + b) * n_sexes + sex) *
                                n_labour_age_groups +
                            band + 1)];
                        const double p = moving(settings, sex, shift, from, to);
                        const double expected = p * person_months;
                        if (expected < 10)
                            continue;
                        const double z = (changes - expected) / std::sqrt(expected * (1 - p));
                        worst = std::max(worst, std::abs(z));
                        ++checked;
                        EXPECT_LT(std::abs(z), 4.0)
                            << sex_names[sex] << " " << background_names[static_cast<std::size_t>(b)] << " "
                            << labour_band_names[static_cast<std::size_t>(band)] << " " << from << " -> "
                            << to << ": " << changes << " changes, expected " << expected;
                    }
                }
            }
    std::printf("%d cells' moves checked; largest |z| %.2f\n", checked, worst);
    EXPECT_GT(checked, 170);
}

} // namespace
} // namespace migsim
