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

LedgerRecord Ledger::record;

void Ledger::person_joins(PersonTable& persons, std::size_t row, JoinKind how, Month now) {
    // The person is in the table that holds it, with its own columns set.
    if (persons.at(core.birth, row) > now)
        throw std::logic_error("a person joins before being born");
    ++record.joined[static_cast<std::size_t>(how)];
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

} // namespace migsim::seams
