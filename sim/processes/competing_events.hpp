#pragma once
// The competing events of a month for persons present in the country: death (mortality.hpp's
// hazards), emigration (emigration.hpp) and a move to another small area (internal_migration.hpp).
// One keyed draw per person and month decides whether and which event happens; the thresholds are
// precomputed for every (sex, emigration status, age) with the competing-risks formula.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

enum class CompetingEvent : std::uint8_t { none, death, emigration, internal_move };

class CompetingRisks {
public:
    /// Cumulative thresholds: u < death → death; u < emigration → emigration; u < any → move.
    struct Thresholds {
        std::uint32_t death;
        std::uint32_t emigration;
        std::uint32_t any;
    };

    explicit CompetingRisks(const Scenario& scenario);

    static int cell(int sex, int status, int age) {
        return (sex * n_emigration_statuses + status) * n_ages + age;
    }
    const Thresholds& at(int cell) const { return table_[static_cast<std::size_t>(cell)]; }
    const Thresholds& at(int sex, int status, int age) const { return at(cell(sex, status, age)); }
    /// The threshold of any event in a cell, from a compact column for the filter pass.
    std::uint32_t any(int cell) const { return any_[static_cast<std::size_t>(cell)]; }
    static CompetingEvent event(const Thresholds& t, std::uint32_t u) {
        if (u >= t.any)
            return CompetingEvent::none;
        if (u < t.death)
            return CompetingEvent::death;
        return u < t.emigration ? CompetingEvent::emigration : CompetingEvent::internal_move;
    }

private:
    std::vector<Thresholds> table_;
    std::vector<std::uint32_t> any_;
};

} // namespace migsim
