// The keys of a change ([changes.NAME]), declared once, and the checks of one change on its own:
// every key known and of its type, the keys its shape needs and no others, the parameter it
// changes a numeric one of a module that may change during a run. What depends on the other
// changes and on the run's months (overlaps, ranges month by month) is in timeline_resolve.cpp.
#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "core/text.hpp"
#include "scenario/loader.hpp"

namespace migsim {

namespace {

/// 'text', printable and at most 80 characters long, for messages.
std::string in_quotes(std::string_view text) {
    return std::string("'").append(printable(text, 80)).append("'");
}

const std::array declared_settings = {
    ChangeSetting{"key", "text", "an integer or number parameter of a module section, or `PARAMETER.GROUP`",
                  "The parameter that changes, e.g. `\"mortality.multiplier\"`; one group's element of a "
                  "per-group or per-origin parameter is named with the group, "
                  "`\"immigration.arrivals_per_year.syria\"`; a per-group parameter named alone "
                  "changes every group's element (each by the factor, or each to the value)."},
    ChangeSetting{"shape", "choice", "`\"step\"`, `\"ramp\"`, `\"pulse\"`, `\"by_year\"`",
                  "step: the new value from `from` on. ramp: linear in months from the value before "
                  "`from` to the target, reached in `until`. pulse: the new value from `from` to "
                  "`until`, the value before `from` again from the month after. by_year: from "
                  "January of each listed year, that year's value."},
    ChangeSetting{"from", "month", "`\"YYYY-MM\"`, 1900-01..2399-12",
                  "step, ramp, pulse: the first month with a new value."},
    ChangeSetting{"until", "month", "`\"YYYY-MM\"`, not before `from`",
                  "ramp: the month the target is reached; pulse: its last month."},
    ChangeSetting{"factor", "number", "[0, 1000]",
                  "step, ramp, pulse: the target is the value in effect the month before `from` times "
                  "this."},
    ChangeSetting{"value", "number", "the parameter's range, in every month",
                  "step, ramp, pulse: the target itself (an integer for an integer parameter); give "
                  "`factor` or `value`."},
    ChangeSetting{"factor_by_year", "numbers by year", "`{ 2015 = 1.2, 2016 = 1.5 }`, factors in [0, 1000]",
                  "by_year: from January of each listed year, the value in effect before the first "
                  "listed year times that year's factor."},
    ChangeSetting{"value_by_year", "numbers by year", "`{ 2015 = 12000, 2016 = 9000 }`",
                  "by_year: from January of each listed year, that year's value; give "
                  "`factor_by_year` or `value_by_year`."},
    ChangeSetting{"active", "true or false", "`true` (default), `false`",
                  "false: the change is read and checked, then does nothing; it switches off a change "
                  "of the base scenario, e.g. `--set changes.published_fertility.active=false` for "
                  "the default scenario's fertility of 2013 in every year."},
};

/// Which keys each shape needs: `from`, `until`, and a number (factor or value) or a table by year.
struct ShapeRule {
    const char* name;
    ChangeShape shape;
    bool from;
    bool until;
    bool by_year;
    const char* why_not_until; ///< the message for an `until` the shape has not
};

const std::array shape_rules = {
    ShapeRule{"step", ChangeShape::step, true, false, false,
              "a step has no until: it holds to the end of the run (a pulse ends)"},
    ShapeRule{"ramp", ChangeShape::ramp, true, true, false, ""},
    ShapeRule{"pulse", ChangeShape::pulse, true, true, false, ""},
    ShapeRule{"by_year", ChangeShape::by_year, false, false, true,
              "a table by year has no until: each year's value holds until the next listed year, the "
              "last one to the end of the run"},
};

const ShapeRule& rule_of(ChangeShape shape) {
    return *std::find_if(shape_rules.begin(), shape_rules.end(),
                         [&](const ShapeRule& rule) { return rule.shape == shape; });
}

bool is_number(const toml::node& node) {
    return node.is_integer() || node.is_floating_point();
}

double number_of(const toml::node& node) {
    return node.is_integer() ? static_cast<double>(node.as_integer()->get())
                             : node.as_floating_point()->get();
}

std::string names_text(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i)
        text += (i ? ", " : "") + names[i];
    return text;
}

bool core_section(const ParameterSection* section) {
    return section == &run_parameters() || section == &population_parameters() ||
           section == &groups_parameters();
}

} // namespace

std::span<const ChangeSetting> change_settings() {
    return declared_settings;
}

std::string change_reference_markdown() {
    std::ostringstream out;
    out << "\n## [changes.NAME]\n\n"
           "Parameters that change during the run (docs/scenarios.md has examples). Each change is a table "
           "`[changes.NAME]` (NAME: lower-case letters, digits and _) that changes one integer or number "
           "parameter of a module section (not [run], [population] or [groups], nor a parameter fixed "
           "during a run), or one group's element of a per-group one. Its keys can be set with `--set`, "
           "e.g. `--set changes.surge.factor=3`.\n\n"
           "| Key | Type | Range | Description |\n|---|---|---|---|\n";
    for (const ChangeSetting& setting : declared_settings)
        out << "| `" << setting.name << "` | " << setting.type << " | " << setting.range << " | "
            << setting.description << " |\n";
    out << "\n| Shape | Needs |\n|---|---|\n";
    for (const ShapeRule& rule : shape_rules)
        out << "| `\"" << rule.name << "\"` | "
            << (rule.by_year
                    ? "`factor_by_year` or `value_by_year`"
                    : std::string("`from`, ") + (rule.until ? "`until`, " : "") + "`factor` or `value`")
            << " |\n";
    out << "\nThe changes of one element take effect in the order of their first months, each from the "
           "value in effect the month before it starts. A change starts only after the previous change "
           "of the same element has done all it does (the month after a step's first month, a ramp's "
           "target month, the January of a table's last year, or a pulse's return), so that no two "
           "changes set an element in the same month. A ramp's value in month `from` + k is v + (t - v) "
           "x (k + 1) / (`until` - `from` + 1), v the value before and t the target. An integer "
           "parameter's targets and ramp values are rounded to the nearest integer (halves away from "
           "zero). Months before `run.start` fold into the value at the start (which the base "
           "population uses); a change that does nothing within the run is a mistake. The value must "
           "be within the parameter's range (and shares must sum to 1) in every month of the run.\n";
    return out.str();
}

namespace loading {

Month CheckedChange::first_month() const {
    if (shape == ChangeShape::by_year)
        return by_year.empty() ? 0 : month_of(by_year.begin()->first, 1);
    return from;
}

Month CheckedChange::free_from() const {
    switch (shape) {
    case ChangeShape::step:
        return from + 1;
    case ChangeShape::ramp:
        return until + 1;
    case ChangeShape::pulse:
        return until + 2;
    case ChangeShape::by_year:
        return month_of(by_year.rbegin()->first, 1) + 1;
    }
    return from + 1;
}

std::string CheckedChange::amount_key() const {
    const std::string prefix = std::string(changes_section) + "." + name + ".";
    if (shape == ChangeShape::by_year)
        return prefix + (relative ? "factor_by_year" : "value_by_year");
    return prefix + (relative ? "factor" : "value");
}

void ScenarioLoader::change_problem(const std::string& key, const toml::node* node, std::string message) {
    // A node the file did not give has no line: the command line made it (--set changes.x.key=...).
    if (overridden(key) || (node && node->source().begin.line == 0))
        problem_at_line(override_source, 0, key, std::move(message));
    else
        problem_at_line(file_of(node), node ? static_cast<int>(node->source().begin.line) : 0, key,
                        std::move(message));
}

bool ScenarioLoader::find_change_target(CheckedChange& change, const toml::node& node) {
    const std::string key = std::string(changes_section) + "." + change.name + ".key";
    const std::string& target = change.target;
    // The longest start of the target that is a parameter; a per-group one may add a group.
    std::vector<std::string> parts;
    for (std::size_t begin = 0;;) {
        const std::size_t dot = target.find('.', begin);
        parts.push_back(target.substr(begin, dot == std::string::npos ? dot : dot - begin));
        if (dot == std::string::npos)
            break;
        begin = dot + 1;
    }
    const Parameter* p = nullptr;
    std::size_t used = 0;
    for (std::size_t count = parts.size(); count >= 1 && !p; --count) {
        std::string joined = parts[0];
        for (std::size_t i = 1; i < count; ++i)
            joined += "." + parts[i];
        if ((p = find_parameter(joined)))
            used = count;
    }
    const bool by_group = p && p->shape != ParameterShape::scalar;
    if (!p || parts.size() > used + (by_group ? 1u : 0u)) {
        change_problem(key, &node, in_quotes(target) + " is not a parameter" + unknown_key_hint(target));
        return false;
    }
    const ParameterSection* section = nullptr;
    for (const ParameterSection* s : schema_)
        for (const Parameter& q : s->parameters)
            if (&q == p)
                section = s;
    const std::string name = p->key;
    if (core_section(section)) {
        change_problem(key, &node,
                       in_quotes(name) + " cannot change during a run: [run], [population] and [groups] "
                                         "make the run and its base population before it starts");
        return false;
    }
    if (p->type != ParameterType::integer && p->type != ParameterType::real) {
        change_problem(key, &node,
                       in_quotes(name) +
                           " cannot change during a run: only integer and number parameters can");
        return false;
    }
    if (p->fixed_during_run) {
        change_problem(key, &node,
                       in_quotes(name) + " is fixed during a run: it shapes what is built before the run "
                                         "starts (docs/parameters.md)");
        return false;
    }
    change.parameter = p;
    if (parts.size() == used)
        return true;
    if (!group_names_)
        return false; // the groups are in error, and reported
    std::vector<std::string> elements;
    if (p->shape == ParameterShape::per_origin)
        elements.emplace_back(birthplace_names[0]);
    elements.insert(elements.end(), group_names_->begin(), group_names_->end());
    const auto at = std::find(elements.begin(), elements.end(), parts.back());
    if (at == elements.end()) {
        change_problem(key, &node,
                       "unknown group '" + printable(parts.back(), 80) + "' of " + name + " (expected " +
                           names_text(elements) + ")");
        return false;
    }
    change.element = static_cast<int>(at - elements.begin());
    return true;
}

std::optional<CheckedChange> ScenarioLoader::check_change(const std::string& name, const toml::table& table) {
    CheckedChange change;
    change.name = name;
    change.table = &table;
    const std::string prefix = std::string(changes_section) + "." + name + ".";
    bool ok = true;
    const auto wrong = [&](const std::string& setting, const toml::node* node, const std::string& message) {
        change_problem(prefix + setting, node, message);
        ok = false;
    };
    std::vector<std::string> known;
    for (const ChangeSetting& setting : declared_settings)
        known.emplace_back(setting.name);
    for (const auto& [name_key, node] : table) {
        const std::string setting{name_key.str()};
        if (std::find(known.begin(), known.end(), setting) == known.end()) {
            std::string hint;
            int best = 3;
            for (const std::string& candidate : known)
                if (const int distance = edit_distance(setting, candidate); distance < best) {
                    best = distance;
                    hint = " (did you mean '" + candidate + "'?)";
                }
            wrong(setting, &node, "unknown key" + hint);
        } else {
            change.nodes[setting] = &node;
        }
    }
    const auto given = [&](const char* setting) -> const toml::node* {
        const auto found = change.nodes.find(setting);
        return found == change.nodes.end() ? nullptr : found->second;
    };
    const auto month = [&](const char* setting, Month& into) {
        const toml::node* node = given(setting);
        if (!node)
            return;
        const auto parsed = node->is_string() ? parse_month(node->as_string()->get()) : std::nullopt;
        if (!parsed)
            wrong(setting, node,
                  "expected a month \"YYYY-MM\" within 1900..2399, found " +
                      (node->is_string() ? in_quotes(node->as_string()->get()) : node_kind(*node)));
        else
            into = *parsed;
    };

    bool target_known = false;
    if (const toml::node* key = given("key")) {
        if (!key->is_string()) {
            wrong("key", key, "expected the name of a parameter (a string), found " + node_kind(*key));
        } else {
            change.target = key->as_string()->get();
            target_known = find_change_target(change, *key);
            ok = ok && target_known;
        }
    } else {
        wrong("key", &table,
              "missing required key: expected the parameter that changes, e.g. "
              "\"immigration.multiplier\"");
    }
    bool shape_known = false;
    if (const toml::node* shape = given("shape")) {
        const std::string text = shape->is_string() ? shape->as_string()->get() : "";
        for (const ShapeRule& rule : shape_rules)
            if (text == rule.name) {
                change.shape = rule.shape;
                shape_known = true;
            }
        if (!shape_known)
            wrong("shape", shape,
                  "expected one of \"step\", \"ramp\", \"pulse\" or \"by_year\", found " +
                      (shape->is_string() ? in_quotes(text) : node_kind(*shape)));
    } else {
        wrong("shape", &table, "missing required key: expected \"step\", \"ramp\", \"pulse\" or \"by_year\"");
    }
    month("from", change.from);
    month("until", change.until);
    if (const toml::node* active = given("active")) {
        if (!active->is_boolean())
            wrong("active", active, "expected true or false, found " + node_kind(*active));
        else
            change.active = active->as_boolean()->get();
    }

    // The numbers: a factor in [0, max_change_factor], a value finite (its range is checked month
    // by month); an integer parameter's value an integer.
    const bool integer = target_known && change.parameter->type == ParameterType::integer;
    const auto amount = [&](const std::string& setting, const toml::node& node, bool relative) {
        if (!is_number(node)) {
            wrong(setting, &node,
                  std::string("expected ") + (relative ? "a factor (a number)" : "a number") + ", found " +
                      node_kind(node));
            return 0.0;
        }
        const double x = number_of(node);
        if (relative && !(x >= 0.0 && x <= max_change_factor))
            wrong(setting, &node, format_number(x) + " is out of range: expected a factor in [0, 1000]");
        else if (!relative && integer && !node.is_integer())
            wrong(setting, &node, "expected an integer: " + change.target + " is an integer parameter");
        return x;
    };
    for (const char* setting : {"factor", "value"})
        if (const toml::node* node = given(setting)) {
            change.relative = std::string_view(setting) == "factor";
            change.amount = amount(setting, *node, change.relative);
        }
    for (const char* setting : {"factor_by_year", "value_by_year"}) {
        const toml::node* node = given(setting);
        if (!node)
            continue;
        const bool relative = std::string_view(setting) == "factor_by_year";
        change.relative = relative;
        const toml::table* years = node->as_table();
        if (!years || years->empty()) {
            wrong(setting, node,
                  "expected a table of numbers by year, e.g. { 2015 = 1.2, 2016 = 1.5 }, found " +
                      (years ? std::string("an empty table") : node_kind(*node)));
            continue;
        }
        for (const auto& [year_key, year_node] : *years) {
            const std::string year_text{year_key.str()};
            const std::string key = std::string(setting) + "." + year_text;
            const auto year = parse_month(year_text + "-01");
            if (year_text.size() != 4 || !year)
                wrong(key, &year_node, in_quotes(year_text) + " is not a year in 1900..2399");
            else
                change.by_year[year_of(*year)] = amount(key, year_node, relative);
        }
    }

    if (shape_known) {
        const ShapeRule& rule = rule_of(change.shape);
        const std::string shape =
            std::string("a ") + (change.shape == ChangeShape::by_year ? "table by year" : rule.name);
        if (rule.from && !given("from"))
            wrong("from", &table,
                  "missing required key: " + shape + " needs the month it starts, from = \"YYYY-MM\"");
        if (!rule.from && given("from"))
            wrong("from", given("from"),
                  shape + " has no from: it starts in January of its first listed year");
        if (rule.until && !given("until"))
            wrong("until", &table,
                  "missing required key: " + shape + " needs until = \"YYYY-MM\" (" +
                      (change.shape == ChangeShape::ramp ? "the month the target is reached)"
                                                         : "its last month)"));
        if (!rule.until && given("until"))
            wrong("until", given("until"), rule.why_not_until);
        const char* number_keys[2] = {"factor", "value"};
        const char* table_keys[2] = {"factor_by_year", "value_by_year"};
        const auto& needed = rule.by_year ? table_keys : number_keys;
        const auto& other = rule.by_year ? number_keys : table_keys;
        if (given(needed[0]) && given(needed[1]))
            wrong(needed[1], given(needed[1]),
                  std::string("give either ") + needed[0] + " or " + needed[1] + ", not both");
        if (!given(needed[0]) && !given(needed[1]))
            wrong(needed[0], &table,
                  "missing required key: " + shape + " needs " + needed[0] +
                      " (relative to the value "
                      "before the change) or " +
                      needed[1]);
        for (const char* key : other)
            if (given(key))
                wrong(key, given(key),
                      shape + " has no " + key + ": it needs " + needed[0] + " or " + needed[1]);
        if (rule.until && given("from") && given("until") && change.until < change.from)
            wrong("until", given("until"),
                  in_quotes(format_month(change.until)) +
                      " is before from = " + in_quotes(format_month(change.from)));
    }
    if (!ok)
        return std::nullopt;
    return change;
}

} // namespace loading
} // namespace migsim
