#include "extending/death_notifications.hpp"

#include "io/output_coordinates.hpp"

namespace migsim::example {

DeathNotifications::DeathNotifications(const Scenario& scenario, int lag_months)
    : calendar_(scenario.run.start, scenario.run.months), lag_(lag_months) {}

void DeathNotifications::observe(const PersonEvent& event) {
    if (event.kind == EventKind::death)
        records_.push_back({event.person(), event.month, event.month + lag_, event.area});
}

void DeathNotifications::add_output(std::vector<OutputGroup>& groups,
                                    const std::vector<Coordinate>& stock_cells) const {
    // The areas are the stocks'; the years are those of the flows, with their simulated months.
    const Coordinate& areas = stock_cells[1];
    std::vector<std::int32_t> notifications(static_cast<std::size_t>(calendar_.flow_years) * areas.size(), 0);
    for (const DeathNotification& record : records_)
        ++notifications[static_cast<std::size_t>(calendar_.flow_year_index(record.died)) * areas.size() +
                        record.area];
    groups.push_back({"/sources/death_notifications",
                      {flow_year_coordinate(calendar_, calendar_.flow_years), areas},
                      {{"notifications", {"year", "area"}, std::move(notifications)}}});
}

std::unique_ptr<Source> make_death_notifications(const Scenario& scenario) {
    return std::make_unique<DeathNotifications>(scenario, 2);
}

} // namespace migsim::example
