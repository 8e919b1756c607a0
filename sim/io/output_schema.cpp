#include "io/output_schema.hpp"
#include "io/identity_term.hpp"
#include "io/output_error.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include <toml++/toml.h>

namespace migsim {

std::string_view to_string(LabelKind kind) {
    return kind == LabelKind::integer ? "int" : "string";
}

std::string_view to_string(ElementType type) {
    return type == ElementType::int32 ? "int32" : "float64";
}

std::string_view to_string(AttributeType type) {
    switch (type) {
    case AttributeType::string:
        return "string";
    case AttributeType::int32:
        return "int32";
    case AttributeType::uint64:
        return "uint64";
    }
    return "?";
}

const DimensionSchema* GroupSchema::find_dimension(std::string_view name) const {
    const auto it = std::find_if(dimensions.begin(), dimensions.end(),
                                 [&](const DimensionSchema& d) { return d.name == name; });
    return it == dimensions.end() ? nullptr : &*it;
}

const DatasetSchema* GroupSchema::find_dataset(std::string_view name) const {
    const auto it = std::find_if(datasets.begin(), datasets.end(),
                                 [&](const DatasetSchema& d) { return d.name == name; });
    return it == datasets.end() ? nullptr : &*it;
}

const GroupSchema* OutputSchema::find_group(std::string_view path) const {
    const auto it =
        std::find_if(groups.begin(), groups.end(), [&](const GroupSchema& g) { return g.path == path; });
    return it == groups.end() ? nullptr : &*it;
}

std::pair<const GroupSchema*, const DatasetSchema*> OutputSchema::find_dataset(std::string_view path) const {
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos || slash == 0)
        return {nullptr, nullptr};
    const GroupSchema* group = find_group(path.substr(0, slash));
    if (group == nullptr)
        return {nullptr, nullptr};
    const DatasetSchema* dataset = group->find_dataset(path.substr(slash + 1));
    return {dataset ? group : nullptr, dataset};
}

std::vector<std::string> IdentitySchema::terms() const {
    std::vector<std::string> all = {result};
    if (kind == IdentityKind::sum) {
        all.insert(all.end(), plus.begin(), plus.end());
        all.insert(all.end(), minus.begin(), minus.end());
    } else {
        all.push_back(numerator);
        all.push_back(denominator);
    }
    return all;
}

namespace {

/// Joins pieces of a message (GCC 12 warns wrongly about "literal" + std::string temporaries).
std::string concat(std::initializer_list<std::string_view> parts) {
    std::string text;
    for (std::string_view part : parts)
        text += part;
    return text;
}

/// Whether two dimensions or datasets of `group` are called `name`: they share one namespace,
/// the group's HDF5 links.
bool named_twice(const GroupSchema& group, const std::string& name) {
    const auto dims = std::count_if(group.dimensions.begin(), group.dimensions.end(),
                                    [&](const DimensionSchema& d) { return d.name == name; });
    const auto sets = std::count_if(group.datasets.begin(), group.datasets.end(),
                                    [&](const DatasetSchema& d) { return d.name == name; });
    return dims + sets > 1;
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
        only_keys(t, at + " dimension", {"name", "kind", "units", "description", "labels"});
        DimensionSchema d;
        d.name = text(t, at + " dimension", "name");
        const std::string dim_at = at + "/" + d.name;
        d.kind = choice<LabelKind>(t, dim_at, "kind",
                                   {{"int", LabelKind::integer}, {"string", LabelKind::string}});
        d.units = text(t, dim_at, "units");
        d.description = text(t, dim_at, "description");
        d.labels = texts(t, dim_at, "labels", false);
        if (!d.labels.empty() && d.kind != LabelKind::string)
            problem(t, dim_at, "fixed 'labels' are only for dimensions of kind \"string\"");
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
            if (element.is_string()) {
                name = element.as_string()->get();
            } else if (const toml::table* t = element.as_table()) {
                only_keys(*t, at + " dimension", {"name", "description"});
                name = text(*t, at + " dimension", "name");
                description = text(*t, at + "/" + name, "description");
            } else {
                problem(element, at, "a dimension is a name, or { name = ..., description = ... }");
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
            if (named_twice(group, name))
                problem(element, at, "name '" + name + "' declared twice");
        }
    }

    /// The datasets of `table` (a group or an extension of one), over dims of `group`.
    void datasets(const toml::table& table, const std::string& at, GroupSchema& group) {
        for (const toml::table* t : tables(table, at, "datasets", false)) {
            only_keys(*t, at + " dataset", {"name", "dims", "dtype", "units", "description", "min", "max"});
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
        only_keys(table, where, {"path", "description", "attributes", "dimensions", "datasets"});
        GroupSchema group;
        group.path = text(table, where, "path");
        group.description = text(table, where, "description");
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

} // namespace

namespace {

/// A TOML text parsed, or the problem that stops it parsing (with its line).
std::optional<toml::table> parsed(std::string_view text, const std::string& source_name,
                                  std::vector<std::string>& problems) {
    try {
        return toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        problems.push_back(source_name + ":" + std::to_string(error.source().begin.line) + ": " +
                           std::string(error.description()));
        return std::nullopt;
    }
}

/// The same for a text that must parse: throws OutputError with the problem.
toml::table parsed_or_thrown(std::string_view text, std::string_view source_name) {
    std::vector<std::string> problems;
    std::optional<toml::table> root = parsed(text, std::string(source_name), problems);
    if (!root)
        throw OutputError(std::move(problems));
    return std::move(*root);
}

std::string schema_path(std::string_view file_name) {
    return concat({"output_schemas/", file_name});
}

const SchemaFile* find_file(const std::vector<SchemaFile>& files, std::string_view name) {
    const auto it =
        std::find_if(files.begin(), files.end(), [&](const SchemaFile& f) { return f.name == name; });
    return it == files.end() ? nullptr : &*it;
}

/// A fragment parsed, kept until its identities are read (they may name datasets of later fragments).
struct ParsedFragment {
    std::string source_name;
    toml::table root;
};

} // namespace

OutputSchema parse_output_schema(std::string_view toml_text, std::string_view source_name) {
    const toml::table root = parsed_or_thrown(toml_text, source_name);
    SchemaReader reader(source_name);
    reader.only_keys(root, "top level", {"schema_version", "groups", "identities"});
    OutputSchema schema;
    schema.schema_version = reader.text(root, "top level", "schema_version");
    for (const toml::table* t : reader.tables(root, "top level", "groups", true)) {
        GroupSchema group = reader.group(*t, "group", nullptr);
        if (!group.path.empty() && schema.find_group(group.path) != nullptr)
            reader.problem(*t, group.path, "group declared twice");
        schema.groups.push_back(std::move(group));
    }
    for (const toml::table* t : reader.tables(root, "top level", "identities", false))
        schema.identities.push_back(reader.identity(*t, schema));
    if (!reader.problems.empty())
        throw OutputError(std::move(reader.problems));
    return schema;
}

SchemaIndex parse_schema_index(std::string_view toml_text, std::string_view source_name) {
    const toml::table root = parsed_or_thrown(toml_text, source_name);
    SchemaReader reader(source_name);
    reader.only_keys(root, "top level", {"schema_version", "dimensions", "fragments"});
    SchemaIndex index;
    index.schema_version = reader.text(root, "top level", "schema_version");
    index.dimensions = reader.text(root, "top level", "dimensions");
    index.fragments = reader.texts(root, "top level", "fragments", true);
    if (!reader.problems.empty())
        throw OutputError(std::move(reader.problems));
    return index;
}

OutputSchema assemble_output_schema(const SchemaIndex& index, const std::vector<SchemaFile>& files) {
    std::vector<std::string> problems;
    const auto add_problems = [&](SchemaReader& reader) {
        problems.insert(problems.end(), reader.problems.begin(), reader.problems.end());
        reader.problems.clear();
    };

    // The shared dimension definitions.
    SharedDimensions shared{schema_path(index.dimensions), {}};
    if (const SchemaFile* file = find_file(files, index.dimensions); file == nullptr) {
        problems.push_back(schema_path(index_file_name) + ": dimensions: no file '" + index.dimensions + "'");
    } else if (const auto root = parsed(file->text, shared.source_name, problems)) {
        SchemaReader reader(shared.source_name);
        reader.only_keys(*root, "top level", {"dimensions"});
        for (const toml::table* t : reader.tables(*root, "top level", "dimensions", true)) {
            DimensionSchema dimension = reader.dimension(*t, "dimensions");
            if (!shared.dimensions.emplace(dimension.name, dimension).second)
                reader.problem(*t, "dimensions", "dimension '" + dimension.name + "' defined twice");
        }
        add_problems(reader);
    }

    // Every file of the folder is the index, the dimensions or a listed fragment: a fragment that
    // is not listed would be silently left out of the layout.
    for (const SchemaFile& file : files)
        if (file.name != index_file_name && file.name != index.dimensions &&
            std::find(index.fragments.begin(), index.fragments.end(), file.name) == index.fragments.end())
            problems.push_back(schema_path(file.name) + ": not listed in 'fragments' of " +
                               schema_path(index_file_name));

    // Groups and extensions of groups, fragment by fragment in the order of the list.
    OutputSchema schema;
    schema.schema_version = index.schema_version;
    std::map<std::string, std::string> declared_in; ///< group path -> fragment
    std::vector<ParsedFragment> fragments;
    std::set<std::string> listed;
    for (const std::string& name : index.fragments) {
        const SchemaFile* file = find_file(files, name);
        if (file == nullptr) {
            problems.push_back(schema_path(index_file_name) + ": fragments: no file '" + name + "'");
            continue;
        }
        if (!listed.insert(name).second) {
            problems.push_back(schema_path(index_file_name) + ": fragments: '" + name + "' listed twice");
            continue;
        }
        auto root = parsed(file->text, schema_path(name), problems);
        if (!root)
            continue;
        ParsedFragment& fragment =
            fragments.emplace_back(ParsedFragment{schema_path(name), std::move(*root)});
        SchemaReader reader(fragment.source_name);
        reader.only_keys(fragment.root, "top level", {"groups", "extends", "identities"});
        for (const toml::table* t : reader.tables(fragment.root, "top level", "groups", false)) {
            GroupSchema group = reader.group(*t, "group", &shared);
            if (group.path.empty())
                continue;
            if (const auto [at, inserted] = declared_in.emplace(group.path, fragment.source_name);
                !inserted) {
                reader.problem(*t, group.path, "group declared twice (first in " + at->second + ")");
                continue;
            }
            schema.groups.push_back(std::move(group));
        }
        for (const toml::table* t : reader.tables(fragment.root, "top level", "extends", false)) {
            reader.only_keys(*t, "extends", {"group", "datasets"});
            const std::string path = reader.text(*t, "extends", "group");
            const auto group = std::find_if(schema.groups.begin(), schema.groups.end(),
                                            [&](const GroupSchema& g) { return g.path == path; });
            if (group == schema.groups.end()) {
                if (!path.empty())
                    reader.problem(*t, "extends",
                                   "group '" + path + "' is not declared in an earlier fragment");
                continue;
            }
            reader.datasets(*t, path, *group);
        }
        add_problems(reader);
    }

    // Identities, once every group is known: a rule may relate datasets of several contributors.
    for (const ParsedFragment& fragment : fragments) {
        SchemaReader reader(fragment.source_name);
        for (const toml::table* t : reader.tables(fragment.root, "top level", "identities", false)) {
            IdentitySchema identity = reader.identity(*t, schema);
            if (std::any_of(schema.identities.begin(), schema.identities.end(),
                            [&](const IdentitySchema& other) { return other.name == identity.name; }))
                reader.problem(*t, "identity '" + identity.name + "'", "declared twice");
            schema.identities.push_back(std::move(identity));
        }
        add_problems(reader);
    }
    if (!problems.empty())
        throw OutputError(std::move(problems));
    return schema;
}

SchemaIndex schema_index(const std::vector<SchemaFile>& files) {
    const SchemaFile* index = find_file(files, index_file_name);
    if (index == nullptr)
        throw OutputError(schema_path(index_file_name) + ": missing");
    return parse_schema_index(index->text, schema_path(index_file_name));
}

OutputSchema assemble_output_schema(const std::vector<SchemaFile>& files) {
    return assemble_output_schema(schema_index(files), files);
}

const OutputSchema& output_schema() {
    static const OutputSchema schema = assemble_output_schema(builtin_schema_files());
    return schema;
}

} // namespace migsim
