#include "calibrate/area_backtest.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "pipeline/pipeline.hpp"

namespace migsim {

ProjectionError projection_error(const std::string& method, int year, const std::vector<double>& projected,
                                 const std::vector<double>& observed, const std::vector<std::string>& codes) {
    ProjectionError e;
    e.method = method;
    e.year = year;
    double sum_ape = 0.0;
    double sum_abs = 0.0;
    double sum_observed = 0.0;
    for (std::size_t j = 0; j < observed.size(); ++j) {
        const double error = std::abs(projected[j] - observed[j]);
        const double ape = 100.0 * error / observed[j];
        sum_ape += ape;
        sum_abs += error;
        sum_observed += observed[j];
        if (ape > e.worst_ape) {
            e.worst_ape = ape;
            e.worst_area = codes[j];
        }
    }
    e.mape = sum_ape / static_cast<double>(observed.size());
    e.weighted_mape = 100.0 * sum_abs / sum_observed;
    return e;
}

namespace {

ObservedAreaPopulations years_of(const ObservedAreaPopulations& observed, int first_year, int last_year) {
    ObservedAreaPopulations part;
    part.codes = observed.codes;
    part.first_year = first_year;
    part.last_year = last_year;
    for (int year = first_year; year <= last_year; ++year)
        part.persons.push_back(observed.persons[static_cast<std::size_t>(year - observed.first_year)]);
    return part;
}

/// The simulated persons of every area on 1 January of `year`, in persons of the observed table
/// (the run's persons times observed / simulated national total of the base year), or as shares
/// of the observed national total of `year`.
std::vector<double> simulated_areas(const RunResults& run, const ObservedAreaPopulations& observed,
                                    int base_year, int year, bool shares) {
    const auto& population = run.truth.population;
    const int stock = year - base_year;
    const double simulated_total = static_cast<double>(population.total(stock));
    const double factor = shares ? observed.total(year) / simulated_total
                                 : observed.total(base_year) / static_cast<double>(population.total(0));
    std::vector<double> persons;
    for (std::size_t j = 0; j < observed.codes.size(); ++j)
        persons.push_back(static_cast<double>(population.total(stock, static_cast<int>(j))) * factor);
    return persons;
}

} // namespace

AreaBacktest run_area_backtest(const Scenario& fit_scenario, const Scenario& projection_scenario,
                               const ObservedAreaPopulations& observed, const AreaFitOptions& options,
                               const ScenarioWithValues& fit_with,
                               const ScenarioWithValues& projection_with) {
    const auto start = std::chrono::steady_clock::now();
    AreaBacktest backtest;
    backtest.base_year = year_of(projection_scenario.run.start);
    backtest.last_year = observed.last_year;
    if (projection_scenario.run.start != month_of(backtest.base_year, 1) ||
        projection_scenario.run.months != 12 * (observed.last_year - backtest.base_year) ||
        backtest.base_year <= observed.first_year || backtest.base_year >= observed.last_year)
        throw std::invalid_argument("the backtest's projection must run from January of a year inside the "
                                    "observed period to January of its last year");
    backtest.fit = fit_area_attractions(
        fit_scenario, years_of(observed, observed.first_year, backtest.base_year), options, fit_with);

    // The projections: the fit's national values, or every factor at 1 for the unfitted one.
    const std::vector<NationalValue>& fitted_values = backtest.fit.national_values;
    std::vector<NationalValue> neutral = fitted_values;
    for (NationalValue& v : neutral)
        v.value = 1.0;
    if (!fitted_values.empty() && !projection_with)
        throw std::logic_error(
            "a backtest of national parameters needs the projection remade with their values");
    auto projection_of = [&](const std::vector<NationalValue>& values) {
        return values.empty() ? projection_scenario : projection_with(values);
    };
    const Runner runner(projection_scenario);
    const PipelineResults fitted = runner.run(
        with_attractions(projection_of(fitted_values), backtest.fit.log_attraction), options.threads);
    const PipelineResults unfitted =
        runner.run(with_attractions(projection_of(neutral), std::vector<double>(observed.codes.size(), 0.0)),
                   options.threads);

    const auto& codes = observed.codes;
    const int base = backtest.base_year;
    const int fit_years = base - observed.first_year;
    auto add = [&](const std::string& method, auto&& projection) {
        for (int year = base + 1; year <= observed.last_year; ++year)
            backtest.errors.push_back(projection_error(
                method, year, projection(year),
                observed.persons[static_cast<std::size_t>(year - observed.first_year)], codes));
    };
    add(backtest_model_shares,
        [&](int year) { return simulated_areas(fitted.run, observed, base, year, true); });
    add(backtest_model_persons,
        [&](int year) { return simulated_areas(fitted.run, observed, base, year, false); });
    add(backtest_unfitted_shares,
        [&](int year) { return simulated_areas(unfitted.run, observed, base, year, true); });
    add(backtest_constant_shares, [&](int year) {
        std::vector<double> persons;
        for (std::size_t j = 0; j < codes.size(); ++j)
            persons.push_back(observed.at(base, static_cast<int>(j)) / observed.total(base) *
                              observed.total(year));
        return persons;
    });
    add(backtest_extrapolated_growth, [&](int year) {
        std::vector<double> persons;
        for (std::size_t j = 0; j < codes.size(); ++j) {
            const double now = observed.at(base, static_cast<int>(j));
            const double then = observed.at(observed.first_year, static_cast<int>(j));
            persons.push_back(now * std::pow(now / then, static_cast<double>(year - base) / fit_years));
        }
        return persons;
    });
    backtest.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return backtest;
}

} // namespace migsim
