// check_contents: whether what a run hands to the writer matches the declared layout. Runs before
// anything is written, so a mismatch never leaves a half-written file.
#include "core/calendar.hpp"
#include "core/text.hpp"
#include "io/output_schema.hpp"

#include <algorithm>
#include <set>

namespace migsim {

namespace {

std::string list(const std::vector<std::string>& names) {
    std::string text = "(";
    for (std::size_t i = 0; i < names.size(); ++i)
        text += (i ? ", " : "") + names[i];
    return text + ")";
}

ElementType element_type(const ArrayValues& values) {
    return std::holds_alternative<std::vector<std::int32_t>>(values) ? ElementType::int32
                                                                     : ElementType::float64;
}

std::size_t value_count(const ArrayValues& values) {
    return std::visit([](const auto& v) { return v.size(); }, values);
}

template <typename Label>
bool has_duplicates(const std::vector<Label>& labels) {
    return std::set<Label>(labels.begin(), labels.end()).size() != labels.size();
}

/// The text beside the labels: exactly the declared auxiliaries, in order, one non-empty UTF-8 text
/// per label, or one number of months (0..12) per year.
void check_auxiliaries(const Coordinate& coordinate, const DimensionSchema& declared,
                       const std::string& where, std::vector<std::string>& problems) {
    std::vector<std::string> given, wanted;
    for (const AuxiliaryLabels& auxiliary : coordinate.auxiliaries)
        given.push_back(auxiliary.name);
    for (const AuxiliarySchema& auxiliary : declared.auxiliaries)
        wanted.push_back(auxiliary.name);
    if (given != wanted) {
        problems.push_back(where + ": auxiliary coordinates " + list(given) + ", the schema declares " +
                           list(wanted));
        return;
    }
    for (std::size_t a = 0; a < coordinate.auxiliaries.size(); ++a) {
        const AuxiliaryLabels& auxiliary = coordinate.auxiliaries[a];
        const std::string at = where + " " + auxiliary.name;
        if (declared.auxiliaries[a].values == AuxiliaryValues::simulated_months) {
            if (auxiliary.numbers.size() != coordinate.size() || !auxiliary.values.empty())
                problems.push_back(at + ": " + std::to_string(auxiliary.numbers.size()) + " numbers for " +
                                   std::to_string(coordinate.size()) + " labels");
            if (std::any_of(auxiliary.numbers.begin(), auxiliary.numbers.end(),
                            [](std::int32_t months) { return months < 0 || months > 12; }))
                problems.push_back(at + ": every value must be a number of months in a year, 0..12");
            continue;
        }
        if (!auxiliary.numbers.empty())
            problems.push_back(at + ": text is declared, numbers given");
        if (auxiliary.values.size() != coordinate.size())
            problems.push_back(at + ": " + std::to_string(auxiliary.values.size()) + " values for " +
                               std::to_string(coordinate.size()) + " labels");
        if (std::any_of(auxiliary.values.begin(), auxiliary.values.end(),
                        [](const std::string& text) { return text.empty() || !is_utf8(text); }))
            problems.push_back(at + ": every value must be non-empty UTF-8 text");
    }
}

void check_coordinate(const Coordinate& coordinate, const DimensionSchema& declared, const std::string& where,
                      std::vector<std::string>& problems) {
    const bool is_text = std::holds_alternative<std::vector<std::string>>(coordinate.labels);
    const LabelKind kind = is_text ? LabelKind::string : LabelKind::integer;
    if (kind != declared.kind) {
        problems.push_back(where + ": labels are of kind " + std::string(to_string(kind)) +
                           ", the schema declares " + std::string(to_string(declared.kind)));
        return;
    }
    if (is_text) {
        const auto& labels = std::get<std::vector<std::string>>(coordinate.labels);
        if (!declared.labels.empty() && labels != declared.labels)
            problems.push_back(where + ": labels " + list(labels) + ", the schema fixes them to " +
                               list(declared.labels));
        if (has_duplicates(labels))
            problems.push_back(where + ": labels are not unique");
    } else if (has_duplicates(std::get<std::vector<std::int32_t>>(coordinate.labels))) {
        problems.push_back(where + ": labels are not unique");
    }
    check_auxiliaries(coordinate, declared, where, problems);
}

void check_array(const OutputArray& array, const DatasetSchema& declared, const OutputGroup& group,
                 const std::string& where, std::vector<std::string>& problems) {
    if (array.dims != declared.dims) {
        problems.push_back(where + ": dims " + list(array.dims) + ", the schema declares " +
                           list(declared.dims));
        return;
    }
    if (element_type(array.values) != declared.dtype)
        problems.push_back(where + ": values are " + std::string(to_string(element_type(array.values))) +
                           ", the schema declares " + std::string(to_string(declared.dtype)));
    std::size_t expected = 1;
    for (const std::string& dim : array.dims) {
        const Coordinate* coordinate = nullptr;
        for (const Coordinate& c : group.coordinates)
            if (c.name == dim)
                coordinate = &c;
        if (coordinate == nullptr)
            return; // reported as a missing coordinate
        expected *= coordinate->size();
    }
    if (value_count(array.values) != expected)
        problems.push_back(where + ": " + std::to_string(value_count(array.values)) +
                           " values, but the coordinates " + list(array.dims) + " give " +
                           std::to_string(expected));
}

void check_group(const OutputGroup& group, const GroupSchema& declared, std::vector<std::string>& problems) {
    std::set<std::string> seen;
    for (const Coordinate& coordinate : group.coordinates) {
        const std::string where = group.path + "/" + coordinate.name;
        if (!seen.insert(coordinate.name).second) {
            problems.push_back(where + ": coordinate given twice");
        } else if (const DimensionSchema* d = declared.find_dimension(coordinate.name)) {
            check_coordinate(coordinate, *d, where, problems);
        } else {
            problems.push_back(where + ": dimension not declared in the output schema");
        }
    }
    for (const DimensionSchema& d : declared.dimensions)
        if (!seen.contains(d.name))
            problems.push_back(group.path + "/" + d.name + ": coordinate labels missing");

    seen.clear();
    for (const OutputArray& array : group.arrays) {
        const std::string where = group.path + "/" + array.name;
        if (!seen.insert(array.name).second) {
            problems.push_back(where + ": dataset given twice");
        } else if (const DatasetSchema* d = declared.find_dataset(array.name)) {
            check_array(array, *d, group, where, problems);
        } else {
            problems.push_back(where + ": dataset not declared in the output schema");
        }
    }
    for (const DatasetSchema& d : declared.datasets)
        if (!seen.contains(d.name))
            problems.push_back(group.path + "/" + d.name + ": dataset missing");
}

} // namespace

std::vector<std::string> check_contents(const OutputContents& contents, const OutputSchema& schema) {
    std::vector<std::string> problems;
    // A layout without a start (a study of an analytic function) has none to check.
    const GroupSchema* meta = schema.find_group("/meta");
    const bool has_start =
        meta != nullptr && std::any_of(meta->attributes.begin(), meta->attributes.end(),
                                       [](const AttributeSchema& a) { return a.name == "start"; });
    if (has_start && !parse_month(contents.meta.start))
        problems.push_back("/meta: start \"" + contents.meta.start + "\" is not a month YYYY-MM");
    if (contents.meta.months < 0)
        problems.push_back("/meta: months is negative");

    std::set<std::string> seen;
    for (const OutputGroup& group : contents.groups) {
        if (!seen.insert(group.path).second) {
            problems.push_back(group.path + ": group given twice");
        } else if (const GroupSchema* declared = schema.find_group(group.path)) {
            check_group(group, *declared, problems);
        } else {
            problems.push_back(group.path + ": group not declared in the output schema");
        }
    }
    for (const GroupSchema& declared : schema.groups)
        if (declared.holds_arrays() && !declared.optional && !seen.contains(declared.path))
            problems.push_back(declared.path + ": group missing");
    return problems;
}

} // namespace migsim
