#include "io/output_schema.hpp"
#include "io/output_error.hpp"
#include "io/output_schema_reader.hpp"

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

std::string_view to_string(RunYears years) {
    switch (years) {
    case RunYears::none:
        return "";
    case RunYears::januaries:
        return "januaries";
    case RunYears::calendar_years:
        return "calendar years";
    case RunYears::complete_years:
        return "complete years";
    }
    return "?";
}

std::string_view to_string(AuxiliaryValues values) {
    switch (values) {
    case AuxiliaryValues::text:
        return "text";
    case AuxiliaryValues::simulated_months:
        return "simulated months";
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

const AuxiliarySchema* GroupSchema::find_auxiliary(std::string_view name) const {
    for (const DimensionSchema& dimension : dimensions)
        for (const AuxiliarySchema& auxiliary : dimension.auxiliaries)
            if (auxiliary.name == name)
                return &auxiliary;
    return nullptr;
}

std::string GroupSchema::coordinates_of(const DatasetSchema& dataset) const {
    std::string names;
    for (const std::string& dim : dataset.dims)
        if (const DimensionSchema* dimension = find_dimension(dim))
            for (const AuxiliarySchema& auxiliary : dimension->auxiliaries)
                names += (names.empty() ? "" : " ") + auxiliary.name;
    return names;
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

using schema_reading::SchemaReader;
using schema_reading::SharedDimensions;

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
    for (const std::string& problem : estimate_link_problems(schema))
        reader.problems.push_back(std::string(source_name) + ": " + problem);
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
    for (const std::string& problem : estimate_link_problems(schema))
        problems.push_back(schema_path(index_file_name) + ": " + problem);
    if (!problems.empty())
        throw OutputError(std::move(problems));
    return schema;
}

std::vector<std::string> estimate_link_problems(const OutputSchema& schema) {
    std::vector<std::string> problems;
    for (const GroupSchema& group : schema.groups)
        for (const DatasetSchema& dataset : group.datasets) {
            const std::string where = group.path + "/" + dataset.name;
            if (!dataset.target.empty() && dataset.target != "zero") {
                const auto [target_group, target] = schema.find_dataset(dataset.target);
                if (target == nullptr)
                    problems.push_back(where + ": target '" + dataset.target + "' is not a declared dataset");
                else
                    for (const std::string& dim : dataset.dims)
                        if (std::find(target->dims.begin(), target->dims.end(), dim) == target->dims.end())
                            problems.push_back(where + ": target '" + dataset.target + "' has no dim '" +
                                               dim + "'");
            }
            if (!dataset.variance.empty()) {
                const DatasetSchema* variance = group.find_dataset(dataset.variance);
                if (variance == nullptr || variance->dims != dataset.dims ||
                    variance->dtype != ElementType::float64)
                    problems.push_back(where + ": variance '" + dataset.variance +
                                       "' is not a float64 dataset of the group over the same dims");
            }
        }
    return problems;
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
