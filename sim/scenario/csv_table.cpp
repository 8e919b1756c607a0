#include "scenario/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"

namespace migsim {

TableGrid::TableGrid(int combinations, int first_index, int last_index, int value_columns)
    : combinations_(combinations), first_index_(first_index), last_index_(last_index),
      width_(last_index - first_index + 1), value_columns_(value_columns),
      values_(static_cast<std::size_t>(combinations * width_ * value_columns), 0.0),
      lines_(static_cast<std::size_t>(combinations * width_), 0) {}

namespace {

/// Beyond this many problems in one file the rest are counted, not listed: a file in the wrong
/// format would otherwise bury the other problems under one message per row.
constexpr int max_listed_problems_per_file = 25;

/// A cell as shown in a message, in quotes: a file that is not text neither fills the screen nor
/// sends control characters to the terminal.
std::string quoted_cell(const std::string& cell) {
    constexpr std::size_t longest = 40;
    std::string quoted = "'";
    quoted += printable(cell, longest);
    quoted += '\'';
    return quoted;
}

/// The cells of a line, at most limits::table_columns + 1 of them (more means too many anyway),
/// and how many there are.
struct Cells {
    std::vector<std::string> cells;
    std::size_t count = 0;
};

Cells split_cells(std::string_view line) {
    Cells result;
    result.count = static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
    std::size_t begin = 0;
    while (result.cells.size() <= limits::table_columns) {
        const std::size_t comma = line.find(',', begin);
        std::string cell{trim(line.substr(begin, comma == std::string_view::npos ? comma : comma - begin))};
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        result.cells.push_back(std::move(cell));
        if (comma == std::string_view::npos)
            break;
        begin = comma + 1;
    }
    return result;
}

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::optional<double> parse_number(const std::string& text) {
    double value = 0.0;
    const char* begin = text.data();
    if (!text.empty() && text.front() == '+')
        ++begin;
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string range_text(const ValueColumn& column) {
    const std::string what = column.integral ? "a whole number" : "a number";
    if (column.max == unbounded)
        return what + " >= " + format_number(column.min);
    return what + " in [" + format_number(column.min) + ", " + format_number(column.max) + "]";
}

std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words)
        text += (text.empty() ? "" : ", ") + word;
    return text;
}

/// The levels of a category as a message lists them: all of a short list; of a long one (the
/// codes of a country's areas) the first few and how many there are.
std::string levels_text(const std::vector<std::string>& levels) {
    constexpr std::size_t listed = 12;
    if (levels.size() <= listed)
        return join(levels);
    return join(std::vector<std::string>(levels.begin(), levels.begin() + listed)) + ", ... (" +
           std::to_string(levels.size()) + " in all)";
}

/// "group=eu_efta, sex=male, age=5": a row's key, from its combination of category levels.
std::string describe_key(const TableSpec& spec, int combination, std::optional<int> index) {
    const int n_categories = static_cast<int>(spec.categories.size());
    std::vector<std::string> parts(spec.categories.size());
    for (int c = n_categories - 1; c >= 0; --c) {
        const int n = static_cast<int>(spec.categories[c].levels.size());
        parts[c] = spec.categories[c].name + "=" + spec.categories[c].levels[combination % n];
        combination /= n;
    }
    if (index && !spec.index.name.empty())
        parts.push_back(spec.index.name + "=" + std::to_string(*index));
    return join(parts);
}

} // namespace

std::optional<TableGrid> read_table(const TableContext& context, const TableSpec& spec) {
    if (context.content)
        return parse_table(*context.content, context, spec);
    const InputFile file = read_input_file(context.path, limits::table_file_bytes);
    if (!file.ok()) {
        context.problem(context.referenced_from, context.referenced_line, context.key,
                        "cannot open table file " + quoted_excerpt(context.path, 200) + ": " + file.error);
        return std::nullopt;
    }
    return parse_table(file.content, context, spec);
}

std::optional<TableGrid> parse_table(std::string_view content, const TableContext& context,
                                     const TableSpec& spec) {
    if (content.substr(0, 3) == "\xEF\xBB\xBF") // the byte-order mark spreadsheets put before UTF-8
        content.remove_prefix(3);

    std::vector<ScenarioProblem> found;
    int unlisted = 0;
    auto problem = [&](int line, const std::string& key, std::string message) {
        if (static_cast<int>(found.size()) < max_listed_problems_per_file)
            found.push_back({context.path, line, key, std::move(message)});
        else
            ++unlisted;
    };
    auto finish = [&]() {
        for (auto& p : found)
            context.problems->push_back(std::move(p));
        if (unlisted > 0)
            context.problem(context.path, 0, context.key,
                            std::to_string(unlisted) + " more problems in this file are not listed");
    };

    // The columns: every key and value column exactly once, in any order, and nothing else.
    std::vector<std::string> expected;
    for (const auto& c : spec.categories)
        expected.push_back(c.name);
    // A table keyed by categories only (areas by age group) has no index column.
    const bool indexed = !spec.index.name.empty();
    const int index_columns = indexed ? 1 : 0;
    if (indexed)
        expected.push_back(spec.index.name);
    for (const auto& v : spec.values)
        expected.push_back(v.name);

    const std::vector<std::string>& documented =
        spec.documented_order.empty() ? expected : spec.documented_order;
    std::vector<int> column_of(expected.size(), -1); // expected column -> position in the file
    std::size_t header_cells = 0;
    bool header_seen = false;
    bool header_ok = true;
    const int n_categories = static_cast<int>(spec.categories.size());
    int combinations = 1;
    for (const auto& c : spec.categories)
        combinations *= static_cast<int>(c.levels.size());
    std::map<std::pair<std::size_t, std::string>, std::pair<int, int>> unknown_levels; // first line, count

    // Every row the key columns allow has one slot, whatever the file holds, so that memory does not
    // grow with the file: the line each row was first seen on, and its values.
    const int width = spec.index.last - spec.index.first + 1;
    const std::size_t slots = static_cast<std::size_t>(combinations) * static_cast<std::size_t>(width);
    const std::size_t n_values = spec.values.size();
    std::vector<int> first_line(slots, 0);
    std::vector<char> values_ok(slots, 0);
    std::vector<double> slot_values(slots * n_values, 0.0);
    bool any_row = false;
    int lowest_index = spec.index.last;
    int highest_index = spec.index.first;

    LineReader lines(content);
    std::string_view raw_line;
    int line_number = 0;
    while (lines.next(raw_line)) {
        ++line_number;
        const std::string_view line = trim(raw_line);
        if (line.empty() || line.front() == '#')
            continue;
        const Cells split = split_cells(line);
        const std::vector<std::string>& cells = split.cells;
        if (!header_seen) {
            header_seen = true;
            header_cells = split.count;
            // A first line with none of the columns is no header of this table, and perhaps not even
            // from a table (a wrong path): it is described, not echoed.
            const bool any_known = std::any_of(cells.begin(), cells.end(), [&](const std::string& cell) {
                return std::find(expected.begin(), expected.end(), cell) != expected.end();
            });
            if (!any_known) {
                problem(line_number, context.key,
                        "the first line is not a header of this table (expected columns: " +
                            join(documented) + ")");
                header_ok = false;
                break;
            }
            if (split.count > limits::table_columns) {
                problem(line_number, context.key,
                        "the header has " + std::to_string(split.count) +
                            " columns (expected columns: " + join(documented) + ")");
                header_ok = false;
                break;
            }
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const auto known = std::find(expected.begin(), expected.end(), cells[i]);
                if (known == expected.end()) {
                    const std::string column = quoted_cell(cells[i]);
                    problem(line_number, column.substr(1, column.size() - 2),
                            "unexpected column " + column + " (expected columns: " + join(documented) + ")");
                    header_ok = false;
                } else if (column_of[known - expected.begin()] >= 0) {
                    problem(line_number, cells[i], "column '" + cells[i] + "' appears twice");
                    header_ok = false;
                } else {
                    column_of[known - expected.begin()] = static_cast<int>(i);
                }
            }
            for (std::size_t e = 0; e < expected.size(); ++e)
                if (column_of[e] < 0) {
                    problem(line_number, expected[e],
                            "missing column '" + expected[e] + "' (expected columns: " + join(documented) +
                                ")");
                    header_ok = false;
                }
            if (!header_ok)
                break; // rows cannot be read without knowing which cell is which
            continue;
        }
        if (split.count != header_cells) {
            problem(line_number, context.key,
                    "expected " + std::to_string(header_cells) + " cells as in the header, found " +
                        std::to_string(split.count));
            continue;
        }
        bool row_ok = true;
        bool key_ok = true;
        int combination = 0;
        for (int c = 0; c < n_categories; ++c) {
            const auto& category = spec.categories[c];
            const std::string& cell = cells[column_of[c]];
            const auto level = std::find(category.levels.begin(), category.levels.end(), cell);
            combination *= static_cast<int>(category.levels.size());
            if (level == category.levels.end()) {
                // Reported once per unknown word, not once per row; beyond a few words, counted.
                const auto known = unknown_levels.find({static_cast<std::size_t>(c), cell});
                if (known != unknown_levels.end())
                    ++known->second.second;
                else if (unknown_levels.size() < max_listed_problems_per_file)
                    unknown_levels.emplace(std::pair{static_cast<std::size_t>(c), cell},
                                           std::pair{line_number, 1});
                else
                    ++unlisted;
                key_ok = false;
            } else {
                combination += static_cast<int>(level - category.levels.begin());
            }
        }
        const std::string index_cell = indexed ? cells[column_of[n_categories]] : "0";
        const auto index = parse_int(index_cell);
        if (!index) {
            problem(line_number, spec.index.name, quoted_cell(index_cell) + " is not a whole number");
            key_ok = false;
        } else if (*index < spec.index.first || *index > spec.index.last) {
            problem(line_number, spec.index.name,
                    std::to_string(*index) + " is outside " + std::to_string(spec.index.first) + ".." +
                        std::to_string(spec.index.last) + spec.index.range_note);
            key_ok = false;
        }
        std::vector<double> values(n_values);
        for (std::size_t v = 0; v < n_values; ++v) {
            const auto& column = spec.values[v];
            const std::string& cell = cells[column_of[n_categories + index_columns + static_cast<int>(v)]];
            const auto number = parse_number(cell);
            if (!number) {
                problem(line_number, column.name, quoted_cell(cell) + " is not a number");
                row_ok = false;
            } else if (*number < column.min || *number > column.max ||
                       (column.integral && *number != std::floor(*number))) {
                problem(line_number, column.name, cell + " is not " + range_text(column));
                row_ok = false;
            } else {
                values[v] = *number;
            }
        }
        if (!key_ok)
            continue;
        // A row with a bad value still occupies its place, so that it is not also reported missing.
        const std::size_t slot = static_cast<std::size_t>(combination) * static_cast<std::size_t>(width) +
                                 static_cast<std::size_t>(*index - spec.index.first);
        if (first_line[slot] != 0) {
            // A file of many duplicates spends no time on messages that are only counted.
            if (static_cast<int>(found.size()) < max_listed_problems_per_file)
                problem(line_number, context.key,
                        "duplicate row for " + describe_key(spec, combination, *index) + " (first at line " +
                            std::to_string(first_line[slot]) + ")");
            else
                ++unlisted;
            continue;
        }
        first_line[slot] = line_number;
        values_ok[slot] = row_ok ? 1 : 0;
        std::copy(values.begin(), values.end(),
                  slot_values.begin() + static_cast<std::ptrdiff_t>(slot * n_values));
        any_row = true;
        lowest_index = std::min(lowest_index, *index);
        highest_index = std::max(highest_index, *index);
    }
    for (const auto& [which, where] : unknown_levels) {
        const auto& category = spec.categories[which.first];
        std::string message = "unknown " + category.name + " " + quoted_cell(which.second) +
                              " (expected one of: " + levels_text(category.levels) + ")";
        if (where.second > 1)
            message += ", in " + std::to_string(where.second) + " rows";
        problem(where.first, category.name, message);
    }
    if (!header_seen) {
        problem(0, context.key, "the file is empty (expected a header line: " + join(documented) + ")");
        finish();
        return std::nullopt;
    }
    if (!header_ok) {
        finish();
        return std::nullopt;
    }
    if (!any_row) {
        if (found.empty() && unlisted == 0)
            problem(0, context.key, "the table has no rows");
        finish();
        return std::nullopt;
    }

    // The range of the index the rows must cover.
    int lo = spec.index.first;
    int hi = spec.index.last;
    if (spec.index.coverage != IndexCoverage::full) {
        hi = highest_index;
        if (spec.index.coverage == IndexCoverage::contiguous)
            lo = lowest_index;
    }
    TableGrid grid(combinations, lo, hi, static_cast<int>(n_values));
    bool all_values_ok = true;
    for (int combination = 0; combination < combinations; ++combination)
        for (int i = lo; i <= hi; ++i) {
            const std::size_t slot = static_cast<std::size_t>(combination) * static_cast<std::size_t>(width) +
                                     static_cast<std::size_t>(i - spec.index.first);
            const std::size_t target = grid.slot(combination, i);
            grid.lines_[target] = first_line[slot];
            if (first_line[slot] != 0 && !values_ok[slot])
                all_values_ok = false;
            std::copy_n(slot_values.begin() + static_cast<std::ptrdiff_t>(slot * n_values), n_values,
                        grid.values_.begin() + static_cast<std::ptrdiff_t>(target * n_values));
        }
    const auto describe = [&](int combination, std::optional<int> index) {
        return describe_key(spec, combination, index);
    };
    // Missing rows, named by their key and with runs of the index collapsed: "age 37..45". A level
    // of the first category with no rows at all (a whole group) is one problem.
    auto absent = [&](int combination) {
        for (int i = lo; i <= hi; ++i)
            if (grid.line(combination, i) != 0)
                return false;
        return true;
    };
    const int per_first_level =
        n_categories > 1 ? combinations / static_cast<int>(spec.categories[0].levels.size()) : combinations;
    for (int first = 0; first < combinations; first += per_first_level) {
        bool all_absent = n_categories > 1;
        for (int combination = first; combination < first + per_first_level && all_absent; ++combination)
            all_absent = absent(combination);
        if (all_absent) {
            problem(0, context.key,
                    "no rows for " + spec.categories[0].name + "=" +
                        spec.categories[0].levels[static_cast<std::size_t>(first / per_first_level)]);
            continue;
        }
        for (int combination = first; combination < first + per_first_level; ++combination) {
            const std::string which = describe(combination, std::nullopt);
            if (absent(combination) && !which.empty()) {
                problem(0, context.key, "no rows for " + which);
                continue;
            }
            std::vector<std::string> gaps;
            for (int i = lo; i <= hi; ++i) {
                if (grid.line(combination, i) != 0)
                    continue;
                int j = i;
                while (j + 1 <= hi && grid.line(combination, j + 1) == 0)
                    ++j;
                gaps.push_back(i == j ? std::to_string(i) : std::to_string(i) + ".." + std::to_string(j));
                i = j;
            }
            if (!gaps.empty())
                problem(0, context.key,
                        "missing rows for " + (which.empty() ? "" : which + ", ") + spec.index.name + " " +
                            join(gaps));
        }
    }
    const bool ok = found.empty() && unlisted == 0 && all_values_ok;
    finish();
    if (!ok)
        return std::nullopt;
    return grid;
}

} // namespace migsim
