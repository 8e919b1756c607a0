#include "processes/permits.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "io/output_coordinates.hpp"
#include "model/run_state.hpp"
#include "processes/spells_settings.hpp"

namespace migsim {

namespace {

constexpr auto none_needed = static_cast<std::uint8_t>(Permit::none_needed);
constexpr auto temporary = static_cast<std::uint8_t>(Permit::temporary);
constexpr auto permanent = static_cast<std::uint8_t>(Permit::permanent);
constexpr auto refused_or_expired = static_cast<std::uint8_t>(Permit::refused_or_expired);

} // namespace

Permits::Holding Permits::holding_of(std::uint8_t type) {
    switch (static_cast<MigrantType>(type)) {
    case MigrantType::worker:
    case MigrantType::circular:
    case MigrantType::student:
        return stay_permit;
    case MigrantType::settler:
    case MigrantType::family:
    case MigrantType::protected_person:
        return settling_permit;
    case MigrantType::refused:
        return refused_permit;
    default:
        return no_permit_type;
    }
}

std::uint8_t Permits::arriving_permit(std::uint8_t type) {
    return holding_of(type) == refused_permit ? refused_or_expired : temporary;
}

Permits::Permits(RunState& state)
    : state_(state), settings_(state.scenario.settings<PermitSettings>()),
      groups_(state.scenario.groups.count()) {
    permit_ = state.layout.add<std::uint8_t>("permit", "permits", none_needed, ColumnScope::everywhere,
                                             "0 none needed, 1 temporary, 2 permanent, 3 refused or expired");
    citizenship_ = state.layout.find<std::uint8_t>("citizenship");
    type_ = state.layout.find<std::uint8_t>("spell.type");
    planned_end_ = state.layout.find<StoredMonth>("spell.planned_end");
    state.streams.declare(permits_stream, "permits", "permits");
    state.streams.declare(permits_entry_stream, "permits.entry", "permits");
}

double Permits::third_country_share(std::uint8_t citizenship) const {
    const auto g = static_cast<std::size_t>(citizenship) - 1;
    return g < settings_.third_country_share.size() ? settings_.third_country_share[g] : 0.0;
}

int Permits::permanent_from_months() const {
    return static_cast<int>(std::lround(12.0 * settings_.permanent_after_years));
}

double Permits::monthly_probability_permanent() const {
    return 1.0 - std::exp(-settings_.permanent_hazard / 12.0);
}

void Permits::join(MonthlyPass& pass) {
    std::vector<std::uint8_t> by_type(256, no_permit_type);
    for (int t = 0; t < n_migrant_types; ++t)
        by_type[static_cast<std::size_t>(t)] = holding_of(static_cast<std::uint8_t>(t));
    holding_dimension_ =
        pass.dimension(CellDimension::of_category("permits.holding", type_, std::move(by_type)));
    // Past the planned end: 0 whole months or more completed since the planned month (entry 0 is
    // -1 month, the planned month itself, and a stay without a plan).
    past_plan_dimension_ =
        pass.dimension(CellDimension::of_elapsed_months("permits.past_plan", planned_end_, -1, {0, 1}));
    std::vector<std::uint8_t> by_months(static_cast<std::size_t>(permanent_from_months()) + 1, 0);
    by_months.back() = 1;
    residence_dimension_ = pass.dimension(
        CellDimension::of_elapsed_months("permits.residence", core.latest_arrival, 0, std::move(by_months)));
    pass.add(static_cast<MonthlyTransition&>(*this),
             {holding_dimension_, past_plan_dimension_, residence_dimension_});
}

void Permits::monthly_row(const RiskCell& cell, int from, std::span<double> row) const {
    std::fill(row.begin(), row.end(), 0.0);
    const auto holding = static_cast<Holding>(cell[holding_dimension_]);
    const auto f = static_cast<std::size_t>(from);
    row[f] = 1.0;
    if (from == temporary && holding == stay_permit && cell[past_plan_dimension_] == 1) {
        row[f] = 0.0;
        row[refused_or_expired] = 1.0; // the stay's permit expires at its planned end
    } else if (from == temporary && holding == settling_permit && cell[residence_dimension_] == 1) {
        const double p = monthly_probability_permanent();
        row[f] = 1.0 - p;
        row[permanent] = p;
    } else if (from == refused_or_expired && holding == settling_permit) {
        row[f] = 0.0;
        row[temporary] = 1.0; // an overstayer who settled: the permit is renewed
    }
}

void Permits::happen(const PersonInPass& person, const MonthOutcome& /*outcome*/, int from, int to) {
    const int group = person.persons.at(citizenship_, person.row);
    ++changes_.month(person.area, static_cast<std::size_t>((from * n_permits + to) * (groups_ + 1) + group));
}

void Permits::person_joins(PersonTable& persons, std::size_t row, const Joining& joining) {
    const std::uint8_t citizenship = persons.at(citizenship_, row);
    if (joining.how == JoinKind::birth || citizenship == 0) {
        persons.at(permit_, row) = none_needed;
        return;
    }
    if (joining.how == JoinKind::immigration) {
        auto generator = keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), joining.now,
                                         permits_entry_stream);
        persons.at(permit_, row) = uniform01(generator) < third_country_share(citizenship)
                                       ? arriving_permit(persons.at(type_, row))
                                       : none_needed;
        return;
    }
    // A returner: a third-country national needs a new permit for the new stay.
    if (persons.at(permit_, row) != none_needed)
        persons.at(permit_, row) = arriving_permit(persons.at(type_, row));
}

void Permits::start() {
    const Month start = state_.scenario.run.start;
    const double p = monthly_probability_permanent();
    const int from = permanent_from_months();
    const auto set = [&](PersonTable& persons, bool present) {
        for (std::size_t row = 0; row < persons.size(); ++row) {
            const std::uint8_t citizenship = persons.at(citizenship_, row);
            if (citizenship == 0)
                continue;
            auto generator = keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), start,
                                             permits_entry_stream);
            if (uniform01(generator) >= third_country_share(citizenship))
                continue;
            const std::uint8_t type = persons.at(type_, row);
            std::uint8_t permit = arriving_permit(type);
            const int eligible_months =
                months_reached_before(start, persons.at(core.latest_arrival, row), from);
            if (present && holding_of(type) == settling_permit && eligible_months > 0 &&
                uniform01(generator) < chance_within(p, eligible_months))
                permit = permanent;
            persons.at(permit_, row) = permit;
        }
    };
    for (PersonTable& persons : state_.population.persons)
        set(persons, true);
    set(state_.abroad.persons, false);
    const ReportingYears& calendar = state_.calendar;
    population_.assign(static_cast<std::size_t>(calendar.population_years) *
                           static_cast<std::size_t>(groups_) * n_permits * residence_year_labels * n_sexes,
                       0);
    const std::size_t per_year = std::size_t{n_permits} * n_permits * static_cast<std::size_t>(groups_ + 1);
    changes_.reset(static_cast<std::size_t>(calendar.flow_years), per_year,
                   static_cast<std::size_t>(state_.population.area_count()));
}

void Permits::month_end(Month now) {
    changes_.fold(static_cast<std::size_t>(state_.year(now)));
}

void Permits::reference_date(Month january) {
    const auto year = static_cast<std::size_t>(state_.calendar.population_year_index(january));
    for (const PersonTable& table : state_.population.persons) {
        const std::uint8_t* citizenship = table.data(citizenship_);
        const std::uint8_t* permit = table.data(permit_);
        const std::uint8_t* sex = table.data(core.sex);
        const StoredMonth* arrival = table.data(core.latest_arrival);
        for (std::size_t i = 0; i < table.size(); ++i) {
            if (citizenship[i] == 0)
                continue;
            const std::size_t index =
                (((year * static_cast<std::size_t>(groups_) + citizenship[i] - 1u) * n_permits + permit[i]) *
                     residence_year_labels +
                 static_cast<std::size_t>(residence_years(january, arrival[i]))) *
                    n_sexes +
                sex[i];
            ++population_[index];
        }
    }
}

void Permits::add_output(std::vector<OutputGroup>& groups) const {
    const ReportingYears& calendar = state_.calendar;
    const Coordinate group{"group", state_.scenario.groups.names};
    OutputGroup stocks{"/truth/permits",
                       {{"year", sequence(calendar.first_year, calendar.population_years)},
                        group,
                        {"permit", labels(permit_names)},
                        {"residence_years", sequence(0, residence_year_labels)},
                        sex_coordinate()},
                       {}};
    stocks.arrays.push_back(
        {"foreign_citizens", {"year", "group", "permit", "residence_years", "sex"}, population_});
    groups.push_back(std::move(stocks));
    // The changes by the citizenship at the time (0, the reporting country's, for a naturalised
    // person whose column moved on).
    std::vector<std::string> citizenships{"reporting_country"};
    citizenships.insert(citizenships.end(), state_.scenario.groups.names.begin(),
                        state_.scenario.groups.names.end());
    OutputGroup flows{"/truth/permits/changes",
                      {flow_year_coordinate(calendar, calendar.flow_years),
                       {"from_permit", labels(permit_names)},
                       {"to_permit", labels(permit_names)},
                       {"citizenship", citizenships}},
                      {}};
    flows.arrays.push_back(
        {"changes", {"year", "from_permit", "to_permit", "citizenship"}, changes_.by_year()});
    groups.push_back(std::move(flows));
}

std::size_t Permits::side_bytes() const {
    return population_.capacity() * sizeof(std::int32_t) + changes_.bytes();
}

std::unique_ptr<Process> make_permits(RunState& state) {
    return std::make_unique<Permits>(state);
}

} // namespace migsim
