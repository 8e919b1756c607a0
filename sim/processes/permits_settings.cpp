// The parameters of [permits].
#include "processes/permits_settings.hpp"

#include <array>

#include "scenario/parameters.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

const std::array parameters_declared = {
    Parameter{
        .key = "permits.third_country_share",
        .type = Type::real,
        .shape = ParameterShape::per_group,
        .min = 0,
        .max = 1,
        .fixed_during_run = true,
        .unit = "share",
        .default_value = "0.0",
        .description =
            "Share of each group's citizens who are third-country nationals and need a residence permit "
            "(0 for the EU and the EEA, whose citizens move freely); drawn at a first arrival or at the "
            "start and kept.",
        .assign =
            [](Scenario& s, const ParameterValue& v) {
                s.settings<PermitSettings>().third_country_share = v.by_group;
            }},
    Parameter{.key = "permits.permanent_after_years",
              .type = Type::real,
              .min = 0,
              .max = 30,
              .fixed_during_run = true,
              .unit = "years",
              .default_value = "5.0",
              .description =
                  "Years of residence since the latest arrival before a settler, family migrant or "
                  "person granted protection may obtain a permanent permit (rounded to whole months; "
                  "Denmark around 2013: 5, scenarios/data/SOURCES.md).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<PermitSettings>().permanent_after_years = v.real;
                  }},
    Parameter{
        .key = "permits.permanent_hazard",
        .type = Type::real,
        .min = 0,
        .max = 5,
        .unit = "per year",
        .default_value = "0.2",
        .description = "Annual hazard with which an eligible holder of a temporary permit obtains a "
                       "permanent one (an assumption: no published rate was found; docs/model.md, "
                       "\"Residence permits\"). It may change during a run.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.settings<PermitSettings>().permanent_hazard = v.real; }},
};

const ParameterSection section{"permits", "Residence permits of third-country nationals.",
                               parameters_declared, declare_settings<PermitSettings>};

} // namespace

const ParameterSection& permits_parameters() {
    return section;
}

} // namespace migsim
