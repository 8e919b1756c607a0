// The engine against a deterministic cohort-component projection of the same inputs.
//
// The projection, written here with Eigen and independent of the engine's code, starts from the
// engine's own base population (by sex, age in months and months since arrival) and applies the
// scenario's hazards month by month with the same conventions: competing death, emigration and
// internal move converted with p_k = h_k/H (1 - exp(-H/12)); births to women who neither die nor
// emigrate with probability rate/12; arrivals at their scheduled monthly numbers and the input
// age-sex profile; an abroad pool by sex, age, birthplace and months abroad, with deaths abroad,
// returns and pruning after max_years_abroad.
//
// After ten years the simulated population by sex and five-year age group must agree with the
// projection within 4 standard errors. Each simulated count is a sum of (nearly) independent
// indicators - survival, a birth, a return - whose variance is at most its mean, so the
// standard error is taken as sqrt(expected count).
#include <cmath>

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/immigration.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

constexpr int max_age_months = 125 * 12;   // oldest age followed by the projection
constexpr int arrival_months_tracked = 60; // months since arrival: 60 and over stay in the last cell

struct Risks {
    double death;
    double emigration;
};

Risks monthly_risks(double death, double emigration, double internal) {
    const double total = death + emigration + internal;
    if (total <= 0)
        return {0, 0};
    const double any = -std::expm1(-total / 12.0);
    return {death / total * any, emigration / total * any};
}

int years_of(int age_months) {
    return std::min(age_months / 12, oldest_age);
}

class Projection {
public:
    explicit Projection(const Scenario& s) : s_(s), max_abroad_(s.returns.max_years_abroad * 12) {
        for (int sex = 0; sex < n_sexes; ++sex) {
            native_[sex] = Eigen::ArrayXd::Zero(max_age_months + 1);
            foreign_[sex] = Eigen::ArrayXXd::Zero(max_age_months + 1, arrival_months_tracked + 1);
            for (int bp = 0; bp < n_birthplaces; ++bp)
                abroad_[sex][bp] = Eigen::ArrayXXd::Zero(max_age_months + 1, max_abroad_ + 1);
        }
    }

    void add_person(const PersonRecord& p, Month now) {
        const int age = std::min(now - p.birth, max_age_months);
        if (p.origin == native_born)
            native_[p.sex](age) += 1;
        else
            foreign_[p.sex](age, std::min(now - p.latest_arrival, arrival_months_tracked)) += 1;
    }

    /// One month: the state at the start of `now` becomes the state at the start of now + 1.
    void step(Month now, const Immigration& immigration) {
        std::array<Eigen::ArrayXd, n_sexes> next_native;
        std::array<Eigen::ArrayXXd, n_sexes> next_foreign;
        std::array<std::array<Eigen::ArrayXXd, n_birthplaces>, n_sexes> next_abroad;
        for (int sex = 0; sex < n_sexes; ++sex) {
            next_native[sex] = Eigen::ArrayXd::Zero(max_age_months + 1);
            next_foreign[sex] = Eigen::ArrayXXd::Zero(max_age_months + 1, arrival_months_tracked + 1);
            for (int bp = 0; bp < n_birthplaces; ++bp)
                next_abroad[sex][bp] = Eigen::ArrayXXd::Zero(max_age_months + 1, max_abroad_ + 1);
        }
        double births = 0.0;
        const auto older = [](int age) { return std::min(age + 1, max_age_months); };
        for (int sex = 0; sex < n_sexes; ++sex) {
            for (int age = 0; age <= max_age_months; ++age) {
                const int y = years_of(age);
                const double h_death = s_.mortality.hazard[sex][y];
                const double h_internal = s_.internal_migration.hazard[sex][y];
                const double fertility = sex == 1 ? s_.fertility.rate[y] / 12.0 : 0.0;
                // Native-born.
                {
                    const double n = native_[sex](age);
                    const Risks r = monthly_risks(h_death, s_.emigration.hazard[0][y], h_internal);
                    const double stay = n * (1 - r.death - r.emigration);
                    next_native[sex](older(age)) += stay;
                    births += stay * fertility;
                    next_abroad[sex][0](older(age), 1) += n * r.emigration;
                }
                // Foreign-born by months since their latest arrival.
                for (int since = 0; since <= arrival_months_tracked; ++since) {
                    const double n = foreign_[sex](age, since);
                    if (n == 0.0)
                        continue;
                    const int status = 1 + std::min(since / 12, 5);
                    const Risks r = monthly_risks(h_death, s_.emigration.hazard[status][y], h_internal);
                    const double stay = n * (1 - r.death - r.emigration);
                    next_foreign[sex](older(age), std::min(since + 1, arrival_months_tracked)) += stay;
                    births += stay * fertility;
                    next_abroad[sex][1](older(age), 1) += n * r.emigration;
                }
                // Abroad: death or return compete; pruned after max_years_abroad.
                for (int bp = 0; bp < n_birthplaces; ++bp) {
                    for (int months = 1; months < max_abroad_; ++months) {
                        const double n = abroad_[sex][bp](age, months);
                        if (n == 0.0)
                            continue;
                        const double h_return = s_.returns.hazard[bp][static_cast<std::size_t>(months / 12)];
                        const double total = h_death + h_return;
                        const double any = total > 0 ? -std::expm1(-total / 12.0) : 0.0;
                        const double returned = total > 0 ? n * h_return / total * any : 0.0;
                        next_abroad[sex][bp](older(age), months + 1) += n * (1 - any);
                        if (bp == 0)
                            next_native[sex](older(age)) += returned;
                        else
                            next_foreign[sex](older(age), 1) += returned;
                    }
                }
            }
        }
        // Newborns are one month old at the start of the next month.
        next_native[0](1) += births * s_.fertility.proportion_male;
        next_native[1](1) += births * (1 - s_.fertility.proportion_male);
        // Arrivals: age in completed years from the profile, months within the year uniform.
        for (int g = 0; g < s_.groups.count(); ++g) {
            const double arrivals = static_cast<double>(immigration.arrivals(g, now));
            const auto& profile = s_.immigration.age_profile[static_cast<std::size_t>(g)];
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int y = 0; y < n_ages; ++y)
                    for (int k = 0; k < 12; ++k)
                        next_foreign[sex](older(12 * y + k), 1) += arrivals * profile[sex][y] / 12.0;
        }
        native_ = std::move(next_native);
        foreign_ = std::move(next_foreign);
        abroad_ = std::move(next_abroad);
    }

    /// Persons present by sex and age in completed years (100 = 100+).
    std::array<std::array<double, n_ages>, n_sexes> present() const {
        std::array<std::array<double, n_ages>, n_sexes> out{};
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age <= max_age_months; ++age)
                out[sex][years_of(age)] += native_[sex](age) + foreign_[sex].row(age).sum();
        return out;
    }

private:
    const Scenario& s_;
    int max_abroad_;
    std::array<Eigen::ArrayXd, n_sexes> native_;
    std::array<Eigen::ArrayXXd, n_sexes> foreign_;
    std::array<std::array<Eigen::ArrayXXd, n_birthplaces>, n_sexes> abroad_;
};

TEST(CohortComponent, SimulationAgreesWithTheDeterministicProjectionAfterTenYears) {
    // Half a million persons or more: 10% of Denmark.
    const Scenario scenario = testing::baseline_with({"population.scale=0.1", "run.months=120"});
    Model model(scenario, 0);
    ASSERT_GE(model.population().size(), 500000u);

    Projection projection(scenario);
    const Month start = scenario.run.start;
    for (const auto& block : model.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            projection.add_person(block.record(i), start);
    const Immigration immigration(scenario, start);
    for (Month now = start; now < start + scenario.run.months; ++now)
        projection.step(now, immigration);
    const auto expected = projection.present();

    const RunResults results = model.run();
    const int last = results.calendar.population_years - 1;
    int groups = 0;
    double worst = 0.0;
    for (int sex = 0; sex < n_sexes; ++sex) {
        for (int first = 0; first < n_ages; first += 5) {
            double simulated = 0.0;
            double projected = 0.0;
            for (int age = first; age < std::min(first + 5, n_ages); ++age) {
                projected += expected[sex][age];
                for (int area = 0; area < results.truth.population.areas; ++area)
                    simulated += results.truth.population.at(last, area, sex, age);
            }
            if (projected < 25.0)
                continue; // too few for the normal approximation of the bound
            const double z = (simulated - projected) / std::sqrt(projected);
            worst = std::max(worst, std::abs(z));
            EXPECT_LT(std::abs(z), 4.0) << sex_names[sex] << " " << first << "-" << first + 4
                                        << ": simulated " << simulated << ", projected " << projected;
            ++groups;
        }
    }
    EXPECT_GE(groups, 40);
    RecordProperty("worst_z", std::to_string(worst));
    // The total as well, whose standard error is far smaller than any group's.
    double projected_total = 0.0;
    for (const auto& by_age : expected)
        for (double n : by_age)
            projected_total += n;
    const auto simulated_total = static_cast<double>(results.truth.population.total(last));
    EXPECT_LT(std::abs(simulated_total - projected_total), 4.0 * std::sqrt(projected_total));
}

} // namespace
} // namespace migsim
