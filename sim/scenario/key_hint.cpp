// The hint after "unknown key" for a key of the command line or of a change: the declared names
// closest to the misspelt part, taken only from the section the key is in. "immigration.multiplyer"
// is "immigration.multiplier", never "emigration.multiplier": two sections whose names are one
// letter apart must not trade keys, so a misspelt section is suggested as a section alone.
#include <algorithm>

#include "core/text.hpp"
#include "scenario/loader.hpp"

namespace migsim::loading {

namespace {

/// The names closest to `unknown` (at most two edits away), every one at the smallest distance.
std::vector<std::string> closest(std::string_view unknown, const std::vector<std::string>& names) {
    std::vector<std::string> best;
    int best_distance = 3;
    for (const std::string& name : names) {
        const int distance = edit_distance(unknown, name);
        if (distance < best_distance) {
            best = {name};
            best_distance = distance;
        } else if (distance == best_distance) {
            best.push_back(name);
        }
    }
    return best;
}

std::string either(const std::vector<std::string>& choices) {
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i)
        text += (i == 0 ? "'" : i + 1 == choices.size() ? " or '" : ", '") + choices[i] + "'";
    return text;
}

} // namespace

std::string ScenarioLoader::unknown_key_hint(const std::string& key) const {
    // Down the key's parts while they are declared names; the first that is not is compared with
    // the names declared at its level, which are all inside the section reached so far.
    std::string prefix;
    std::size_t begin = 0;
    while (begin <= key.size()) {
        const std::size_t dot = std::min(key.find('.', begin), key.size());
        const std::string part = key.substr(begin, dot - begin);
        std::vector<std::string> names = names_below(prefix);
        if (prefix.empty())
            names.emplace_back(changes_section);
        if (std::find(names.begin(), names.end(), part) == names.end()) {
            const auto best = closest(part, names);
            if (best.empty() || best.front() == part)
                return "";
            if (prefix.empty()) // a misspelt section: the section, not a key of it
                return " (no section '" + part + "'; did you mean " + either(best) + "?)";
            std::vector<std::string> keys;
            for (const std::string& name : best)
                keys.push_back(prefix + name);
            return " (did you mean " + either(keys) + "?)";
        }
        prefix += part + ".";
        begin = dot + 1;
    }
    return "";
}

} // namespace migsim::loading
