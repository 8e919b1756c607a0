#pragma once
// Reading the tables of an output schema (output_schemas/README.md) into io/output_schema.hpp's
// structures, every problem collected with its file and line rather than stopping at the first:
// shared by the parser of the single-file layout and the assembly of the fragments
// (io/output_schema.cpp). Internal to sim/io.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/text.hpp"
#include "io/identity_term.hpp"
#include "io/output_schema.hpp"

namespace migsim::schema_reading {

/// Whether two dimensions or datasets of `group` are called `name`: they share one namespace,
/// the group's HDF5 links.
inline bool named_twice(const GroupSchema& group, const std::string& name) {
    const auto dims = std::count_if(group.dimensions.begin(), group.dimensions.end(),
                                    [&](const DimensionSchema& d) { return d.name == name; });
    const auto sets = std::count_if(group.datasets.begin(), group.datasets.end(),
                                    [&](const DatasetSchema& d) { return d.name == name; });
    std::ptrdiff_t auxiliaries = 0;
    for (const DimensionSchema& d : group.dimensions)
        auxiliaries += std::count_if(d.auxiliaries.begin(), d.auxiliaries.end(),
                                     [&](const AuxiliarySchema& a) { return a.name == name; });
    return dims + sets + auxiliaries > 1;
}

/// The dimension definitions every fragment refers to by name.
struct SharedDimensions {
    std::string source_name; ///< for messages, e.g. "output_schemas/dimensions.toml"
    std::map<std::string, DimensionSchema> dimensions;
};

/// Reads one schema table by table, collecting every problem with its line rather than stopping
/// at the first.
class SchemaReader {
public:
    explicit SchemaReader(std::string_view source_name) : source_name_(source_name) {}

    std::vector<std::string> problems;

    void problem(const toml::node& at, const std::string& where, const std::string& what) {
        problems.push_back(std::string(source_name_) + ":" + std::to_string(at.source().begin.line) + ": " +
                           where + ": " + what);
    }

    /// Unknown keys are errors, so that a misspelt key is not silently ignored.
    void only_keys(const toml::table& table, const std::string& where,
                   std::initializer_list<std::string_view> allowed) {
        for (auto&& [key, node] : table)
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                problem(node, where, "unknown key '" + std::string(key.str()) + "'");
    }

    std::string text(const toml::table& table, const std::string& where, std::string_view key) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            problem(table, where, concat({"missing key '", key, "'"}));
            return {};
        }
        if (!node->is_string()) {
            problem(*node, where, concat({"'", key, "' must be a string"}));
            return {};
        }
        return node->as_string()->get();
    }

    std::vector<std::string> texts(const toml::table& table, const std::string& where, std::string_view key,
                                   bool required) {
        std::vector<std::string> values;
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            if (required)
                problem(table, where, concat({"missing key '", key, "'"}));
            return values;
        }
        const toml::array* array = node->as_array();
        if (array == nullptr) {
            problem(*node, where, concat({"'", key, "' must be an array of strings"}));
            return values;
        }
        for (const toml::node& element : *array) {
            if (!element.is_string())
                problem(element, where, concat({"'", key, "' must be an array of strings"}));
            else
                values.push_back(element.as_string()->get());
        }
        return values;
    }

    /// An optional number (an integer is accepted too).
    std::optional<double> number(const toml::table& table, const std::string& where, std::string_view key) {
        const toml::node* node = table.get(key);
        if (node == nullptr)
            return std::nullopt;
        if (node->is_integer())
            return static_cast<double>(node->as_integer()->get());
        if (node->is_floating_point())
            return node->as_floating_point()->get();
        problem(*node, where, concat({"'", key, "' must be a number"}));
        return std::nullopt;
    }

    /// An optional integer.
    std::optional<std::int64_t> integer(const toml::table& table, const std::string& where,
                                        std::string_view key) {
        const toml::node* node = table.get(key);
        if (node == nullptr)
            return std::nullopt;
        if (!node->is_integer()) {
            problem(*node, where, concat({"'", key, "' must be an integer"}));
            return std::nullopt;
        }
        return node->as_integer()->get();
    }

    RunYears run_years(const toml::table& table, const std::string& where) {
        if (table.get("run_years") == nullptr)
            return RunYears::none;
        return choice<RunYears>(table, where, "run_years",
                                {{"januaries", RunYears::januaries},
                                 {"calendar years", RunYears::calendar_years},
                                 {"complete years", RunYears::complete_years}});
    }

    /// The tables of an array of tables such as [[groups.datasets]]; an absent key gives none.
    std::vector<const toml::table*> tables(const toml::table& table, const std::string& where,
                                           std::string_view key, bool required) {
        std::vector<const toml::table*> result;
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            if (required)
                problem(table, where, concat({"missing key '", key, "'"}));
            return result;
        }
        const toml::array* array = node->as_array();
        if (array == nullptr || !array->is_array_of_tables()) {
            problem(*node, where, concat({"'", key, "' must be an array of tables ([[...]])"}));
            return result;
        }
        for (const toml::node& element : *array)
            result.push_back(element.as_table());
        return result;
    }

    template <typename Enum>
    Enum choice(const toml::table& table, const std::string& where, std::string_view key,
                std::initializer_list<std::pair<std::string_view, Enum>> options) {
        const std::string value = text(table, where, key);
        for (const auto& [name, option] : options)
            if (value == name)
                return option;
        if (table.get(key) != nullptr && table.get(key)->is_string()) {
            std::string expected;
            for (const auto& [name, option] : options)
                expected += (expected.empty() ? "" : " | ") + std::string(name);
            problem(*table.get(key), where, concat({"'", key, "' is \"", value, "\", expected ", expected}));
        }
        return options.begin()->second;
    }

    /// One dimension declared in full: in the single-file layout, or in the shared definitions.
    DimensionSchema dimension(const toml::table& t, const std::string& at) {
        only_keys(t, at + " dimension",
                  {"name", "kind", "units", "description", "labels", "first", "last", "run_years",
                   "scenario_count", "leading_labels", "scenario_labels", "auxiliary"});
        DimensionSchema d;
        d.name = text(t, at + " dimension", "name");
        const std::string dim_at = at + "/" + d.name;
        d.kind = choice<LabelKind>(t, dim_at, "kind",
                                   {{"int", LabelKind::integer}, {"string", LabelKind::string}});
        d.units = text(t, dim_at, "units");
        d.description = text(t, dim_at, "description");
        d.labels = texts(t, dim_at, "labels", false);
        d.first = integer(t, dim_at, "first");
        d.last = integer(t, dim_at, "last");
        d.run_years = run_years(t, dim_at);
        if (t.get("scenario_count") != nullptr)
            d.scenario_count = text(t, dim_at, "scenario_count");
        d.leading_labels = texts(t, dim_at, "leading_labels", false);
        if (t.get("scenario_labels") != nullptr)
            d.scenario_labels = text(t, dim_at, "scenario_labels");
        for (const toml::table* a : tables(t, dim_at, "auxiliary", false)) {
            only_keys(*a, dim_at + " auxiliary", {"name", "units", "description", "values"});
            AuxiliarySchema& auxiliary = d.auxiliaries.emplace_back();
            auxiliary.name = text(*a, dim_at + " auxiliary", "name");
            auxiliary.units = text(*a, dim_at + "/" + auxiliary.name, "units");
            auxiliary.description = text(*a, dim_at + "/" + auxiliary.name, "description");
            if (a->get("values") != nullptr)
                auxiliary.values =
                    choice<AuxiliaryValues>(*a, dim_at + "/" + auxiliary.name, "values",
                                            {{"text", AuxiliaryValues::text},
                                             {"simulated months", AuxiliaryValues::simulated_months}});
            if (auxiliary.name == d.name ||
                std::count_if(d.auxiliaries.begin(), d.auxiliaries.end(),
                              [&](const AuxiliarySchema& other) { return other.name == auxiliary.name; }) > 1)
                problem(*a, dim_at, "auxiliary '" + auxiliary.name + "' named twice");
        }
        const bool is_text = d.kind == LabelKind::string;
        for (const AuxiliarySchema& auxiliary : d.auxiliaries) {
            if (auxiliary.values == AuxiliaryValues::text && !is_text)
                problem(t, dim_at, "an 'auxiliary' of text is for dimensions of kind \"string\"");
            if (auxiliary.values == AuxiliaryValues::simulated_months && d.run_years == RunYears::none)
                problem(t, dim_at,
                        "an 'auxiliary' of simulated months is for a dimension of years of the run");
        }
        if ((!d.labels.empty() || !d.leading_labels.empty() || !d.scenario_labels.empty()) && !is_text)
            problem(t, dim_at,
                    "'labels', 'leading_labels' and 'scenario_labels' are for dimensions of kind "
                    "\"string\"");
        if ((d.first || d.last || d.run_years != RunYears::none) && is_text)
            problem(t, dim_at, "'first', 'last' and 'run_years' are for dimensions of kind \"int\"");
        if (d.last && (!d.first || *d.last < *d.first))
            problem(t, dim_at, "'last' needs a 'first' no greater than it");
        if (!d.labels.empty() && (!d.leading_labels.empty() || !d.scenario_labels.empty()))
            problem(t, dim_at, "fixed 'labels' leave nothing to 'leading_labels' or 'scenario_labels'");
        return d;
    }

    /// The dimensions of a fragment's group, by name from the shared definitions: each entry a
    /// name, or { name = ..., description = ... } where the group says what the dimension means in it.
    void dimension_references(const toml::table& table, const std::string& at, const SharedDimensions& shared,
                              GroupSchema& group) {
        const toml::node* node = table.get("dimensions");
        if (node == nullptr)
            return;
        const toml::array* array = node->as_array();
        if (array == nullptr) {
            problem(*node, at, "'dimensions' must be an array of dimension names");
            return;
        }
        for (const toml::node& element : *array) {
            std::string name;
            std::optional<std::string> description;
            RunYears years = RunYears::none;
            if (element.is_string()) {
                name = element.as_string()->get();
            } else if (const toml::table* t = element.as_table()) {
                only_keys(*t, at + " dimension", {"name", "description", "run_years"});
                name = text(*t, at + " dimension", "name");
                description = text(*t, at + "/" + name, "description");
                years = run_years(*t, at + "/" + name);
            } else {
                problem(element, at,
                        "a dimension is a name, or { name = ..., description = ..., run_years = ... }");
                continue;
            }
            const auto defined = shared.dimensions.find(name);
            if (defined == shared.dimensions.end()) {
                problem(element, at,
                        concat({"dimension '", name, "' is not defined in ", shared.source_name}));
                continue;
            }
            DimensionSchema& d = group.dimensions.emplace_back(defined->second);
            if (description)
                d.description = *description;
            if (years != RunYears::none) {
                if (d.run_years == RunYears::none)
                    problem(element, at, "'run_years' is for a dimension of years of the run");
                d.run_years = years;
            }
            // Stocks on 1 January have no months of their own: the simulated months are written only
            // beside the years of flows (events of a calendar year).
            if (d.run_years == RunYears::januaries)
                std::erase_if(d.auxiliaries, [](const AuxiliarySchema& auxiliary) {
                    return auxiliary.values == AuxiliaryValues::simulated_months;
                });
            if (named_twice(group, name))
                problem(element, at, "name '" + name + "' declared twice");
            for (const AuxiliarySchema& auxiliary : d.auxiliaries)
                if (named_twice(group, auxiliary.name))
                    problem(element, at, "name '" + auxiliary.name + "' declared twice");
        }
    }

    /// The datasets of `table` (a group or an extension of one), over dims of `group`.
    void datasets(const toml::table& table, const std::string& at, GroupSchema& group) {
        for (const toml::table* t : tables(table, at, "datasets", false)) {
            only_keys(*t, at + " dataset",
                      {"name", "dims", "dtype", "units", "description", "min", "max", "target", "variance",
                       "final_after"});
            DatasetSchema& d = group.datasets.emplace_back();
            d.name = text(*t, at + " dataset", "name");
            const std::string set_at = group.path + "/" + d.name;
            d.dims = texts(*t, set_at, "dims", true);
            d.dtype = choice<ElementType>(*t, set_at, "dtype",
                                          {{"int32", ElementType::int32}, {"float64", ElementType::float64}});
            d.units = text(*t, set_at, "units");
            d.description = text(*t, set_at, "description");
            d.min = number(*t, set_at, "min");
            d.max = number(*t, set_at, "max");
            if (t->contains("target"))
                d.target = text(*t, set_at, "target");
            if (t->contains("variance"))
                d.variance = text(*t, set_at, "variance");
            if (const auto months = number(*t, set_at, "final_after")) {
                if (*months < 0 || *months != static_cast<int>(*months))
                    problem(*t->get("final_after"), set_at,
                            "'final_after' must be a whole number of months >= 0");
                else
                    d.final_after = static_cast<int>(*months);
            }
            if (named_twice(group, d.name))
                problem(*t, at, "name '" + d.name + "' declared twice");
            std::set<std::string> seen;
            for (const std::string& dim : d.dims) {
                if (group.find_dimension(dim) == nullptr)
                    problem(*t, set_at, "dimension '" + dim + "' is not declared in the group");
                if (!seen.insert(dim).second)
                    problem(*t, set_at, "dimension '" + dim + "' appears twice");
            }
        }
    }

    /// A group: its dimensions declared in full (`shared` null: the single-file layout) or named
    /// from the shared definitions (a fragment).
    GroupSchema group(const toml::table& table, const std::string& where, const SharedDimensions* shared) {
        only_keys(table, where, {"path", "description", "optional", "attributes", "dimensions", "datasets"});
        GroupSchema group;
        group.path = text(table, where, "path");
        group.description = text(table, where, "description");
        if (const toml::node* optional = table.get("optional")) {
            if (optional->is_boolean())
                group.optional = optional->as_boolean()->get();
            else
                problem(*optional, where, "'optional' must be true or false");
        }
        const std::string at = group.path.empty() ? where : group.path;
        if (!group.path.empty() && (group.path.front() != '/' || group.path.back() == '/' ||
                                    group.path.find("//") != std::string::npos))
            problem(table, at, "path must be absolute, like \"/truth/flows\"");

        for (const toml::table* t : tables(table, at, "attributes", false)) {
            only_keys(*t, at + " attribute", {"name", "type", "description"});
            AttributeSchema& a = group.attributes.emplace_back();
            a.name = text(*t, at + " attribute", "name");
            a.type = choice<AttributeType>(*t, at + "@" + a.name, "type",
                                           {{"string", AttributeType::string},
                                            {"int32", AttributeType::int32},
                                            {"uint64", AttributeType::uint64}});
            a.description = text(*t, at + "@" + a.name, "description");
            if (std::count_if(group.attributes.begin(), group.attributes.end(),
                              [&](const AttributeSchema& other) { return other.name == a.name; }) > 1)
                problem(*t, at, "attribute '" + a.name + "' declared twice");
        }
        if (shared != nullptr) {
            dimension_references(table, at, *shared, group);
        } else {
            for (const toml::table* t : tables(table, at, "dimensions", false)) {
                group.dimensions.push_back(dimension(*t, at));
                if (named_twice(group, group.dimensions.back().name))
                    problem(*t, at, "name '" + group.dimensions.back().name + "' declared twice");
                for (const AuxiliarySchema& auxiliary : group.dimensions.back().auxiliaries)
                    if (named_twice(group, auxiliary.name))
                        problem(*t, at, "name '" + auxiliary.name + "' declared twice");
            }
        }
        datasets(table, at, group);
        return group;
    }

    IdentitySchema identity(const toml::table& table, const OutputSchema& schema) {
        IdentitySchema identity;
        identity.name = text(table, "identity", "name");
        const std::string at = "identity '" + identity.name + "'";
        only_keys(table, at,
                  {"name", "description", "kind", "result", "plus", "minus", "numerator", "denominator",
                   "over", "result_at_next"});
        identity.description = text(table, at, "description");
        identity.kind = choice<IdentityKind>(table, at, "kind",
                                             {{"sum", IdentityKind::sum}, {"ratio", IdentityKind::ratio}});
        identity.result = text(table, at, "result");
        identity.over = texts(table, at, "over", true);
        if (table.get("result_at_next") != nullptr)
            identity.result_at_next = text(table, at, "result_at_next");
        if (identity.kind == IdentityKind::sum) {
            identity.plus = texts(table, at, "plus", true);
            identity.minus = texts(table, at, "minus", false);
            for (const char* other : {"numerator", "denominator"})
                if (table.get(other) != nullptr)
                    problem(*table.get(other), at, concat({"'", other, "' is for kind \"ratio\""}));
        } else {
            identity.numerator = text(table, at, "numerator");
            identity.denominator = text(table, at, "denominator");
            for (const char* other : {"plus", "minus"})
                if (table.get(other) != nullptr)
                    problem(*table.get(other), at, concat({"'", other, "' is for kind \"sum\""}));
        }
        if (identity.over.empty())
            problem(table, at, "'over' names no dimension");
        // Every term is a declared dataset over every dim of `over`, at labels of its other dims.
        for (const std::string& term : identity.terms()) {
            if (term.empty())
                continue;
            const std::optional<IdentityTerm> parsed = parse_identity_term(term);
            if (!parsed) {
                problem(table, at, "term '" + term + "' is not a dataset or dataset[dim=label, ...]");
                continue;
            }
            const auto [group, dataset] = schema.find_dataset(parsed->dataset);
            if (dataset == nullptr) {
                problem(table, at, "dataset '" + parsed->dataset + "' is not declared");
                continue;
            }
            if (group->optional)
                problem(table, at,
                        "dataset '" + term + "' is in an optional group, which a file may not have");
            for (const std::string& dim : identity.over)
                if (std::find(dataset->dims.begin(), dataset->dims.end(), dim) == dataset->dims.end())
                    problem(table, at, "dataset '" + parsed->dataset + "' has no dimension '" + dim + "'");
            for (const auto& [dim, label] : parsed->selection) {
                const DimensionSchema* selected = group->find_dimension(dim);
                if (std::find(dataset->dims.begin(), dataset->dims.end(), dim) == dataset->dims.end() ||
                    selected == nullptr)
                    problem(table, at,
                            "term '" + term + "' selects a label of '" + dim + "', not a dimension of it");
                else if (std::find(identity.over.begin(), identity.over.end(), dim) != identity.over.end())
                    problem(table, at, "term '" + term + "' selects a label of '" + dim + "', one of 'over'");
                else if (!selected->labels.empty() &&
                         std::find(selected->labels.begin(), selected->labels.end(), label) ==
                             selected->labels.end())
                    problem(table, at,
                            "term '" + term + "': '" + label + "' is not a label of '" + dim + "'");
            }
            if (!identity.result_at_next.empty() && term == identity.result) {
                const DimensionSchema* step = group->find_dimension(identity.result_at_next);
                if (step != nullptr && step->kind != LabelKind::integer)
                    problem(table, at, "'result_at_next' must name a dimension of kind \"int\"");
            }
        }
        if (!identity.result_at_next.empty() && std::find(identity.over.begin(), identity.over.end(),
                                                          identity.result_at_next) == identity.over.end())
            problem(table, at, "'result_at_next' must be one of 'over'");
        return identity;
    }

private:
    std::string_view source_name_;
};

} // namespace migsim::schema_reading
