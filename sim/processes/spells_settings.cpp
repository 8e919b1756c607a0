// The parameters of [spells]: migrant types by partner and the behaviour of planned stays.
#include "processes/spells_settings.hpp"

#include <array>
#include <numeric>

#include "core/text.hpp"
#include "scenario/parameters.hpp"

namespace migsim {

StayProfile stay_profile(MigrantType type) {
    switch (type) {
    case MigrantType::worker:
        return StayProfile::worker;
    case MigrantType::circular:
        return StayProfile::circular;
    case MigrantType::student:
        return StayProfile::student;
    case MigrantType::refused:
        return StayProfile::refused;
    case MigrantType::national_temporary:
        return StayProfile::national;
    default:
        return StayProfile::permanent;
    }
}

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

SpellSettings& spells(Scenario& s) {
    return s.settings<SpellSettings>();
}

Parameter share(const char* key, const char* description, void (*assign)(Scenario&, const ParameterValue&)) {
    return Parameter{.key = key,
                     .type = Type::real,
                     .shape = Shape::per_group,
                     .min = 0,
                     .max = 1,
                     .unit = "share",
                     .default_value = "0.0",
                     .description = description,
                     .assign = assign};
}

template <StayProfile P>
StayBehaviour& behaviour(Scenario& s) {
    return spells(s).behaviour[static_cast<std::size_t>(P)];
}

/// The parameters of one planned profile, under "spells.<profile>."; defaults are the assumptions
/// documented in docs/model.md ("Migration spells").
template <StayProfile P>
constexpr std::array<Parameter, 8> behaviour_parameters(const char* const (&keys)[8],
                                                        const char* const (&defaults)[8], const char* who) {
    return {
        Parameter{
            .key = keys[0],
            .type = Type::real,
            .min = 1,
            .max = 239,
            .unit = "months",
            .default_value = defaults[0],
            .description = who,
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).stay_months = v.real; }},
        Parameter{
            .key = keys[1],
            .type = Type::real,
            .min = 0,
            .max = 3,
            .unit = "log months",
            .default_value = defaults[1],
            .description =
                "Standard deviation of the logarithm of the planned stay (0: every plan the median).",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).stay_spread = v.real; }},
        Parameter{
            .key = keys[2],
            .type = Type::real,
            .min = 0,
            .max = 24,
            .unit = "per person-year",
            .default_value = defaults[2],
            .description = "Hazard of leaving before the planned month.",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).early_hazard = v.real; }},
        Parameter{
            .key = keys[3],
            .type = Type::real,
            .min = 0,
            .max = 48,
            .unit = "per person-year",
            .default_value = defaults[3],
            .description = "Hazard of leaving in the planned month and the two after it.",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).planned_hazard = v.real; }},
        Parameter{
            .key = keys[4],
            .type = Type::real,
            .min = 0,
            .max = 24,
            .unit = "per person-year",
            .default_value = defaults[4],
            .description = "Hazard of leaving 3..11 months past the plan (half of it 12..23 months past; "
                           "after spells.settle_after_months the person settles).",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).overstay_hazard = v.real; }},
        Parameter{
            .key = keys[5],
            .type = Type::real,
            .min = 0,
            .max = 1,
            .unit = "probability",
            .default_value = defaults[5],
            .description = "Foreign-born: probability of planning another stay in the country when leaving.",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).come_again = v.real; }},
        Parameter{
            .key = keys[6],
            .type = Type::real,
            .min = 1,
            .max = 239,
            .unit = "months",
            .default_value = defaults[6],
            .description = "Median planned time abroad before the next stay.",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).gap_months = v.real; }},
        Parameter{
            .key = keys[7],
            .type = Type::real,
            .min = 0,
            .max = 3,
            .unit = "log months",
            .default_value = defaults[7],
            .description = "Standard deviation of the logarithm of the planned time abroad.",
            .assign = [](Scenario& s, const ParameterValue& v) { behaviour<P>(s).gap_spread = v.real; }},
    };
}

constexpr const char* worker_keys[8] = {"spells.worker.stay_months",     "spells.worker.stay_spread",
                                        "spells.worker.early_hazard",    "spells.worker.planned_hazard",
                                        "spells.worker.overstay_hazard", "spells.worker.come_again",
                                        "spells.worker.gap_months",      "spells.worker.gap_spread"};
constexpr const char* worker_defaults[8] = {"24.0", "0.6", "0.08", "6.0", "1.0", "0.15", "24.0", "0.6"};
constexpr const char* circular_keys[8] = {"spells.circular.stay_months",     "spells.circular.stay_spread",
                                          "spells.circular.early_hazard",    "spells.circular.planned_hazard",
                                          "spells.circular.overstay_hazard", "spells.circular.come_again",
                                          "spells.circular.gap_months",      "spells.circular.gap_spread"};
constexpr const char* circular_defaults[8] = {"5.0", "0.25", "0.05", "12.0", "3.0", "0.85", "6.0", "0.3"};
constexpr const char* student_keys[8] = {"spells.student.stay_months",     "spells.student.stay_spread",
                                         "spells.student.early_hazard",    "spells.student.planned_hazard",
                                         "spells.student.overstay_hazard", "spells.student.come_again",
                                         "spells.student.gap_months",      "spells.student.gap_spread"};
constexpr const char* student_defaults[8] = {"20.0", "0.6", "0.06", "6.0", "0.8", "0.10", "24.0", "0.6"};
constexpr const char* refused_keys[8] = {"spells.refused.stay_months",     "spells.refused.stay_spread",
                                         "spells.refused.early_hazard",    "spells.refused.planned_hazard",
                                         "spells.refused.overstay_hazard", "spells.refused.come_again",
                                         "spells.refused.gap_months",      "spells.refused.gap_spread"};
constexpr const char* refused_defaults[8] = {"10.0", "0.4", "0.2", "8.0", "1.0", "0.02", "24.0", "0.6"};
constexpr const char* national_keys[8] = {"spells.national.stay_months",     "spells.national.stay_spread",
                                          "spells.national.early_hazard",    "spells.national.planned_hazard",
                                          "spells.national.overstay_hazard", "spells.national.come_again",
                                          "spells.national.gap_months",      "spells.national.gap_spread"};
constexpr const char* national_defaults[8] = {"18.0", "0.6", "0.05", "6.0", "1.0", "0.0", "12.0", "0.5"};

constexpr auto worker = behaviour_parameters<StayProfile::worker>(
    worker_keys, worker_defaults, "Median planned stay of a worker (a planned stay ends in a departure).");
constexpr auto circular = behaviour_parameters<StayProfile::circular>(
    circular_keys, circular_defaults, "Median planned stay of a seasonal or circular worker.");
constexpr auto student = behaviour_parameters<StayProfile::student>(student_keys, student_defaults,
                                                                    "Median planned stay of a student.");
constexpr auto refused = behaviour_parameters<StayProfile::refused>(
    refused_keys, refused_defaults,
    "Median time from the arrival of a refused asylum seeker to the planned departure (the decision).");
constexpr auto national = behaviour_parameters<StayProfile::national>(
    national_keys, national_defaults,
    "Median planned time abroad of a national on a temporary stay (its hazards are those of coming back; "
    "come_again and the gap are unused).");

const std::array shares = {
    share("spells.worker_share", "Share of foreign-born arrivals aged 15+ who come to work, by partner.",
          [](Scenario& s, const ParameterValue& v) { spells(s).worker_share = v.by_group; }),
    share("spells.circular_share",
          "Of the workers, the share who are seasonal or circular workers, by partner.",
          [](Scenario& s, const ParameterValue& v) { spells(s).circular_share = v.by_group; }),
    share("spells.student_share", "Share of foreign-born arrivals aged 15+ who come to study, by partner.",
          [](Scenario& s, const ParameterValue& v) { spells(s).student_share = v.by_group; }),
    share("spells.humanitarian_share", "Share of foreign-born arrivals aged 15+ who seek asylum, by partner.",
          [](Scenario& s, const ParameterValue& v) { spells(s).humanitarian_share = v.by_group; }),
    share("spells.refusal_share", "Of the asylum seekers, the share refused (they leave), by partner.",
          [](Scenario& s, const ParameterValue& v) { spells(s).refusal_share = v.by_group; }),
    share(
        "spells.family_share",
        "Share of foreign-born arrivals aged 15+ who come for family reasons, by partner (children under 15 "
        "arrive with their mothers, as family, whatever this share).",
        [](Scenario& s, const ParameterValue& v) { spells(s).family_share = v.by_group; }),
};

const std::array others = {
    Parameter{
        .key = "spells.national_temporary_share",
        .type = Type::real,
        .min = 0,
        .max = 1,
        .unit = "share",
        .default_value = "0.45",
        .description = "Share of nationals' departures (aged 15+) on a stay abroad planned to end.",
        .assign = [](Scenario& s, const ParameterValue& v) { spells(s).national_temporary_share = v.real; }},
    Parameter{
        .key = "spells.reentry_early_hazard",
        .type = Type::real,
        .min = 0,
        .max = 24,
        .unit = "per person-year",
        .default_value = "0.05",
        .description =
            "A foreign-born person abroad who plans another stay: hazard of coming before the plan.",
        .assign = [](Scenario& s, const ParameterValue& v) { spells(s).reentry_early_hazard = v.real; }},
    Parameter{
        .key = "spells.reentry_planned_hazard",
        .type = Type::real,
        .min = 0,
        .max = 48,
        .unit = "per person-year",
        .default_value = "6.0",
        .description = "The same, in the planned month and the two after it.",
        .assign = [](Scenario& s, const ParameterValue& v) { spells(s).reentry_planned_hazard = v.real; }},
    Parameter{
        .key = "spells.reentry_overdue_hazard",
        .type = Type::real,
        .min = 0,
        .max = 24,
        .unit = "per person-year",
        .default_value = "1.0",
        .description =
            "The same, 3..11 months past the plan (half of it 12..23 months past; later the plan lapses).",
        .assign = [](Scenario& s, const ParameterValue& v) { spells(s).reentry_overdue_hazard = v.real; }},
    Parameter{.key = "spells.settle_after_months",
              .type = Type::integer,
              .min = 12,
              .max = 60,
              .unit = "months",
              .default_value = "24",
              .description =
                  "A temporary migrant still in the country this many months past the plan settles "
                  "(becomes a settler without a plan); abroad, a plan this old lapses.",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { spells(s).settle_after_months = to_int(v.integer); }},
};

/// The declared parameters, in the order of the reference.
const std::vector<Parameter>& declared() {
    static const std::vector<Parameter> all = [] {
        std::vector<Parameter> out(shares.begin(), shares.end());
        for (const auto* list : {&worker, &circular, &student, &refused, &national})
            out.insert(out.end(), list->begin(), list->end());
        out.insert(out.end(), others.begin(), others.end());
        return out;
    }();
    return all;
}

std::vector<RunSizeProblem> check_purposes(const Scenario& scenario,
                                           const std::function<bool(const std::string&)>& valid) {
    std::vector<RunSizeProblem> problems;
    for (const char* key :
         {"spells.worker_share", "spells.student_share", "spells.humanitarian_share", "spells.family_share"})
        if (!valid(key))
            return problems;
    const auto& s = scenario.settings<SpellSettings>();
    for (std::size_t g = 0; g < s.worker_share.size() && g < scenario.groups.names.size(); ++g) {
        const double purposes =
            s.worker_share[g] + s.student_share[g] + s.humanitarian_share[g] + s.family_share[g];
        if (purposes > 1.0 + share_sum_tolerance)
            problems.push_back({"spells.worker_share",
                                "the shares of workers, students, asylum seekers and family of group " +
                                    scenario.groups.names[g] + " sum to " + format_approximately(purposes) +
                                    ", more than 1 (settlers are the rest)"});
    }
    return problems;
}

const ParameterSection section{"spells", "Migration spells: migrant types by partner and planned stays.",
                               declared(), declare_settings<SpellSettings>, check_purposes};

} // namespace

const ParameterSection& spells_parameters() {
    return section;
}

} // namespace migsim
