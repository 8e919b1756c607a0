#pragma once
// A sensitivity study file (TOML): a base scenario, its factors and outputs of interest, or an
// analytic test function, and a design (Morris elementary effects or Sobol' indices). Every mistake
// is reported at once with file, line and key, as a scenario's are; nothing here throws.
//
//   [study]
//   method = "morris" | "sobol"
//   trajectories = 10     (morris)   levels = 4 (morris, even, optional)
//   samples = 8192        (sobol: the base sample size N; N (k + 2) points)
//   seed = 1              (optional: the design's and the bootstrap's draws)
//   replicates = 2        (optional: runs per point, for the stochastic noise; 1 by default)
//   bootstrap = 1000      (sobol, optional: resamples of the intervals)
//   scenario = "../baseline.toml"   set = ["population.scale=0.1"]   (optional --set overrides)
//   model = "ishigami" (a = 7, b = 0.1) | "sobol_g" (a = [0, 1, 4.5, ...], one per factor)
//   [[factor]]  key (any key --set accepts), low, high; distribution = "uniform" | "loguniform" |
//               "triangular" (with mode); type = "real" | "integer" | "month" (low and high "YYYY-MM");
//               or levels = [...] (any --set values, chosen with equal probability)
//   [[output]]  name, path (a dataset of the run), select = { dim = label or [labels] }, aggregate =
//               "sum" | "mean" over the cells selected
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/load.hpp"

namespace migsim {

enum class StudyMethod { morris, sobol };
enum class AnalyticModel { none, ishigami, sobol_g };

struct Factor {
    enum class Kind { real, integer, month, levels };
    enum class Distribution { uniform, loguniform, triangular };

    std::string key; ///< a scenario key ("emigration.multiplier"), or x1, x2, ... of a test function
    Kind kind = Kind::real;
    Distribution distribution = Distribution::uniform;
    double low = 0.0; ///< months: months since January of year 0
    double high = 1.0;
    double mode = 0.0;               ///< triangular
    std::vector<std::string> levels; ///< levels: the values, as --set texts
    int line = 0;                    ///< in the study file

    /// The value at position u in [0, 1]: the distribution's quantile function (an integer rounds
    /// down to one of low..high with equal probability; a month likewise; levels the level's index).
    double value(double u) const;
    /// The --set text of a value: "key=value".
    std::string override_text(double value) const;
};

struct StudyOutput {
    std::string name;
    std::string path; ///< "/scores/register/total_error"
    /// The cells kept, by dim: the labels as text ("2023", "A001").
    std::vector<std::pair<std::string, std::vector<std::string>>> select;
    bool mean = false; ///< the mean of the cells kept; their sum otherwise
    int line = 0;
};

struct Study {
    std::string path;
    std::string text;
    StudyMethod method = StudyMethod::morris;
    std::uint64_t samples = 0;
    int trajectories = 0;
    int levels = 4;
    std::uint64_t seed = 1;
    int replicates = 1;
    int bootstrap = 1000;
    AnalyticModel model = AnalyticModel::none;
    double a = 7.0; ///< Ishigami
    double b = 0.1;
    std::vector<double> g_a; ///< Sobol' G: one per factor
    std::string scenario;    ///< the base scenario, as a path from the working directory
    int scenario_line = 0;
    std::vector<std::string> set; ///< --set overrides of the base scenario
    std::vector<Factor> factors;  ///< a test function's: x1..xk, uniform on its domain
    std::vector<StudyOutput> outputs;

    std::size_t points() const; ///< of the design
};

std::string_view to_string(StudyMethod method);

struct StudyLoad {
    std::optional<Study> study;
    std::vector<ScenarioProblem> problems;
    bool ok() const { return study.has_value() && problems.empty(); }
};

/// Reads and checks the study file at `path` (its own keys; the factors and outputs against the
/// scenario are checked by check_study_scenario, sensitivity/sensitivity.hpp).
StudyLoad load_study(const std::string& path);
/// The same on its text; `path` names it in messages, and its folder is where `scenario` is.
StudyLoad load_study_text(std::string_view text, const std::string& path);

} // namespace migsim
