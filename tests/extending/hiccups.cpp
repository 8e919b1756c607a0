#include "extending/hiccups.hpp"

#include "processes/hazards.hpp"

namespace migsim::example {

Hiccups::Hiccups(RunState& state)
    : state_(state), monthly_probability_(state.scenario.settings<HiccupsSettings>().rate * month_in_years),
      hiccups_so_far_(state.layout.add<std::uint16_t>(
          "example.hiccups", "hiccups", 0, ColumnScope::everywhere, "hiccups of the person so far")),
      hiccups_(state.truth.add_flow("hiccups", FlowEffect::none)) {
    state.streams.declare(hiccups_stream, "example.hiccups", "hiccups");
}

void Hiccups::parameters_changed(Month /*now*/) {
    monthly_probability_ = state_.scenario.settings<HiccupsSettings>().rate * month_in_years;
}

double Hiccups::monthly_probability(const RiskCell& /*cell*/) const {
    return monthly_probability_;
}

void Hiccups::happen(const PersonInPass& person, const MonthOutcome& /*outcome*/) {
    // The handler runs on the thread of the person's area: the area's counts and the person's own
    // columns are its alone.
    person.set(hiccups_so_far_,
               static_cast<std::uint16_t>(person.persons.at(hiccups_so_far_, person.row) + 1));
    const int sex = person.sex_age / n_ages;
    const int age = person.sex_age % n_ages;
    ++state_.truth.flow(hiccups_).at(person.year, person.area, sex, age);
}

std::unique_ptr<Process> make_hiccups(RunState& state) {
    return std::make_unique<Hiccups>(state);
}

} // namespace migsim::example
