#include "calibrate/calibration_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <sstream>

#include "core/text.hpp"
#include "processes/internal_migration_settings.hpp"

namespace migsim {

namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string header(const CalibrationProvenance& p, const std::string& what) {
    return "# " + what + "\n# Written by `" + p.command + "` (migsim " + p.version + ", seed " +
           std::to_string(p.seed) + ", scale " + format_number(p.scale) +
           "); calibration/README.md, \"Calibration to the municipalities\". Refit rather than edit.\n";
}

std::string years_text(const AreaAttractionFit& fit) {
    return std::to_string(fit.first_year) + "-" + std::to_string(fit.last_year);
}

const AreaFitIteration& best(const AreaAttractionFit& fit) {
    return fit.iterations[static_cast<std::size_t>(fit.best_iteration)];
}

} // namespace

std::string attraction_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance) {
    std::ostringstream out;
    out << header(provenance,
                  "Log attraction of each area for internal movers, fitted to the areas' populations "
                  "on 1 January " +
                      years_text(fit) + " by the method of simulated moments; the same for every age group.");
    out << "area,age_group,log_attraction\n";
    for (std::size_t j = 0; j < fit.codes.size(); ++j)
        for (const char* group : mover_age_group_names)
            out << fit.codes[j] << "," << group << "," << fixed(fit.log_attraction[j], 6) << "\n";
    return out.str();
}

std::string fit_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance) {
    std::ostringstream out;
    out << header(provenance, "The calibration's targets on 1 January " + std::to_string(fit.last_year) +
                                  ": persons observed, target (observed share x simulated total), simulated, "
                                  "and (simulated - target) / Poisson sd of the area's events.");
    out << "area,observed,target,simulated,standardised_difference\n";
    for (const AreaFitTarget& t : fit.targets)
        if (t.year == fit.last_year)
            out << fit.codes[static_cast<std::size_t>(t.area)] << "," << fixed(t.observed, 0) << ","
                << fixed(t.target, 1) << "," << fixed(t.simulated, 0) << ","
                << fixed(t.standardised_difference(), 4) << "\n";
    return out.str();
}

std::string summary_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance) {
    std::ostringstream out;
    out << header(provenance, "The calibration's summary figures.");
    out << "statistic,value\n";
    const AreaFitIteration& b = best(fit);
    const double values[] = {static_cast<double>(fit.first_year),
                             static_cast<double>(fit.last_year),
                             static_cast<double>(fit.iterations.size()),
                             static_cast<double>(fit.best_iteration),
                             b.rms_standardised,
                             b.max_abs_standardised,
                             fit.converged ? 1.0 : 0.0,
                             fit.seconds,
                             static_cast<double>(b.national.size()),
                             rms_standardised(b.national),
                             max_abs_standardised(b.national)};
    static_assert(std::size(values) == attraction_fit_statistics.size());
    for (std::size_t k = 0; k < attraction_fit_statistics.size(); ++k)
        out << attraction_fit_statistics[k] << ","
            << ((k >= 4 && k != 8) ? fixed(values[k], 4) : fixed(values[k], 0)) << "\n";
    return out.str();
}

std::string national_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance) {
    std::ostringstream out;
    out << header(provenance,
                  "National parameters fitted to published flows (calibration/README.md, \"National "
                  "parameters\"): the value, and the published and simulated sums over the final "
                  "years of the fit, " +
                      years_text(fit) + ". The scenario carries the value.");
    out << "parameter,value,years,published,simulated,standardised_difference\n";
    for (const NationalMoment& m : best(fit).national)
        out << m.parameter << "," << fixed(m.value, 6) << "," << m.years << "," << fixed(m.published, 0)
            << "," << fixed(m.simulated, 1) << "," << fixed(m.standardised_difference(), 4) << "\n";
    return out.str();
}

std::string calibration_report(const CalibrationConfig& config, const AreaAttractionFit& fit,
                               const std::optional<AreaBacktest>& backtest,
                               const CalibrationProvenance& provenance, bool all_areas) {
    auto name = [&](int area) {
        const auto a = static_cast<std::size_t>(area);
        return fit.codes[a] + (a < provenance.area_names.size() ? " " + provenance.area_names[a] : "");
    };
    std::ostringstream out;
    out << "# Calibration of internal migration to the areas' populations\n\n";
    out << "`" << provenance.command << "` (migsim " << provenance.version << "): scenario `"
        << config.scenario << "`, seed " << provenance.seed << ", scale " << format_number(provenance.scale)
        << ", " << provenance.threads << " threads.\n\n";
    out << "Method: one log attraction per area (the same for every mover age group), moved by the balancing "
           "step a += log((A + s) / A) (A the area's simulated arrivals, s its shortfall) until the "
           "simulated "
           "populations on 1 January "
        << fit.last_year << " meet the observed shares of the simulated national total; a run of "
        << fit.first_year << "-" << fit.last_year << " from the observed " << fit.first_year
        << " population per iteration, the same seed in each (common random numbers). "
           "z = (simulated - target) / sqrt(events that changed the area).\n\n";
    const std::vector<NationalMoment>& kept_national = best(fit).national;
    if (!kept_national.empty())
        out << "National parameters: each moved by the secant step in logs until the simulated sum of its "
               "published flow over the final years of the fit meets the published sum, in the same runs; "
               "z = (simulated - published) / sqrt(simulated), in the run's persons. They start at 1.\n\n";
    out << "## Iterations\n\n| iteration | rms z | max abs z | area |";
    for (const NationalMoment& m : kept_national)
        out << " " << m.parameter << " | its z |";
    out << " seconds |\n|---:|---:|---:|---|";
    for (std::size_t k = 0; k < kept_national.size(); ++k)
        out << "---:|---:|";
    out << "---:|\n";
    for (std::size_t i = 0; i < fit.iterations.size(); ++i) {
        const AreaFitIteration& it = fit.iterations[i];
        out << "| " << i << (static_cast<int>(i) == fit.best_iteration ? " (kept)" : "") << " | "
            << fixed(it.rms_standardised, 2) << " | " << fixed(it.max_abs_standardised, 2) << " | "
            << name(it.worst_area) << " |";
        for (const NationalMoment& m : it.national)
            out << " " << fixed(m.value, 4) << " | " << fixed(m.standardised_difference(), 2) << " |";
        out << " " << fixed(it.seconds, 1) << " |\n";
    }
    out << "\n"
        << (fit.converged ? "Converged" : "Not converged") << ": max abs z "
        << fixed(best(fit).max_abs_standardised, 2);
    if (!kept_national.empty())
        out << " over the areas, " << fixed(max_abs_standardised(kept_national), 2)
            << " over the national parameters";
    out << " (tolerance " << format_number(config.tolerance) << ") after " << fit.iterations.size()
        << " runs in " << fixed(fit.seconds, 1) << " s.\n\n";

    std::vector<const AreaFitTarget*> last;
    for (const AreaFitTarget& t : fit.targets)
        if (t.year == fit.last_year)
            last.push_back(&t);
    if (!all_areas) {
        std::stable_sort(last.begin(), last.end(), [](const AreaFitTarget* a, const AreaFitTarget* b) {
            return std::abs(a->standardised_difference()) > std::abs(b->standardised_difference());
        });
        last.resize(std::min<std::size_t>(last.size(), 10));
    }
    out << "## Targets on 1 January " << fit.last_year << (all_areas ? "" : " (the ten farthest)")
        << "\n\n| area | observed | target | simulated | z |\n|---|---:|---:|---:|---:|\n";
    for (const AreaFitTarget* t : last)
        out << "| " << name(t->area) << " | " << fixed(t->observed, 0) << " | " << fixed(t->target, 0)
            << " | " << fixed(t->simulated, 0) << " | " << fixed(t->standardised_difference(), 2) << " |\n";
    out << "\n## National figures\n\nThe population of the area tables (not fitted: the national inputs "
           "make it), and the published flows of [national] in the calibration file: fitted (their "
           "parameter's moment) or checks. A flow marked provisional is the run's last year under the "
           "12-month rule, which the fit leaves out (docs/model.md).\n\n"
           "| figure | published | simulated / scale | difference | use |\n|---|---:|---:|---:|---|\n";
    for (const NationalCheck& c : fit.national)
        out << "| " << c.name << " | " << fixed(c.published, 0) << " | " << fixed(c.simulated, 0) << " | "
            << fixed(100.0 * (c.simulated - c.published) / c.published, 2) << " % | check |\n";
    for (const NationalFigure& f : fit.national_figures)
        out << "| " << f.name << " " << f.year << " (" << f.definition << ") | " << fixed(f.published, 0)
            << " | " << fixed(f.simulated, 0) << " | "
            << fixed(100.0 * (f.simulated - f.published) / f.published, 2) << " % | "
            << (f.provisional ? "provisional"
                : f.fitted    ? "fitted"
                              : "check")
            << " |\n";
    for (const NationalMoment& m : kept_national)
        out << "\n"
            << m.parameter << " = " << fixed(m.value, 4) << ": published " << fixed(m.published, 0)
            << " over " << m.years << " years, simulated " << fixed(m.simulated, 0) << ", z "
            << fixed(m.standardised_difference(), 2) << ".\n";
    for (const NationalTarget& t : config.national)
        if (!t.source.empty())
            out << "\nSource of " << t.name << ": " << t.source << "\n";

    if (backtest) {
        out << "\n## Backtest: fit " << backtest->fit.first_year << "-" << backtest->base_year
            << ", projection " << backtest->base_year << "-" << backtest->last_year << " from the "
            << backtest->base_year << " population\n\nThe fit: " << backtest->fit.iterations.size()
            << " runs, max abs z " << fixed(best(backtest->fit).max_abs_standardised, 2);
        for (const NationalValue& v : backtest->fit.national_values)
            out << ", " << v.parameter << " = " << fixed(v.value, 4);
        out << ". Errors of the projected populations "
            << "on 1 January (MAPE over the areas, unweighted and weighted by population, and the worst "
               "area):\n\n"
            << "| method | year | MAPE % | weighted MAPE % | worst area | its APE % |\n"
               "|---|---:|---:|---:|---|---:|\n";
        auto named = [&](const std::string& code) {
            for (std::size_t j = 0; j < fit.codes.size() && j < provenance.area_names.size(); ++j)
                if (fit.codes[j] == code)
                    return code + " " + provenance.area_names[j];
            return code;
        };
        for (const ProjectionError& e : backtest->errors)
            out << "| " << e.method << " | " << e.year << " | " << fixed(e.mape, 3) << " | "
                << fixed(e.weighted_mape, 3) << " | " << named(e.worst_area) << " | " << fixed(e.worst_ape, 2)
                << " |\n";
        out << "\nBacktest time: " << fixed(backtest->seconds, 1) << " s.\n";
    }
    return out.str();
}

} // namespace migsim
