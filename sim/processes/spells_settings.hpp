#pragma once
// The settings of migration spells (processes/spells.*): the section [spells] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// A person's migrant type (the column `spell.type`), drawn at each first arrival by partner, at
/// each departure of a national, and changed by the rule of settlement (docs/model.md).
enum class MigrantType : std::uint8_t {
    none = 0,               ///< never migrated, or a national back home
    settler = 1,            ///< came to stay
    worker = 2,             ///< came to work for a planned time
    circular = 3,           ///< seasonal or circular worker: short stays, comes again
    student = 4,            ///< came to study for a planned time
    protected_person = 5,   ///< asylum seeker granted protection: stays
    refused = 6,            ///< asylum seeker refused: leaves when the decision is final
    family = 7,             ///< came with or to join family (every child who arrives with its mother)
    national_temporary = 8, ///< a national on a stay abroad planned to end
    national_emigrant = 9,  ///< a national who emigrated without a plan to come back
};
inline constexpr int n_migrant_types = 10;
inline constexpr std::array<const char*, n_migrant_types> migrant_type_names = {
    "none",      "settler", "worker", "circular",           "student",
    "protected", "refused", "family", "national_temporary", "national_emigrant"};

/// The types whose stays are planned, each with its own behaviour around the plan.
enum class StayProfile : std::uint8_t { permanent = 0, worker, circular, student, refused, national };
inline constexpr int n_stay_profiles = 6;
inline constexpr std::array<const char*, n_stay_profiles> stay_profile_names = {
    "permanent", "worker", "circular", "student", "refused", "national"};
StayProfile stay_profile(MigrantType type);

/// How persons of a planned profile behave around their plan: the planned stay's length
/// (log-normal in months), the hazards of leaving before, around and after it, and (foreign-born)
/// whether and after how long they come again.
struct StayBehaviour {
    double stay_months = 12;      ///< median planned stay (abroad, for nationals)
    double stay_spread = 0.5;     ///< standard deviation of its logarithm
    double early_hazard = 0.0;    ///< per year, before the planned month
    double planned_hazard = 6.0;  ///< per year, in the planned month and the two after it
    double overstay_hazard = 1.0; ///< per year, 3..11 months past the plan; half of it 12..23 months past
    double come_again = 0.0;      ///< foreign-born: probability of planning another stay when leaving
    double gap_months = 12;       ///< median planned time abroad before the next stay
    double gap_spread = 0.5;
    bool operator==(const StayBehaviour&) const = default;
};

struct SpellSettings {
    // Purposes of foreign-born first arrivals aged 15 and over, by partner (group); settlers are the
    // rest (children under 15 arrive with their mothers as family).
    std::vector<double> worker_share, circular_share, student_share, humanitarian_share, refusal_share,
        family_share;
    std::array<StayBehaviour, n_stay_profiles> behaviour{}; ///< by StayProfile (permanent unused)
    double national_temporary_share = 0.45; ///< of nationals' departures (aged 15+), planned to end
    /// A foreign-born person abroad with a plan to come again: hazards before, around and after it.
    double reentry_early_hazard = 0.05, reentry_planned_hazard = 6.0, reentry_overdue_hazard = 1.0;
    /// A temporary migrant this many months past the plan settles (spells.settle_after_months).
    int settle_after_months = 24;

    bool operator==(const SpellSettings&) const = default;
};

/// The parameters of [spells] (in the list of modules/modules.cpp).
const ParameterSection& spells_parameters();

} // namespace migsim
