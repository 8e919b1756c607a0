#pragma once
// The quality report of an ensemble: every dataset with a declared target (a source's figure, an
// estimate, a score) along the dimensions of the quality of official statistics that a simulation
// can measure (the ESS Handbook for Quality and Metadata Reports; the quality framework of the
// UNECE Conference of European Statisticians' work on migration statistics):
//  - accuracy: bias, relative bias and RMSE of the total at the last reference date, with their
//    Monte Carlo standard errors; the RMSE of its cells (the small domains); the coverage of its
//    nominal 95 % intervals when the estimator gives a variance;
//  - timeliness: months until the figure is final, as its layout declares;
//  - coherence: the error of closure of the balancing equation that the layout declares for its
//    target (the population of 1 January y+1 is that of y plus the year's flows), with the estimate
//    in place of the truth and the true flows: a change of the estimate that no event explains.
// docs/ensembles.md gives the formulas.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ensemble/ensemble.hpp"

namespace migsim {

/// The measures, in the order of the `measure` labels of output_schemas/ensemble/dimensions.toml.
inline constexpr std::array<const char*, 10> quality_measures = {
    "bias",      "bias_mc_se", "relative_bias",  "rmse",        "rmse_mc_se",
    "cell_rmse", "coverage",   "coverage_mc_se", "final_after", "closure_error"};

struct QualityRow {
    std::string estimate;  ///< the dataset's path
    std::string reference; ///< the label of the first dim the totals are taken at ("2023")
    std::array<std::optional<double>, quality_measures.size()> values;
};

/// A row for every dataset of the result with a target, in layout order.
std::vector<QualityRow> quality_report(const EnsembleResult& result, const OutputSchema& run_layout);

/// The report as the ensemble file's /ensemble/quality group.
OutputGroup quality_group(const std::vector<QualityRow>& rows);

/// The report as a table for the screen.
std::string quality_table(const std::vector<QualityRow>& rows);

/// The ensemble's summary for the screen: each dataset with a target, its total by the labels of
/// its first dim (the year): bias +- MC SE, relative bias, RMSE +- MC SE.
std::string ensemble_summary_table(const EnsembleResult& result);

} // namespace migsim
