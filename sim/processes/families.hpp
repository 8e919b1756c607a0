#pragma once
// Families: children under 15 move with their mother. A child arrives with its immigrant mother
// (processes/immigration.*), is born to its mother (processes/fertility.*), or was linked to her in
// the base population (calibration/families.*); from then on (population/families.hpp):
//  - when the mother emigrates, her children present in her area emigrate with her in the same
//    month, to the same partner;
//  - when she moves to another area, they move with her;
//  - when she comes back from the abroad pool, her children abroad come back with her.
// Children's own hazards of emigration and of moving between areas are zero in the default tables,
// so that they move only with their mothers; a child whose mother has died or stays abroad does
// not move until it is 15 (documented in docs/model.md). A child who follows is counted in the
// flows like any mover or migrant, at its own age.
//
// The children are found by a sweep of the mother's area after the month's pass over it (on the
// area's thread): persons under 15 whose id is among the leaving mothers' children, so that the
// month's cost is a scan of the area's birth months where a mother with children left; and by a
// sweep of the pool after the abroad pass.
//
// With families.children_move_with_mothers = false (processes/families_settings.hpp) the module
// does nothing: it joins neither pass and the run keeps no links; children are then scheduled
// arrivals (processes/immigration.*) with the hazards of the tables (processes/returns.*), as in
// the first version of the model.
#include <vector>

#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"

namespace migsim {

class Families final : public Process, public AreaSweep, public PoolSweep {
public:
    explicit Families(RunState& state);

    /// The sweeps find the followers, when children follow at all.
    void join(MonthlyPass& pass) override {
        if (children_follow_)
            pass.add(static_cast<AreaSweep&>(*this));
    }
    void join_abroad(AbroadPass& pass) override {
        if (children_follow_)
            pass.add(static_cast<PoolSweep&>(*this));
    }
    void start() override;
    /// Children who have turned 15 no longer follow.
    void reference_date(Month january) override { state_.families.prune(january); }
    /// The month's births and arrivals are linked: their links become searchable.
    void month_end(Month /*now*/) override { state_.families.settle(); }

    void sweep(AreaInPass& area) override;
    void sweep(PoolInPass& pool) override;

private:
    /// A child to find, and what its mother did.
    struct Follower {
        PersonId child;
        std::uint8_t emigrated;
        std::uint8_t partner;
        std::uint16_t area_after;
        bool operator<(const Follower& other) const { return child < other.child; }
    };
    RunState& state_;
    bool children_follow_; ///< families.children_move_with_mothers, fixed during the run
    std::vector<std::vector<Follower>> followers_; ///< by area (each area's on its own thread)
    std::vector<std::vector<PersonId>> children_;  ///< by area: scratch
    std::vector<Follower> returning_;              ///< the pool's
};

std::unique_ptr<Process> make_families(RunState& state);

} // namespace migsim
