#pragma once
// The event stream: what the engine tells the sources that observe the truth. Each month the
// engine emits every event that happened (births, deaths, departures with their partner region,
// arrivals, returns, internal moves, deaths abroad and persons no longer followed abroad) with the
// person it happened to, in a fixed order (by area, then by person) that does not depend on the
// number of threads. An observer sees the person's columns as they are at the event and may set
// the columns it registered itself (a register's registration month travels with the person); it
// keeps every other record of its own. Observers are called one after the other, never from two
// threads at once.
#include <cstdint>

#include "core/calendar.hpp"
#include "core/stream_registry.hpp"
#include "population/person_table.hpp"

namespace migsim {

struct Population;
struct Scenario;

enum class EventKind : std::uint8_t {
    birth,         ///< a child born in the country (`area`: where it lives)
    death,         ///< a death in the country (`area`: where the person lived)
    emigration,    ///< a departure abroad (`area`: the area left; `partner`: the region gone to)
    immigration,   ///< a first arrival from abroad (`area`: the area settled in; `partner`: the origin group)
    return_home,   ///< a return from the abroad pool (`area`: the area returned to)
    internal_move, ///< a move between small areas (`area` left, `to_area` joined)
    death_abroad,  ///< a death in the abroad pool (`area`: the last area)
    left_pool,     ///< no longer followed abroad: the pool's pruning rule (`area`: the last area)
};

struct PersonEvent {
    EventKind kind;
    Month month;
    PersonTable* persons; ///< the table that holds the person at the event
    std::size_t row;      ///< the person's row in it
    std::uint16_t area = 0;
    std::uint16_t to_area = 0;
    std::uint8_t partner = 0;

    PersonId person() const { return persons->at(core.id, row); }
};

/// A source, or anything else that observes the truth through its events.
class Observer {
public:
    virtual ~Observer() = default;
    /// Registers the person columns the observer keeps and the streams it draws from (before any
    /// table is made).
    virtual void declare(ColumnLayout& /*layout*/, StreamRegistry& /*streams*/) {}
    /// The base population is in place, at the start month (the observer fills its columns).
    virtual void start(Month /*start*/, Population& /*present*/) {}
    /// An event of the month.
    virtual void observe(const PersonEvent& /*event*/) {}
    /// The reference date 1 January (month `january`), before its month's events: the persons
    /// present by area and those in the abroad pool. An observer may count the areas on up to
    /// `threads` threads (the run's thread count).
    virtual void reference_date(Month /*january*/, const Population& /*present*/,
                                const PersonTable& /*abroad*/, int /*threads*/) {}
    /// Every event of month `now` has been observed.
    virtual void month_done(Month /*now*/) {}
    /// Parameters of the scenario changed from the start of month `now` (scenario/timeline.hpp):
    /// `scenario` holds their new values.
    virtual void parameters_changed(const Scenario& /*scenario*/, Month /*now*/) {}
    /// Bytes the observer holds in records of its own (for the run's memory figures).
    virtual std::size_t bytes() const { return 0; }
};

} // namespace migsim
