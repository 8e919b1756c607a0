#pragma once
// The activity transitions calibrated to published stocks (calibration/README.md, "Activity
// transitions"). A person's labour status (employment, unemployment, inactivity) moves once a month
// by a multinomial logit with staying as the baseline category:
//   log(P_ij(x) / P_ii(x)) = log(M_ij / M_ii) + theta(x) ([j = E] - [i = E]),
// where M is the monthly matrix of the published flows for the person's sex (labour_flows.hpp)
// and theta(x) the employment shift of the person's covariate cell (sex, age band, origin group):
// a positive shift makes entering employment likelier and leaving it less likely, and leaves the
// odds between unemployment and inactivity as the flows give them. The shift of a cell is fitted
// so that the stationary distribution of its chain has the cell's published employment rate.
//
// The published rates come in two tables: the level of persons aged 16-64 by sex and origin group
// (Statistics Denmark, 2012) and the shape over age bands by origin group, of men only (Social- og
// Integrationsministeriet, 1 January 2010). A cell's target keeps the shape's log-odds between age
// bands and takes a constant on the log-odds scale for each sex and group, so that the mean over
// the bands, weighted by persons, is the level.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "processes/labour_settings.hpp"

namespace migsim {

/// The origin groups of the published employment rates, in their order in tables: the backgrounds
/// of the labour market (processes/labour_settings.hpp), which reads the fitted table.
inline constexpr const auto& employment_origin_groups = background_names;
/// The age bands of the published shape, persons aged 16 to 64: the labour market's.
inline constexpr const auto& employment_age_bands = labour_band_names;
/// The first age of each band, and the age past the last.
inline constexpr const auto& employment_band_edges = labour_band_edges;
/// The sexes of the published level: men, women (the table's "total" is not used).
inline constexpr std::array<std::string_view, 2> employment_sexes = {"men", "women"};

inline constexpr std::size_t n_employment_groups = employment_origin_groups.size();
inline constexpr std::size_t n_employment_bands = employment_age_bands.size();

/// By origin group, then age band (or sex); NaN where the source publishes no figure.
template <std::size_t N>
using RatesByGroup = std::array<std::array<double, N>, n_employment_groups>;

/// Employment rates (proportions, not per cent) read from one of the published tables.
template <std::size_t N>
struct EmploymentRates {
    RatesByGroup<N> rate{};
    /// "file:line: column: what is wrong", every problem of the file; empty when it was read.
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
};

/// The shape over age bands: `origin,age_band,employment_rate_percent` (`#` lines are comments);
/// each (origin, band) at most once, every origin group with at least its first band.
using EmploymentByAge = EmploymentRates<n_employment_bands>;
/// The level: `origin,sex,persons_16_64,employment_rate_percent` with sex men, women or total;
/// every origin group with both sexes (rows of `total` are checked and not used).
using EmploymentBySex = EmploymentRates<employment_sexes.size()>;

EmploymentByAge parse_employment_by_age(std::string_view text, const std::string& path);
EmploymentByAge read_employment_by_age(const std::string& path);
EmploymentBySex parse_employment_by_sex(std::string_view text, const std::string& path);
EmploymentBySex read_employment_by_sex(const std::string& path);

/// The monthly matrix `base` (rows employment, unemployment, inactivity) with the employment shift
/// `shift` added to the log-odds against staying of every move into employment and subtracted from
/// every move out of it.
Eigen::Matrix3d shift_employment(const Eigen::Matrix3d& base, double shift);

/// The share employed in the stationary distribution of `transition` (unique: every entry of a
/// shifted Danish matrix is positive).
double stationary_employment(const Eigen::Matrix3d& transition);

struct EmploymentShift {
    double shift = 0.0;
    double achieved = 0.0; ///< the stationary employment share with that shift
    int iterations = 0;
    bool converged = false;
    std::string error; ///< why not
};

/// The shift whose chain has `target` (0 < target < 1) employed in its stationary distribution,
/// within 1e-12, by bisection on [-20, 20] (the share rises with the shift: more persons enter
/// employment and fewer leave). Not converged when the target is outside the interval's shares.
EmploymentShift fit_employment_shift(const Eigen::Matrix3d& base, double target);

/// A group's shape over all the bands: a band without a published figure takes the rate whose
/// log-odds differ from the band before by as much as Danish origin's do (the Danish-origin group
/// has every band). Throws std::invalid_argument when a group lacks its first band.
std::array<double, n_employment_bands> completed_shape(const EmploymentByAge& shape, std::size_t group);

struct LeveledRates {
    std::array<double, n_employment_bands> rate{};
    double offset = 0.0;   ///< added to every band's log-odds
    double achieved = 0.0; ///< the persons-weighted mean of `rate`
    int iterations = 0;
    bool converged = false;
};

/// The rates logistic(logit(shape[b]) + offset) whose mean weighted by `persons` (by band, >= 0,
/// not all 0) is `level`, within 1e-12, by bisection on the offset.
LeveledRates level_shape(const std::array<double, n_employment_bands>& shape,
                         const std::array<double, n_employment_bands>& persons, double level);

/// Persons by sex, origin group and age band: the weights of the level.
using PersonsByCell = std::array<std::array<std::array<double, n_employment_bands>, n_employment_groups>, 2>;

/// One covariate cell's calibration.
struct ActivityCell {
    std::size_t sex = 0, group = 0, band = 0;
    double target = 0.0;   ///< the cell's employment rate: shape levelled to the published level
    double shift = 0.0;    ///< its employment shift
    double achieved = 0.0; ///< the stationary employment share of its chain
    int iterations = 0;
};

struct ActivityCalibration {
    std::vector<ActivityCell> cells;                                       ///< by sex, then group, then band
    std::array<std::array<double, n_employment_groups>, 2> level_offset{}; ///< by sex and group
    /// "what failed", empty when every level and every shift converged.
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
    const ActivityCell& cell(std::size_t sex, std::size_t group, std::size_t band) const {
        return cells[(sex * n_employment_groups + group) * n_employment_bands + band];
    }
};

/// Every cell's target and shift: `monthly` the base matrix of men and of women.
ActivityCalibration calibrate_activity(const std::array<Eigen::Matrix3d, 2>& monthly,
                                       const EmploymentByAge& shape, const EmploymentBySex& level,
                                       const PersonsByCell& persons);

/// The weights of the level from Denmark's published population: persons on 1 January 2013 by sex
/// and age (`year,sex,age,persons`, sex female or male) split by the shares of foreign-born and of
/// descendants by age (`age,foreign_born_share,second_generation_share`): Danish origin the rest,
/// descendants and immigrants of Western and of non-Western origin with the same ages as each other
/// (an assumption: the shares are not published by origin), each the whole of its kind: the level
/// reads only how a group's persons spread over the bands. Problems go to `problems`, each with its
/// file and line.
PersonsByCell danish_persons_by_cell(const std::string& population_path, const std::string& status_path,
                                     std::vector<std::string>& problems);

/// Everything the Danish calibration reads, from the folder of the scenario's data
/// (scenarios/data/): the flows of 2012Q1 to 2014Q4 as monthly matrices of men and women, the shape,
/// the level and the weights.
struct ActivityInputs {
    std::array<Eigen::Matrix3d, 2> monthly;
    EmploymentByAge shape;
    EmploymentBySex level;
    PersonsByCell persons{};
    std::vector<std::string> problems; ///< of every file
    bool ok() const { return problems.empty(); }
};
ActivityInputs read_activity_inputs(const std::string& data_folder);
ActivityCalibration calibrate_activity(const ActivityInputs& inputs);

/// The table of the fitted shifts as the scenario reads it (`labour.employment_shifts`): the
/// header `sex,background,age_band,target_percent,shift`, sexes male and female, every cell.
std::string activity_shifts_csv(const ActivityCalibration& calibration);
/// The monthly matrices as the scenario reads them (`labour.monthly_transitions`): the header
/// `sex,from,to,probability`, every probability with 17 significant digits (read back exactly).
std::string activity_monthly_csv(const std::array<Eigen::Matrix3d, 2>& monthly);

} // namespace migsim
