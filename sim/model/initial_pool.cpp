// The abroad pool at the start of a run, in the steady state of the run's own hazards.
//
// A pool that starts empty fills for years (returns build up from almost nothing), so that a run's
// first years measure its start rather than the scenario. The persons abroad at the start are
// instead those the model itself keeps abroad: a warm-up of the model, with the same processes and
// the parameters of the start (no time-varying change), on a tenth of the population, over the
// pool's follow-up (12 x returns.max_years_abroad months) ending at the run's start. Everybody who
// left more than that before the start is no longer followed anyway, so the warm-up's pool at its
// end is the pool of a model that has run for ever with constant parameters (up to the drift of
// the warm-up's own population). Each of its persons abroad joins the run's pool ten times, with
// ids of their own and the warm-up's draws of who they are (birth, sex, origin, partner, last area,
// departure, type and plan), and the links of children abroad to their mothers abroad. A run of
// fewer than 100,000 persons warms up at its own size, each person abroad taken once. The warm-up
// has its own seed, derived from the run's.
#include <unordered_map>

#include "calibration/base_population.hpp"
#include "model/model.hpp"
#include "processes/returns_settings.hpp"

namespace migsim {

namespace {

/// Ids of the pool at the start: base-population ids from 2^46 on (no base population is that large).
PersonId pool_id(Month start, std::size_t row, int clones, int clone) {
    return base_population_id(start, (std::uint64_t{1} << 46) + static_cast<std::uint64_t>(row) * clones +
                                         static_cast<std::uint64_t>(clone));
}

} // namespace

void Model::fill_equilibrium_pool() {
    const int months = 12 * scenario_.settings<ReturnSettings>().max_years_abroad;
    const int clones = state_.population.size() >= 100'000 ? 10 : 1;
    Scenario warm = scenario_;
    warm.run.start = scenario_.run.start - months;
    warm.run.months = months;
    warm.run.seed = mix64(scenario_.run.seed ^ 0x776172'6d2d7570ULL); // "warm-up"
    warm.population.scale = scenario_.population.scale / clones;
    warm.timeline = {};
    warm.settings<ReturnSettings>().start_in_equilibrium = false;
    Model warm_up(warm, state_.threads, {}, added_);
    warm_up.run();
    const PersonTable& pool = warm_up.abroad().persons;

    const Month start = scenario_.run.start;
    std::unordered_map<PersonId, std::size_t> row_of;
    row_of.reserve(pool.size());
    for (std::size_t row = 0; row < pool.size(); ++row)
        row_of.emplace(pool.at(core.id, row), row);
    PersonTable& persons = state_.abroad.persons;
    persons.reserve(pool.size() * static_cast<std::size_t>(clones));
    for (std::size_t row = 0; row < pool.size(); ++row)
        for (int clone = 0; clone < clones; ++clone) {
            const std::size_t added = persons.append(pool, row);
            persons.at(core.id, added) = pool_id(start, row, clones, clone);
        }
    // Children abroad stay linked to their mothers abroad, clone by clone.
    std::vector<PersonId> children;
    for (std::size_t row = 0; row < pool.size(); ++row) {
        if (pool.at(core.sex, row) != 1)
            continue;
        children.clear();
        warm_up.state().families.children_of(pool.at(core.id, row), children);
        for (const PersonId child : children) {
            const auto found = row_of.find(child);
            if (found == row_of.end())
                continue;
            for (int clone = 0; clone < clones; ++clone)
                state_.population.families.push_back({pool_id(start, row, clones, clone),
                                                      pool_id(start, found->second, clones, clone),
                                                      pool.at(core.birth, found->second)});
        }
    }
}

} // namespace migsim
