#include "scenario/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "scenario/text.hpp"

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

/// A cell as shown in a message, in quotes: a file that is not text does not fill the screen.
std::string quoted_cell(const std::string& cell) {
    constexpr std::size_t longest = 40;
    return std::string("'")
        .append(cell.size() <= longest ? cell : cell.substr(0, longest) + "...")
        .append("'");
}

std::vector<std::string> split_cells(std::string_view line) {
    std::vector<std::string> cells;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = line.find(',', begin);
        std::string cell{trim(line.substr(begin, comma == std::string_view::npos ? comma : comma - begin))};
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        cells.push_back(std::move(cell));
        if (comma == std::string_view::npos)
            return cells;
        begin = comma + 1;
    }
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

struct ParsedRow {
    int line;
    int combination;
    int index;
    std::vector<double> values;
};

std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words)
        text += (text.empty() ? "" : ", ") + word;
    return text;
}

} // namespace

std::optional<TableGrid> read_table(const TableContext& context, const TableSpec& spec) {
    std::ifstream in(context.path, std::ios::binary);
    std::error_code error;
    if (!in || std::filesystem::is_directory(context.path, error)) {
        context.problem(context.referenced_from, context.referenced_line, context.key,
                        "cannot open table file '" + context.path + "'");
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string content = buffer.str();
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) // the byte-order mark spreadsheets put before UTF-8
        content.erase(0, 3);

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
    expected.push_back(spec.index.name);
    for (const auto& v : spec.values)
        expected.push_back(v.name);

    const std::vector<std::string>& documented =
        spec.documented_order.empty() ? expected : spec.documented_order;
    std::vector<int> column_of(expected.size(), -1); // expected column -> position in the file
    std::size_t header_cells = 0;
    bool header_seen = false;
    bool header_ok = true;
    std::vector<ParsedRow> rows;
    const int n_categories = static_cast<int>(spec.categories.size());
    int combinations = 1;
    for (const auto& c : spec.categories)
        combinations *= static_cast<int>(c.levels.size());
    std::map<std::pair<std::size_t, std::string>, std::pair<int, int>> unknown_levels; // first line, count

    std::istringstream lines(content);
    std::string raw_line;
    int line_number = 0;
    while (std::getline(lines, raw_line)) {
        ++line_number;
        const std::string_view line = trim(raw_line);
        if (line.empty() || line.front() == '#')
            continue;
        std::vector<std::string> cells = split_cells(line);
        if (!header_seen) {
            header_seen = true;
            header_cells = cells.size();
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
        if (cells.size() != header_cells) {
            problem(line_number, context.key,
                    "expected " + std::to_string(header_cells) + " cells as in the header, found " +
                        std::to_string(cells.size()));
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
                // Reported once per unknown word, not once per row.
                auto [it, inserted] =
                    unknown_levels.try_emplace({static_cast<std::size_t>(c), cell}, line_number, 0);
                ++it->second.second;
                key_ok = false;
            } else {
                combination += static_cast<int>(level - category.levels.begin());
            }
        }
        const std::string& index_cell = cells[column_of[n_categories]];
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
        std::vector<double> values(spec.values.size());
        for (std::size_t v = 0; v < spec.values.size(); ++v) {
            const auto& column = spec.values[v];
            const std::string& cell = cells[column_of[n_categories + 1 + v]];
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
        // A row with a bad value still occupies its place, so that it is not also reported missing.
        if (key_ok)
            rows.push_back(
                {line_number, combination, *index, row_ok ? std::move(values) : std::vector<double>{}});
    }
    for (const auto& [which, where] : unknown_levels) {
        const auto& category = spec.categories[which.first];
        std::string message = "unknown " + category.name + " " + quoted_cell(which.second) +
                              " (expected one of: " + join(category.levels) + ")";
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
    if (rows.empty()) {
        if (found.empty())
            problem(0, context.key, "the table has no rows");
        finish();
        return std::nullopt;
    }

    // The range of the index the rows must cover.
    int lo = spec.index.first;
    int hi = spec.index.last;
    if (spec.index.coverage != IndexCoverage::full) {
        hi = std::max_element(rows.begin(), rows.end(), [](auto& a, auto& b) {
                 return a.index < b.index;
             })->index;
        if (spec.index.coverage == IndexCoverage::contiguous)
            lo = std::min_element(rows.begin(), rows.end(), [](auto& a, auto& b) {
                     return a.index < b.index;
                 })->index;
    }
    // "group=eu_efta, sex=male, age=5"
    auto describe = [&](int combination, std::optional<int> index) {
        std::vector<std::string> parts(spec.categories.size());
        for (int c = n_categories - 1; c >= 0; --c) {
            const int n = static_cast<int>(spec.categories[c].levels.size());
            parts[c] = spec.categories[c].name + "=" + spec.categories[c].levels[combination % n];
            combination /= n;
        }
        if (index)
            parts.push_back(spec.index.name + "=" + std::to_string(*index));
        return join(parts);
    };
    TableGrid grid(combinations, lo, hi, static_cast<int>(spec.values.size()));
    bool values_ok = true;
    for (auto& row : rows) {
        const std::size_t slot = grid.slot(row.combination, row.index);
        if (grid.lines_[slot] != 0) {
            problem(row.line, context.key,
                    "duplicate row for " + describe(row.combination, row.index) + " (first at line " +
                        std::to_string(grid.lines_[slot]) + ")");
            continue;
        }
        grid.lines_[slot] = row.line;
        if (row.values.empty())
            values_ok = false;
        for (std::size_t v = 0; v < row.values.size(); ++v)
            grid.values_[slot * spec.values.size() + v] = row.values[v];
    }

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
    const bool ok = found.empty() && unlisted == 0 && values_ok;
    finish();
    if (!ok)
        return std::nullopt;
    return grid;
}

} // namespace migsim
