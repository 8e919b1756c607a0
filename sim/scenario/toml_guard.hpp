#pragma once
// Checks of a TOML text before it reaches the TOML parser (toml++ 3.3), for what that parser cannot
// be trusted with:
// - Nesting. It recurses once per level of a dotted key, a table header or a nested array or inline
//   table, and so does the destruction of what it builds: a key of 50,000 parts overflows the stack.
//   A scenario needs 3 levels (section.key.group) and 1 of nesting (an inline table).
// - Characters that are not ASCII where it tests them for being white space. Its test reaches
//   __builtin_unreachable() (undefined behaviour) for U+00A1-U+0499, U+2C5E-U+2FFF, U+3001-U+3057
//   and U+FB26-U+FEFE, which include the letters of Danish and of every language written in
//   Latin, Greek or Cyrillic. It tests every character outside strings and comments, in keys, in a
//   bare value (a number, a date, true: up to the next white space, comma, ']', '}' or '#', quotes
//   and '[' included) and after a backslash in a multi-line string; there such characters are
//   refused, in any case mistakes in a scenario (its keys are ASCII). In string values and
//   comments they are safe.
#include <optional>
#include <string>
#include <string_view>

namespace migsim {

struct TomlTextProblem {
    enum class Kind { nesting, character };
    Kind kind = Kind::nesting;
    int line = 0; ///< 1-based
    std::string message;
};

/// The first place where `text` has a key of more than `max_key_parts` parts, values nested more
/// than `max_nesting` deep, or a character that is not ASCII where the parser would test it; nothing
/// when it has none. Strings and comments are skipped as TOML reads them; anything else that is not
/// valid TOML is left for the parser to report.
std::optional<TomlTextProblem> toml_text_problem(std::string_view text, int max_key_parts, int max_nesting);

} // namespace migsim
