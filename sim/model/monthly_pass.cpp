#include "model/monthly_pass.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "processes/hazards.hpp"

namespace migsim {

MonthlyPass::MonthlyPass(RunState& state) : state_(state) {
    state.streams.declare(competing_events_stream, "competing_events", "monthly pass");
    state.streams.declare(event_detail_stream, "event_detail", "monthly pass");
}

void MonthlyPass::build() {
    if (draws_.size() > max_draws)
        throw std::logic_error("the monthly pass holds at most 4 independent draws");
    const std::size_t k = competing_.size();
    cumulative_.assign(static_cast<std::size_t>(cells) * k, 0);
    any_.assign(cells, 0);
    draw_threshold_.assign(draws_.size(), std::vector<std::uint32_t>(cells, 0));
    std::vector<double> hazards(k);
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int status = 0; status < n_emigration_statuses; ++status)
            for (int age = 0; age < n_ages; ++age) {
                const auto c = static_cast<std::size_t>(cell(sex, status, age));
                for (std::size_t e = 0; e < k; ++e)
                    hazards[e] = competing_[e]->annual_hazard(sex, status, age);
                const auto thresholds = cumulative_thresholds(competing_monthly_probabilities(hazards));
                std::copy(thresholds.begin(), thresholds.end(),
                          cumulative_.begin() + static_cast<std::ptrdiff_t>(c * k));
                any_[c] = k > 0 ? thresholds.back() : 0;
                for (std::size_t d = 0; d < draws_.size(); ++d)
                    draw_threshold_[d][c] =
                        probability_threshold(draws_[d]->monthly_probability(sex, status, age));
            }
    removed_.assign(static_cast<std::size_t>(state_.population.area_count()), {});
}

std::size_t MonthlyPass::run(Month now) {
    switch (draws_.size()) {
    case 0:
        return run_with<0>(now);
    case 1:
        return run_with<1>(now);
    case 2:
        return run_with<2>(now);
    case 3:
        return run_with<3>(now);
    default:
        return run_with<4>(now);
    }
}

template <std::size_t D>
std::size_t MonthlyPass::run_with(Month now) {
    const int year = state_.year(now);
    const int areas = state_.population.area_count();
    const MonthKey key = state_.key(now);
    const std::size_t k = competing_.size();
    std::array<StreamId, D> streams;
    std::array<const std::uint32_t*, D> draw_thresholds;
    for (std::size_t d = 0; d < D; ++d) {
        streams[d] = draws_[d]->stream();
        draw_thresholds[d] = draw_threshold_[d].data();
    }
    std::size_t person_months = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(state_.threads) reduction(+ : person_months)
    for (int area = 0; area < areas; ++area) {
        PersonTable& table = state_.population.persons[static_cast<std::size_t>(area)];
        std::vector<std::uint32_t>& removed = removed_[static_cast<std::size_t>(area)];
        removed.clear();
        for (CompetingEvent* event : competing_)
            event->prepare(area);
        for (MonthlyDraw* draw : draws_)
            draw->prepare(area);
        std::int64_t* at_risk = state_.truth.at_risk_months.slice(year, area);
        const std::size_t n = table.size();
        person_months += n;

        // The rare slow path: person i has a competing event, or an independent one, or both.
        const auto something_happens = [&](std::size_t i, std::uint32_t event_draw,
                                           const std::array<std::uint32_t, D>& draws, int sex_age, int c) {
            const PersonInPass person{area, table, i, now, key, year, sex_age, c, &table};
            MonthOutcome outcome;
            outcome.area_after = static_cast<std::uint16_t>(area);
            if (event_draw < any_[static_cast<std::size_t>(c)]) {
                const std::uint32_t* thresholds = &cumulative_[static_cast<std::size_t>(c) * k];
                std::size_t e = 0;
                while (event_draw >= thresholds[e])
                    ++e;
                competing_[e]->happen(person, outcome);
                if (outcome.removed)
                    removed.push_back(static_cast<std::uint32_t>(i));
            }
            for (std::size_t d = 0; d < D; ++d)
                if (draws[d] < draw_thresholds[d][static_cast<std::size_t>(c)])
                    draws_[d]->happen(person, outcome);
        };

        // Persons in chunks: a branch-free pass computes every person's cell and keyed draws (it
        // vectorises), then a filter pass lists the few with something to do for the slow path.
        // The pass runs one chunk ahead of the slow path: while the next chunk is computed, the
        // rows of this chunk's listed persons (whose other columns are rarely in cache) arrive.
        constexpr std::size_t chunk = 256;
        struct Chunk {
            std::size_t first = 0;
            std::size_t listed = 0;
            std::array<std::uint32_t, chunk> event_draw;
            std::array<std::array<std::uint32_t, chunk>, D> draw;
            std::array<std::uint16_t, chunk> cell_of;
            std::array<std::uint16_t, chunk> sex_age;
            std::array<std::uint16_t, chunk> list; ///< persons with something to do, in order
        };
        std::array<Chunk, 2> chunks;
        const PersonId* ids = table.data(core.id);
        const StoredMonth* births = table.data(core.birth);
        const std::uint8_t* sexes = table.data(core.sex);
        const std::uint8_t* origins = table.data(core.origin);
        const StoredMonth* latest_arrivals = table.data(core.latest_arrival);
        const auto compute = [&](Chunk& c, std::size_t first) {
            const std::size_t m = std::min(chunk, n - first);
            c.first = first;
            const PersonId* id = ids + first;
            const StoredMonth* birth = births + first;
            const std::uint8_t* sex = sexes + first;
            const std::uint8_t* origin = origins + first;
            const StoredMonth* latest_arrival = latest_arrivals + first;
            for (std::size_t j = 0; j < m; ++j) {
                const int age = age_in_years(now, birth[j]);
                const int status = emigration_status(origin[j], latest_arrival[j], now);
                c.sex_age[j] = static_cast<std::uint16_t>(sex[j] * n_ages + age);
                c.cell_of[j] = static_cast<std::uint16_t>(cell(sex[j], status, age));
                c.event_draw[j] = keyed_draw(key, id[j], competing_events_stream);
                for (std::size_t d = 0; d < D; ++d)
                    c.draw[d][j] = keyed_draw(key, id[j], streams[d]);
            }
            for (std::size_t j = 0; j < m; ++j)
                ++at_risk[c.sex_age[j]];
            std::size_t listed = 0;
            for (std::size_t j = 0; j < m; ++j) {
                bool something = c.event_draw[j] < any_[c.cell_of[j]];
                for (std::size_t d = 0; d < D; ++d)
                    something |= c.draw[d][j] < draw_thresholds[d][c.cell_of[j]];
                c.list[listed] = static_cast<std::uint16_t>(j);
                listed += something ? 1 : 0;
            }
            c.listed = listed;
            for (std::size_t l = 0; l < listed; ++l)
                table.prefetch(first + c.list[l]);
        };
        const auto handle = [&](const Chunk& c) {
            for (std::size_t l = 0; l < c.listed; ++l) {
                const std::size_t j = c.list[l];
                std::array<std::uint32_t, D> draws_of_person;
                for (std::size_t d = 0; d < D; ++d)
                    draws_of_person[d] = c.draw[d][j];
                something_happens(c.first + j, c.event_draw[j], draws_of_person, c.sex_age[j], c.cell_of[j]);
            }
        };
        if (n > 0)
            compute(chunks[0], 0);
        for (std::size_t first = 0, current = 0; first < n; first += chunk, current ^= 1) {
            if (first + chunk < n)
                compute(chunks[current ^ 1], first + chunk);
            handle(chunks[current]);
        }
        table.remove(removed);
    }
    return person_months;
}

} // namespace migsim
