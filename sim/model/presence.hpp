#pragma once
// The ways the persons present change, offered by the process that owns each to every other
// process: a death (mortality), a departure abroad (emigration), a move between areas (internal
// migration) and a return from the abroad pool (returns). A process that causes one (an accident, a posting
// abroad, a circular migrant's next stay) calls the service from its handler in the pass, so that the event
// is counted, told to the observers and applied exactly as the owner's own events are. The owner registers
// its service with the run's state when it is made (RunState::deaths, ::departures, ::returns).
#include <cstdint>

#include "core/calendar.hpp"
#include "population/person_table.hpp"

namespace migsim {

struct PersonInPass;
struct MonthOutcome;
struct PersonAbroad;
struct AbroadOutcome;

class DeathService {
public:
    virtual ~DeathService() = default;
    /// In the month's pass (on the person's area's thread): the person dies this month.
    virtual void die(const PersonInPass& person, MonthOutcome& outcome) = 0;
    /// In the abroad pass (on one thread, in pool order): the person dies abroad.
    virtual void die_abroad(const PersonAbroad& person, AbroadOutcome& outcome) = 0;
};

class DepartureService {
public:
    virtual ~DepartureService() = default;
    /// In the month's pass (on the person's area's thread): the person emigrates this month to the
    /// partner `partner` (0-based group); the departure is applied after the pass.
    virtual void emigrate(const PersonInPass& person, MonthOutcome& outcome, std::uint8_t partner) = 0;
    /// After the passes: a person who leaves with another (a newborn with its emigrating mother)
    /// leaves at once from `leaving` (a table of abroad scope).
    virtual void leave_with(PersonTable& leaving, std::size_t row, Month now, std::uint8_t partner,
                            std::uint16_t area) = 0;
};

class MoveService {
public:
    virtual ~MoveService() = default;
    /// In the month's pass (on the person's area's thread): the person moves to area `to` this
    /// month, joining it after the pass.
    virtual void move(const PersonInPass& person, MonthOutcome& outcome, std::uint16_t to) = 0;
};

class ReturnService {
public:
    virtual ~ReturnService() = default;
    /// In the abroad pass (on one thread, in pool order): the person comes back this month to the
    /// area left, joining it after the month's other arrivals.
    virtual void come_back(const PersonAbroad& person, AbroadOutcome& outcome) = 0;
};

} // namespace migsim
