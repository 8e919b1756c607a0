#pragma once
// The month's pass over the abroad pool, built like the month's pass over persons present
// (model/monthly_pass.hpp): processes contribute competing events of life abroad (a death abroad,
// a return, the next stay of a circular migrant, ...), each with an annual hazard by risk cell;
// the pass converts them once into competing-risks thresholds (processes/hazards.hpp) and makes
// one keyed draw per person abroad and month.
//
// The risk cell of a person abroad in a month is (sex, birthplace, completed years abroad, age) at
// the start of the month (birthplace: 0 native-born, 1 foreign-born; years abroad since the latest
// departure, calendar.hpp), times the extension dimensions a contribution names
// (model/risk_cells.hpp: a partner country, a migrant type, months past an intended return).
//
// The pool's rule of loss to follow-up: a person is followed for a set number of months after the
// departure (follow_for, the returns module's setting), then leaves the pool at the start of the
// next month, told to the observers as `left_pool`, before any draw.
//
// Each person's event is decided on the run's threads (it depends on the person's keyed draw
// alone); the handlers then run on one thread in the order of the pool, so that what they tell the
// observers does not depend on the number of threads. Persons whose handler removes them leave the
// pool after the pass.
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "model/risk_cells.hpp"
#include "model/run_state.hpp"

namespace migsim {

inline constexpr StreamId abroad_stream = reserved_stream(5);

/// A risk cell of the abroad pass: the base cell and the categories of the extension dimensions the
/// contribution named.
struct AbroadCell : CellCategories {
    int sex = 0;
    int birthplace = 0;   ///< 0 native-born, 1 foreign-born
    int years_abroad = 0; ///< completed years since the latest departure
    int age = 0;          ///< 0..100
};

/// A person abroad whose event happened, in the handlers (on one thread, in pool order).
struct PersonAbroad {
    PersonTable& pool;
    std::size_t row;
    Month now;
    MonthKey key;
    int year; ///< flow year index of `now`
};

struct AbroadOutcome {
    bool removed = false;  ///< leaves the pool (died abroad, came back, ...)
    bool returned = false; ///< came back to the country
};

class AbroadEvent {
public:
    virtual ~AbroadEvent() = default;
    /// Annual hazard of a person abroad in this risk cell.
    virtual double annual_hazard(const AbroadCell& cell) const = 0;
    /// The event happened: record it and say whether the person leaves the pool.
    virtual void happen(const PersonAbroad& person, AbroadOutcome& outcome) = 0;
};

/// What a sweep of the pool sees after the handlers of the abroad pass (on one thread), before
/// those who leave the pool are removed from it.
struct PoolInPass {
    PersonTable& pool;
    Month now;
    MonthKey key;
    int year;                             ///< flow year index of `now`
    std::vector<std::uint32_t>* leaving;  ///< ascending before the sweeps; appended by remove()
    std::vector<AbroadOutcome>* outcomes; ///< by entry of `leaving`
    std::size_t sorted = leaving->size();

    /// Whether row `row` already leaves the pool this month.
    bool leaves(std::size_t row) const;
    std::size_t leaving_count() const { return leaving->size(); }
    std::size_t leaving_row(std::size_t k) const { return (*leaving)[k]; }
    const AbroadOutcome& leaving_outcome(std::size_t k) const { return (*outcomes)[k]; }
    PersonAbroad person(std::size_t row) const { return PersonAbroad{pool, row, now, key, year}; }
    /// Row `row` leaves the pool (its handler set `outcome.removed`).
    void remove(std::size_t row, const AbroadOutcome& outcome) {
        leaving->push_back(static_cast<std::uint32_t>(row));
        outcomes->push_back(outcome);
    }
};

/// A process that acts on the pool after the abroad pass's handlers: persons who follow another's
/// event (children who come back with their mother).
class PoolSweep {
public:
    virtual ~PoolSweep() = default;
    virtual void sweep(PoolInPass& pool) = 0;
};

class AbroadPass {
public:
    explicit AbroadPass(RunState& state);

    DimensionId dimension(CellDimension dimension) { return dimensions_.declare(std::move(dimension)); }
    /// Adds a competing event of life abroad whose hazard reads the extension dimensions `uses`;
    /// events compete in the order they are added.
    void add(AbroadEvent& event, std::vector<DimensionId> uses = {});
    /// Adds a sweep of the pool after the handlers, in the order added.
    void add(PoolSweep& sweep) { sweeps_.push_back(&sweep); }
    /// The rule of loss to follow-up: a person is followed for `months` whole months after the
    /// month of departure (months d + 1 .. d + months), then leaves the pool.
    void follow_for(int months);
    int follow_months() const { return follow_months_; }
    /// Whether a person who departed in month `departed` is still followed in month `now`.
    bool followed(Month now, Month departed) const {
        return completed_months(now, departed) < follow_months_;
    }
    /// Precomputes the thresholds (before the first month, and when a hazard changes).
    void build();
    /// The month's pass over the pool.
    void run(Month now);
    /// Persons the pool has stopped following so far (the rule of loss to follow-up).
    std::size_t pruned() const { return pruned_; }

    /// Completed years abroad distinguished by the base cell (the years of the follow-up).
    int years() const { return (follow_months_ + 11) / 12; }
    std::size_t base_cells() const {
        return static_cast<std::size_t>(n_sexes) * 2 * static_cast<std::size_t>(years()) * n_ages;
    }
    std::size_t cell(int sex, int birthplace, int years_abroad, int age) const {
        return ((static_cast<std::size_t>(sex) * 2 + static_cast<std::size_t>(birthplace)) *
                    static_cast<std::size_t>(years()) +
                static_cast<std::size_t>(years_abroad)) *
                   n_ages +
               static_cast<std::size_t>(age);
    }

private:
    RunState& state_;
    CellDimensions dimensions_;
    std::vector<AbroadEvent*> events_;
    std::vector<PoolSweep*> sweeps_;
    std::vector<DimensionId> uses_; ///< the union of the events' dimensions
    CellDimensions::Layout layout_;
    int follow_months_ = 12 * 100;
    std::size_t pruned_ = 0;
    std::vector<std::uint32_t> cumulative_; ///< by cell, one threshold per event
    std::vector<std::uint32_t> any_;        ///< by cell: the threshold of any event
    /// This month's decision by row of the pool: 0 nothing, 1 no longer followed, 2 + e event e.
    std::vector<std::uint8_t> decision_;
    std::vector<std::uint32_t> leaving_;         ///< rows leaving the pool, ascending
    std::vector<AbroadOutcome> leaving_outcome_; ///< what happened to each (no longer followed: nothing)
};

} // namespace migsim
