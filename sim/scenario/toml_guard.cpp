#include "scenario/toml_guard.hpp"

namespace migsim {

std::optional<TomlNestingProblem> toml_nesting_problem(std::string_view text, int max_key_parts,
                                                       int max_nesting) {
    int line = 1;
    int nesting = 0; // open [ and { outside strings and comments
    int dots = 0;    // dots since the last =, comma, bracket, brace or line end: a dotted key's parts - 1
    const std::size_t n = text.size();
    // Moves past a string that opens at `at` with `quote` (a ' or a "), counting its lines.
    const auto skip_string = [&](std::size_t at, char quote) {
        const bool multiline = text.compare(at, 3, std::string(3, quote)) == 0;
        std::size_t i = at + (multiline ? 3 : 1);
        while (i < n) {
            const char c = text[i];
            if (c == '\\' && quote == '"') {
                if (i + 1 < n && text[i + 1] == '\n')
                    ++line;
                i += 2;
                continue;
            }
            if (c == '\n') {
                if (!multiline)
                    return i; // an unterminated string: the parser reports it
                ++line;
            }
            if (c == quote) {
                if (!multiline)
                    return i + 1;
                // """ closes; up to two more quotes right before it belong to the string.
                std::size_t quotes = 0;
                while (i + quotes < n && text[i + quotes] == quote)
                    ++quotes;
                if (quotes >= 3)
                    return i + quotes;
                i += quotes;
                continue;
            }
            ++i;
        }
        return n;
    };
    for (std::size_t at = 0; at < n;) {
        const char c = text[at];
        switch (c) {
        case '"':
        case '\'':
            at = skip_string(at, c);
            continue;
        case '#':
            while (at < n && text[at] != '\n')
                ++at;
            continue;
        case '\n':
            ++line;
            dots = 0;
            break;
        case '.':
            if (++dots >= max_key_parts)
                return TomlNestingProblem{line, "a key of more than " + std::to_string(max_key_parts) +
                                                    " dotted parts (a scenario needs 3: section.key.group)"};
            break;
        case '[':
        case '{':
            dots = 0;
            if (++nesting > max_nesting)
                return TomlNestingProblem{line, "arrays, tables or inline tables nested more than " +
                                                    std::to_string(max_nesting) + " levels deep"};
            break;
        case ']':
        case '}':
            dots = 0;
            nesting = nesting > 0 ? nesting - 1 : 0;
            break;
        case '=':
        case ',':
            dots = 0;
            break;
        default:
            break;
        }
        ++at;
    }
    return std::nullopt;
}

} // namespace migsim
