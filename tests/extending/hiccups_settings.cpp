#include "extending/hiccups_settings.hpp"

#include <array>

namespace migsim::example {

namespace {

const std::array declared = {
    Parameter{
        .key = "example.hiccups.rate",
        .type = ParameterType::real,
        .min = 0,
        .max = 12,
        .unit = "per person-year",
        .default_value = "0.6",
        .description = "Hiccups per person-year of persons present (at most one a month).",
        .assign = [](Scenario& s, const ParameterValue& v) { s.settings<HiccupsSettings>().rate = v.real; }},
};

} // namespace

const ParameterSection& hiccups_parameters() {
    static const ParameterSection section{"example.hiccups",
                                          "Hiccups: the worked example of docs/extending.md.", declared,
                                          declare_settings<HiccupsSettings>};
    return section;
}

} // namespace migsim::example
