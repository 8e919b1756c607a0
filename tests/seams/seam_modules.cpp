#include "seams/seam_modules.hpp"

#include <numeric>
#include <vector>

namespace migsim::seams {

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
    std::vector<std::uint8_t> lookup(256, 0);
    std::iota(lookup.begin(), lookup.begin() + 3, std::uint8_t{0});
    cohort_dimension_ = pass.dimension(CellDimension::of_category("seams.cohort", cohort_, lookup));
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

std::unique_ptr<Process> make_cohorts(RunState& state) {
    return std::make_unique<Cohorts>(state);
}
std::unique_ptr<Process> make_lingering(RunState& state) {
    return std::make_unique<Lingering>(state);
}

} // namespace migsim::seams
