// From the checked changes to the scenario's timeline: the value each changed element takes in each
// month (the rules are in change_reference_markdown(), timeline_load.cpp), the checks that need the
// run's months and the other changes (a change that never acts, two changes of one element that
// overlap, a value out of range in some month), the values at the start, the parameters' full
// values from each month they change, and the changes as the resolved scenario writes them.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "scenario/limits.hpp"
#include "scenario/loader.hpp"

namespace migsim::loading {

namespace {

/// 'text', printable and at most 80 characters long, for messages.
std::string in_quotes(std::string_view text) {
    return std::string("'").append(printable(text, 80)).append("'");
}

bool valid_change_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

/// One element of a changed parameter and the changes that set it, in order.
struct ElementChanges {
    int element = 0;
    double before = 0.0; ///< the value the scenario gives, before any change
    std::vector<const CheckedChange*> changes;
    std::vector<double> prior; ///< by change: the value in effect the month before it starts
};

/// A change's target from the value before it: rounded for an integer parameter.
double target_of(const CheckedChange& change, double amount, double prior) {
    const double target = change.relative ? amount * prior : amount;
    return change.parameter->type == ParameterType::integer ? std::round(target) : target;
}

/// The value `change` gives in month m (m >= its first month), `prior` the value before it.
double value_in(const CheckedChange& change, double prior, Month m) {
    const bool integer = change.parameter->type == ParameterType::integer;
    switch (change.shape) {
    case ChangeShape::step:
        return target_of(change, change.amount, prior);
    case ChangeShape::ramp: {
        // Linear in months: the k-th month of the ramp (k = 0 in `from`) has (k + 1) / n of the
        // way, so the target is reached in `until` exactly.
        const double target = target_of(change, change.amount, prior);
        const Month n = change.until - change.from + 1;
        const Month k = m - change.from;
        if (k + 1 >= n)
            return target;
        const double value = prior + (target - prior) * static_cast<double>(k + 1) / static_cast<double>(n);
        return integer ? std::round(value) : value;
    }
    case ChangeShape::pulse:
        return m <= change.until ? target_of(change, change.amount, prior) : prior;
    case ChangeShape::by_year: {
        auto year = change.by_year.upper_bound(year_of(m));
        --year; // the last listed year whose January is at or before m
        return target_of(change, year->second, prior);
    }
    }
    return prior;
}

/// The value of the element in month m.
double value_at(const ElementChanges& element, Month m) {
    for (std::size_t i = element.changes.size(); i-- > 0;)
        if (element.changes[i]->first_month() <= m)
            return value_in(*element.changes[i], element.prior[i], m);
    return element.before;
}

/// The change in effect in month m (the last one started), or null.
const CheckedChange* in_effect(const std::vector<const CheckedChange*>& changes, Month m) {
    const CheckedChange* found = nullptr;
    for (const CheckedChange* change : changes)
        if (change->first_month() <= m && (!found || change->first_month() >= found->first_month()))
            found = change;
    return found;
}

ParameterValue value_of(const Parameter& p, const std::vector<double>& elements) {
    ParameterValue value;
    if (p.shape == ParameterShape::scalar) {
        value.real = elements[0];
        value.integer = static_cast<std::int64_t>(std::llround(elements[0]));
    } else {
        value.by_group = elements;
    }
    return value;
}

/// The number as the resolved text writes it: an integer for an integer parameter's value.
std::string number_text(const CheckedChange& change, double x) {
    if (!change.relative && change.parameter->type == ParameterType::integer)
        return std::to_string(static_cast<std::int64_t>(x));
    return format_toml_float(x);
}

} // namespace

void ScenarioLoader::resolve_changes(Scenario& scenario) {
    changes_.clear();
    const toml::node* node = root_.get(changes_section);
    if (!node)
        return;
    const toml::table* tables = node->as_table();
    if (!tables) {
        change_problem(changes_section, node, "expected tables [changes.NAME], found " + node_kind(*node));
        return;
    }
    if (tables->size() > static_cast<std::size_t>(limits::changes)) {
        change_problem(changes_section, node,
                       std::to_string(tables->size()) + " changes: more than the limit of " +
                           std::to_string(limits::changes));
        return;
    }
    for (const auto& [name_key, change_node] : *tables) {
        const std::string name{name_key.str()};
        const std::string key = std::string(changes_section) + "." + name;
        if (!valid_change_name(name))
            change_problem(key, &change_node,
                           in_quotes(name) + " is not a name for a change: lower-case letters, "
                                             "digits and _");
        else if (!change_node.is_table())
            change_problem(key, &change_node,
                           "expected a table [" + key + "] with key, shape, ..., found " +
                               node_kind(change_node));
        else if (auto change = check_change(name, *change_node.as_table()); change && change->active)
            changes_.push_back(std::move(*change));
    }
    if (!values_.count("run.start") || !values_.count("run.months"))
        return; // the run's months are in error, and reported
    const Month start = *parse_month(values_.at("run.start").text);
    const Month end = start + static_cast<Month>(values_.at("run.months").integer);

    // A change that does nothing within the run is a mistake (a month mistyped, a run too short).
    std::set<std::string> in_error;
    for (const CheckedChange& change : changes_) {
        const std::string key = std::string(changes_section) + "." + change.name;
        const std::string run = " (the run is " + format_month(start) + ".." + format_month(end - 1) + ")";
        if (change.first_month() >= end)
            change_problem(key, change.table,
                           "the change never acts: it starts in " + format_month(change.first_month()) +
                               ", after the run's last month" + run);
        else if (change.shape == ChangeShape::pulse && change.until < start)
            change_problem(key, change.table,
                           "the change never acts: the pulse " + format_month(change.from) + ".." +
                               format_month(change.until) + " ends before the run starts" + run);
        else
            continue;
        in_error.insert(change.name);
    }

    std::vector<ScheduledValue> scheduled;
    for (const Parameter* parameter : parameters_) {
        const Parameter& p = *parameter;
        std::vector<const CheckedChange*> of_parameter;
        for (const CheckedChange& change : changes_)
            if (change.parameter == parameter && !in_error.count(change.name))
                of_parameter.push_back(&change);
        if (of_parameter.empty() || !values_.count(p.key))
            continue;
        const ParameterValue& given = values_.at(p.key);
        const std::vector<double> before =
            p.shape == ParameterShape::scalar ? std::vector<double>{given.real} : given.by_group;
        std::vector<std::string> labels{p.key};
        if (p.shape != ParameterShape::scalar) {
            labels.clear();
            if (p.shape == ParameterShape::per_origin)
                labels.push_back(p.key + std::string(".") + birthplace_names[0]);
            for (const std::string& group : *group_names_)
                labels.push_back(p.key + std::string(".") + group);
        }

        // Each element's changes in the order of their first months; two that share a month, or a
        // change that starts before the previous one is done, are refused.
        bool ok = true;
        std::set<std::pair<std::string, std::string>> reported;
        std::vector<ElementChanges> elements;
        for (int e = 0; e < static_cast<int>(before.size()); ++e) {
            ElementChanges element{e, before[static_cast<std::size_t>(e)], {}, {}};
            for (const CheckedChange* change : of_parameter)
                if (change->element == e || change->element == -1)
                    element.changes.push_back(change);
            if (element.changes.empty())
                continue;
            std::stable_sort(element.changes.begin(), element.changes.end(),
                             [](const CheckedChange* a, const CheckedChange* b) {
                                 return a->first_month() < b->first_month();
                             });
            for (std::size_t i = 1; i < element.changes.size(); ++i) {
                const CheckedChange& earlier = *element.changes[i - 1];
                const CheckedChange& later = *element.changes[i];
                if (later.first_month() >= earlier.free_from() ||
                    !reported.insert({earlier.name, later.name}).second)
                    continue;
                const std::string key = std::string(changes_section) + "." + later.name;
                const auto from_node = later.nodes.count("from") ? later.nodes.at("from") : later.table;
                change_problem(key + (later.nodes.count("from") ? ".from" : ""), from_node,
                               "starts in " + format_month(later.first_month()) + ", while changes." +
                                   earlier.name + " still changes " + labels[static_cast<std::size_t>(e)] +
                                   " (until " + format_month(earlier.free_from() - 1) +
                                   "): changes of one parameter may not overlap");
                ok = false;
            }
            elements.push_back(std::move(element));
        }
        if (!ok)
            continue;
        for (ElementChanges& element : elements) {
            element.prior.push_back(element.before);
            for (std::size_t i = 1; i < element.changes.size(); ++i)
                element.prior.push_back(value_in(*element.changes[i - 1], element.prior[i - 1],
                                                 element.changes[i]->first_month() - 1));
        }

        // Every element's value in every month of the run, each within the parameter's range.
        std::vector<std::vector<double>> by_month(static_cast<std::size_t>(end - start), before);
        std::set<std::string> out_of_range;
        for (const ElementChanges& element : elements)
            for (Month m = start; m < end; ++m) {
                const double value = value_at(element, m);
                by_month[static_cast<std::size_t>(m - start)][static_cast<std::size_t>(element.element)] =
                    value;
                if (p.in_range(value))
                    continue;
                const CheckedChange* cause = in_effect(element.changes, m);
                if (out_of_range.insert(cause->name).second) {
                    std::string key = cause->amount_key();
                    const toml::node* at = cause->nodes.count(key.substr(key.rfind('.') + 1))
                                               ? cause->nodes.at(key.substr(key.rfind('.') + 1))
                                               : cause->table;
                    if (cause->shape == ChangeShape::by_year) {
                        const int year = std::prev(cause->by_year.upper_bound(year_of(m)))->first;
                        key += "." + std::to_string(year);
                        if (const auto* years = at->as_table())
                            at = years->get(std::to_string(year));
                    }
                    change_problem(key, at,
                                   "in " + format_month(m) + ", " +
                                       labels[static_cast<std::size_t>(element.element)] + " would be " +
                                       format_approximately(value) + ": out of range, expected " +
                                       element_text(p));
                }
                ok = false;
                break;
            }
        if (ok && p.sums_to_one)
            for (Month m = start; m < end; ++m) {
                double sum = 0.0;
                for (const double share : by_month[static_cast<std::size_t>(m - start)])
                    sum += share;
                if (std::abs(sum - 1.0) <= share_sum_tolerance)
                    continue;
                const CheckedChange* cause = in_effect(of_parameter, m);
                change_problem(cause->amount_key(), cause->table,
                               "in " + format_month(m) + " the shares of " + p.key + " would sum to " +
                                   format_approximately(sum) + ", not 1");
                ok = false;
                break;
            }
        if (!ok)
            continue;

        // The values at the start (months before it folded in), then each month with a change.
        if (by_month.front() != before)
            p.assign(scenario, value_of(p, by_month.front()));
        for (Month m = start + 1; m < end; ++m)
            if (by_month[static_cast<std::size_t>(m - start)] !=
                by_month[static_cast<std::size_t>(m - start - 1)])
                scheduled.push_back(
                    {m, p.key, value_of(p, by_month[static_cast<std::size_t>(m - start)]), p.assign});
        for (const ElementChanges& element : elements) {
            ParameterPath path{labels[static_cast<std::size_t>(element.element)], {}};
            for (const auto& values : by_month)
                path.value.push_back(values[static_cast<std::size_t>(element.element)]);
            scenario.timeline.paths.push_back(std::move(path));
        }
    }
    // By month; within a month in the order of the schema (the order they were made in).
    std::stable_sort(scheduled.begin(), scheduled.end(),
                     [](const ScheduledValue& a, const ScheduledValue& b) { return a.month < b.month; });
    scenario.timeline.changes = std::move(scheduled);
}

std::string ScenarioLoader::changes_text() const {
    std::ostringstream out;
    for (const CheckedChange& change : changes_) {
        out << "\n[" << changes_section << "." << change.name << "]\n";
        out << "key = " << quote_toml_string(change.target) << "\n";
        const char* shapes[] = {"step", "ramp", "pulse", "by_year"};
        out << "shape = \"" << shapes[static_cast<int>(change.shape)] << "\"\n";
        if (change.shape == ChangeShape::by_year) {
            out << (change.relative ? "factor_by_year" : "value_by_year") << " = { ";
            bool first = true;
            for (const auto& [year, amount] : change.by_year) {
                out << (first ? "" : ", ") << year << " = " << number_text(change, amount);
                first = false;
            }
            out << " }\n";
            continue;
        }
        out << "from = \"" << format_month(change.from) << "\"\n";
        if (change.shape != ChangeShape::step)
            out << "until = \"" << format_month(change.until) << "\"\n";
        out << (change.relative ? "factor" : "value") << " = " << number_text(change, change.amount) << "\n";
    }
    return out.str();
}

} // namespace migsim::loading
