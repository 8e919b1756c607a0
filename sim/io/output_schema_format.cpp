// format_output_schema: the assembled schema as one TOML text, every group with its dimensions in
// full, so that a reader (`migsim schema`, tests/e2e/check_output.py) needs no assembly of its own.
// parse_output_schema reads it back to the same schema.
#include "io/output_schema.hpp"

#include "core/text.hpp"

namespace migsim {

namespace {

std::string quoted(std::string_view text) {
    return quote_toml_string(text);
}

std::string quoted(const std::vector<std::string>& texts) {
    std::string out = "[";
    for (std::size_t i = 0; i < texts.size(); ++i)
        out += (i ? ", " : "") + quote_toml_string(texts[i]);
    return out + "]";
}

void line(std::string& out, std::string_view key, const std::string& value) {
    out.append(key).append(" = ").append(value).append("\n");
}

} // namespace

std::string format_output_schema(const OutputSchema& schema) {
    std::string out = "# The layout of a migsim output file, assembled from the files of output_schemas/.\n";
    line(out, "schema_version", quoted(schema.schema_version));
    for (const GroupSchema& group : schema.groups) {
        out += "\n[[groups]]\n";
        line(out, "path", quoted(group.path));
        line(out, "description", quoted(group.description));
        if (group.optional)
            line(out, "optional", "true");
        for (const AttributeSchema& attribute : group.attributes) {
            out += "\n[[groups.attributes]]\n";
            line(out, "name", quoted(attribute.name));
            line(out, "type", quoted(to_string(attribute.type)));
            line(out, "description", quoted(attribute.description));
        }
        for (const DimensionSchema& dimension : group.dimensions) {
            out += "\n[[groups.dimensions]]\n";
            line(out, "name", quoted(dimension.name));
            line(out, "kind", quoted(to_string(dimension.kind)));
            line(out, "units", quoted(dimension.units));
            line(out, "description", quoted(dimension.description));
            if (!dimension.labels.empty())
                line(out, "labels", quoted(dimension.labels));
            if (dimension.first)
                line(out, "first", std::to_string(*dimension.first));
            if (dimension.last)
                line(out, "last", std::to_string(*dimension.last));
            if (dimension.run_years != RunYears::none)
                line(out, "run_years", quoted(to_string(dimension.run_years)));
            if (!dimension.scenario_count.empty())
                line(out, "scenario_count", quoted(dimension.scenario_count));
            if (!dimension.leading_labels.empty())
                line(out, "leading_labels", quoted(dimension.leading_labels));
            if (!dimension.scenario_labels.empty())
                line(out, "scenario_labels", quoted(dimension.scenario_labels));
            for (const AuxiliarySchema& auxiliary : dimension.auxiliaries) {
                out += "\n[[groups.dimensions.auxiliary]]\n";
                line(out, "name", quoted(auxiliary.name));
                line(out, "units", quoted(auxiliary.units));
                line(out, "description", quoted(auxiliary.description));
                if (auxiliary.values != AuxiliaryValues::text)
                    line(out, "values", quoted(to_string(auxiliary.values)));
            }
        }
        for (const DatasetSchema& dataset : group.datasets) {
            out += "\n[[groups.datasets]]\n";
            line(out, "name", quoted(dataset.name));
            line(out, "dims", quoted(dataset.dims));
            line(out, "dtype", quoted(to_string(dataset.dtype)));
            if (dataset.min)
                line(out, "min", format_number(*dataset.min));
            if (dataset.max)
                line(out, "max", format_number(*dataset.max));
            line(out, "units", quoted(dataset.units));
            line(out, "description", quoted(dataset.description));
            if (!dataset.target.empty())
                line(out, "target", quoted(dataset.target));
            if (!dataset.variance.empty())
                line(out, "variance", quoted(dataset.variance));
            if (dataset.final_after)
                line(out, "final_after", std::to_string(*dataset.final_after));
        }
    }
    for (const IdentitySchema& identity : schema.identities) {
        out += "\n[[identities]]\n";
        line(out, "name", quoted(identity.name));
        line(out, "description", quoted(identity.description));
        line(out, "kind", quoted(identity.kind == IdentityKind::sum ? "sum" : "ratio"));
        line(out, "result", quoted(identity.result));
        if (!identity.result_at_next.empty())
            line(out, "result_at_next", quoted(identity.result_at_next));
        if (identity.kind == IdentityKind::sum) {
            line(out, "plus", quoted(identity.plus));
            if (!identity.minus.empty())
                line(out, "minus", quoted(identity.minus));
        } else {
            line(out, "numerator", quoted(identity.numerator));
            line(out, "denominator", quoted(identity.denominator));
        }
        line(out, "over", quoted(identity.over));
    }
    return out;
}

} // namespace migsim
