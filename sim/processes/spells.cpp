#include "processes/spells.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "processes/hazards.hpp"

namespace migsim {

namespace {

/// The phase dimension counts completed months since the planned month from this many months
/// before it (a planned stay is at most 239 months; `never` is far below and means no plan).
inline constexpr int phase_first_month = -242;

std::size_t g_of(std::uint8_t origin) {
    return origin == native_born ? 0 : static_cast<std::size_t>(origin - 1);
}

double at(const std::vector<double>& by_group, std::size_t g) {
    return g < by_group.size() ? by_group[g] : 0.0;
}

} // namespace

Spells::Spells(RunState& state)
    : state_(state), settings_(state.scenario.settings<SpellSettings>()),
      citizenship_(
          state.layout.add<std::uint8_t>("citizenship", "spells", 0, ColumnScope::everywhere,
                                         "citizenship: 0 the reporting country, 1..G the partner (group)")),
      type_(state.layout.add<std::uint8_t>("spell.type", "spells", 0, ColumnScope::everywhere,
                                           "migrant type (processes/spells_settings.hpp MigrantType)")),
      planned_end_(state.layout.add<StoredMonth>(
          "spell.planned_end", "spells", never, ColumnScope::everywhere,
          "month the current stay, in the country or abroad, is planned to end (never: no plan)")),
      settling_(*this) {
    state.streams.declare(spells_stream, "spells", "spells");
}

CellDimension Spells::profile_dimension() const {
    std::vector<std::uint8_t> lookup(256, 0);
    for (int t = 0; t < n_migrant_types; ++t)
        lookup[static_cast<std::size_t>(t)] =
            static_cast<std::uint8_t>(stay_profile(static_cast<MigrantType>(t)));
    return CellDimension::of_category("spell.profile", type_, std::move(lookup));
}

CellDimension Spells::phase_dimension() const {
    // Entry k - phase_first_month for k completed months since the planned month (k = -1 in the
    // planned month itself, calendar.hpp); below the first entry: no plan.
    const int last = settings_.settle_after_months - 1;
    std::vector<std::uint8_t> lookup(static_cast<std::size_t>(last - phase_first_month + 1));
    for (int k = phase_first_month; k <= last; ++k) {
        Phase phase = settled;
        if (k == phase_first_month)
            phase = no_plan;
        else if (k <= -2)
            phase = before_plan;
        else if (k <= 1)
            phase = at_plan;
        else if (k <= 10)
            phase = overstay;
        else if (k < last)
            phase = long_overstay;
        lookup[static_cast<std::size_t>(k - phase_first_month)] = phase;
    }
    return CellDimension::of_elapsed_months("spell.phase", planned_end_, phase_first_month,
                                            std::move(lookup));
}

void Spells::join(MonthlyPass& pass) {
    profile_ = pass.dimension(profile_dimension());
    phase_ = pass.dimension(phase_dimension());
    pass.add(static_cast<CompetingEvent&>(*this), {profile_, phase_});
    pass.add(settling_, {profile_, phase_});
}

void Spells::join_abroad(AbroadPass& pass) {
    abroad_profile_ = pass.dimension(profile_dimension());
    abroad_phase_ = pass.dimension(phase_dimension());
    pass.add(static_cast<AbroadEvent&>(*this), {abroad_profile_, abroad_phase_});
}

namespace {

/// Hazard of a planned move in a phase: early, at the plan, past it; nothing without a plan or
/// once settled.
double by_phase(int phase, double early, double planned, double overstay) {
    switch (phase) {
    case Spells::before_plan:
        return early;
    case Spells::at_plan:
        return planned;
    case Spells::overstay:
        return overstay;
    case Spells::long_overstay:
        return overstay / 2.0;
    default:
        return 0.0;
    }
}

} // namespace

double Spells::annual_hazard(const RiskCell& cell) const {
    const auto profile = static_cast<StayProfile>(cell[profile_]);
    if (profile == StayProfile::permanent || profile == StayProfile::national)
        return 0.0;
    const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(profile)];
    return by_phase(cell[phase_], b.early_hazard, b.planned_hazard, b.overstay_hazard);
}

double Spells::annual_hazard(const AbroadCell& cell) const {
    const auto profile = static_cast<StayProfile>(cell[abroad_profile_]);
    if (profile == StayProfile::permanent)
        return 0.0;
    if (profile == StayProfile::national) {
        const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(profile)];
        return by_phase(cell[abroad_phase_], b.early_hazard, b.planned_hazard, b.overstay_hazard);
    }
    return by_phase(cell[abroad_phase_], settings_.reentry_early_hazard, settings_.reentry_planned_hazard,
                    settings_.reentry_overdue_hazard);
}

void Spells::happen(const PersonInPass& person, MonthOutcome& outcome) {
    // A planned departure: back to the partner the person came from.
    state_.departures->emigrate(person, outcome,
                                static_cast<std::uint8_t>(g_of(person.persons.at(core.origin, person.row))));
}

void Spells::happen(const PersonAbroad& person, AbroadOutcome& outcome) {
    state_.returns->come_back(person, outcome);
}

double Spells::Settling::monthly_probability(const RiskCell& cell) const {
    const auto profile = static_cast<StayProfile>(cell[spells_.profile_]);
    const bool temporary = profile != StayProfile::permanent && profile != StayProfile::national;
    return temporary && cell[spells_.phase_] == settled ? 1.0 : 0.0;
}

void Spells::Settling::happen(const PersonInPass& person, const MonthOutcome& outcome) {
    if (outcome.removed)
        return;
    person.set(spells_.type_, static_cast<std::uint8_t>(MigrantType::settler));
    person.set(spells_.planned_end_, never);
}

int Spells::planned_months(double median, double spread, pcg32& generator) {
    // Box-Muller: a standard normal from two uniforms (the first in (0, 1]).
    const double u1 = 1.0 - uniform01(generator);
    const double u2 = uniform01(generator);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    const double months = std::round(median * std::exp(spread * z));
    return static_cast<int>(std::clamp(months, 1.0, 239.0));
}

void Spells::draw_arrival(int group, Month now, pcg32& generator, MigrantType& type,
                          StoredMonth& planned_end) const {
    const auto g = static_cast<std::size_t>(group);
    const double worker = at(settings_.worker_share, g), circular = at(settings_.circular_share, g);
    const double humanitarian = at(settings_.humanitarian_share, g), refused = at(settings_.refusal_share, g);
    const double shares[] = {worker * (1.0 - circular),      worker * circular,
                             at(settings_.student_share, g), humanitarian * (1.0 - refused),
                             humanitarian * refused,         at(settings_.family_share, g)};
    const MigrantType types[] = {MigrantType::worker,           MigrantType::circular, MigrantType::student,
                                 MigrantType::protected_person, MigrantType::refused,  MigrantType::family};
    double total = 0.0;
    for (const double share : shares)
        total += share;
    // Shares that sum above 1 (a time-varying scenario can make them) are scaled down to 1.
    const double scale = total > 1.0 ? 1.0 / total : 1.0;
    const double u = uniform01(generator);
    double cumulative = 0.0;
    type = MigrantType::settler;
    for (std::size_t k = 0; k < std::size(shares); ++k) {
        cumulative += shares[k] * scale;
        if (u < cumulative) {
            type = types[k];
            break;
        }
    }
    planned_end = never;
    const StayProfile profile = stay_profile(type);
    if (profile != StayProfile::permanent) {
        const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(profile)];
        planned_end = static_cast<StoredMonth>(now + planned_months(b.stay_months, b.stay_spread, generator));
    }
}

void Spells::person_joins(PersonTable& persons, std::size_t row, const Joining& joining) {
    const JoinKind how = joining.how;
    const Month now = joining.now;
    const std::uint8_t origin = persons.at(core.origin, row);
    if (how == JoinKind::birth)
        return; // a national: the columns' initial values
    auto generator = keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), now, spells_stream);
    if (how == JoinKind::immigration) {
        persons.at(citizenship_, row) = origin;
        if (age_in_years(now, persons.at(core.birth, row)) < family_child_age_limit) {
            set(persons, row, MigrantType::family, never);
            return;
        }
        MigrantType type = MigrantType::settler;
        StoredMonth planned_end = never;
        draw_arrival(static_cast<int>(origin) - 1, now, generator, type, planned_end);
        set(persons, row, type, planned_end);
        return;
    }
    // A return: a national is home; a foreign-born person's next stay keeps the type, with a new plan.
    if (origin == native_born) {
        set(persons, row, MigrantType::none, never);
        return;
    }
    const auto type = static_cast<MigrantType>(persons.at(type_, row));
    const StayProfile profile = stay_profile(type);
    if (profile == StayProfile::permanent || profile == StayProfile::national) {
        persons.at(planned_end_, row) = never;
        return;
    }
    const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(profile)];
    persons.at(planned_end_, row) =
        static_cast<StoredMonth>(now + planned_months(b.stay_months, b.stay_spread, generator));
}

void Spells::person_leaves(PersonTable& leaving, std::size_t row, Month now) {
    auto generator = keyed_generator(state_.scenario.run.seed, leaving.at(core.id, row), now, spells_stream);
    if (age_in_years(now, leaving.at(core.birth, row)) < family_child_age_limit &&
        leaving.at(core.origin, row) == native_born) {
        set(leaving, row, MigrantType::family, never); // a child leaves with its mother
        return;
    }
    if (leaving.at(core.origin, row) == native_born) {
        if (uniform01(generator) < settings_.national_temporary_share) {
            const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(StayProfile::national)];
            set(leaving, row, MigrantType::national_temporary,
                static_cast<StoredMonth>(now + planned_months(b.stay_months, b.stay_spread, generator)));
        } else {
            set(leaving, row, MigrantType::national_emigrant, never);
        }
        return;
    }
    // A foreign-born person plans another stay with the type's probability.
    const auto type = static_cast<MigrantType>(leaving.at(type_, row));
    const StayProfile profile = stay_profile(type);
    leaving.at(planned_end_, row) = never;
    if (profile == StayProfile::permanent || profile == StayProfile::national)
        return;
    const StayBehaviour& b = settings_.behaviour[static_cast<std::size_t>(profile)];
    if (uniform01(generator) < b.come_again)
        leaving.at(planned_end_, row) =
            static_cast<StoredMonth>(now + planned_months(b.gap_months, b.gap_spread, generator));
}

void Spells::start() {
    // The base population: nationals without a plan; the foreign-born with their partner's
    // citizenship and a type drawn among those whose plan has not passed by the start (the
    // survivors of the inflow; children under 15 as family); persons abroad at the start keep what
    // they brought.
    const Month start = state_.scenario.run.start;
    for (PersonTable& persons : state_.population.persons)
        for (std::size_t row = 0; row < persons.size(); ++row) {
            const std::uint8_t origin = persons.at(core.origin, row);
            if (origin == native_born)
                continue;
            persons.at(citizenship_, row) = origin;
            if (age_in_years(start, persons.at(core.birth, row)) < family_child_age_limit) {
                set(persons, row, MigrantType::family, never);
                continue;
            }
            const Month arrival = persons.at(core.latest_arrival, row);
            auto generator =
                keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), start, spells_stream);
            MigrantType type = MigrantType::settler;
            StoredMonth planned_end = never;
            for (int attempt = 0; attempt < 64; ++attempt) {
                draw_arrival(static_cast<int>(origin) - 1, arrival, generator, type, planned_end);
                if (planned_end == never || planned_end >= start)
                    break;
                type = MigrantType::settler;
                planned_end = never;
            }
            set(persons, row, type, planned_end);
        }
}

std::unique_ptr<Process> make_spells(RunState& state) {
    return std::make_unique<Spells>(state);
}

} // namespace migsim
