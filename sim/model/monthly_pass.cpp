#include "model/monthly_pass.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <span>
#include <stdexcept>

#include "processes/hazards.hpp"

namespace migsim {

MonthlyPass::MonthlyPass(RunState& state) : state_(state) {
    state.streams.declare(competing_events_stream, "competing_events", "monthly pass");
    state.streams.declare(event_detail_stream, "event_detail", "monthly pass");
}

void MonthlyPass::add(CompetingEvent& event, std::vector<DimensionId> uses) {
    competing_.push_back(&event);
    for (const DimensionId d : uses) {
        const bool known = std::any_of(competing_uses_.begin(), competing_uses_.end(),
                                       [&](DimensionId u) { return u.index == d.index; });
        if (!known)
            competing_uses_.push_back(d);
    }
}

void MonthlyPass::add(MonthlyDraw& draw, std::vector<DimensionId> uses) {
    draws_.push_back(&draw);
    draw_uses_.push_back(std::move(uses));
}

void MonthlyPass::add(MonthlyTransition& transition, std::vector<DimensionId> uses) {
    Transition added;
    added.transition = &transition;
    added.uses = std::move(uses);
    transitions_.push_back(std::move(added));
}

void MonthlyPass::build() {
    if (draws_.size() > max_draws)
        throw std::logic_error("the monthly pass holds at most 4 independent draws");
    if (transitions_.size() > max_transitions)
        throw std::logic_error("the monthly pass holds at most 4 state transitions");
    const std::size_t k = competing_.size();
    competing_layout_ = dimensions_.layout(cells, competing_uses_);
    cumulative_.assign(competing_layout_.cells * k, 0);
    any_.assign(competing_layout_.cells, 0);
    std::vector<double> hazards(k);
    // Every base cell (sex, status, age) of every combination of the extension categories.
    const auto for_each_cell = [&](const std::vector<DimensionId>& uses, const CellDimensions::Layout& layout,
                                   auto&& visit) {
        for_each_extension(
            dimensions_, uses, layout, [&](std::size_t offset, const CellCategories& categories) {
                RiskCell cell;
                static_cast<CellCategories&>(cell) = categories;
                for (int sex = 0; sex < n_sexes; ++sex)
                    for (int status = 0; status < n_emigration_statuses; ++status)
                        for (int age = 0; age < n_ages; ++age) {
                            cell.sex = sex;
                            cell.status = status;
                            cell.age = age;
                            visit(static_cast<std::size_t>(this->cell(sex, status, age)) + offset * cells,
                                  cell);
                        }
            });
    };
    for_each_cell(competing_uses_, competing_layout_, [&](std::size_t c, const RiskCell& cell) {
        for (std::size_t e = 0; e < k; ++e)
            hazards[e] = competing_[e]->annual_hazard(cell);
        const auto thresholds = cumulative_thresholds(competing_monthly_probabilities(hazards));
        std::copy(thresholds.begin(), thresholds.end(),
                  cumulative_.begin() + static_cast<std::ptrdiff_t>(c * k));
        any_[c] = k > 0 ? thresholds.back() : 0;
    });
    draw_layout_.clear();
    draw_threshold_.clear();
    draw_gate_.clear();
    for (std::size_t d = 0; d < draws_.size(); ++d) {
        draw_layout_.push_back(dimensions_.layout(cells, draw_uses_[d]));
        draw_threshold_.emplace_back(draw_layout_[d].cells, 0);
        const std::optional<DimensionId> gate = draws_[d]->gate();
        if (gate &&
            (std::find_if(draw_uses_[d].begin(), draw_uses_[d].end(),
                          [&](DimensionId u) { return u.index == gate->index; }) == draw_uses_[d].end() ||
             dimensions_.at(gate->index).kind != CellDimension::Kind::category))
            throw std::logic_error("a draw's gate is one of its own category dimensions");
        draw_gate_.push_back(gate);
        for_each_cell(draw_uses_[d], draw_layout_[d], [&](std::size_t c, const RiskCell& cell) {
            const double p = draws_[d]->monthly_probability(cell);
            if (gate && cell[*gate] == 0 && p != 0.0)
                throw std::logic_error("a draw's gate is closed where its probability is not 0");
            draw_threshold_[d][c] = probability_threshold(p);
        });
    }
    // Each transition's rows: the cumulative thresholds of the next states, the last taking the
    // rest, so that the next state is the number of thresholds at or below the draw.
    for (Transition& t : transitions_) {
        t.states = t.transition->states();
        if (t.states < 2 || t.states > max_transition_states)
            throw std::logic_error("a state transition has 2 to 16 states");
        t.stream = t.transition->stream();
        if (t.stream == no_draw)
            throw std::logic_error("a state transition draws from a stream of its own");
        t.column = t.transition->state_column();
        const auto states = static_cast<std::size_t>(t.states);
        t.layout = dimensions_.layout(cells, t.uses);
        t.extended = t.layout.cells > static_cast<std::size_t>(cells);
        t.as_competing = t.extended && t.layout.stride == competing_layout_.stride;
        t.thresholds.assign(t.layout.cells * states * (states - 1), 0);
        std::vector<bool> moves(states, false); // some cell's row from the state may leave it
        std::vector<double> row(states);
        for_each_cell(t.uses, t.layout, [&](std::size_t c, const RiskCell& cell) {
            for (std::size_t from = 0; from < states; ++from) {
                std::fill(row.begin(), row.end(), -1.0);
                t.transition->monthly_row(cell, static_cast<int>(from), row);
                double sum = 0.0;
                for (const double p : row) {
                    if (!(p >= 0.0 && p <= 1.0))
                        throw std::logic_error("a state transition's probability is outside [0, 1]");
                    sum += p;
                }
                if (std::abs(sum - 1.0) > 1e-9)
                    throw std::logic_error("a row of a state transition's matrix does not sum to 1");
                const std::size_t r = c * states + from;
                const auto thresholds = cumulative_thresholds(std::span<const double>(row).first(states - 1));
                std::copy(thresholds.begin(), thresholds.end(),
                          t.thresholds.begin() + static_cast<std::ptrdiff_t>(r * (states - 1)));
                // The row keeps the state whatever the draw: thresholds 0 before it, 0xffffffff
                // from it on (run_with: the next state counts the thresholds at or below the draw).
                for (std::size_t q = 0; q + 1 < states; ++q)
                    if (thresholds[q] != (q < from ? 0u : 0xffffffffu))
                        moves[from] = true;
            }
        });
        t.may_leave.fill(0);
        t.kept_everywhere = 0;
        for (std::size_t s = 0; s < states; ++s) {
            t.may_leave[s] = moves[s] ? 1 : 0;
            t.kept_everywhere += moves[s] ? 0 : 1;
        }
    }
    // A rule lists every person of the cells where its threshold is not 0 (its "draw" is 0).
    listing_ = any_;
    rule_in_listing_.fill(false);
    for (std::size_t d = 0; d < draws_.size(); ++d) {
        if (draws_[d]->stream() != no_draw || draw_layout_[d].stride != competing_layout_.stride)
            continue;
        rule_in_listing_[d] = true;
        for (std::size_t c = 0; c < listing_.size(); ++c)
            if (draw_threshold_[d][c] != 0)
                listing_[c] = 0xffffffffu;
    }
    const auto offsets_of = [&](const CellDimensions::Layout& layout) {
        Offsets offsets;
        for (std::size_t dim = 0; dim < dimensions_.size(); ++dim)
            if (layout.stride[dim] != 0)
                offsets[dim] =
                    dimensions_.at(dim).offsets(layout.stride[dim] * static_cast<std::uint32_t>(cells));
        return offsets;
    };
    competing_offsets_ = offsets_of(competing_layout_);
    draw_offsets_.clear();
    for (const CellDimensions::Layout& layout : draw_layout_)
        draw_offsets_.push_back(offsets_of(layout));
    transition_offsets_.clear();
    for (const Transition& t : transitions_)
        transition_offsets_.push_back(offsets_of(t.layout));
    removed_.assign(static_cast<std::size_t>(state_.population.area_count()), {});
    removed_outcome_.assign(static_cast<std::size_t>(state_.population.area_count()), {});
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
    std::array<std::uint32_t, D> draw_mask; ///< 0 for a rule: its "draw" is 0, below any threshold > 0
    for (std::size_t d = 0; d < D; ++d) {
        streams[d] = draws_[d]->stream();
        draw_thresholds[d] = draw_threshold_[d].data();
        draw_mask[d] = streams[d] == no_draw ? 0u : 0xffffffffu;
    }
    // Tables that read extension dimensions have cells of their own; the others use the base cell.
    const bool competing_extended = competing_layout_.cells > static_cast<std::size_t>(cells);
    std::array<bool, D> draw_extended{};
    std::array<bool, D> draw_as_competing{}; ///< a draw over the competing events' cells reuses them
    for (std::size_t d = 0; d < D; ++d) {
        draw_extended[d] = draw_layout_[d].cells > static_cast<std::size_t>(cells);
        draw_as_competing[d] = draw_extended[d] && draw_layout_[d].stride == competing_layout_.stride;
    }
    const std::size_t extension_dimensions = dimensions_.size();
    const std::uint32_t* listing = listing_.data();
    const std::size_t n_transitions = transitions_.size();
    std::size_t person_months = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(state_.threads) reduction(+ : person_months)
    for (int area = 0; area < areas; ++area) {
        PersonTable& table = state_.population.persons[static_cast<std::size_t>(area)];
        std::vector<std::uint32_t>& removed = removed_[static_cast<std::size_t>(area)];
        std::vector<MonthOutcome>& removed_outcome = removed_outcome_[static_cast<std::size_t>(area)];
        removed.clear();
        removed_outcome.clear();
        for (CompetingEvent* event : competing_)
            event->prepare(area);
        for (MonthlyDraw* draw : draws_)
            draw->prepare(area);
        for (Transition& t : transitions_)
            t.transition->prepare(area);
        std::int64_t* at_risk = state_.truth.at_risk_months.slice(year, area);
        std::array<std::array<std::uint32_t, n_sexes * n_ages>, 8> at_risk_by_lane{};
        const std::size_t n = table.size();
        person_months += n;

        // The rare slow path: person i has a competing event, or an independent one, or both.
        const auto something_happens = [&](std::size_t i, std::uint32_t event_draw, std::uint32_t event_cell,
                                           const std::array<std::uint32_t, D>& draws,
                                           const std::array<std::uint32_t, D>& draw_cells, int sex_age,
                                           const std::array<std::uint8_t, max_transitions>& next_states) {
            const PersonInPass person{area, table, i, now, key, year, sex_age, &table};
            MonthOutcome outcome;
            outcome.area_after = static_cast<std::uint16_t>(area);
            if (event_draw < any_[event_cell]) {
                const std::uint32_t* thresholds = &cumulative_[static_cast<std::size_t>(event_cell) * k];
                std::size_t e = 0;
                while (event_draw >= thresholds[e])
                    ++e;
                competing_[e]->happen(person, outcome);
                if (outcome.removed) {
                    removed.push_back(static_cast<std::uint32_t>(i));
                    removed_outcome.push_back(outcome);
                }
            }
            for (std::size_t d = 0; d < D; ++d)
                if (draws[d] < draw_thresholds[d][draw_cells[d]])
                    draws_[d]->happen(person, outcome);
            for (std::size_t t = 0; t < n_transitions; ++t) {
                const Transition& transition = transitions_[t];
                const std::uint8_t from = table.at(transition.column, i);
                if (next_states[t] == from)
                    continue;
                table.at(transition.column, i) = next_states[t];
                transition.transition->happen(person, outcome, from, next_states[t]);
            }
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
            std::array<std::uint32_t, chunk> base_cell;                ///< (sex, status, age)
            std::array<std::uint32_t, chunk> event_cell;               ///< of the competing events' table
            std::array<std::array<std::uint32_t, chunk>, D> draw_cell; ///< of each draw's table
            std::array<std::uint16_t, chunk> sex_age;
            std::array<std::uint16_t, chunk> list; ///< persons with something to do, in order
            std::array<std::array<std::uint8_t, chunk>, max_transitions> next_state; ///< by transition
            const std::uint32_t* event_cells = nullptr;
            std::array<const std::uint32_t*, D> draw_cells{};
        };
        std::array<Chunk, 2> chunks;
        const PersonId* ids = table.data(core.id);
        const StoredMonth* births = table.data(core.birth);
        const std::uint8_t* sexes = table.data(core.sex);
        const std::uint8_t* origins = table.data(core.origin);
        const StoredMonth* latest_arrivals = table.data(core.latest_arrival);
        // The cells of a table over the extension dimensions of `layout`: base + cells x offset,
        // each dimension adding its category's offset in the table in one look-up.
        const auto extend = [&](const std::uint32_t* base, const CellDimensions::Layout& layout,
                                const Offsets& offsets, std::size_t first, std::size_t m,
                                std::uint32_t* out) {
            std::copy(base, base + m, out);
            for (std::size_t dim = 0; dim < extension_dimensions; ++dim)
                if (layout.stride[dim] != 0)
                    dimensions_.at(dim).add_offsets(table, first, m, now, offsets[dim].data(), out);
        };
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
                c.base_cell[j] = static_cast<std::uint32_t>(cell(sex[j], status, age));
                c.event_draw[j] = keyed_draw(key, id[j], competing_events_stream);
            }
            c.event_cells = c.base_cell.data();
            for (std::size_t d = 0; d < D; ++d)
                c.draw_cells[d] = c.base_cell.data();
            if (extension_dimensions > 0) {
                if (competing_extended) {
                    extend(c.base_cell.data(), competing_layout_, competing_offsets_, first, m,
                           c.event_cell.data());
                    c.event_cells = c.event_cell.data();
                }
                for (std::size_t d = 0; d < D; ++d)
                    if (draw_as_competing[d]) {
                        c.draw_cells[d] = c.event_cells;
                    } else if (draw_extended[d] && draw_gate_[d]) {
                        // The persons behind the closed gate keep the base cell, whose extension
                        // categories are all 0 (probability 0, checked in build()); the others
                        // have their cells looked up one by one.
                        const CellDimension& gate = dimensions_.at(draw_gate_[d]->index);
                        const std::uint8_t* value = table.data(Column<std::uint8_t>{gate.column}) + first;
                        const std::uint8_t* open = gate.lookup.data();
                        std::uint32_t* out = c.draw_cell[d].data();
                        std::array<std::uint16_t, chunk> open_rows;
                        std::size_t count = 0;
                        for (std::size_t j = 0; j < m; ++j) {
                            out[j] = c.base_cell[j];
                            open_rows[count] = static_cast<std::uint16_t>(j);
                            count += open[value[j]] != 0 ? 1 : 0;
                        }
                        const Offsets& offsets = draw_offsets_[d];
                        for (std::size_t l = 0; l < count; ++l) {
                            const std::size_t j = open_rows[l];
                            for (std::size_t dim = 0; dim < extension_dimensions; ++dim)
                                if (draw_layout_[d].stride[dim] != 0)
                                    out[j] += dimensions_.at(dim).offset_of(table, first + j, now,
                                                                            offsets[dim].data());
                        }
                        c.draw_cells[d] = out;
                    } else if (draw_extended[d]) {
                        extend(c.base_cell.data(), draw_layout_[d], draw_offsets_[d], first, m,
                               c.draw_cell[d].data());
                        c.draw_cells[d] = c.draw_cell[d].data();
                    }
            }
            // An independent draw only for the persons whose threshold is above 0 (women of
            // childbearing age, for a birth); the others' is 0xffffffff, below no threshold. A
            // rule's "draw" is 0.
            for (std::size_t d = 0; d < D; ++d) {
                if (draw_mask[d] == 0)
                    continue;
                const std::uint32_t* thresholds = draw_thresholds[d];
                const std::uint32_t* of_draw = c.draw_cells[d];
                std::array<std::uint16_t, chunk> exposed;
                std::size_t count = 0;
                for (std::size_t j = 0; j < m; ++j) {
                    exposed[count] = static_cast<std::uint16_t>(j);
                    count += thresholds[of_draw[j]] != 0 ? 1 : 0;
                }
                c.draw[d].fill(0xffffffffu);
                for (std::size_t l = 0; l < count; ++l)
                    c.draw[d][exposed[l]] = keyed_draw(key, id[exposed[l]], streams[d]);
            }
            // Eight counters by (sex, age) in turn: the persons of a table are often in order of
            // birth, and one counter would make each increment wait for the one before.
            for (std::size_t j = 0; j < m; ++j)
                ++at_risk_by_lane[j & 7][c.sex_age[j]];
            // Who has something to do: a competing event or a rule folded into listing_, then each
            // other draw or rule, in passes of their own that vectorise.
            std::array<std::uint8_t, chunk> something{}; // 0 past the chunk's last person
            for (std::size_t j = 0; j < m; ++j)
                something[j] = occurs(c.event_draw[j], listing[c.event_cells[j]]) ? 1 : 0;
            for (std::size_t d = 0; d < D; ++d) {
                const std::uint32_t* thresholds = draw_thresholds[d];
                const std::uint32_t* of_draw = c.draw_cells[d];
                if (rule_in_listing_[d])
                    continue;
                if (draw_mask[d] == 0) {
                    for (std::size_t j = 0; j < m; ++j)
                        something[j] |= thresholds[of_draw[j]] != 0 ? 1 : 0;
                    continue;
                }
                const std::uint32_t* drawn = c.draw[d].data();
                for (std::size_t j = 0; j < m; ++j)
                    something[j] |= drawn[j] < thresholds[of_draw[j]] ? 1 : 0;
            }
            // Each state transition: the next state of the persons whose row may leave its state
            // (a keyed draw of the transition's stream), the others keep theirs; a person whose
            // state changes has something to do.
            for (std::size_t t = 0; t < n_transitions; ++t) {
                const Transition& transition = transitions_[t];
                const std::uint8_t* state = table.data(transition.column) + first;
                const auto states = static_cast<std::uint32_t>(transition.states);
                const std::uint32_t width = states - 1;
                const std::uint32_t* thresholds = transition.thresholds.data();
                std::uint8_t* next = c.next_state[t].data();
                // A chain whose persons mostly hold a state every cell keeps (the residence permits
                // of a population of nationals): only the others look up their row and draw, one
                // by one. The same next states as below: a keyed draw depends on nobody else's.
                if (transition.kept_everywhere > 0) {
                    std::array<std::uint16_t, chunk> leaving;
                    std::size_t count = 0;
                    for (std::size_t j = 0; j < m; ++j) {
                        next[j] = state[j];
                        leaving[count] = static_cast<std::uint16_t>(j);
                        count += transition.may_leave[state[j]];
                    }
                    if (4 * count < m) {
                        const Offsets& offsets = transition_offsets_[t];
                        for (std::size_t l = 0; l < count; ++l) {
                            const std::size_t j = leaving[l];
                            std::uint32_t cell = c.base_cell[j];
                            if (transition.as_competing)
                                cell = c.event_cells[j];
                            else if (transition.extended)
                                for (std::size_t dim = 0; dim < extension_dimensions; ++dim)
                                    if (transition.layout.stride[dim] != 0)
                                        cell += dimensions_.at(dim).offset_of(table, first + j, now,
                                                                              offsets[dim].data());
                            const std::uint32_t* row = thresholds + (cell * states + state[j]) * width;
                            const std::uint32_t draw = keyed_draw(key, id[j], transition.stream);
                            std::uint8_t to = 0;
                            for (std::uint32_t q = 0; q < width; ++q)
                                to = static_cast<std::uint8_t>(
                                    to + ((draw >= row[q]) & (row[q] != 0xffffffffu) ? 1 : 0));
                            next[j] = to;
                            something[j] |= to != state[j] ? 1 : 0;
                        }
                        continue;
                    }
                }
                const std::uint32_t* of_cell = c.base_cell.data();
                std::array<std::uint32_t, chunk> own_cells;
                if (transition.as_competing) {
                    of_cell = c.event_cells;
                } else if (transition.extended) {
                    extend(c.base_cell.data(), transition.layout, transition_offsets_[t], first, m,
                           own_cells.data());
                    of_cell = own_cells.data();
                }
                // Every person draws, in a loop that vectorises: a row that stays for sure gives its
                // own state whatever the draw (its thresholds are 0 before it and 0xffffffff from
                // it on), and a draw is keyed, so drawing for those rows changes no one's result.
                std::array<std::uint32_t, chunk> draw;
                std::array<std::uint32_t, chunk> row;
                std::array<std::uint8_t, chunk> to{};
                for (std::size_t j = 0; j < m; ++j)
                    draw[j] = keyed_draw(key, id[j], transition.stream);
                for (std::size_t j = 0; j < m; ++j) {
                    const std::uint32_t s = state[j];
                    row[j] = (of_cell[j] * states + (s < states ? s : 0u)) * width;
                }
                // The next state is the number of thresholds at or below the draw; a threshold of
                // 0xffffffff is a cumulative probability of 1, past which no state is drawn.
                for (std::uint32_t q = 0; q < width; ++q)
                    for (std::size_t j = 0; j < m; ++j) {
                        const std::uint32_t threshold = thresholds[row[j] + q];
                        to[j] = static_cast<std::uint8_t>(
                            to[j] + ((draw[j] >= threshold) & (threshold != 0xffffffffu) ? 1 : 0));
                    }
                // A value at or past the number of states is outside the chain and stays.
                for (std::size_t j = 0; j < m; ++j) {
                    const std::uint8_t s = state[j];
                    const std::uint8_t after = s < states ? to[j] : s;
                    next[j] = after;
                    something[j] |= after != s ? 1 : 0;
                }
            }
            // Eight persons at a time: most groups of eight have nothing to do.
            std::size_t listed = 0;
            for (std::size_t group = 0; group < m; group += 8) {
                std::uint64_t any_of_group;
                std::memcpy(&any_of_group, something.data() + group, sizeof any_of_group);
                if (any_of_group == 0)
                    continue;
                for (std::size_t j = group; j < group + 8; ++j) {
                    c.list[listed] = static_cast<std::uint16_t>(j);
                    listed += something[j];
                }
            }
            c.listed = listed;
            for (std::size_t l = 0; l < listed; ++l)
                table.prefetch(first + c.list[l]);
        };
        const auto handle = [&](const Chunk& c) {
            for (std::size_t l = 0; l < c.listed; ++l) {
                const std::size_t j = c.list[l];
                std::array<std::uint32_t, D> draws_of_person;
                std::array<std::uint32_t, D> draw_cells_of_person;
                for (std::size_t d = 0; d < D; ++d) {
                    draws_of_person[d] = draw_mask[d] != 0 ? c.draw[d][j] : 0;
                    draw_cells_of_person[d] = c.draw_cells[d][j];
                }
                std::array<std::uint8_t, max_transitions> next_states{};
                for (std::size_t t = 0; t < n_transitions; ++t)
                    next_states[t] = c.next_state[t][j];
                something_happens(c.first + j, c.event_draw[j], c.event_cells[j], draws_of_person,
                                  draw_cells_of_person, c.sex_age[j], next_states);
            }
        };
        if (n > 0)
            compute(chunks[0], 0);
        for (std::size_t first = 0, current = 0; first < n; first += chunk, current ^= 1) {
            if (first + chunk < n)
                compute(chunks[current ^ 1], first + chunk);
            handle(chunks[current]);
        }
        for (const auto& lane : at_risk_by_lane)
            for (std::size_t sex_age = 0; sex_age < lane.size(); ++sex_age)
                at_risk[sex_age] += lane[sex_age];
        if (!sweeps_.empty()) {
            AreaInPass swept{area, table, now, key, year, &removed, &removed_outcome};
            for (AreaSweep* sweep : sweeps_)
                sweep->sweep(swept);
            std::sort(removed.begin(), removed.end());
        }
        table.remove(removed);
    }
    return person_months;
}

bool AreaInPass::leaves(std::size_t row) const {
    const auto r = static_cast<std::uint32_t>(row);
    const auto prefix_end = removed->begin() + static_cast<std::ptrdiff_t>(sorted);
    return std::binary_search(removed->begin(), prefix_end, r) ||
           std::find(prefix_end, removed->end(), r) != removed->end();
}

PersonInPass AreaInPass::person(std::size_t row) const {
    const int age = age_in_years(now, persons.at(core.birth, row));
    return PersonInPass{area,    persons, row, now, key, year, persons.at(core.sex, row) * n_ages + age,
                        &persons};
}

void AreaInPass::remove(std::size_t row, const MonthOutcome& outcome) {
    removed->push_back(static_cast<std::uint32_t>(row));
    outcomes->push_back(outcome);
}

} // namespace migsim
