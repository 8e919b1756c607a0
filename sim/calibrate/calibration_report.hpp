#pragma once
// What `migsim calibrate` writes: the fitted attraction table (the format of
// internal_migration.attraction), the fit's targets by area and its summary figures (the tables a
// run carries into /inputs/calibration: internal_migration.attraction_fit and
// attraction_fit_summary), and the report in Markdown, which is also what the command prints.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/area_backtest.hpp"
#include "calibrate/calibration_config.hpp"

namespace migsim {

/// Where the fit came from, for the tables' headers and the report.
struct CalibrationProvenance {
    std::string command; ///< "migsim calibrate scenarios/calibration.toml"
    std::string version; ///< migsim's
    std::uint64_t seed = 0;
    double scale = 1.0;
    int threads = 0;
    std::vector<std::string> area_names; ///< by area, for the report
};

std::string attraction_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance);
std::string fit_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance);
std::string summary_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance);
/// The fitted national parameters with their moments (calibration/README.md, "National parameters").
std::string national_table_text(const AreaAttractionFit& fit, const CalibrationProvenance& provenance);

/// The report; `all_areas` false keeps the ten areas farthest from their targets (for the console).
std::string calibration_report(const CalibrationConfig& config, const AreaAttractionFit& fit,
                               const std::optional<AreaBacktest>& backtest,
                               const CalibrationProvenance& provenance, bool all_areas);

} // namespace migsim
