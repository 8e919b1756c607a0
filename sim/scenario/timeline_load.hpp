#pragma once
// Scenarios that change over time: the tables [changes.NAME] of a scenario file, each a change of
// one numeric parameter (or of one group's element of a per-group one) from a month on: a step, a
// linear ramp, a pulse, or values by year. The loader checks each change's keys against the
// declarations below, resolves the changes into the value every changed parameter takes in every
// month (scenario/timeline.hpp), checks that value against the parameter's declared range in every
// month of the run, and reports every mistake with file, line and key, with the scenario's other
// problems. docs/scenarios.md describes the syntax and the rules with examples; the reference
// (docs/parameters.md) is written from these declarations.
#include <map>
#include <span>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/calendar.hpp"

namespace migsim {

struct Parameter;
struct ParameterSection;

/// The top-level table of the changes: [changes.NAME].
inline constexpr const char* changes_section = "changes";

enum class ChangeShape {
    step,    ///< from `from` on, the new value
    ramp,    ///< linear in months from the value before `from` to the target, reached in `until`
    pulse,   ///< the new value from `from` to `until`, then the value before `from` again
    by_year, ///< from January of each listed year, that year's value
};

/// One key of a [changes.NAME] table, declared once for the loader, its messages and the reference.
struct ChangeSetting {
    const char* name;        ///< "from"
    const char* type;        ///< as the reference lists it: "month"
    const char* range;       ///< as the reference lists it
    const char* description; ///< what it means, for each shape it applies to
};

/// Every key a change may have, in the order the reference and the resolved scenario list them.
std::span<const ChangeSetting> change_settings();

/// The section [changes.NAME] of the parameter reference (docs/parameters.md): the keys, which
/// shape needs which, and the rules of resolution.
std::string change_reference_markdown();

/// A factor of a change is in [0, max_change_factor] (a change multiplies by at most this).
inline constexpr double max_change_factor = 1000.0;

namespace loading {

/// A change whose keys passed their own checks, with the TOML nodes its messages point to.
struct CheckedChange {
    std::string name; ///< "surge", from [changes.surge]
    const toml::node* table = nullptr;
    std::string target; ///< the `key` as given: "immigration.arrivals_per_year.syria"
    const Parameter* parameter = nullptr;
    int element = -1; ///< the group's index in the parameter's vector; -1 = every element
    ChangeShape shape = ChangeShape::step;
    Month from = 0;
    Month until = 0;                                ///< ramp and pulse
    bool relative = false;                          ///< a factor on the value before the change, not a value
    double amount = 0.0;                            ///< the factor or the value (step, ramp, pulse)
    std::map<int, double> by_year;                  ///< year -> factor or value (by_year)
    std::map<std::string, const toml::node*> nodes; ///< the change's keys as given
    /// `active = false`: read and checked, then left out of the run (a base scenario's change
    /// switched off, `--set changes.NAME.active=false`).
    bool active = true;

    /// The first month the change sets a value.
    Month first_month() const;
    /// The month from which a later change of the same element may start: the change has done all
    /// it does before it (the month after a step's first, after a ramp's target month, after a
    /// table's last year has begun, after a pulse's return to the value before it).
    Month free_from() const;
    /// The key of the setting that gives the change's numbers, for messages: "changes.surge.factor".
    std::string amount_key() const;
};

} // namespace loading
} // namespace migsim
