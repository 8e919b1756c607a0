// A scenario built on another: `base = "baseline.toml"` at the top of a scenario file.
//
// A planner's variant differs from the default scenario in a few keys and changes; copying the
// whole default would freeze it at the day of the copy. The variant names its base, a scenario
// file of the same folder (so that the tables both name resolve alike), and gives what differs.
// Each key the variant gives replaces the base's (a per-group table replaces the base's table as a
// whole), each change [changes.NAME] is added or replaces the base's change of that name. Problems
// are reported in the file that gave the key. A base has no base of its own.
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/loader.hpp"
#include "scenario/timeline_load.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim::loading {

namespace {

constexpr std::string_view base_key = "base";

/// Moves `node` into `table` under `name`, keeping where it was read.
void move_into(toml::table& table, const std::string& name, toml::node& node) {
    node.visit([&](auto&& value) { table.insert_or_assign(name, std::move(value)); });
}

} // namespace

void ScenarioLoader::merge_into(toml::table& into, toml::table& from, const std::string& prefix) const {
    // Sections, a module's nested keys and the changes are merged key by key; a parameter's value
    // (a number, a file, a per-group table) and a change's table replace the base's whole.
    for (auto& [key, node] : from) {
        const std::string name(key.str());
        const std::string path = prefix + name;
        toml::table* below = into.get_as<toml::table>(name);
        const bool a_change = prefix == std::string(changes_section) + ".";
        if (below == nullptr || !node.is_table() || a_change || find_parameter(path))
            move_into(into, name, node);
        else
            merge_into(*below, *node.as_table(), path + ".");
    }
}

void ScenarioLoader::apply_base() {
    const toml::node* given = root_.get(base_key);
    if (given == nullptr)
        return;
    const auto name = given->value<std::string>();
    const int line = static_cast<int>(given->source().begin.line);
    if (!name || name->empty() || name->find('/') != std::string::npos ||
        name->find('\\') != std::string::npos || *name == "." || *name == "..") {
        problem_at_line(path_, line, std::string(base_key),
                        "expected the name of a scenario file in this scenario's folder, e.g. "
                        "\"baseline.toml\"");
        root_.erase(base_key);
        return;
    }
    const std::string base_path = (folder_ / *name).string();
    const InputFile file = read_input_file(base_path, limits::scenario_file_bytes);
    if (!file.ok()) {
        problem_at_line(path_, line, std::string(base_key), "cannot read the base scenario: " + file.error);
        root_.erase(base_key);
        return;
    }
    if (const auto unsafe = toml_text_problem(file.content, limits::toml_key_parts, limits::toml_nesting)) {
        problem_at_line(base_path, unsafe->line, "", unsafe->message);
        root_.erase(base_key);
        return;
    }
    toml::table merged;
    try {
        merged = toml::parse(file.content, base_path);
    } catch (const toml::parse_error& error) {
        problem_at_line(base_path, static_cast<int>(error.source().begin.line), "",
                        "TOML syntax error: " + std::string(error.description()));
        root_.erase(base_key);
        return;
    }
    if (const toml::node* nested = merged.get(base_key)) {
        problem_at_line(base_path, static_cast<int>(nested->source().begin.line), std::string(base_key),
                        "a base scenario cannot name a base of its own");
        merged.erase(base_key);
    }
    root_.erase(base_key);

    merge_into(merged, root_, "");
    root_ = std::move(merged);
}

} // namespace migsim::loading
