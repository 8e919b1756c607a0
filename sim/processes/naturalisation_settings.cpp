// The parameters of [naturalisation].
#include "processes/naturalisation_settings.hpp"

#include <array>

#include "scenario/parameters.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

const std::array parameters_declared = {
    Parameter{.key = "naturalisation.annual_hazard",
              .type = Type::real,
              .min = 0,
              .max = 5,
              .unit = "per year",
              .default_value = "0.0262",
              .description =
                  "Annual hazard with which a foreign citizen living in the country acquires its citizenship "
                  "once eligible (constant after eligibility: an assumption). Fitted so that the first "
                  "simulated year has Denmark's yearly grants of 2011-2015 (calibration/README.md, "
                  "\"Naturalisation\"). It may change during a run.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<NaturalisationSettings>().annual_hazard = v.real;
                  }},
    Parameter{
        .key = "naturalisation.eligibility_years",
        .type = Type::real,
        .shape = ParameterShape::per_group,
        .min = 0,
        .max = 30,
        .fixed_during_run = true,
        .unit = "years",
        .default_value = "9.0",
        .description =
            "Years of residence since the latest arrival before a citizen of each group may naturalise "
            "(rounded to whole months). Denmark around 2013: 9 years, 2 for citizens of the Nordic "
            "countries (scenarios/data/SOURCES.md). Only settlers, family migrants and persons granted "
            "protection are eligible: a worker, student or circular migrant first settles (docs/model.md, "
            "\"Naturalisation\").",
        .assign =
            [](Scenario& s, const ParameterValue& v) {
                s.settings<NaturalisationSettings>().eligibility_years = v.by_group;
            }},
    Parameter{.key = "naturalisation.refugee_eligibility_years",
              .type = Type::real,
              .min = 0,
              .max = 30,
              .fixed_during_run = true,
              .unit = "years",
              .default_value = "8.0",
              .description =
                  "Years of residence before a person granted protection may naturalise, when fewer "
                  "than the group's (Denmark around 2013: 8).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<NaturalisationSettings>().refugee_eligibility_years = v.real;
                  }},
};

const ParameterSection section{
    "naturalisation", "Naturalisation: foreign citizens acquiring the reporting country's citizenship.",
    parameters_declared, declare_settings<NaturalisationSettings>};

} // namespace

const ParameterSection& naturalisation_parameters() {
    return section;
}

} // namespace migsim
