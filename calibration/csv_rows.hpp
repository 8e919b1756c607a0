#pragma once
// The rows of the calibration's published tables: a CSV text whose first line that is not a
// comment (`#`) is its header, then one row per line, every problem reported with its line.
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace migsim {

/// The position of `name` in `names` (any array of texts), -1 when it is not there.
template <class Names>
int index_of(const Names& names, std::string_view name) {
    for (std::size_t k = 0; k < names.size(); ++k)
        if (std::string_view(names[k]) == name)
            return static_cast<int>(k);
    return -1;
}

/// "a, b or c": the accepted values of a column, for a message.
template <class Names>
std::string names_in_words(const Names& names) {
    std::string text;
    for (std::size_t k = 0; k < names.size(); ++k)
        text += concat({k == 0 ? "" : (k + 1 == names.size() ? " or " : ", "), names[k]});
    return text;
}

/// Calls `row(line, fields)` for each row of `text` with as many fields as `header` has columns,
/// and `problem(line, column, message)` for a header that is not `header`, a row with another
/// number of fields (column "row") and a text without a header (at its last line).
template <class Problem, class Row>
void for_each_csv_row(std::string_view text, std::string_view header, Problem&& problem, Row&& row) {
    const std::size_t columns = split_fields(header).size();
    bool header_seen = false;
    int line_number = 0;
    LineReader lines(text);
    std::string_view line;
    while (lines.next(line)) {
        ++line_number;
        if (line.empty() || line.front() == '#')
            continue;
        if (!header_seen) {
            header_seen = true;
            if (line != header)
                problem(line_number, "header", concat({"expected ", header}));
            continue;
        }
        const std::vector<std::string_view> fields = split_fields(line);
        if (fields.size() != columns) {
            problem(line_number, "row",
                    concat({std::to_string(fields.size()), " fields; expected ", std::to_string(columns)}));
            continue;
        }
        row(line_number, fields);
    }
    if (!header_seen)
        problem(line_number, "header", concat({"the table is empty; expected ", header}));
}

} // namespace migsim
