#pragma once
// A term of an accounting identity of the output schema (output_schemas/README.md): a dataset's
// full path, or a dataset at one label of some of its dims, written
// "/truth/migration/balance/persons[component=births]" or "...[definition=present, component=births]".
// A selection lets an identity relate the labels of one dimension to each other (the terms of a
// population balance stored along a `component` dimension).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migsim {

struct IdentityTerm {
    std::string dataset; ///< full path of the dataset
    /// (dim, label) pairs: the term is the dataset at that label of each of these dims.
    std::vector<std::pair<std::string, std::string>> selection;
};

/// Splits a term into its dataset and selection; nothing when the selection is malformed (no closing
/// bracket, an entry without '=', an empty dim or label, a dim selected twice).
std::optional<IdentityTerm> parse_identity_term(std::string_view term);

} // namespace migsim
