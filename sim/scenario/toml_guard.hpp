#pragma once
// A bound on how deeply a TOML text nests, checked before the text reaches the TOML parser. The
// parser recurses once per level of a dotted key, a table header or a nested array or inline table,
// and so does the destruction of what it builds: a key of 50,000 parts overflows the stack. A
// scenario needs 3 levels (section.key.group) and 1 of nesting (an inline table).
#include <optional>
#include <string>
#include <string_view>

namespace migsim {

struct TomlNestingProblem {
    int line = 0; ///< 1-based
    std::string message;
};

/// The first place where `text` has a key of more than `max_key_parts` parts or values nested more
/// than `max_nesting` deep; nothing when it has none. Strings and comments are skipped as TOML
/// reads them; anything else that is not valid TOML is left for the parser to report.
std::optional<TomlNestingProblem> toml_nesting_problem(std::string_view text, int max_key_parts,
                                                       int max_nesting);

} // namespace migsim
