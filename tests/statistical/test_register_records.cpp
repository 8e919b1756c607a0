// The population register against what its parameters imply, case by case (docs/model.md, "The
// population register"): an event of month t that the register records with a lag of L months
// takes effect at the start of month t + 1 + L; arrivals register with a compliance probability;
// a returner the register had removed registers again like an arrival; the register keeps
// counting persons the truth no longer follows (dead abroad, pruned from the pool) until the
// departure it was told of takes effect. Each case switches off what it does not test, so that
// register minus truth on 1 January is an exact count or a binomial one.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "pipeline/pipeline.hpp"
#include "processes/returns_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// A register parameter set to one value for every origin.
std::vector<std::string> register_everywhere(const std::string& name, const std::string& value) {
    return {"register." + name + "=" + value};
}

std::vector<std::string> with(std::vector<std::string> base,
                              const std::vector<std::vector<std::string>>& more) {
    for (const auto& list : more)
        base.insert(base.end(), list.begin(), list.end());
    return base;
}

std::vector<std::string> no_demography() {
    return with({"population.scale=0.05", "population.areas=30", "mortality.multiplier=0",
                 "fertility.total_fertility=0"},
                {testing::closed_population()});
}

std::int64_t register_minus_truth(const PipelineResults& r, int year) {
    return r.sources.population_register.population.total(year) - r.run.truth.population.total(year);
}

PipelineResults run(const std::vector<std::string>& overrides) {
    return run_pipeline(testing::synthetic_baseline_with(overrides), 0);
}

TEST(RegisterRecords, ArrivalsAreCountedFromTheMonthAfterTheirLag) {
    // Arrivals only, all compliant, a lag of 5 months: on 1 January the register misses exactly the
    // arrivals of the last five months (t + 1 + 5 > January), children who came with their mothers
    // included. Nobody leaves, so the arrivals of a month are the persons present at the end whose
    // first arrival is that month.
    const Scenario scenario = testing::synthetic_baseline_with(
        with(no_demography(), {{"immigration.arrivals_per_year=2000", "run.months=36"},
                               register_everywhere("arrival_compliance", "1.0"),
                               register_everywhere("arrival_lag_months", "5")}));
    Sources sources(scenario);
    Model model(scenario, 0, sources.observers());
    PipelineResults r;
    r.run = model.run();
    r.sources.population_register = sources.population_register.take_products();
    std::map<Month, std::int64_t> arrivals_in;
    for (const auto& block : model.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            if (block.at(core.first_arrival, i) != never &&
                block.at(core.first_arrival, i) >= scenario.run.start)
                ++arrivals_in[block.at(core.first_arrival, i)];
    for (int year = 1; year < r.run.calendar.population_years; ++year) {
        const Month january = scenario.run.start + 12 * year;
        std::int64_t recent = 0;
        for (Month t = january - 5; t < january; ++t)
            recent += arrivals_in[t];
        EXPECT_EQ(register_minus_truth(r, year), -recent) << "1 January, year " << year;
    }
    EXPECT_GT(r.run.truth.flow("immigration").total(), 3000);
}

TEST(RegisterRecords, ArrivalsRegisterWithTheirCompliance) {
    // Lag 0 and compliance 0.7: the arrivals not on the register are binomial.
    const std::vector<std::string> overrides =
        with(no_demography(), {{"immigration.arrivals_per_year=5000", "run.months=24"},
                               register_everywhere("arrival_lag_months", "0"),
                               register_everywhere("arrival_compliance", "0.7")});
    const PipelineResults r = run(overrides);
    const double arrivals = static_cast<double>(r.run.truth.flow("immigration").total());
    const double missing = static_cast<double>(-register_minus_truth(r, 2));
    EXPECT_NEAR(missing, 0.3 * arrivals, 4.0 * std::sqrt(arrivals * 0.3 * 0.7)) << arrivals << " arrivals";
    EXPECT_GT(arrivals, 5000.0);
}

TEST(RegisterRecords, BirthsAndDeathsCountFromTheMonthAfterTheirLag) {
    // A closed population with births and deaths. Births registered 12 months late: on 1 January
    // the register misses exactly the children born in the year before, who are all the persons
    // aged 0. Deaths registered 12 months late: the register still counts exactly the year's dead.
    const std::vector<std::string> closed = with(
        {"population.scale=0.05", "population.areas=30", "run.months=36"}, {testing::closed_population()});
    const PipelineResults births =
        run(with(closed, {{"register.birth_lag_months=12", "mortality.multiplier=0"}}));
    const PipelineResults deaths =
        run(with(closed, {{"register.death_lag_months=12", "fertility.total_fertility=0"}}));
    for (int year = 1; year < births.run.calendar.population_years; ++year) {
        std::int64_t aged_zero = 0;
        for (int area = 0; area < births.run.truth.population.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex)
                aged_zero += births.run.truth.population.at(year, area, sex, 0);
        EXPECT_EQ(register_minus_truth(births, year), -aged_zero) << "births, year " << year;
        EXPECT_EQ(aged_zero, births.run.truth.flow("births").total(year - 1));
        EXPECT_EQ(register_minus_truth(deaths, year), deaths.run.truth.flow("deaths").total(year - 1))
            << "deaths, year " << year;
    }
}

TEST(RegisterRecords, ReturnersTheRegisterRemovedRegisterAgainWithTheirCompliance) {
    // Emigration and returns only; every departure is reported at once, so a returner is off the
    // register and registers again (lag 0) with compliance 0.6. On the last 1 January the present
    // persons who are not on the register are the returners who did not comply: binomial in the
    // returners present (persons whose latest arrival falls in the run).
    std::vector<std::string> overrides = {
        "population.scale=0.1",   "population.areas=30",         "run.months=60",
        "mortality.multiplier=0", "fertility.total_fertility=0", "internal_migration.multiplier=0",
        "returns.multiplier=3"};
    overrides =
        with(overrides, {testing::no_immigration(), register_everywhere("deregistration_probability", "1.0"),
                         register_everywhere("deregistration_lag_months", "0"),
                         register_everywhere("arrival_compliance", "0.6"),
                         register_everywhere("arrival_lag_months", "0")});
    const Scenario scenario = testing::synthetic_baseline_with(overrides);
    Sources sources(scenario);
    Model model(scenario, 0, sources.observers());
    PipelineResults r;
    r.run = model.run();
    r.sources.population_register = sources.population_register.take_products();
    double returners = 0.0;
    for (const auto& block : model.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            returners += block.at(core.latest_arrival, i) != never &&
                                 block.at(core.latest_arrival, i) >= scenario.run.start
                             ? 1.0
                             : 0.0;
    const int last = r.run.calendar.population_years - 1;
    const double missing = static_cast<double>(-register_minus_truth(r, last));
    EXPECT_NEAR(missing, 0.4 * returners, 4.0 * std::sqrt(returners * 0.4 * 0.6))
        << returners << " returners";
    EXPECT_GT(returners, 3000.0);
}

/// A scenario whose abroad pool follows persons for one year only.
PipelineResults run_with_one_year_abroad(const std::vector<std::string>& overrides) {
    Scenario scenario = testing::synthetic_baseline_with(overrides);
    scenario.settings<ReturnSettings>().max_years_abroad = 1;
    for (auto& by_years : scenario.settings<ReturnSettings>().hazard)
        by_years.resize(1);
    return run_pipeline(scenario, 0);
}

TEST(RegisterRecords, UnreportedEmigrantsStayOnTheRegisterAfterDeathAbroadAndPruning) {
    // Departures never reported; persons abroad die and are pruned after a year; nobody returns (no
    // returns, no planned stays). The register keeps every emigrant for ever: register minus truth
    // is every emigration so far.
    const std::vector<std::string> overrides =
        with({"population.scale=0.05", "population.areas=30", "run.months=48", "fertility.total_fertility=0",
              "returns.multiplier=0", "emigration.multiplier=3"},
             {testing::no_immigration(), testing::no_planned_stays()});
    const PipelineResults kept =
        run_with_one_year_abroad(with(overrides, {register_everywhere("deregistration_probability", "0.0")}));
    std::int64_t emigrants = 0;
    for (int year = 1; year < kept.run.calendar.population_years; ++year) {
        emigrants += kept.run.truth.flow("emigration").total(year - 1);
        EXPECT_EQ(register_minus_truth(kept, year), emigrants) << "year " << year;
    }
    EXPECT_GT(emigrants, 3000);
    // Reported after 24 months: a person pruned after a year stays a register record until then, and
    // no longer: on 1 January the register counts exactly the emigrants of the two years before.
    const PipelineResults lagged =
        run_with_one_year_abroad(with(overrides, {register_everywhere("deregistration_probability", "1.0"),
                                                  register_everywhere("deregistration_lag_months", "24")}));
    for (int year = 2; year < lagged.run.calendar.population_years; ++year)
        EXPECT_EQ(register_minus_truth(lagged, year), lagged.run.truth.flow("emigration").total(year - 1) +
                                                          lagged.run.truth.flow("emigration").total(year - 2))
            << "year " << year;
}

} // namespace
} // namespace migsim
