#pragma once
// Life in the abroad pool. Each month a person abroad may die there (the same mortality as at
// home) or return, with a return hazard by birthplace that falls with completed years abroad; the
// two compete (hazards.hpp). Returners come back to the small area they left. The pool is pruned:
// after max_years_abroad years a person is no longer followed.
//
// Durations follow the convention of calendar.hpp: a person who emigrated in month d is abroad
// from the start of month d + 1, in completed year abroad 0 during months d + 1 .. d + 12, and is
// followed for exactly 12 x max_years_abroad months (d + 1 .. d + 12 x max_years_abroad), then
// pruned at the start of the next month.
//
// What happens to each person abroad is decided in parallel (each decision depends on the person's
// keyed draw alone) and applied in pool order: returners and persons who leave the pool are told
// to the observers, returners join their areas after the month's newborns and immigrants.
#include <cstdint>
#include <vector>

#include "io/output_contents.hpp"
#include "model/run_state.hpp"
#include "processes/returns_settings.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

inline constexpr StreamId abroad_stream = reserved_stream(5);

enum class AbroadEvent : std::uint8_t { none, death, return_home, pruned };

class ReturnMigration {
public:
    struct Thresholds {
        std::uint32_t death;
        std::uint32_t any; ///< death or return
    };

    explicit ReturnMigration(const Scenario& scenario);

    int max_months_abroad() const { return max_years_abroad_ * 12; }
    /// Whether a person who emigrated in month `departed` is still followed in month `now`.
    bool followed(Month now, Month departed) const {
        return completed_months(now, departed) < max_months_abroad();
    }
    const Thresholds& at(int sex, int birthplace, int years_abroad, int age) const {
        return table_[((static_cast<std::size_t>(sex) * n_birthplaces + birthplace) * max_years_abroad_ +
                       years_abroad) *
                          n_ages +
                      age];
    }

private:
    int max_years_abroad_;
    std::vector<Thresholds> table_;
};

class LifeAbroad {
public:
    explicit LifeAbroad(RunState& state);
    void start();
    /// Deaths abroad, returns and pruning of the pool in month `now`.
    void live(Month now);
    /// The month's returners join the areas they left.
    void returners_arrive(Month now);
    const ReturnMigration& returns() const { return returns_; }

private:
    RunState& state_;
    FlowId returns_flow_;
    ReturnMigration returns_;
    std::vector<AbroadEvent> events_;    ///< this month's, by row of the pool
    std::vector<std::uint32_t> leaving_; ///< rows leaving the pool, ascending
    PersonTable returners_;              ///< this month's returners (everywhere scope)
    std::vector<std::uint16_t> returning_to_;
};

/// The /inputs tables of returns from abroad (output_schemas/returns.toml).
std::vector<OutputArray> return_inputs(const ReturnSettings& settings);

} // namespace migsim
