#include "calibration/labour_flows.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "calibration/csv_rows.hpp"
#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"

namespace migsim {

namespace {

constexpr std::string_view flows_header = "quarter_from,quarter_to,sex,from,to,thousands";
constexpr int cells_per_quarter = 27;

/// "YYYYQn" as a quarter number; false unless it is one (years 1900..2999).
bool parse_quarter(std::string_view text, QuarterNumber& quarter) {
    if (text.size() != 6 || text[4] != 'Q' || text[5] < '1' || text[5] > '4')
        return false;
    int year = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        if (text[k] < '0' || text[k] > '9')
            return false;
        year = 10 * year + (text[k] - '0');
    }
    if (year < 1900 || year > 2999)
        return false;
    quarter = 4 * year + (text[5] - '1');
    return true;
}

} // namespace

std::string quarter_label(QuarterNumber quarter) {
    return concat({std::to_string(quarter / 4), "Q", std::to_string(quarter % 4 + 1)});
}

LabourFlows parse_labour_flows(std::string_view text, const std::string& path) {
    LabourFlows flows;
    const auto problem = [&](int line, std::string_view column, const std::string& what) {
        flows.problems.push_back(concat({path, ":", std::to_string(line), ": ", column, ": ", what}));
    };
    // (starting quarter, cell) -> (thousands, line)
    std::map<std::pair<QuarterNumber, int>, std::pair<double, int>> cells;
    int line_number = 0; // the last line, for the problems of the whole table
    for_each_csv_row(
        text, flows_header, problem, [&](int row_line, const std::vector<std::string_view>& fields) {
            line_number = row_line;
            bool row_ok = true;
            QuarterNumber from_quarter = 0, to_quarter = 0;
            if (!parse_quarter(fields[0], from_quarter)) {
                problem(row_line, "quarter_from",
                        quoted_excerpt(fields[0]) + " is not a quarter such as 2013Q1");
                row_ok = false;
            }
            if (!parse_quarter(fields[1], to_quarter)) {
                problem(row_line, "quarter_to",
                        quoted_excerpt(fields[1]) + " is not a quarter such as 2013Q2");
                row_ok = false;
            } else if (row_ok && to_quarter != from_quarter + 1) {
                problem(row_line, "quarter_to", concat({fields[1], " is not the quarter after ", fields[0]}));
                row_ok = false;
            }
            const int sex = index_of(flow_sexes, fields[2]);
            if (sex < 0) {
                problem(row_line, "sex",
                        quoted_excerpt(fields[2]) + "; expected " + names_in_words(flow_sexes));
                row_ok = false;
            }
            const int from = index_of(labour_statuses, fields[3]);
            const int to = index_of(labour_statuses, fields[4]);
            for (const auto& [status, column, value] :
                 {std::tuple{from, "from", fields[3]}, std::tuple{to, "to", fields[4]}})
                if (status < 0) {
                    problem(row_line, column,
                            quoted_excerpt(value) + "; expected " + names_in_words(labour_statuses));
                    row_ok = false;
                }
            const std::string_view count = fields[5];
            const bool whole =
                !count.empty() && count.size() <= 9 &&
                std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!whole) {
                problem(row_line, "thousands", quoted_excerpt(count) + " is not a whole number >= 0");
                row_ok = false;
            }
            if (!row_ok)
                return;
            const int cell = sex * 9 + from * 3 + to;
            const auto [it, added] =
                cells.try_emplace({from_quarter, cell}, std::stod(std::string(count)), row_line);
            if (!added)
                problem(row_line, "row",
                        concat({"the flow ", fields[3], " -> ", fields[4], " of ", fields[2], " from ",
                                fields[0], " is already on line ", std::to_string(it->second.second)}));
        });
    if (cells.empty()) {
        if (flows.problems.empty())
            problem(line_number, "row", "no flows");
        return flows;
    }
    flows.first = cells.begin()->first.first;
    flows.last = cells.rbegin()->first.first;
    flows.thousands.assign(static_cast<std::size_t>(flows.last - flows.first + 1) * cells_per_quarter, 0.0);
    std::vector<int> count_by_quarter(static_cast<std::size_t>(flows.last - flows.first + 1), 0);
    for (const auto& [key, value] : cells) {
        const auto q = static_cast<std::size_t>(key.first - flows.first);
        flows.thousands[q * cells_per_quarter + static_cast<std::size_t>(key.second)] = value.first;
        ++count_by_quarter[q];
    }
    for (QuarterNumber q = flows.first; q <= flows.last; ++q) {
        const int count = count_by_quarter[static_cast<std::size_t>(q - flows.first)];
        if (count == 0)
            problem(line_number, "quarter_from",
                    concat({"no flows from ", quarter_label(q),
                            ": the starting quarters must be an unbroken run"}));
        else if (count != cells_per_quarter)
            problem(line_number, "row",
                    concat({std::to_string(count), " flows from ", quarter_label(q),
                            "; expected 27 (3 sexes x 3 statuses x 3 statuses)"}));
    }
    return flows;
}

LabourFlows read_labour_flows(const std::string& path) {
    const InputFile file = read_input_file(path, limits::table_file_bytes);
    if (!file.ok()) {
        LabourFlows flows;
        flows.problems.push_back(concat({path, ": ", file.error}));
        return flows;
    }
    return parse_labour_flows(file.content, path);
}

Eigen::Matrix3d pooled_quarterly_matrix(const LabourFlows& flows, int sex, QuarterNumber first,
                                        QuarterNumber last) {
    if (!flows.ok() || first > last || first < flows.first || last > flows.last || sex < 0 || sex > 2)
        throw std::invalid_argument(concat({"pooled_quarterly_matrix: quarters ", quarter_label(first),
                                            " to ", quarter_label(last), " are not all in the table"}));
    Eigen::Matrix3d sum = Eigen::Matrix3d::Zero();
    for (QuarterNumber q = first; q <= last; ++q)
        for (int from = 0; from < 3; ++from)
            for (int to = 0; to < 3; ++to)
                sum(from, to) += flows.at(q, sex, from, to);
    for (int from = 0; from < 3; ++from) {
        const double persons = sum.row(from).sum();
        if (!(persons > 0.0))
            throw std::invalid_argument(concat(
                {"pooled_quarterly_matrix: nobody in ", labour_statuses[static_cast<std::size_t>(from)]}));
        sum.row(from) /= persons;
    }
    return sum;
}

stats::TransitionRoot monthly_matrix(const Eigen::Matrix3d& quarterly) {
    return stats::transition_matrix_root(quarterly, 3);
}

} // namespace migsim
