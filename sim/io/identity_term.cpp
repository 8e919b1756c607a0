#include "io/identity_term.hpp"

#include <algorithm>

namespace migsim {

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

} // namespace

std::optional<IdentityTerm> parse_identity_term(std::string_view term) {
    IdentityTerm parsed;
    const std::size_t open = term.find('[');
    parsed.dataset = std::string(term.substr(0, open));
    if (open == std::string_view::npos)
        return parsed;
    if (term.back() != ']' || term.find('[', open + 1) != std::string_view::npos)
        return std::nullopt;
    std::string_view rest = term.substr(open + 1, term.size() - open - 2);
    while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view entry = rest.substr(0, comma);
        const std::size_t equals = entry.find('=');
        if (equals == std::string_view::npos)
            return std::nullopt;
        const std::string dim(trimmed(entry.substr(0, equals)));
        const std::string label(trimmed(entry.substr(equals + 1)));
        if (dim.empty() || label.empty() ||
            std::any_of(parsed.selection.begin(), parsed.selection.end(),
                        [&](const auto& selected) { return selected.first == dim; }))
            return std::nullopt;
        parsed.selection.emplace_back(dim, label);
        if (comma == std::string_view::npos)
            return parsed;
        rest.remove_prefix(comma + 1);
    }
}

} // namespace migsim
