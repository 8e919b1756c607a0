#pragma once
// Multiple-system estimation of a population's size from three lists by log-linear models (Fienberg
// 1972, "The multiple recapture census for closed populations and incomplete 2^k contingency
// tables", Biometrika 59(3); Bishop, Fienberg & Holland 1975, Discrete Multivariate Analysis, ch. 6),
// as used for populations that no single list covers (review: Bird & King 2018, Annual Review of
// Statistics and Its Application 5, 95-118; e.g. the UK Home Office's estimate of victims of modern
// slavery from four to six lists, Silverman 2014). The 7
// observed cells of the 2^3 table of capture histories are fitted by Poisson log-linear models, from
// independence to all two-way interactions (no three-way term: it is not identified), the model
// chosen by an information criterion; the fitted model's count of the unobserved cell completes N.
// docs/methods.md, "Multiple-system estimation".
#include <array>
#include <string>
#include <vector>

#include "stats/fit_result.hpp"

namespace migsim {

/// Persons by capture history over lists 1, 2, 3: cell 4 i + 2 j + k counts those with (on list 1
/// = i, on list 2 = j, on list 3 = k). Cell 0 (on no list) is unobserved and ignored.
struct ThreeListCounts {
    std::array<double, 8> cells{};

    double& at(int list1, int list2, int list3) {
        return cells[static_cast<std::size_t>(4 * list1 + 2 * list2 + list3)];
    }
    double at(int list1, int list2, int list3) const {
        return cells[static_cast<std::size_t>(4 * list1 + 2 * list2 + list3)];
    }
    double observed() const; ///< persons on at least one list
};

/// Two-way interactions of a hierarchical model (all main effects are always in), as bits.
enum ListInteraction : unsigned {
    lists_1_2 = 1u,
    lists_1_3 = 2u,
    lists_2_3 = 4u,
};

enum class ModelSelection {
    /// -2 log L + 2 k.
    aic,
    /// -2 log L + k log(n), n = persons observed (Raftery 1995; as Rcapture, Baillargeon & Rivest
    /// 2007). The default: with lists of thousands of persons AIC admits interactions too small to
    /// matter for N, each adding variance.
    bic,
};

struct ThreeListModelFit {
    unsigned interactions = 0; ///< ListInteraction bits
    std::string name;          ///< "[1][2][3]", "[12][3]", ..., "[12][13][23]"
    stats::FitStatus status = stats::FitStatus::invalid_input;
    std::string problem;         ///< why the model cannot be used (separation, no convergence)
    double unobserved = 0.0;     ///< fitted count of persons on no list, exp(intercept)
    double population = 0.0;     ///< persons observed + unobserved
    double variance = 0.0;       ///< of N-hat - N: mu0 + mu0^2 Var(intercept) (Cormack 1989)
    double log_likelihood = 0.0; ///< Poisson, over the 7 observed cells
    double deviance = 0.0;       ///< against the saturated model of the 7 cells
    int parameters = 0;
    int residual_df = 0;
    double aic = 0.0;
    double bic = 0.0;

    bool usable() const { return status == stats::FitStatus::converged; }
};

struct MultipleSystemEstimate {
    double observed = 0.0;
    /// The 8 hierarchical models: independence, the three with one interaction, the three with
    /// two, and all three interactions.
    std::vector<ThreeListModelFit> models;
    ModelSelection criterion = ModelSelection::bic;
    int chosen = -1; ///< index into models: the smallest criterion among the usable ones
    double population = 0.0;
    double variance = 0.0; ///< the chosen model's, conditional on the choice
    std::string error;     ///< why there is no estimate; empty when there is

    bool ok() const { return error.empty(); }
    double standard_error() const;
    const ThreeListModelFit& chosen_model() const { return models.at(static_cast<std::size_t>(chosen)); }
};

/// Fits the 8 models and chooses one; a model whose fit separates or fails (a zero cell can make
/// an interaction infinite) is listed with its status and left out of the choice.
MultipleSystemEstimate multiple_system_estimate(const ThreeListCounts& counts,
                                                ModelSelection criterion = ModelSelection::bic);

/// One model, as multiple_system_estimate fits it.
ThreeListModelFit fit_three_list_model(const ThreeListCounts& counts, unsigned interactions);

} // namespace migsim
