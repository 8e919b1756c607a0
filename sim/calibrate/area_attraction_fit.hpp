#pragma once
// The calibration of internal migration to the observed populations of real small areas
// (calibration/README.md, "Calibration to the municipalities"): one log attraction a_j per area,
// the same for the four mover age groups, such that the simulated population of every area on
// 1 January of the last year of the fit period is the observed one.
//
// Why this form. The municipal tables give persons by area and sex on 1 January only, so what
// they say about internal migration is the net change of each area left once natural change and
// international migration are taken out. The simulation takes those out area by area: it runs the
// period from the observed base population with the model's births, deaths and international
// moves, and the attractions are moved until the simulated area populations meet the observed
// ones. That is the method of simulated moments (McFadden 1989; Gourieroux & Monfort 1996) with
// one moment per parameter, solved by the balancing iteration of doubly constrained spatial
// interaction models (Wilson 1970): an area that ends s persons short of its target over A
// arrivals gets a_j += log((A + s) / A). Every iteration uses the same seed (common random
// numbers), so that the moments move with the attractions and not with the draws.
//
// The targets are the areas' observed shares of the national total, times the simulated national
// total: the attractions place persons, they do not make the national total, whose error belongs
// to the national inputs. Not identified here: age-specific attractions (the tables have no ages)
// and the distance decay (net change cannot tell a short decay from a long one:
// calibration/destination_choice_fit.hpp); both stay as the scenario gives them.
//
// This loop runs the whole pipeline, so it sits above it (as the ensembles do); the likelihood fit
// of a register's flows is calibration/destination_choice_fit.hpp.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/national_fit.hpp"
#include "scenario/load.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// Persons (both sexes) on 1 January of each year of a period, by area, from the scenario's area
/// population table.
struct ObservedAreaPopulations {
    std::vector<std::string> codes; ///< the scenario's areas, in their order
    int first_year = 0;
    int last_year = 0;
    std::vector<std::vector<double>> persons; ///< [year - first_year][area]

    double at(int year, int area) const {
        return persons[static_cast<std::size_t>(year - first_year)][static_cast<std::size_t>(area)];
    }
    double total(int year) const;
};

struct ObservedAreaPopulationsRead {
    std::optional<ObservedAreaPopulations> observed;
    std::vector<ScenarioProblem> problems;
    bool ok() const { return observed.has_value(); }
};

/// Reads every year first_year..last_year of the area population table of `scenario` (which must
/// run on real areas); a problem for every year the table lacks.
ObservedAreaPopulationsRead read_observed_area_populations(const Scenario& scenario, int first_year,
                                                           int last_year);

/// One area's target on 1 January of one year.
struct AreaFitTarget {
    int year = 0;
    int area = 0;
    double observed = 0.0;  ///< persons in the table
    double target = 0.0;    ///< observed share x simulated national total
    double simulated = 0.0; ///< persons in the run
    /// The Poisson standard deviation of the area's simulated change: the square root of the
    /// count of all the events (births, deaths, moves in and out, crossings) that changed it since
    /// the start.
    double sd = 0.0;
    double standardised_difference() const { return sd > 0.0 ? (simulated - target) / sd : 0.0; }
};

/// One iteration of the fit: the state before its update.
struct AreaFitIteration {
    double rms_standardised = 0.0; ///< over the areas, at the last year
    double max_abs_standardised = 0.0;
    int worst_area = 0;
    std::vector<NationalMoment> national; ///< the fitted national parameters' moments
    double seconds = 0.0;
};

/// A national figure against its published value, for the fit summary.
struct NationalCheck {
    std::string name; ///< "population on 1 January 2013"
    double published = 0.0;
    double simulated = 0.0; ///< in persons of the published table (divided by the run's scale)
};

struct AreaAttractionFit {
    std::vector<std::string> codes;
    std::vector<double> log_attraction; ///< by area, a_0 = 0 (the first area is the reference)
    std::vector<AreaFitTarget> targets; ///< of the best iteration, by year then area
    std::vector<AreaFitIteration> iterations;
    std::vector<NationalCheck> national; ///< of the best iteration
    /// The published national figures against the best iteration's (calibration/national_fit.hpp).
    std::vector<NationalFigure> national_figures;
    std::vector<NationalValue> national_values; ///< the fitted national parameters, of the best iteration
    int best_iteration = 0;                     ///< 0 = no attraction beyond population
    /// Every area's and every national moment's |standardised difference| within the tolerance.
    bool converged = false;
    double seconds = 0.0;
    int first_year = 0;
    int last_year = 0;
};

/// The scenario of the fit period remade with given values of the national parameters (by
/// `migsim calibrate`, as --set KEY=VALUE on the calibration's scenario).
using ScenarioWithValues = std::function<Scenario(const std::vector<NationalValue>&)>;

struct AreaFitOptions {
    int max_iterations = 12;
    /// Converged when every area's standardised difference at the last year, and every fitted
    /// national parameter's, is within this.
    double tolerance = 1.0;
    int threads = 0;
    /// Published national figures: those with a parameter are fitted in the same runs (each
    /// iteration moves the attractions and the national parameters together); the others are
    /// checks. Fitting needs `with_values`.
    std::vector<NationalTarget> national;
    /// Called after each simulation: (iteration, its figures).
    std::function<void(int, const AreaFitIteration&)> progress;
};

/// The fit over first_year..last_year of `scenario`, which must start in January of first_year
/// (with that year's base population) and run to January of last_year; `with_values` remakes it
/// with other values of the national parameters (needed when options.national fits any). Throws
/// std::invalid_argument when the scenario and the observations do not match.
AreaAttractionFit fit_area_attractions(const Scenario& scenario, const ObservedAreaPopulations& observed,
                                       const AreaFitOptions& options,
                                       const ScenarioWithValues& with_values = {});

/// The scenario with the fitted attractions (the same for every mover age group).
Scenario with_attractions(const Scenario& scenario, const std::vector<double>& log_attraction);

} // namespace migsim
