#pragma once
// The settings of the labour market (processes/labour.*): the section [labour] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// The background of a person (Statistics Denmark's "herkomst"): Danish origin (native-born of a
/// native-born mother), descendants (native-born of a foreign-born mother) and immigrants, each of
/// Western or of non-Western origin. The order of the published tables (calibration/README.md).
enum class Background : std::uint8_t {
    danish_origin,
    descendants_western,
    descendants_non_western,
    immigrants_western,
    immigrants_non_western,
};
inline constexpr int n_backgrounds = 5;
inline constexpr std::array<const char*, n_backgrounds> background_names = {
    "danish_origin", "descendants_western", "descendants_non_western", "immigrants_western",
    "immigrants_non_western"};

/// The age bands of the activity transitions, 16 to 64 (the published employment rates' ages).
inline constexpr int n_labour_bands = 6;
inline constexpr std::array<const char*, n_labour_bands> labour_band_names = {"16-24", "25-29", "30-39",
                                                                              "40-49", "50-59", "60-64"};
inline constexpr std::array<int, n_labour_bands + 1> labour_band_edges = {16, 25, 30, 40, 50, 60, 65};
/// The first age of working age and the first past it.
inline constexpr int working_age_first = labour_band_edges.front();
inline constexpr int working_age_end = labour_band_edges.back();

/// The labour statuses of the flows, in the order of the matrices' rows and columns.
inline constexpr int n_labour_statuses = 3;
inline constexpr std::array<const char*, n_labour_statuses> labour_status_names = {
    "employment", "unemployment", "inactivity"};

struct LabourSettings {
    /// Whether the run has a labour market: both tables were given and read.
    bool has_shifts = false;
    bool has_monthly = false;
    /// The employment shift and the target employment rate by sex, background and age band
    /// (calibration/README.md, "Activity transitions").
    std::array<std::array<std::array<double, n_labour_bands>, n_backgrounds>, n_sexes> shift{};
    std::array<std::array<std::array<double, n_labour_bands>, n_backgrounds>, n_sexes> target{};
    /// The monthly transition matrix of the flows by sex: from, to (employment, unemployment,
    /// inactivity).
    std::array<std::array<std::array<double, n_labour_statuses>, n_labour_statuses>, n_sexes> monthly{};
    /// By foreign group: the share of its immigrants of Western origin (Statistics Denmark's
    /// definition: the EU, Andorra, Iceland, Liechtenstein, Monaco, Norway, San Marino, Switzerland,
    /// the Vatican, the United Kingdom, the USA, Canada, Australia and New Zealand).
    std::vector<double> western_share;
    /// The share of Western origin among descendants whose mother's origin the base population does
    /// not know.
    double descendants_western_share = 0.0;

    bool active() const { return has_shifts && has_monthly; }
    bool operator==(const LabourSettings&) const = default;
};

/// The parameters of [labour] (in the list of modules/modules.cpp).
const ParameterSection& labour_parameters();

} // namespace migsim
