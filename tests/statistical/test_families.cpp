// Children under 15 move with their mothers (processes/families.*, calibration/families.*): the
// base population's children are linked to a mother of their area by the documented rule, and in
// a run no linked child emigrates, moves between areas or comes back except with its mother, in
// the same month, to the same place; children who follow are counted as migrants like anyone.
// With families.children_move_with_mothers = false none of this happens: every arrival is
// scheduled, children included, and children move only by the hazards of the tables.
#include <map>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "calibration/families.hpp"
#include "model/model.hpp"
#include "processes/immigration.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(Families, EveryChildOfTheBasePopulationHasAMotherOfItsAreaClassAndAge) {
    const Scenario scenario =
        testing::synthetic_baseline_with({"population.scale=0.05", "population.areas=20"});
    Population population = base_population(scenario);
    const Month start = scenario.run.start;
    // Where each person is, and who they are.
    struct Who {
        int area;
        int age;
        std::uint8_t sex, origin, generation;
        StoredMonth birth, arrival;
    };
    std::map<PersonId, Who> who;
    std::size_t children = 0;
    for (int area = 0; area < population.area_count(); ++area) {
        const PersonTable& t = population.persons[static_cast<std::size_t>(area)];
        for (std::size_t i = 0; i < t.size(); ++i) {
            const int age = age_in_years(start, t.at(core.birth, i));
            who[t.at(core.id, i)] = {area,
                                     age,
                                     t.at(core.sex, i),
                                     t.at(core.origin, i),
                                     t.at(core.generation, i),
                                     t.at(core.birth, i),
                                     t.at(core.latest_arrival, i)};
            children += age < family_child_age_limit ? 1 : 0;
        }
    }
    std::set<PersonId> linked;
    for (const FamilyLink& link : population.families) {
        const Who& child = who.at(link.child);
        const Who& mother = who.at(link.mother);
        ASSERT_TRUE(linked.insert(link.child).second) << "a child linked twice";
        EXPECT_EQ(link.child_birth, child.birth);
        EXPECT_LT(child.age, family_child_age_limit);
        EXPECT_EQ(mother.area, child.area);
        EXPECT_EQ(mother.sex, 1);
        EXPECT_GE(mother.age - child.age, 15);
        EXPECT_LE(mother.age - child.age, 49);
        if (child.origin != native_born) {
            EXPECT_EQ(mother.origin, child.origin) << "a foreign-born child's mother is of its group";
        } else if (child.generation == second_generation) {
            EXPECT_NE(mother.origin, native_born) << "second generation: a foreign-born mother";
        } else {
            EXPECT_EQ(mother.origin, native_born);
        }
        if (child.origin != native_born && mother.arrival > child.birth) {
            EXPECT_EQ(child.arrival, mother.arrival) << "arrived with its mother";
        }
    }
    // Nearly every child has a mother: those without are children of a class with no woman of the
    // ages in their area.
    EXPECT_GT(static_cast<double>(linked.size()), 0.99 * static_cast<double>(children));
}

/// Every emigration, internal move and return, with where to.
class MoveLog final : public Observer {
public:
    using Key = std::tuple<PersonId, Month, EventKind>;
    void observe(const PersonEvent& event) override {
        if (event.kind != EventKind::emigration && event.kind != EventKind::internal_move &&
            event.kind != EventKind::return_home)
            return;
        const int place = event.kind == EventKind::internal_move ? event.to_area : event.partner;
        moves[{event.person(), event.month, event.kind}] = place;
        if (age_in_years(event.month, event.persons->at(core.birth, event.row)) < family_child_age_limit)
            child_moves.push_back({event.person(), event.month, event.kind});
    }
    std::map<Key, int> moves;
    std::vector<Key> child_moves;
};

TEST(Families, ChildrenLeaveMoveAndComeBackOnlyWithTheirMothers) {
    const Scenario scenario =
        testing::synthetic_baseline_with({"population.scale=0.05", "population.areas=20", "run.months=48"});
    MoveLog log;
    Model model(scenario, 2, {&log});
    model.run();
    // The mothers of the children still under 15 at the end.
    std::map<PersonId, PersonId> mother_of;
    for (const FamilyLink& link : model.state().families.bulk())
        mother_of[link.child] = link.mother;
    std::size_t checked = 0, by_kind[3] = {0, 0, 0};
    for (const auto& [child, month, kind] : log.child_moves) {
        const auto mother = mother_of.find(child);
        if (mother == mother_of.end())
            continue; // linked only in the last year (not yet merged) or dropped: not checked here
        const auto with_mother = log.moves.find({mother->second, month, kind});
        ASSERT_NE(with_mother, log.moves.end())
            << "a child moved without its mother: event " << static_cast<int>(kind);
        EXPECT_EQ(with_mother->second, log.moves.at({child, month, kind})) << "to the same place";
        ++checked;
        ++by_kind[kind == EventKind::emigration ? 0 : (kind == EventKind::internal_move ? 1 : 2)];
    }
    // Children do follow, in all three ways.
    EXPECT_GT(by_kind[0], 50u);
    EXPECT_GT(by_kind[1], 500u);
    EXPECT_GT(by_kind[2], 10u);
    EXPECT_GT(static_cast<double>(checked), 0.5 * static_cast<double>(log.child_moves.size()));
}

/// What the switch changes: the month's first arrivals (all, and children under 15), whether each
/// child arrival is told right after a woman who may bring children or another child of the same
/// month, area and group (the order of processes/immigration.hpp), and the children's emigrations
/// (newborns of the month apart: they leave with their mothers in either model) and moves.
class ChildLog final : public Observer {
public:
    void observe(const PersonEvent& event) override {
        const StoredMonth birth = event.persons->at(core.birth, event.row);
        const bool child = age_in_years(event.month, birth) < family_child_age_limit;
        switch (event.kind) {
        case EventKind::immigration: {
            ++arrivals[event.month];
            if (child) {
                ++child_arrivals;
                const bool after_mother = previous_.month == event.month && previous_.area == event.area &&
                                          previous_.group == event.partner && previous_.may_bring_children;
                child_arrivals_after_a_mother += after_mother;
            }
            const int age = age_in_years(event.month, birth);
            const bool woman = event.persons->at(core.sex, event.row) == 1 &&
                               age >= youngest_arriving_mother && age <= oldest_arriving_mother;
            previous_ = {event.month, event.area, event.partner,
                         woman || (child && previous_.may_bring_children)};
            break;
        }
        case EventKind::emigration:
            older_child_emigrations += child && birth != event.month;
            break;
        case EventKind::internal_move:
            child_moves += child;
            break;
        default:
            break;
        }
    }
    std::map<Month, std::int64_t> arrivals;
    std::int64_t child_arrivals = 0, child_arrivals_after_a_mother = 0;
    std::int64_t older_child_emigrations = 0, child_moves = 0;

private:
    struct Previous {
        Month month = -1;
        std::uint16_t area = 0;
        std::uint8_t group = 0;
        bool may_bring_children = false;
    } previous_;
};

TEST(Families, TheSwitchTurnsFamilyMovesOffAndOn) {
    // The default tables give children under 15 no hazard of emigrating or moving: with family moves
    // off, no child older than a newborn of the month leaves or moves at all (exactly 0), while with
    // them on hundreds follow their mothers. The arrivals of each month are exactly the schedule's
    // (processes/immigration.hpp): with family moves off, children included; on, those aged 15+.
    // The pool starts empty only to spare the warm-up (2 s instead of 12 s): the switch does not
    // depend on it.
    for (const bool with_mothers : {true, false}) {
        // The arrivals of 2013 in both years: the schedule below is the start's.
        const Scenario scenario = testing::synthetic_baseline_with(testing::joined(
            {"population.scale=0.02", "population.areas=20", "run.months=24",
             "returns.start_in_equilibrium=false",
             std::string("families.children_move_with_mothers=") + (with_mothers ? "true" : "false")},
            testing::constant_rates()));
        ChildLog log;
        Model model(scenario, 2, {&log});
        model.run();
        const ImmigrationSchedule schedule(scenario, scenario.run.start);
        std::int64_t scheduled = 0, arrived = 0;
        for (Month m = scenario.run.start; m < scenario.run.start + scenario.run.months; ++m) {
            std::int64_t due = 0;
            for (int group = 0; group < schedule.groups(); ++group)
                due += schedule.arrivals(group, m);
            const std::int64_t month_arrivals = log.arrivals.count(m) ? log.arrivals.at(m) : 0;
            scheduled += due;
            arrived += month_arrivals;
            if (!with_mothers) {
                EXPECT_EQ(month_arrivals, due) << "month " << m;
            }
        }
        SCOPED_TRACE(with_mothers ? "children move with their mothers" : "children move on their own");
        EXPECT_GT(log.child_arrivals, 100);
        if (with_mothers) {
            EXPECT_EQ(arrived - log.child_arrivals, scheduled) << "the scheduled arrivals are aged 15+";
            EXPECT_EQ(log.child_arrivals_after_a_mother, log.child_arrivals) << "every child with a mother";
            EXPECT_GT(log.older_child_emigrations, 10);
            EXPECT_GT(log.child_moves, 100);
            EXPECT_GT(model.state().families.size(), 0u);
        } else {
            EXPECT_EQ(arrived, scheduled);
            EXPECT_LT(log.child_arrivals_after_a_mother, log.child_arrivals)
                << "children arrive on their own";
            EXPECT_EQ(log.older_child_emigrations, 0);
            EXPECT_EQ(log.child_moves, 0);
            EXPECT_EQ(model.state().families.size(), 0u) << "no links kept";
        }
        std::printf("with mothers %d: %lld arrivals (%lld scheduled), %lld children (%lld after a mother); "
                    "%lld older children emigrated, %lld moved\n",
                    with_mothers, static_cast<long long>(arrived), static_cast<long long>(scheduled),
                    static_cast<long long>(log.child_arrivals),
                    static_cast<long long>(log.child_arrivals_after_a_mother),
                    static_cast<long long>(log.older_child_emigrations),
                    static_cast<long long>(log.child_moves));
    }
}

} // namespace
} // namespace migsim
