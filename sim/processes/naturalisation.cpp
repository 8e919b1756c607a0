#include "processes/naturalisation.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "io/output_coordinates.hpp"
#include "model/run_state.hpp"
#include "processes/permits.hpp"
#include "processes/spells_settings.hpp"

namespace migsim {

namespace {

inline constexpr StreamId naturalisation_start_stream = stream_named("naturalisation.start");

/// The routes to citizenship by migrant type: temporary permits (not eligible), the general rule,
/// protection (the refugees' rule).
enum Route : std::uint8_t { temporary_permit, general_rule, refugee_rule };

Route route_of(std::uint8_t type) {
    switch (static_cast<MigrantType>(type)) {
    case MigrantType::worker:
    case MigrantType::circular:
    case MigrantType::student:
    case MigrantType::refused:
        return temporary_permit;
    case MigrantType::protected_person:
        return refugee_rule;
    default:
        return general_rule;
    }
}

/// Whether a permit allows naturalising: none needed (a citizen of the EU or the EEA) or permanent.
bool permit_allows(std::uint8_t permit) {
    return permit == static_cast<std::uint8_t>(Permit::none_needed) ||
           permit == static_cast<std::uint8_t>(Permit::permanent);
}

} // namespace

Naturalisation::Naturalisation(RunState& state)
    : state_(state), settings_(state.scenario.settings<NaturalisationSettings>()),
      groups_(state.scenario.groups.count()) {
    const ColumnLayout& layout = state.layout;
    citizenship_ = layout.find<std::uint8_t>("citizenship");
    type_ = layout.find<std::uint8_t>("spell.type");
    if (layout.contains("permit"))
        permit_ = layout.find<std::uint8_t>("permit");
    state.streams.declare(naturalisation_stream, "naturalisation", "naturalisation");
    state.streams.declare(naturalisation_start_stream, "naturalisation.start", "naturalisation");
    const auto months_of = [](double years) { return static_cast<int>(std::lround(12.0 * years)); };
    group_months_.assign(static_cast<std::size_t>(groups_) + 1, 0);
    for (int g = 1; g <= groups_; ++g) {
        const auto i = static_cast<std::size_t>(g) - 1;
        group_months_[i + 1] =
            months_of(i < settings_.eligibility_years.size() ? settings_.eligibility_years[i] : 9.0);
        thresholds_.push_back(group_months_[i + 1]);
    }
    refugee_months_ = months_of(settings_.refugee_eligibility_years);
    thresholds_.push_back(refugee_months_);
    std::sort(thresholds_.begin(), thresholds_.end());
    thresholds_.erase(std::unique(thresholds_.begin(), thresholds_.end()), thresholds_.end());
}

int Naturalisation::threshold_index(int months) const {
    return static_cast<int>(std::lower_bound(thresholds_.begin(), thresholds_.end(), months) -
                            thresholds_.begin());
}

int Naturalisation::eligible_from_months(int group, std::uint8_t type, std::uint8_t permit) const {
    const Route route = route_of(type);
    if (route == temporary_permit || group < 1 || group > groups_ || !permit_allows(permit))
        return -1;
    const int months = group_months_[static_cast<std::size_t>(group)];
    return route == refugee_rule ? std::min(months, refugee_months_) : months;
}

double Naturalisation::monthly_probability_eligible() const {
    return 1.0 - std::exp(-settings_.annual_hazard / 12.0);
}

void Naturalisation::join(MonthlyPass& pass) {
    // Citizenship: 0 the reporting country's (nobody to naturalise), else 1 + the group's threshold.
    std::vector<std::uint8_t> by_citizenship(256, 0);
    for (int g = 1; g <= groups_; ++g)
        by_citizenship[static_cast<std::size_t>(g)] =
            static_cast<std::uint8_t>(1 + threshold_index(group_months_[static_cast<std::size_t>(g)]));
    std::vector<std::uint8_t> by_type(256, 0);
    for (int t = 0; t < n_migrant_types; ++t)
        by_type[static_cast<std::size_t>(t)] = route_of(static_cast<std::uint8_t>(t));
    // Residence: the number of thresholds reached by the completed months since the latest arrival.
    std::vector<std::uint8_t> by_months(static_cast<std::size_t>(thresholds_.back()) + 1, 0);
    for (std::size_t k = 0; k < by_months.size(); ++k)
        by_months[k] = static_cast<std::uint8_t>(
            std::upper_bound(thresholds_.begin(), thresholds_.end(), static_cast<int>(k)) -
            thresholds_.begin());
    citizenship_dimension_ = pass.dimension(
        CellDimension::of_category("naturalisation.citizenship", citizenship_, std::move(by_citizenship)));
    route_dimension_ =
        pass.dimension(CellDimension::of_category("naturalisation.route", type_, std::move(by_type)));
    residence_dimension_ = pass.dimension(CellDimension::of_elapsed_months(
        "naturalisation.residence", core.latest_arrival, 0, std::move(by_months)));
    std::vector<DimensionId> uses{citizenship_dimension_, route_dimension_, residence_dimension_};
    if (permit_) {
        std::vector<std::uint8_t> by_permit(256, 0);
        for (int p = 0; p < n_permits; ++p)
            by_permit[static_cast<std::size_t>(p)] = permit_allows(static_cast<std::uint8_t>(p)) ? 1 : 0;
        permit_dimension_ = pass.dimension(
            CellDimension::of_category("naturalisation.permit", *permit_, std::move(by_permit)));
        uses.push_back(permit_dimension_);
    }
    pass.add(*this, uses);
}

double Naturalisation::monthly_probability(const RiskCell& cell) const {
    const int citizenship = cell[citizenship_dimension_];
    const int route = cell[route_dimension_];
    if (citizenship == 0 || route == temporary_permit || (permit_ && cell[permit_dimension_] == 0))
        return 0.0;
    // The threshold of the person's rule: the group's, or the refugees' when fewer; the residence
    // category counts the thresholds reached.
    int months = thresholds_[static_cast<std::size_t>(citizenship - 1)];
    if (route == refugee_rule)
        months = std::min(months, refugee_months_);
    const int threshold = threshold_index(months);
    return cell[residence_dimension_] > threshold ? monthly_probability_eligible() : 0.0;
}

void Naturalisation::happen(const PersonInPass& person, const MonthOutcome& outcome) {
    if (outcome.died || outcome.emigrated)
        return;
    const PersonTable& persons = person.persons;
    const int group = persons.at(citizenship_, person.row);
    person.set(citizenship_, std::uint8_t{0});
    ++acquisitions_.month(
        person.area,
        acquisition_index(group, residence_years(person.now, persons.at(core.latest_arrival, person.row)),
                          person.sex_age / n_ages));
}

void Naturalisation::start() {
    const Month start = state_.scenario.run.start;
    const double p = monthly_probability_eligible();
    for (PersonTable& persons : state_.population.persons)
        for (std::size_t row = 0; row < persons.size(); ++row) {
            const int group = persons.at(citizenship_, row);
            if (group == 0)
                continue;
            const int from = eligible_from_months(group, persons.at(type_, row),
                                                  permit_ ? persons.at(*permit_, row) : std::uint8_t{0});
            if (from < 0)
                continue;
            const int eligible_months =
                months_reached_before(start, persons.at(core.latest_arrival, row), from);
            if (eligible_months == 0)
                continue;
            auto generator = keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), start,
                                             naturalisation_start_stream);
            if (uniform01(generator) < chance_within(p, eligible_months))
                persons.at(citizenship_, row) = 0;
        }
    const ReportingYears& calendar = state_.calendar;
    population_.assign(static_cast<std::size_t>(calendar.population_years) *
                           static_cast<std::size_t>(groups_) * 2 * residence_year_labels * n_sexes,
                       0);
    const std::size_t per_year = static_cast<std::size_t>(groups_) * residence_year_labels * n_sexes;
    acquisitions_.reset(static_cast<std::size_t>(calendar.flow_years), per_year,
                        static_cast<std::size_t>(state_.population.area_count()));
}

std::size_t Naturalisation::acquisition_index(int group, int residence, int sex) const {
    return (static_cast<std::size_t>(group - 1) * residence_year_labels +
            static_cast<std::size_t>(residence)) *
               n_sexes +
           static_cast<std::size_t>(sex);
}

std::size_t Naturalisation::population_index(std::size_t year, int group, int national, int residence,
                                             int sex) const {
    return (((year * static_cast<std::size_t>(groups_) + static_cast<std::size_t>(group - 1)) * 2 +
             static_cast<std::size_t>(national)) *
                residence_year_labels +
            static_cast<std::size_t>(residence)) *
               n_sexes +
           static_cast<std::size_t>(sex);
}

void Naturalisation::month_end(Month now) {
    acquisitions_.fold(static_cast<std::size_t>(state_.year(now)));
}

void Naturalisation::reference_date(Month january) {
    const auto year = static_cast<std::size_t>(state_.calendar.population_year_index(january));
    for (const PersonTable& table : state_.population.persons) {
        const std::uint8_t* origin = table.data(core.origin);
        const std::uint8_t* citizenship = table.data(citizenship_);
        const std::uint8_t* sex = table.data(core.sex);
        const StoredMonth* arrival = table.data(core.latest_arrival);
        for (std::size_t i = 0; i < table.size(); ++i)
            if (origin[i] != native_born)
                ++population_[population_index(year, origin[i], citizenship[i] == 0 ? 1 : 0,
                                               residence_years(january, arrival[i]), sex[i])];
    }
}

void Naturalisation::add_output(std::vector<OutputGroup>& groups) const {
    const ReportingYears& calendar = state_.calendar;
    const Coordinate group{"group", state_.scenario.groups.names};
    const Coordinate residence{"residence_years", sequence(0, residence_year_labels)};
    OutputGroup stocks{
        "/truth/citizenship",
        {{"year", sequence(calendar.first_year, calendar.population_years)},
         group,
         {"citizenship_held", std::vector<std::string>{"country_of_birth", "reporting_country"}},
         residence,
         sex_coordinate()},
        {}};
    stocks.arrays.push_back(
        {"foreign_born", {"year", "group", "citizenship_held", "residence_years", "sex"}, population_});
    groups.push_back(std::move(stocks));
    OutputGroup flows{
        "/truth/citizenship/acquisitions",
        {flow_year_coordinate(calendar, calendar.flow_years), group, residence, sex_coordinate()},
        {}};
    flows.arrays.push_back(
        {"acquisitions", {"year", "group", "residence_years", "sex"}, acquisitions_.by_year()});
    groups.push_back(std::move(flows));
}

std::size_t Naturalisation::side_bytes() const {
    return population_.capacity() * sizeof(std::int32_t) + acquisitions_.bytes();
}

std::unique_ptr<Process> make_naturalisation(RunState& state) {
    return std::make_unique<Naturalisation>(state);
}

} // namespace migsim
