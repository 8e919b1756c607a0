#include "processes/return_migration.hpp"

#include "processes/hazards.hpp"

namespace migsim {

ReturnMigration::ReturnMigration(const Scenario& scenario)
    : max_years_abroad_(scenario.returns.max_years_abroad),
      table_(static_cast<std::size_t>(n_sexes) * n_birthplaces * scenario.returns.max_years_abroad * n_ages) {
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int birthplace = 0; birthplace < n_birthplaces; ++birthplace)
            for (int years = 0; years < max_years_abroad_; ++years)
                for (int age = 0; age < n_ages; ++age) {
                    const std::array<double, 2> hazards = {
                        scenario.mortality.multiplier * scenario.mortality.hazard[sex][age],
                        scenario.returns.multiplier *
                            scenario.returns.hazard[birthplace][static_cast<std::size_t>(years)]};
                    const auto t = cumulative_thresholds(competing_monthly_probabilities(hazards));
                    table_[((static_cast<std::size_t>(sex) * n_birthplaces + birthplace) * max_years_abroad_ +
                            years) *
                               n_ages +
                           age] = {t[0], t[1]};
                }
}

} // namespace migsim
