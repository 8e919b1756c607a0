#include "population/area_tables.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/run_size.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

std::optional<std::size_t> AreaList::find(std::string_view code) const {
    for (std::size_t i = 0; i < areas.size(); ++i)
        if (areas[i].code == code)
            return i;
    return std::nullopt;
}

namespace {

/// Counts above this are not read as persons (a misplaced column of money, a typo of digits).
constexpr double most_persons = 1e10;

/// Beyond this many problems in one file the rest are counted, not listed (as in the scenario's
/// tables, scenario/csv_table.cpp): a file in the wrong format would bury the others.
constexpr std::size_t max_listed_problems = 25;

class ProblemList {
public:
    explicit ProblemList(std::string path) : path_(std::move(path)) {}
    void add(int line, std::string key, std::string message) {
        if (++count_ <= max_listed_problems)
            problems_.push_back({path_, line, std::move(key), std::move(message)});
    }
    bool any() const { return count_ > 0; }
    std::vector<ScenarioProblem> take() {
        if (count_ > max_listed_problems)
            problems_.push_back(
                {path_, 0, "", std::to_string(count_ - max_listed_problems) + " more problems not listed"});
        return std::move(problems_);
    }

private:
    std::string path_;
    std::vector<ScenarioProblem> problems_;
    std::size_t count_ = 0;
};

std::string quoted(std::string_view cell) {
    return quoted_excerpt(cell, 40);
}

std::vector<std::string> split_cells(std::string_view line) {
    std::vector<std::string> cells;
    std::size_t begin = 0;
    while (cells.size() <= limits::table_columns) {
        const std::size_t comma = line.find(',', begin);
        std::string cell{trim(line.substr(begin, comma == std::string_view::npos ? comma : comma - begin))};
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        cells.push_back(std::move(cell));
        if (comma == std::string_view::npos)
            break;
        begin = comma + 1;
    }
    return cells;
}

struct CsvRow {
    int line = 0;
    std::vector<std::string> cells;
};

/// A table's header and rows whose number of cells matches the header; the columns named in
/// `required` must be there, and, unless `extra_columns_allowed`, no other.
struct CsvRows {
    std::map<std::string, std::size_t> column; ///< name -> position
    std::vector<CsvRow> rows;
    bool header_ok = false;

    const std::string& cell(const CsvRow& row, const std::string& name) const {
        return row.cells[column.at(name)];
    }
};

CsvRows split_table(std::string_view content, const std::vector<std::string>& required,
                    bool extra_columns_allowed, ProblemList& problems) {
    CsvRows table;
    LineReader reader(content);
    std::string_view text;
    int line = 0;
    std::size_t header_cells = 0;
    bool header_seen = false;
    while (reader.next(text)) {
        ++line;
        const std::string_view trimmed = trim(text);
        if (trimmed.empty() || trimmed.front() == '#')
            continue;
        std::vector<std::string> cells = split_cells(trimmed);
        if (!header_seen) {
            header_seen = true;
            header_cells = cells.size();
            for (std::size_t k = 0; k < cells.size(); ++k) {
                const bool known = std::find(required.begin(), required.end(), cells[k]) != required.end();
                if (!known && !extra_columns_allowed)
                    problems.add(
                        line, cells[k], "unknown column " + quoted(cells[k]) + "; the columns are " + [&] {
                            std::string list;
                            for (const auto& name : required)
                                list += (list.empty() ? "" : ", ") + name;
                            return list;
                        }());
                if (!table.column.emplace(cells[k], k).second)
                    problems.add(line, cells[k],
                                 "column " + quoted(cells[k]) + " appears twice in the header");
            }
            for (const auto& name : required)
                if (table.column.count(name) == 0)
                    problems.add(line, name, "the header has no column '" + name + "'");
            table.header_ok = !problems.any();
            continue;
        }
        if (cells.size() != header_cells) {
            problems.add(line, "",
                         "the row has " + std::to_string(cells.size()) + " cells, the header " +
                             std::to_string(header_cells));
            continue;
        }
        table.rows.push_back({line, std::move(cells)});
    }
    if (!header_seen)
        problems.add(0, "", "the table is empty: it has no header line");
    return table;
}

std::optional<double> parse_number(const std::string& text) {
    double value = 0.0;
    const char* begin = text.data();
    if (!text.empty() && text.front() == '+')
        ++begin;
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

/// A count of persons: a whole number, at least 0. Problems go to `problems` under `column`.
std::optional<std::int64_t> parse_count(const CsvRow& row, const std::string& column, const std::string& cell,
                                        ProblemList& problems) {
    const auto value = parse_number(cell);
    if (!value) {
        problems.add(row.line, column, quoted(cell) + " is not a number; expected a whole number of persons");
        return std::nullopt;
    }
    if (*value < 0.0) {
        problems.add(row.line, column,
                     quoted(cell) + " is negative; expected a whole number of persons >= 0");
        return std::nullopt;
    }
    if (*value != std::floor(*value)) {
        problems.add(row.line, column, quoted(cell) + " is not a whole number of persons");
        return std::nullopt;
    }
    if (*value > most_persons) {
        problems.add(row.line, column, quoted(cell) + " is more persons than any area holds (limit 1e10)");
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

std::optional<int> parse_whole(const std::string& cell) {
    int value = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ec != std::errc{} || end != cell.data() + cell.size())
        return std::nullopt;
    return value;
}

void check_coordinate(const CsvRow& row, const std::string& column, const std::string& cell,
                      double globe_limit, double low, double high, const CoordinateBox& box,
                      ProblemList& problems, double& value) {
    const auto parsed = parse_number(cell);
    if (!parsed) {
        problems.add(row.line, column, quoted(cell) + " is not a number; expected decimal degrees");
        return;
    }
    value = *parsed;
    if (std::abs(value) > globe_limit) {
        problems.add(row.line, column,
                     format_number(value) + " is outside -" + format_number(globe_limit) + ".." +
                         format_number(globe_limit) + " degrees");
        return;
    }
    if (value < low || value > high)
        problems.add(row.line, column,
                     format_number(value) + " is outside the bounding box" +
                         (box.name.empty() ? std::string() : " of " + box.name) + ", " + format_number(low) +
                         ".." + format_number(high) + " degrees");
}

std::string line_of_area(const AreaList& areas, const ListedArea& area) {
    return areas.path + ":" + std::to_string(area.line);
}

/// Each area of the list has a row (reported once per missing area and wanted thing), and the sums
/// by sex agree with the national table.
void check_complete(const AreaList& areas, const std::vector<int>& rows_of_area, const std::string& what,
                    ProblemList& problems) {
    for (std::size_t i = 0; i < areas.areas.size(); ++i)
        if (rows_of_area[i] == 0)
            problems.add(0, "code",
                         "area " + quoted(areas.areas[i].code) + " (" + areas.areas[i].name + ", " +
                             line_of_area(areas, areas.areas[i]) + ") has no row " + what);
}

void check_national(const AreaPopulation& population, const std::optional<NationalTotals>& national,
                    ProblemList& problems) {
    if (!national)
        return;
    for (int sex = 0; sex < n_sexes; ++sex) {
        std::int64_t sum = 0;
        for (const auto& area : population.by_sex)
            sum += area[static_cast<std::size_t>(sex)];
        const double expected = static_cast<double>(national->persons[static_cast<std::size_t>(sex)]);
        const double difference = static_cast<double>(sum) - expected;
        if (std::abs(difference) > national->relative_tolerance * expected)
            problems.add(0, sex == 0 ? "males" : "females",
                         "the areas' " + std::string(sex == 0 ? "males" : "females") + " sum to " +
                             grouped_digits(static_cast<double>(sum)) + ", the national table" +
                             (national->source.empty() ? std::string() : " (" + national->source + ")") +
                             " has " + grouped_digits(expected) + ": a relative difference of " +
                             format_approximately(expected > 0.0 ? difference / expected : difference) +
                             ", beyond the tolerance of " + format_number(national->relative_tolerance));
    }
}

/// The position of a row's area; an unknown code is a problem.
std::optional<std::size_t> area_of(const CsvRow& row, const std::string& code, const AreaList& areas,
                                   ProblemList& problems) {
    const auto found = areas.find(code);
    if (!found)
        problems.add(row.line, "code", "unknown area code " + quoted(code) + ": not in " + areas.path);
    return found;
}

template <class Parse>
AreaPopulationRead read_file_then(const std::string& path, Parse parse) {
    const InputFile file = read_input_file(path, limits::table_file_bytes);
    if (!file.ok()) {
        AreaPopulationRead result;
        result.problems.push_back({path, 0, "", file.error});
        return result;
    }
    return parse(file.content);
}

} // namespace

AreaListRead parse_area_list(std::string_view content, const std::string& path, const CoordinateBox& box) {
    ProblemList problems(path);
    const CsvRows table =
        split_table(content, {"code", "name", "region", "longitude", "latitude"}, true, problems);
    AreaList list;
    list.path = path;
    std::map<std::string, int> line_of_code;
    if (table.header_ok)
        for (const CsvRow& row : table.rows) {
            ListedArea area;
            area.line = row.line;
            area.code = table.cell(row, "code");
            area.name = table.cell(row, "name");
            area.region = table.cell(row, "region");
            if (area.code.empty())
                problems.add(row.line, "code", "the area code is empty");
            else if (const auto [where, fresh] = line_of_code.emplace(area.code, row.line); !fresh)
                problems.add(row.line, "code",
                             "duplicate area code " + quoted(area.code) + ", first on line " +
                                 std::to_string(where->second));
            if (area.name.empty())
                problems.add(row.line, "name", "the area's name is empty");
            check_coordinate(row, "longitude", table.cell(row, "longitude"), 180.0,
                             std::max(-180.0, box.west), std::min(180.0, box.east), box, problems,
                             area.longitude);
            check_coordinate(row, "latitude", table.cell(row, "latitude"), 90.0, std::max(-90.0, box.south),
                             std::min(90.0, box.north), box, problems, area.latitude);
            list.areas.push_back(std::move(area));
        }
    if (table.header_ok && table.rows.empty())
        problems.add(0, "", "the table has no area");
    AreaListRead result;
    result.problems = problems.take();
    if (result.problems.empty())
        result.list = std::move(list);
    return result;
}

AreaListRead read_area_list(const std::string& path, const CoordinateBox& box) {
    const InputFile file = read_input_file(path, limits::table_file_bytes);
    if (!file.ok()) {
        AreaListRead result;
        result.problems.push_back({path, 0, "", file.error});
        return result;
    }
    return parse_area_list(file.content, path, box);
}

AreaPopulationRead parse_area_totals(std::string_view content, const std::string& path, const AreaList& areas,
                                     int year, const std::optional<NationalTotals>& national) {
    ProblemList problems(path);
    const CsvRows table = split_table(content, {"code", "year", "males", "females"}, false, problems);
    AreaPopulation population;
    population.year = year;
    population.by_sex.assign(areas.areas.size(), {});
    std::vector<int> rows_of_area(areas.areas.size(), 0);
    std::map<std::pair<std::string, int>, int> line_of_key;
    if (table.header_ok)
        for (const CsvRow& row : table.rows) {
            const std::string& code = table.cell(row, "code");
            const auto area = area_of(row, code, areas, problems);
            const auto row_year = parse_whole(table.cell(row, "year"));
            if (!row_year) {
                problems.add(row.line, "year", quoted(table.cell(row, "year")) + " is not a year");
                continue;
            }
            if (const auto [where, fresh] = line_of_key.emplace(std::pair{code, *row_year}, row.line); !fresh)
                problems.add(row.line, "code",
                             "duplicate row for area " + quoted(code) + " in " + std::to_string(*row_year) +
                                 ", first on line " + std::to_string(where->second));
            const auto males = parse_count(row, "males", table.cell(row, "males"), problems);
            const auto females = parse_count(row, "females", table.cell(row, "females"), problems);
            if (area && *row_year == year && males && females) {
                population.by_sex[*area] = {*males, *females};
                rows_of_area[*area] = row.line;
            }
        }
    if (table.header_ok && !problems.any())
        check_complete(areas, rows_of_area, "for " + std::to_string(year), problems);
    if (!problems.any())
        check_national(population, national, problems);
    AreaPopulationRead result;
    result.problems = problems.take();
    if (result.problems.empty())
        result.population = std::move(population);
    return result;
}

AreaPopulationRead read_area_totals(const std::string& path, const AreaList& areas, int year,
                                    const std::optional<NationalTotals>& national) {
    return read_file_then(path, [&](std::string_view content) {
        return parse_area_totals(content, path, areas, year, national);
    });
}

AreaPopulationRead parse_area_population_by_age(std::string_view content, const std::string& path,
                                                const AreaList& areas, int year,
                                                const std::optional<NationalTotals>& national) {
    ProblemList problems(path);
    const CsvRows table = split_table(content, {"code", "year", "sex", "age", "persons"}, false, problems);
    // First pass: which rows are of the year, and the open age (the largest age given).
    struct Cell {
        std::size_t area;
        int sex;
        int age;
        std::int64_t persons;
        int line;
    };
    std::vector<Cell> cells;
    std::map<std::tuple<std::string, int, int, int>, int> line_of_key;
    int open_age = -1;
    if (table.header_ok)
        for (const CsvRow& row : table.rows) {
            const std::string& code = table.cell(row, "code");
            const auto area = area_of(row, code, areas, problems);
            const auto row_year = parse_whole(table.cell(row, "year"));
            if (!row_year)
                problems.add(row.line, "year", quoted(table.cell(row, "year")) + " is not a year");
            const std::string& sex_text = table.cell(row, "sex");
            const int sex = sex_text == sex_names[0] ? 0 : sex_text == sex_names[1] ? 1 : -1;
            if (sex < 0)
                problems.add(row.line, "sex",
                             quoted(sex_text) + " is not a sex; expected 'male' or 'female'");
            const auto age = parse_whole(table.cell(row, "age"));
            if (!age || *age < 0 || *age > oldest_age)
                problems.add(row.line, "age",
                             quoted(table.cell(row, "age")) + " is not an age 0.." +
                                 std::to_string(oldest_age));
            const auto persons = parse_count(row, "persons", table.cell(row, "persons"), problems);
            if (!row_year || sex < 0 || !age || *age < 0 || *age > oldest_age)
                continue;
            if (const auto [where, fresh] =
                    line_of_key.emplace(std::tuple{code, *row_year, sex, *age}, row.line);
                !fresh)
                problems.add(row.line, "code",
                             "duplicate row for area " + quoted(code) + ", " + sex_text + ", age " +
                                 std::to_string(*age) + " in " + std::to_string(*row_year) +
                                 ", first on line " + std::to_string(where->second));
            if (area && persons && *row_year == year) {
                cells.push_back({*area, sex, *age, *persons, row.line});
                open_age = std::max(open_age, *age);
            }
        }
    AreaPopulation population;
    population.year = year;
    population.open_age = open_age;
    population.by_sex.assign(areas.areas.size(), {});
    const auto n_cells = areas.areas.size() * static_cast<std::size_t>(n_sexes * population.ages());
    population.by_sex_age.assign(n_cells, 0);
    std::vector<int> line_of_cell(n_cells, 0);
    for (const Cell& cell : cells) {
        const std::size_t index = (cell.area * n_sexes + static_cast<std::size_t>(cell.sex)) *
                                      static_cast<std::size_t>(population.ages()) +
                                  static_cast<std::size_t>(cell.age);
        population.by_sex_age[index] = cell.persons;
        line_of_cell[index] = cell.line;
        population.by_sex[cell.area][static_cast<std::size_t>(cell.sex)] += cell.persons;
    }
    if (table.header_ok && !problems.any()) {
        if (cells.empty())
            problems.add(0, "year", "no row for " + std::to_string(year));
        // An area without any row is reported once (check_complete); an area with some rows, for
        // each row it lacks.
        std::vector<int> rows_of_area(areas.areas.size(), 0);
        for (const Cell& cell : cells)
            rows_of_area[cell.area] = cell.line;
        const auto ages = static_cast<std::size_t>(population.ages());
        for (std::size_t i = 0; i < areas.areas.size(); ++i)
            for (int sex = 0; sex < n_sexes && rows_of_area[i] != 0; ++sex)
                for (int age = 0; age <= open_age; ++age)
                    if (line_of_cell[(i * n_sexes + static_cast<std::size_t>(sex)) * ages +
                                     static_cast<std::size_t>(age)] == 0)
                        problems.add(0, "age",
                                     "area " + quoted(areas.areas[i].code) + " has no row for " +
                                         sex_names[sex] + ", age " + std::to_string(age) + " in " +
                                         std::to_string(year) + " (every area, sex and age 0.." +
                                         std::to_string(open_age) +
                                         " once, the last age holding everybody of it and over)");
        check_complete(areas, rows_of_area, "for " + std::to_string(year), problems);
    }
    if (!problems.any())
        check_national(population, national, problems);
    AreaPopulationRead result;
    result.problems = problems.take();
    if (result.problems.empty())
        result.population = std::move(population);
    return result;
}

AreaPopulationRead read_area_population_by_age(const std::string& path, const AreaList& areas, int year,
                                               const std::optional<NationalTotals>& national) {
    return read_file_then(path, [&](std::string_view content) {
        return parse_area_population_by_age(content, path, areas, year, national);
    });
}

namespace {

/// Whether the header (the first line that is not blank or a comment) names a column `age`.
bool header_has_age(std::string_view content) {
    LineReader reader(content);
    std::string_view text;
    while (reader.next(text)) {
        const std::string_view trimmed = trim(text);
        if (trimmed.empty() || trimmed.front() == '#')
            continue;
        const std::vector<std::string> cells = split_cells(trimmed);
        return std::find(cells.begin(), cells.end(), "age") != cells.end();
    }
    return false;
}

} // namespace

AreaPopulationRead parse_area_population(std::string_view content, const std::string& path,
                                         const AreaList& areas, int year,
                                         const std::optional<NationalTotals>& national) {
    return header_has_age(content) ? parse_area_population_by_age(content, path, areas, year, national)
                                   : parse_area_totals(content, path, areas, year, national);
}

AreaPopulationRead read_area_population(const std::string& path, const AreaList& areas, int year,
                                        const std::optional<NationalTotals>& national) {
    return read_file_then(path, [&](std::string_view content) {
        return parse_area_population(content, path, areas, year, national);
    });
}

std::optional<std::string> merge_area(AreaList& areas, AreaPopulation& population, std::string_view from,
                                      std::string_view into) {
    const auto source = areas.find(from);
    const auto target = areas.find(into);
    if (!source || !target)
        return "unknown area code " + quoted(!source ? from : into) + " in " + areas.path;
    if (*source == *target)
        return "an area cannot be merged into itself (" + quoted(from) + ")";
    if (population.by_sex.size() != areas.areas.size())
        return "the population has " + std::to_string(population.by_sex.size()) + " areas, the list " +
               std::to_string(areas.areas.size());
    for (int sex = 0; sex < n_sexes; ++sex)
        population.by_sex[*target][static_cast<std::size_t>(sex)] +=
            population.by_sex[*source][static_cast<std::size_t>(sex)];
    if (!population.by_sex_age.empty()) {
        const auto width = static_cast<std::size_t>(n_sexes * population.ages());
        for (std::size_t k = 0; k < width; ++k)
            population.by_sex_age[*target * width + k] += population.by_sex_age[*source * width + k];
        population.by_sex_age.erase(
            population.by_sex_age.begin() + static_cast<std::ptrdiff_t>(*source * width),
            population.by_sex_age.begin() + static_cast<std::ptrdiff_t>((*source + 1) * width));
    }
    population.by_sex.erase(population.by_sex.begin() + static_cast<std::ptrdiff_t>(*source));
    areas.areas.erase(areas.areas.begin() + static_cast<std::ptrdiff_t>(*source));
    return std::nullopt;
}

} // namespace migsim
