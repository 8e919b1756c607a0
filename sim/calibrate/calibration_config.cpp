#include "calibrate/calibration_config.hpp"

#include <algorithm>
#include <filesystem>

#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/toml_reader.hpp"

namespace migsim {

const std::string* CalibrationConfig::national_table(int year) const {
    for (const auto& [y, table] : national_tables)
        if (y == year)
            return &table;
    return nullptr;
}

namespace {

constexpr int earliest_year = 1800;
constexpr int latest_year = 2200;

std::string beside(const std::string& config_path, const std::string& given) {
    const std::filesystem::path p(given);
    return (p.is_absolute() ? p : std::filesystem::path(config_path).parent_path() / p)
        .lexically_normal()
        .string();
}

/// Two years [first, last] with first < last.
std::optional<std::pair<int, int>> year_pair(TomlReader& r, const toml::table& t, const std::string& key) {
    const toml::node* node = t.get("years");
    if (!node) {
        r.problem(&t, key, "missing required key");
        return std::nullopt;
    }
    const toml::array* array = node->as_array();
    if (!array || array->size() != 2 || !(*array)[0].is_integer() || !(*array)[1].is_integer()) {
        r.problem(node, key, "expected two years, [first, last]");
        return std::nullopt;
    }
    const auto first = (*array)[0].as_integer()->get();
    const auto last = (*array)[1].as_integer()->get();
    if (first < earliest_year || last > latest_year || first >= last) {
        r.problem(node, key,
                  "expected two years in " + std::to_string(earliest_year) + ".." +
                      std::to_string(latest_year) + ", the first before the last");
        return std::nullopt;
    }
    return std::pair{static_cast<int>(first), static_cast<int>(last)};
}

/// A year given as a TOML key ("2008"), or 0.
int year_key(std::string_view key) {
    try {
        std::size_t used = 0;
        const int year = std::stoi(std::string(key), &used);
        return used == key.size() && year >= earliest_year && year <= latest_year ? year : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

/// One text out of `allowed`, or a problem naming them.
std::optional<std::string> one_of(TomlReader& r, const toml::table& t, const std::string& prefix,
                                  const char* key, const std::vector<std::string>& allowed,
                                  const char* fallback) {
    const std::optional<std::string> given = r.text(t, prefix, key, fallback == nullptr);
    if (!given)
        return fallback ? std::optional<std::string>(fallback) : std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *given) == allowed.end()) {
        std::string list;
        for (const std::string& a : allowed)
            list += (list.empty() ? "" : ", ") + a;
        r.problem(t.get(key), prefix + key,
                  "unknown: '" + *given + "'" + did_you_mean(*given, allowed) + "; expected one of " + list);
        return std::nullopt;
    }
    return given;
}

/// The published figures of [national.NAME] (`published = { YEAR = persons }`), each within the
/// fit's flow years, by year; false after a problem.
bool read_published(TomlReader& r, const toml::table& t, const std::string& prefix,
                    const std::optional<std::pair<int, int>>& years, NationalTarget& target) {
    const toml::node* published = t.get("published");
    if (!published) {
        r.problem(&t, prefix + "published", "missing required key");
        return false;
    }
    const toml::table* by_year = published->as_table();
    if (!by_year) {
        r.problem(published, prefix + "published",
                  "expected a table of year = persons, e.g. { 2008 = 38356 }");
        return false;
    }
    if (by_year->empty()) {
        r.problem(published, prefix + "published", "expected at least one year = persons");
        return false;
    }
    bool ok = true;
    for (const auto& [year_text, value] : *by_year) {
        const std::string at = prefix + "published." + std::string(year_text.str());
        const int year = year_key(year_text.str());
        const std::optional<double> persons = value.value<double>();
        if (year == 0) {
            r.problem(&value, at, "expected a year as the key, e.g. 2008 = 38356");
            ok = false;
        } else if (years && (year < years->first || year >= years->second)) {
            r.problem(&value, at,
                      "outside the fit's flow years, " + std::to_string(years->first) + "-" +
                          std::to_string(years->second - 1) +
                          " (flows of a year end on 1 January of the next)");
            ok = false;
        } else if (!persons || !(*persons > 0.0) || *persons > 1e10) {
            r.problem(&value, at, "expected a count of persons > 0");
            ok = false;
        } else
            target.published.push_back({year, *persons});
    }
    std::sort(target.published.begin(), target.published.end());
    return ok;
}

/// [national.NAME]: a published national flow by year (component, definition, published, and
/// optionally the parameter fitted to it, and its source). Whether any names a parameter.
bool read_national_targets(TomlReader& r, const toml::table& national,
                           const std::optional<std::pair<int, int>>& years, CalibrationConfig& config) {
    // In the file's order (a parameter named twice is refused at its second place).
    std::vector<std::pair<std::string, const toml::node*>> entries;
    for (const auto& [key, node] : national)
        entries.push_back({std::string(key.str()), &node});
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.second->source().begin.line < b.second->source().begin.line;
    });
    std::vector<std::pair<std::string, std::string>> claimed; // (parameter, target)
    for (const auto& [name, node_pointer] : entries) {
        const toml::node& node = *node_pointer;
        const std::string prefix = "national." + name + ".";
        const toml::table* t = node.as_table();
        if (!t) {
            r.problem(&node, "national." + name, "expected a table [national." + name + "]");
            continue;
        }
        r.only_keys(*t, prefix, {"component", "definition", "published", "parameter", "source"});
        NationalTarget target;
        target.name = name;
        bool ok = true;
        if (const auto component = one_of(r, *t, prefix, "component", national_components(), nullptr))
            target.component = *component;
        else
            ok = false;
        if (const auto definition =
                one_of(r, *t, prefix, "definition", national_definitions(), "usual_residence_12m"))
            target.definition = *definition;
        else
            ok = false;
        if (const auto parameter = r.text(*t, prefix, "parameter", false)) {
            for (const auto& [other_parameter, other] : claimed)
                if (other_parameter == *parameter) {
                    r.problem(t->get("parameter"), prefix + "parameter",
                              *parameter + " is fitted by national." + other +
                                  " already: one published flow per parameter");
                    ok = false;
                }
            claimed.push_back({*parameter, name});
            target.parameter = *parameter;
        }
        target.source = r.text(*t, prefix, "source", false).value_or("");
        ok = read_published(r, *t, prefix, years, target) && ok;
        if (ok)
            config.national.push_back(std::move(target));
    }
    return !claimed.empty();
}

} // namespace

CalibrationConfigLoad load_calibration_config(const std::string& path) {
    const InputFile file = read_input_file(path, limits::scenario_file_bytes);
    if (!file.error.empty())
        return {std::nullopt, {{path, 0, "", file.error}}};
    return load_calibration_config_text(file.content, path);
}

CalibrationConfigLoad load_calibration_config_text(std::string_view text, const std::string& path) {
    TomlReader r(path);
    const std::optional<toml::table> parsed = parse_guarded_toml(text, path, r.problems);
    if (!parsed)
        return {std::nullopt, std::move(r.problems)};
    const toml::table& root = *parsed;
    CalibrationConfig config;
    config.path = path;
    r.only_keys(root, "", {"calibration", "backtest", "output", "national"});
    const toml::table* c = root.get_as<toml::table>("calibration");
    const toml::table* o = root.get_as<toml::table>("output");
    if (!c)
        r.problem(root.get("calibration"), "calibration", "missing the table [calibration]");
    if (!o)
        r.problem(root.get("output"), "output", "missing the table [output]");
    // Each table's problems are reported whether or not the other is there.
    if (o) {
        r.only_keys(*o, "output.", {"attraction", "fit", "summary", "report", "national"});
        for (auto [key, target] :
             {std::pair{"attraction", &config.attraction_table}, std::pair{"fit", &config.fit_table},
              std::pair{"summary", &config.summary_table}, std::pair{"report", &config.report}})
            if (const auto given = r.text(*o, "output.", key, true))
                *target = beside(path, *given);
        if (const auto given = r.text(*o, "output.", "national", false))
            config.national_fit_table = beside(path, *given);
    }
    auto refused = [&r]() -> CalibrationConfigLoad {
        std::stable_sort(r.problems.begin(), r.problems.end(),
                         [](const ScenarioProblem& a, const ScenarioProblem& b) { return a.line < b.line; });
        return {std::nullopt, std::move(r.problems)};
    };
    if (!c)
        return refused();

    r.only_keys(*c, "calibration.",
                {"scenario", "set", "years", "max_iterations", "tolerance", "national_tables"});
    if (const auto scenario = r.text(*c, "calibration.", "scenario", true))
        config.scenario = beside(path, *scenario);
    if (const toml::node* set = c->get("set")) {
        if (const toml::array* array = set->as_array()) {
            for (const toml::node& element : *array) {
                if (element.is_string())
                    config.set.push_back(element.as_string()->get());
                else
                    r.problem(&element, "calibration.set", "expected a \"key=value\" text");
            }
        } else
            r.problem(set, "calibration.set", "expected an array of \"key=value\" texts");
    }
    const auto years = year_pair(r, *c, "calibration.years");
    if (years) {
        config.first_year = years->first;
        config.last_year = years->second;
    }
    config.max_iterations =
        static_cast<int>(r.integer(*c, "calibration.", "max_iterations", false, 0, 1000).value_or(12));
    config.tolerance = r.number(*c, "calibration.", "tolerance", false, 1e-6, 100.0).value_or(1.0);
    const toml::node* tables = c->get("national_tables");
    if (!tables)
        r.problem(c, "calibration.national_tables", "missing required key");
    else if (const toml::table* t = tables->as_table()) {
        for (const auto& [key, node] : *t) {
            const std::string name = "calibration.national_tables." + std::string(key.str());
            const int year = year_key(key.str());
            if (year == 0)
                r.problem(&node, name,
                          "expected a year as the key, e.g. \"2008\" = \"data/population_2008.csv\"");
            else if (!node.is_string())
                r.problem(&node, name, "expected the path of a national population table");
            else
                config.national_tables.push_back({year, beside(path, node.as_string()->get())});
        }
    } else
        r.problem(tables, "calibration.national_tables", "expected a table of year = path");
    if (years && !config.national_table(config.first_year))
        r.problem(tables ? tables : c, "calibration.national_tables",
                  "no table for the first year of the fit, " + std::to_string(config.first_year));

    if (const toml::table* b = root.get_as<toml::table>("backtest")) {
        r.only_keys(*b, "backtest.", {"base_year"});
        const auto base = r.integer(*b, "backtest.", "base_year", true, earliest_year, latest_year);
        if (base && years && (*base <= config.first_year || *base >= config.last_year))
            r.problem(b->get("base_year"), "backtest.base_year",
                      "expected a year after the fit's first, " + std::to_string(config.first_year) +
                          ", and before its last, " + std::to_string(config.last_year));
        else if (base && years && !config.national_table(static_cast<int>(*base)))
            r.problem(b->get("base_year"), "backtest.base_year",
                      "calibration.national_tables has no table for " + std::to_string(*base));
        else if (base)
            config.backtest_base = static_cast<int>(*base);
    } else if (root.contains("backtest"))
        r.problem(root.get("backtest"), "backtest", "expected the table [backtest]");

    bool fits_parameters = false;
    if (const toml::node* national = root.get("national")) {
        if (const toml::table* t = national->as_table())
            fits_parameters = read_national_targets(r, *t, years, config);
        else
            r.problem(national, "national", "expected tables [national.NAME]");
    }
    if (o && config.national_fit_table.empty() && fits_parameters)
        r.problem(o, "output.national",
                  "missing: the file the fitted national parameters are written to (a [national] table "
                  "names a parameter)");

    if (!r.problems.empty())
        return refused();
    return {std::move(config), {}};
}

} // namespace migsim
