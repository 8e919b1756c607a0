#include "seams/seam_modules.hpp"

#include <numeric>
#include <stdexcept>
#include <vector>

namespace migsim::seams {

namespace {

std::vector<std::uint8_t> identity_lookup(int categories) {
    std::vector<std::uint8_t> lookup(256, 0);
    std::iota(lookup.begin(), lookup.begin() + categories, std::uint8_t{0});
    return lookup;
}

} // namespace

Cohorts::Cohorts(RunState& state)
    : state_(state),
      cohort_(state.layout.add<std::uint8_t>("seams.cohort", "cohorts", 0, ColumnScope::everywhere,
                                             "cohort of a person of the base population, 0..2")) {}

void Cohorts::start() {
    for (PersonTable& table : state_.population.persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            table.at(cohort_, row) = static_cast<std::uint8_t>(table.at(core.id, row) % 3);
}

Lingering::Lingering(RunState& state)
    : state_(state), by_cohort_{state.truth.add_flow("lingering_0", FlowEffect::none),
                                state.truth.add_flow("lingering_1", FlowEffect::none),
                                state.truth.add_flow("lingering_2", FlowEffect::none)} {}

void Lingering::join(MonthlyPass& pass) {
    // The column belongs to another module: looked up by name and type.
    cohort_ = state_.layout.find<std::uint8_t>("seams.cohort");
    cohort_dimension_ =
        pass.dimension(CellDimension::of_category("seams.cohort", cohort_, identity_lookup(3)));
    pass.add(*this, {cohort_dimension_});
}

double Lingering::annual_hazard(const RiskCell& cell) const {
    return lingering_hazard[static_cast<std::size_t>(cell[cohort_dimension_])] * (cell.sex == 1 ? 2.0 : 1.0);
}

void Lingering::happen(const PersonInPass& person, MonthOutcome& /*outcome*/) {
    // Classified by the person's own column, not by the cell that selected the person.
    const int cohort = person.persons.at(cohort_, person.row);
    ++state_.truth.flow(by_cohort_[static_cast<std::size_t>(cohort)])
          .slice(person.year, person.area)[person.sex_age];
}

Blessing::Blessing(RunState& state, GateDeclared gate)
    : state_(state), gate_(gate), by_cohort_{state.truth.add_flow("blessing_0", FlowEffect::none),
                                             state.truth.add_flow("blessing_1", FlowEffect::none),
                                             state.truth.add_flow("blessing_2", FlowEffect::none)} {
    state.streams.declare(stream(), "seams.blessing", "blessing");
}

void Blessing::join(MonthlyPass& pass) {
    cohort_ = state_.layout.find<std::uint8_t>("seams.cohort");
    cohort_dimension_ =
        pass.dimension(CellDimension::of_category("seams.cohort", cohort_, identity_lookup(3)));
    // A second dimension, so that the cells of the persons past the gate add up two offsets.
    sex_dimension_ = pass.dimension(CellDimension::of_category("seams.sex", core.sex, identity_lookup(2)));
    pass.add(*this, {sex_dimension_, cohort_dimension_});
}

double Blessing::monthly_probability(const RiskCell& cell) const {
    const int cohort = cell[cohort_dimension_];
    if (cohort == 0)
        return gate_ == GateDeclared::wrong ? 0.01 : 0.0;
    return blessing_probability[static_cast<std::size_t>(cohort)] * (cell[sex_dimension_] == 1 ? 2.0 : 1.0);
}

void Blessing::happen(const PersonInPass& person, const MonthOutcome& /*outcome*/) {
    const int cohort = person.persons.at(cohort_, person.row);
    ++state_.truth.flow(by_cohort_[static_cast<std::size_t>(cohort)])
          .slice(person.year, person.area)[person.sex_age];
}

CohortEvent::CohortEvent(RunState& state, int cohort, double hazard, const char* flow)
    : state_(state), cohort_(cohort), hazard_(hazard), flow_(state.truth.add_flow(flow, FlowEffect::none)) {}

void CohortEvent::join(MonthlyPass& pass) {
    const auto column = state_.layout.find<std::uint8_t>("seams.cohort");
    cohort_dimension_ =
        pass.dimension(CellDimension::of_category("seams.cohort", column, identity_lookup(3)));
    pass.add(*this, {cohort_dimension_});
}

double CohortEvent::annual_hazard(const RiskCell& cell) const {
    return cell[cohort_dimension_] == cohort_ ? hazard_ : 0.0;
}

void CohortEvent::count(const PersonInPass& person) {
    ++state_.truth.flow(flow_).slice(person.year, person.area)[person.sex_age];
}

void Postings::happen(const PersonInPass& person, MonthOutcome& outcome) {
    count(person);
    state_.departures->emigrate(person, outcome, posting_partner);
}

void Accidents::happen(const PersonInPass& person, MonthOutcome& outcome) {
    count(person);
    state_.deaths->die(person, outcome);
}

Homecoming::Homecoming(RunState& state) : state_(state) {}

void Homecoming::join_abroad(AbroadPass& pass) {
    partner_ = pass.dimension(CellDimension::of_category("partner", core.destination, identity_lookup(4)));
    pass.add(*this, {partner_});
}

double Homecoming::annual_hazard(const AbroadCell& cell) const {
    return cell[partner_] == posting_partner ? homecoming_hazard : 0.0;
}

void Homecoming::happen(const PersonAbroad& person, AbroadOutcome& outcome) {
    ++count_;
    state_.returns->come_back(person, outcome);
}

std::array<std::array<double, 3>, 3> activity_matrix(int sex, int cohort) {
    // Monthly rates of moving between employment (0), unemployment (1) and inactivity (2), faster
    // for higher cohorts and for women, so that each cell has a chain of its own.
    const double f = (1.0 + 0.5 * cohort) * (sex == 1 ? 1.2 : 1.0);
    const double e_u = 0.02 * f, e_i = 0.01 * f, u_e = 0.20 * f, u_i = 0.05 * f, i_e = 0.03 * f,
                 i_u = 0.02 * f;
    return {{{1.0 - e_u - e_i, e_u, e_i}, {u_e, 1.0 - u_e - u_i, u_i}, {i_e, i_u, 1.0 - i_e - i_u}}};
}

ActivityRecord Activity::record;

Activity::Activity(RunState& state)
    : state_(state), activity_(state.layout.add<std::uint8_t>(
                         "seams.activity", "activity", 255, ColumnScope::everywhere,
                         "0 employed, 1 unemployed, 2 inactive; 255 outside the chain")) {
    state.streams.declare(stream(), "seams.activity", "activity");
}

void Activity::start() {
    record = ActivityRecord{};
    by_area_.assign(static_cast<std::size_t>(state_.population.area_count()), {});
    const Month now = state_.scenario.run.start;
    for (PersonTable& table : state_.population.persons)
        for (std::size_t row = 0; row < table.size(); ++row) {
            const bool adult = completed_years(now, table.at(core.birth, row)) >= 16;
            table.at(activity_, row) = adult ? 0 : 255;
            if (adult)
                ++record.start[table.at(cohort_, row)][table.at(core.sex, row)][0];
        }
}

void Activity::join(MonthlyPass& pass) {
    cohort_ = state_.layout.find<std::uint8_t>("seams.cohort");
    cohort_dimension_ =
        pass.dimension(CellDimension::of_category("seams.cohort", cohort_, identity_lookup(3)));
    pass.add(static_cast<MonthlyTransition&>(*this), {cohort_dimension_});
}

void Activity::monthly_row(const RiskCell& cell, int from, std::span<double> row) const {
    const auto matrix = activity_matrix(cell.sex, cell[cohort_dimension_]);
    for (std::size_t to = 0; to < 3; ++to)
        row[to] = matrix[static_cast<std::size_t>(from)][to];
}

void Activity::happen(const PersonInPass& person, const MonthOutcome& /*outcome*/, int from, int to) {
    const std::size_t cohort = person.persons.at(cohort_, person.row);
    const std::size_t sex = person.persons.at(core.sex, person.row);
    ++by_area_[static_cast<std::size_t>(person.area)]
              [((cohort * n_sexes + sex) * 3 + static_cast<std::size_t>(from)) * 3 +
               static_cast<std::size_t>(to)];
}

void Activity::end_of_run(Month /*end*/) {
    for (const auto& counts : by_area_)
        for (std::size_t cohort = 0; cohort < 3; ++cohort)
            for (std::size_t sex = 0; sex < n_sexes; ++sex)
                for (std::size_t from = 0; from < 3; ++from)
                    for (std::size_t to = 0; to < 3; ++to)
                        record.transitions[cohort][sex][from][to] +=
                            counts[((cohort * n_sexes + sex) * 3 + from) * 3 + to];
    for (const PersonTable& table : state_.population.persons)
        for (std::size_t row = 0; row < table.size(); ++row) {
            const std::uint8_t a = table.at(activity_, row);
            if (a < 3)
                ++record.end[table.at(cohort_, row)][table.at(core.sex, row)][a];
            else
                ++record.outside_chain;
        }
}

LedgerRecord Ledger::record;

void Ledger::person_joins(PersonTable& persons, std::size_t row, const Joining& joining) {
    const Month now = joining.now;
    // The person is in the table that holds it, with its own columns set.
    if (persons.at(core.birth, row) > now)
        throw std::logic_error("a person joins before being born");
    ++record.joined[static_cast<std::size_t>(joining.how)];
}

void Ledger::add_output(std::vector<OutputGroup>& groups) const {
    OutputGroup group{
        "/seams/ledger", {{"kind", std::vector<std::string>{"birth", "immigration", "return"}}}, {}};
    group.arrays.push_back(
        {"joined", {"kind"}, std::vector<double>(record.joined.begin(), record.joined.end())});
    groups.push_back(std::move(group));
    ++record.outputs;
    (void)state_;
}

std::unique_ptr<Process> make_cohorts(RunState& state) {
    return std::make_unique<Cohorts>(state);
}
std::unique_ptr<Process> make_blessing(RunState& state) {
    return std::make_unique<Blessing>(state, GateDeclared::correct);
}

std::unique_ptr<Process> make_blessing_without_gate(RunState& state) {
    return std::make_unique<Blessing>(state, GateDeclared::none);
}

std::unique_ptr<Process> make_blessing_with_wrong_gate(RunState& state) {
    return std::make_unique<Blessing>(state, GateDeclared::wrong);
}

std::unique_ptr<Process> make_lingering(RunState& state) {
    return std::make_unique<Lingering>(state);
}
std::unique_ptr<Process> make_postings(RunState& state) {
    return std::make_unique<Postings>(state);
}
std::unique_ptr<Process> make_accidents(RunState& state) {
    return std::make_unique<Accidents>(state);
}
std::unique_ptr<Process> make_homecoming(RunState& state) {
    return std::make_unique<Homecoming>(state);
}
std::unique_ptr<Process> make_ledger(RunState& state) {
    Ledger::record = {};
    return std::make_unique<Ledger>(state);
}

std::unique_ptr<Process> make_activity(RunState& state) {
    return std::make_unique<Activity>(state);
}

} // namespace migsim::seams
