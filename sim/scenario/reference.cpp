// The parameter reference (docs/parameters.md) and the "expected ..." texts of problems, both
// written from the declaration of the parameters so that they cannot disagree with the loader.
#include <cmath>
#include <sstream>

#include "core/text.hpp"
#include "scenario/limits.hpp"
#include "scenario/load.hpp"
#include "scenario/parameters.hpp"
#include "scenario/timeline_load.hpp"

namespace migsim {

namespace {

/// A bound as written in the reference: whole numbers in digits ("10000000", not "1e+07").
std::string bound_text(double value) {
    if (value > -1e15 && value < 1e15 && value == std::trunc(value))
        return std::to_string(static_cast<long long>(value));
    return format_number(value);
}

/// "1..1200", ">= 0", "[0, 10]", "(0, 1]".
std::string range_text(const Parameter& p) {
    if (p.type == ParameterType::integer) {
        if (p.max == unbounded)
            return std::string(">= ").append(bound_text(p.min));
        return bound_text(p.min) + ".." + bound_text(p.max);
    }
    if (p.max == unbounded)
        return std::string(p.min_open ? "> " : ">= ").append(bound_text(p.min));
    return std::string(p.min_open ? "(" : "[")
        .append(bound_text(p.min))
        .append(", ")
        .append(bound_text(p.max))
        .append(p.max_open ? ")" : "]");
}

std::string type_text(const Parameter& p) {
    std::string element;
    switch (p.type) {
    case ParameterType::integer:
        element = "integer";
        break;
    case ParameterType::real:
        element = "number";
        break;
    case ParameterType::month:
        return "month";
    case ParameterType::table:
        return "CSV file";
    case ParameterType::group_names:
        return "list of names";
    case ParameterType::seed:
        return "integer";
    case ParameterType::boolean:
        return "boolean";
    case ParameterType::enumeration:
        return "choice";
    }
    switch (p.shape) {
    case ParameterShape::per_group:
        return element + " per group";
    case ParameterShape::per_origin:
        return element + " per origin";
    case ParameterShape::scalar:
        break;
    }
    return element;
}

std::string reference_range(const Parameter& p) {
    switch (p.type) {
    case ParameterType::month:
        return "a January, 1900-01..2399-01";
    case ParameterType::table:
        return "see below";
    case ParameterType::group_names:
        return "1.." + std::to_string(limits::origin_groups) +
               " distinct names `[a-z][a-z0-9_]*`, not `native_born`";
    case ParameterType::boolean:
        return "`true`, `false`";
    case ParameterType::enumeration: {
        std::string text;
        for (const char* choice : p.choices)
            text.append(text.empty() ? "" : ", ").append("`\"").append(choice).append("\"`");
        return text;
    }
    case ParameterType::seed:
        return "0..18446744073709551615 (2^64 - 1; from 2^63 on as a string of digits)";
    default:
        break;
    }
    std::string text = range_text(p);
    if (p.sums_to_one)
        text += ", sum 1";
    return text;
}

/// An enumeration's choices as a message lists them: "\"a\", \"b\" or \"c\"".
std::string choices_text(const Parameter& p) {
    std::string text;
    for (std::size_t i = 0; i < p.choices.size(); ++i)
        text.append(i == 0                      ? ""
                    : i + 1 == p.choices.size() ? " or "
                                                : ", ")
            .append(quote_toml_string(p.choices[i]));
    return text;
}

} // namespace

std::string element_text(const Parameter& p) {
    switch (p.type) {
    case ParameterType::integer:
        return (p.max == unbounded ? "an integer " : "an integer in ") + range_text(p);
    case ParameterType::real:
        return (p.max == unbounded ? "a number " : "a number in ") + range_text(p);
    case ParameterType::month:
        return "a January \"YYYY-01\" within 1900..2399";
    case ParameterType::table:
        return "the name of a CSV file (a string)";
    case ParameterType::group_names:
        return "a list of 1 to " + std::to_string(limits::origin_groups) +
               " distinct group names, e.g. [\"eu_efta\", \"rest_of_world\"]";
    case ParameterType::boolean:
        return "true or false";
    case ParameterType::enumeration:
        return "one of " + choices_text(p);
    case ParameterType::seed:
        return "an integer in 0..18446744073709551615 (from 2^63 on, which TOML integers cannot hold, "
               "a string of digits such as \"18446744073709551615\")";
    }
    return "";
}

std::string expected_text(const Parameter& p) {
    const std::string shares = p.sums_to_one ? ", summing to 1" : "";
    switch (p.shape) {
    case ParameterShape::per_group:
        return "a table { eu_efta = ..., ... } with " + element_text(p) + " for each group" + shares;
    case ParameterShape::per_origin:
        return "a table { native_born = ..., eu_efta = ..., ... } with " + element_text(p) +
               " for native_born and each group" + shares;
    case ParameterShape::scalar:
        break;
    }
    return element_text(p);
}

std::string parameter_reference_markdown(const Schema& schema) {
    std::ostringstream out;
    out << "# Scenario parameters\n\n"
           "<!-- Generated by migsim::parameter_reference_markdown() from the declaration of the parameters: "
           "the core sections in sim/scenario/parameters.cpp, each module's beside the module "
           "(sim/processes/*_settings.cpp, sim/sources/*_settings.cpp), listed in sim/modules/modules.cpp. "
           "Do not edit: a unit test checks that this file matches. -->\n\n"
           "A scenario is a TOML file with the sections below (`scenarios/baseline.toml` is the default "
           "scenario: Denmark from 1 January 2013). Every key is declared here; an unknown key is an error. "
           "A parameter with a default may be left out. \"Per group\" parameters are inline tables with "
           "one value for each name of `groups.names`, or one number for every group; \"per origin\" ones "
           "have `native_born` first, then each group. Table files are CSV files with a header line (lines "
           "starting with `#` are comments), one row for each combination of their key columns, ages in "
           "single years; their paths are relative to the scenario file's folder and stay inside it (a "
           "table elsewhere is named with `--set`, or the run is started with `--allow-outside-tables`).\n\n"
           "A scenario may start from another: `base = \"baseline.toml\"` on its first lines names a "
           "scenario file of the same folder (which has no base of its own). Each key the scenario gives "
           "replaces the base's (a per-group table as a whole), and each `[changes.NAME]` is added to the "
           "base's changes or replaces the one of that name (`scenarios/surge.toml`).\n\n"
           "On the command line, `--set section.key=value` (e.g. `--set run.seed=7`, "
           "`--set register.arrival_compliance.poland=0.5`, or `--set register.arrival_compliance=0.9` for "
           "every origin) replaces a value before validation; the value is read as a TOML value, or as a "
           "string when it is not one. A table path given with `--set` is relative to the working "
           "directory.\n\n"
           "Hazards are events per person-year; shares and probabilities are in [0, 1]. A boolean is "
           "`true` or `false`; a choice is one of the strings listed in its range. A module's keys may "
           "be nested (`[sources.census]` with `coverage.rate = 0.98`), to the depth of "
        << limits::toml_key_parts
        << " key parts. The integer and number parameters of the modules' sections (after [groups]) may "
           "change during the run, except those *fixed during a run*: see [changes.NAME] at the end.\n";
    for (const ParameterSection* section : schema) {
        out << "\n## [" << section->name << "]\n\n" << section->description << "\n\n";
        out << "| Key | Type | Range | Unit | Default | Description |\n";
        out << "|---|---|---|---|---|---|\n";
        std::ostringstream tables;
        for (const Parameter& p : section->parameters) {
            const std::string key = p.key;
            out << "| `" << key << "` | " << type_text(p) << " | " << reference_range(p) << " | "
                << (*p.unit ? p.unit : "-") << " | "
                << (p.default_value  ? std::string("`").append(p.default_value).append("`")
                    : p.default_from ? std::string("the value of `").append(p.default_from).append("`")
                    : p.optional     ? "none (optional)"
                                     : "required")
                << " | " << p.description << (p.fixed_during_run ? " *Fixed during a run.*" : "") << " |\n";
            if (p.type == ParameterType::table)
                tables << "\n**`" << key << "`**: " << p.table_format << "\n";
        }
        out << tables.str();
    }
    out << change_reference_markdown();
    return out.str();
}

} // namespace migsim
