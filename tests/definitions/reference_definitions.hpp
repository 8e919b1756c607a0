#pragma once
// A reference for the truth under each official definition, written from the definitions of
// docs/model.md ("Migration under each official definition") and nothing of the engine's module:
// it records every person's whole life from the event stream (birth, crossings, moves, death) and,
// once the run is over, works out every figure from the whole history at once, knowing the future
// that the engine's module must wait for. Brute force, for small runs in tests.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "population/events.hpp"
#include "population/population.hpp"
#include "processes/migration_accounts.hpp"
#include "scenario/scenario.hpp"

namespace migsim::testing {

class ReferenceDefinitions final : public Observer {
public:
    ReferenceDefinitions(const Scenario& scenario, int areas);
    void start(Month start, Population& present) override;
    /// The abroad pool at the start (the Model's, before it runs).
    void start_abroad(const PersonTable& pool);
    void observe(const PersonEvent& event) override;

    /// The planned end of the stay each person is in when the run ends (none: no plan).
    std::unordered_map<PersonId, StoredMonth> plans;

    /// Every figure of the definitions, from the whole histories (the run ended in month `end`,
    /// the first month not simulated).
    MigrationAccounts expected(Month end) const;

private:
    struct Event {
        Month month;
        EventKind kind;
        std::uint16_t area;
        std::uint16_t to_area;
        std::uint8_t partner;
    };
    enum class Start : std::uint8_t { present, abroad, born, arrived };
    struct Life {
        StoredMonth birth = 0;
        std::uint8_t sex = 0;
        std::uint8_t origin = 0;
        Start at_start = Start::present;
        std::uint16_t area = 0; ///< at the start: area lived in, or left (abroad)
        StoredMonth latest_arrival = never;
        StoredMonth departed = never;
        std::uint8_t destination = 0;
        std::vector<Event> events;
    };

    void work_out(PersonId id, const Life& life, Month end, MigrationAccounts& a) const;

    ReportingYears calendar_;
    int groups_;
    int areas_;
    Month start_ = 0;
    std::unordered_map<PersonId, Life> lives_;
};

} // namespace migsim::testing
