#include "calibrate/area_attraction_fit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "pipeline/pipeline.hpp"
#include "population/area_settings.hpp"
#include "population/area_tables.hpp"
#include "processes/internal_migration_settings.hpp"

namespace migsim {

double ObservedAreaPopulations::total(int year) const {
    double sum = 0.0;
    for (double p : persons[static_cast<std::size_t>(year - first_year)])
        sum += p;
    return sum;
}

namespace {

const TableFile* table_of(const Scenario& scenario, const std::string& key) {
    for (const TableFile& t : scenario.tables)
        if (t.key == key)
            return &t;
    return nullptr;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The targets of one run: for every year after the first and every area, the observed share
/// times the simulated national total.
std::vector<AreaFitTarget> targets_of(const RunResults& run, const ObservedAreaPopulations& observed) {
    const auto& truth = run.truth;
    const int n = static_cast<int>(observed.codes.size());
    std::vector<AreaFitTarget> targets;
    // Events that changed each area, cumulated over the flow years before each target year.
    std::vector<double> events(static_cast<std::size_t>(n), 0.0);
    for (int year = observed.first_year + 1; year <= observed.last_year; ++year) {
        const int flow_year = year - 1 - observed.first_year;
        for (std::size_t f = 0; f < truth.flows.size(); ++f) {
            if (truth.flow_info[f].effect == FlowEffect::none)
                continue;
            for (int area = 0; area < n; ++area)
                events[static_cast<std::size_t>(area)] +=
                    static_cast<double>(truth.flows[f].total(flow_year, area));
        }
        const int stock_year = year - observed.first_year;
        const double simulated_total = static_cast<double>(truth.population.total(stock_year));
        const double observed_total = observed.total(year);
        for (int area = 0; area < n; ++area) {
            AreaFitTarget t;
            t.year = year;
            t.area = area;
            t.observed = observed.at(year, area);
            t.target = t.observed / observed_total * simulated_total;
            t.simulated = static_cast<double>(truth.population.total(stock_year, area));
            t.sd = std::sqrt(events[static_cast<std::size_t>(area)]);
            targets.push_back(t);
        }
    }
    return targets;
}

AreaFitIteration summary_at_last_year(const std::vector<AreaFitTarget>& targets, int last_year) {
    AreaFitIteration it;
    double sum = 0.0;
    int count = 0;
    for (const AreaFitTarget& t : targets) {
        if (t.year != last_year)
            continue;
        const double z = t.standardised_difference();
        sum += z * z;
        ++count;
        if (std::abs(z) > it.max_abs_standardised) {
            it.max_abs_standardised = std::abs(z);
            it.worst_area = t.area;
        }
    }
    it.rms_standardised = count > 0 ? std::sqrt(sum / count) : 0.0;
    return it;
}

std::vector<NationalCheck> national_checks(const RunResults& run, const ObservedAreaPopulations& observed,
                                           double scale) {
    std::vector<NationalCheck> checks;
    for (int year = observed.first_year + 1; year <= observed.last_year; ++year)
        checks.push_back(
            {"population on 1 January " + std::to_string(year), observed.total(year),
             static_cast<double>(run.truth.population.total(year - observed.first_year)) / scale});
    return checks;
}

} // namespace

ObservedAreaPopulationsRead read_observed_area_populations(const Scenario& scenario, int first_year,
                                                           int last_year) {
    ObservedAreaPopulationsRead read;
    const TableFile* area_table = table_of(scenario, "areas.table");
    const TableFile* population_table = table_of(scenario, "areas.population");
    if (!has_real_areas(scenario) || !area_table || !population_table) {
        read.problems.push_back({scenario.path, 0, "areas.table",
                                 "the calibration needs real areas: an area table and a population table "
                                 "([areas] table and population, with synthetic = false)"});
        return read;
    }
    const AreaListRead list = read_area_list(area_table->path);
    if (!list.ok()) {
        read.problems = list.problems;
        return read;
    }
    ObservedAreaPopulations observed;
    observed.first_year = first_year;
    observed.last_year = last_year;
    for (const RealArea& area : scenario.settings<AreaSettings>().areas)
        observed.codes.push_back(area.code);
    for (int year = first_year; year <= last_year; ++year) {
        const AreaPopulationRead population = read_area_population(population_table->path, *list.list, year);
        if (!population.population) {
            read.problems.insert(read.problems.end(), population.problems.begin(), population.problems.end());
            continue;
        }
        std::vector<double> persons;
        for (const std::string& code : observed.codes) {
            const auto position = list.list->find(code);
            if (!position)
                throw std::logic_error("area " + code + " of the scenario is not in its area table");
            double sum = 0.0;
            for (std::int64_t p : population.population->by_sex[*position])
                sum += static_cast<double>(p);
            persons.push_back(sum);
        }
        observed.persons.push_back(std::move(persons));
    }
    if (read.problems.empty())
        read.observed = std::move(observed);
    return read;
}

Scenario with_attractions(const Scenario& scenario, const std::vector<double>& log_attraction) {
    Scenario s = scenario;
    auto& attraction = s.settings<InternalMigrationSettings>().log_attraction;
    attraction.clear();
    for (double a : log_attraction)
        attraction.insert(attraction.end(), n_mover_age_groups, a);
    return s;
}

AreaAttractionFit fit_area_attractions(const Scenario& scenario, const ObservedAreaPopulations& observed,
                                       const AreaFitOptions& options, const ScenarioWithValues& with_values) {
    const auto start = std::chrono::steady_clock::now();
    const int n = static_cast<int>(observed.codes.size());
    if (scenario.run.start != month_of(observed.first_year, 1) ||
        scenario.run.months != 12 * (observed.last_year - observed.first_year))
        throw std::invalid_argument("the fit's scenario must run from January " +
                                    std::to_string(observed.first_year) + " to January " +
                                    std::to_string(observed.last_year));
    if (observed.last_year <= observed.first_year)
        throw std::invalid_argument("the fit period needs at least two years");

    // The fit starts from no attraction beyond population, whatever the scenario's table says, so
    // that it does not depend on the table it replaces. The national parameters start from the
    // scenario's values.
    std::vector<double> a(static_cast<std::size_t>(n), 0.0);
    std::vector<NationalValue> values = national_start_values(scenario.resolved_text, options.national);
    if (!values.empty() && !with_values)
        throw std::logic_error("a fit of national parameters needs the scenario remade with their values");
    std::vector<std::vector<NationalMoment>> national_history;

    const Runner runner(scenario);
    AreaAttractionFit fit;
    fit.codes = observed.codes;
    fit.first_year = observed.first_year;
    fit.last_year = observed.last_year;
    double best_score = INFINITY;
    const double scale = scenario.population.scale;
    for (int iteration = 0; iteration <= options.max_iterations; ++iteration) {
        const auto run_start = std::chrono::steady_clock::now();
        const Scenario variant = with_attractions(values.empty() ? scenario : with_values(values), a);
        const PipelineResults results = runner.run(variant, options.threads);
        std::vector<AreaFitTarget> targets = targets_of(results.run, observed);
        AreaFitIteration it = summary_at_last_year(targets, observed.last_year);
        std::vector<NationalFigure> figures = national_figures(results.run, options.national, scale);
        it.national = national_moments(figures, options.national, values, scale);
        it.seconds = seconds_since(run_start);
        fit.iterations.push_back(it);
        if (options.progress)
            options.progress(iteration, it);
        // The kept iteration: the converged one, else the smallest of the areas' rms z and the
        // national parameters' largest |z|.
        const bool converged = it.max_abs_standardised <= options.tolerance &&
                               max_abs_standardised(it.national) <= options.tolerance;
        const double score = std::max(it.rms_standardised, max_abs_standardised(it.national));
        if (converged || score < best_score) {
            best_score = score;
            fit.best_iteration = iteration;
            fit.log_attraction = a;
            fit.targets = targets;
            fit.national = national_checks(results.run, observed, scale);
            fit.national_figures = std::move(figures);
            fit.national_values = values;
        }
        if (converged) {
            fit.converged = true;
            break;
        }
        if (iteration == options.max_iterations)
            break;
        // The balancing step on the last year: the arrivals over the period carry the shortfall.
        const auto& moves_in = results.run.truth.flow("internal_in");
        for (const AreaFitTarget& t : targets) {
            if (t.year != observed.last_year)
                continue;
            double arrivals = 0.0;
            for (int y = 0; y < observed.last_year - observed.first_year; ++y)
                arrivals += static_cast<double>(moves_in.total(y, t.area));
            if (arrivals <= 0.0)
                continue; // nobody moves in: nothing to scale (the area keeps its attraction)
            // At most a factor 10 either way in one step, so that a tiny area cannot jump.
            const double factor = std::clamp((arrivals + t.target - t.simulated) / arrivals, 0.1, 10.0);
            a[static_cast<std::size_t>(t.area)] += std::log(factor);
        }
        const double reference = a[0];
        for (double& value : a)
            value -= reference;
        // The secant step of the national parameters (calibrate/national_fit.hpp).
        national_history.push_back(it.national);
        values = next_national_values(national_history);
    }
    fit.seconds = seconds_since(start);
    return fit;
}

} // namespace migsim
