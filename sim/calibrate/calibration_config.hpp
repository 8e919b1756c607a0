#pragma once
// The file `migsim calibrate` reads (scenarios/calibration.toml is the default's): which scenario,
// which years of its area population table the fit uses, the national tables of the base years, the
// backtest's periods, the published national figures (fitted or checked) and where the fitted tables
// and the report go. Paths are relative to the file.
#include <optional>
#include <string>
#include <vector>

#include "calibrate/national_fit.hpp"
#include "scenario/load.hpp"

namespace migsim {

struct CalibrationConfig {
    std::string path;
    std::string scenario;         ///< absolute
    std::vector<std::string> set; ///< "key=value", as --set, before the fit's own
    int first_year = 0;           ///< the fit: base population on 1 January of first_year,
    int last_year = 0;            ///< targets on 1 January of each later year to last_year
    int max_iterations = 12;
    double tolerance = 1.0; ///< on the largest |standardised difference|
    /// The national population tables (sex, age) of the base years, by year: the fit's first year
    /// and the backtest's projection base.
    std::vector<std::pair<int, std::string>> national_tables; ///< absolute paths
    /// The backtest: fit first_year..backtest_base, project backtest_base..last_year; 0 = none.
    int backtest_base = 0;
    std::string attraction_table; ///< the fitted attraction table, written (absolute)
    std::string fit_table;        ///< the fit's targets by area (absolute)
    std::string summary_table;    ///< the fit's summary figures (absolute)
    std::string report;           ///< the report in Markdown (absolute)
    /// Published national figures, [national.NAME]: fitted when they name a parameter, else checks.
    std::vector<NationalTarget> national;
    std::string national_fit_table; ///< the fitted national parameters, written (absolute); "" = none

    const std::string* national_table(int year) const;
};

struct CalibrationConfigLoad {
    std::optional<CalibrationConfig> config;
    std::vector<ScenarioProblem> problems;
    bool ok() const { return config.has_value(); }
};

/// Reads the file, reporting every problem with its line and key.
CalibrationConfigLoad load_calibration_config(const std::string& path);
CalibrationConfigLoad load_calibration_config_text(std::string_view text, const std::string& path);

} // namespace migsim
