#pragma once
// Published labour-market flows: persons by labour status (employment, unemployment, inactivity)
// in one quarter and in the next, as Eurostat's lfsi_long_q gives them for Denmark
// (scenarios/data/dk_lfs_flows_quarterly.csv), pooled over quarters into a quarterly transition
// matrix and turned into the monthly matrix whose cube it is (calibration/README.md, "Labour-market
// flows"). These are the flow targets of the activity transitions.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "processes/labour_settings.hpp"

#include "stats/markov_chain.hpp"

namespace migsim {

/// The labour statuses of the flow statistics, in the order of the matrices' rows and columns.
inline constexpr const auto& labour_statuses = labour_status_names;
/// The sexes of the flow statistics: both together, men, women.
inline constexpr std::array<std::string_view, 3> flow_sexes = {"total", "male", "female"};

/// A quarter as a number: 4 x year + (quarter - 1).
using QuarterNumber = int;
std::string quarter_label(QuarterNumber quarter); ///< "2013Q2"

/// The flows from each quarter to the next, in thousands of persons: by starting quarter, sex, from,
/// to. Every starting quarter present has all 3 x 3 x 3 cells.
struct LabourFlows {
    QuarterNumber first = 0; ///< the first starting quarter
    QuarterNumber last = -1; ///< the last starting quarter (an unbroken run from `first`)
    /// (quarter - first) x 27 + sex x 9 + from x 3 + to
    std::vector<double> thousands;
    /// "file:line: column: what is wrong", every problem of the file; empty when it was read.
    std::vector<std::string> problems;

    bool ok() const { return problems.empty(); }
    double at(QuarterNumber quarter, int sex, int from, int to) const {
        return thousands[static_cast<std::size_t>((quarter - first) * 27 + sex * 9 + from * 3 + to)];
    }
};

/// Reads a table with the header `quarter_from,quarter_to,sex,from,to,thousands` (`#` lines are
/// comments): quarters as YYYYQn, quarter_to the quarter after quarter_from, sex and statuses by
/// the names above, thousands a whole number >= 0; each (quarter_from, sex, from, to) once, every
/// starting quarter with all 27 cells, the starting quarters an unbroken run. Every problem is
/// reported, each with its line and column.
LabourFlows read_labour_flows(const std::string& path);
/// The same on a table's text; `path` names it in messages.
LabourFlows parse_labour_flows(std::string_view text, const std::string& path);

/// The quarterly transition matrix of `sex` pooled over the starting quarters first..last: each
/// row the flows out of a status summed over those quarters, divided by their total (the persons
/// in that status at the start), so that a quarter weighs by its own stock. Throws
/// std::invalid_argument when a quarter is outside the table or a row has no persons.
Eigen::Matrix3d pooled_quarterly_matrix(const LabourFlows& flows, int sex, QuarterNumber first,
                                        QuarterNumber last);

/// The monthly transition matrix M with M^3 = the quarterly matrix (stats::transition_matrix_root,
/// the principal cube root, projected onto transition matrices only when it has a negative entry).
stats::TransitionRoot monthly_matrix(const Eigen::Matrix3d& quarterly);

} // namespace migsim
