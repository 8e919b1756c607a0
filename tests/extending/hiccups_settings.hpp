#pragma once
// The worked example of docs/extending.md: the hiccups process's parameters, declared by the module
// itself. A scenario sets them under [example.hiccups]; the scenario keeps them by type
// (scenario.settings<HiccupsSettings>()), so nothing of the scenario library knows them.
#include "scenario/parameters.hpp"

namespace migsim::example {

struct HiccupsSettings {
    double rate = 0.6; ///< hiccups per person-year (at most one a month)

    bool operator==(const HiccupsSettings&) const = default;
};

/// [example.hiccups]: listed in sim/modules/modules.cpp for every run, or added to a schema.
const ParameterSection& hiccups_parameters();

} // namespace migsim::example
