#include "processes/competing_events.hpp"

#include "processes/hazards.hpp"

namespace migsim {

CompetingRisks::CompetingRisks(const Scenario& scenario)
    : table_(static_cast<std::size_t>(n_sexes) * n_emigration_statuses * n_ages) {
    for (int sex = 0; sex < n_sexes; ++sex) {
        for (int status = 0; status < n_emigration_statuses; ++status) {
            for (int age = 0; age < n_ages; ++age) {
                const std::array<double, 3> hazards = {
                    scenario.mortality.multiplier * scenario.mortality.hazard[sex][age],
                    scenario.emigration.multiplier * scenario.emigration.hazard[status][age],
                    scenario.internal_migration.multiplier * scenario.internal_migration.hazard[sex][age]};
                const auto t = cumulative_thresholds(competing_monthly_probabilities(hazards));
                table_[static_cast<std::size_t>(cell(sex, status, age))] = {t[0], t[1], t[2]};
            }
        }
    }
    for (const auto& t : table_)
        any_.push_back(t.any);
}

} // namespace migsim
