// The parameters of [register] and the loaders of its tables.
#include "sources/register_settings.hpp"

#include <array>

#include "scenario/parameters.hpp"

namespace migsim {

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

const std::array parameters_declared = {
    Parameter{.key = "register.arrival_compliance",
              .type = Type::real,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 1,
              .unit = "probability",
              .description = "Probability that an arrival is registered, by origin.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().arrival_compliance = v.by_group;
                  }},
    Parameter{.key = "register.arrival_lag_months",
              .type = Type::integer,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 120,
              .unit = "months",
              .description = "Delay between an arrival and its registration, by origin.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().arrival_lag_months = to_ints(v.by_group);
                  }},
    Parameter{.key = "register.deregistration_probability",
              .type = Type::real,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 1,
              .unit = "probability",
              .description = "Probability that an emigrant is deregistered, by origin (the rest remain on "
                             "the register: overcoverage).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().deregistration_probability = v.by_group;
                  }},
    Parameter{.key = "register.deregistration_lag_months",
              .type = Type::integer,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 120,
              .unit = "months",
              .description = "Delay between a departure and its deregistration, by origin.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().deregistration_lag_months = to_ints(v.by_group);
                  }},
    Parameter{.key = "register.birth_lag_months",
              .type = Type::integer,
              .min = 0,
              .max = 24,
              .unit = "months",
              .default_value = "0",
              .description = "Delay between a birth and its registration.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().birth_lag_months = to_int(v.integer);
                  }},
    Parameter{.key = "register.death_lag_months",
              .type = Type::integer,
              .min = 0,
              .max = 24,
              .unit = "months",
              .default_value = "0",
              .description = "Delay between a death and its registration.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<RegisterSettings>().death_lag_months = to_int(v.integer);
                  }},
};

const ParameterSection section{"register", "How the population register records events: compliance and lags.",
                               parameters_declared, declare_settings<RegisterSettings>};

} // namespace

const ParameterSection& register_parameters() {
    return section;
}

} // namespace migsim
