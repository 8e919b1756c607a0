#include "model/abroad_pass.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "processes/hazards.hpp"

namespace migsim {

AbroadPass::AbroadPass(RunState& state) : state_(state) {
    state.streams.declare(abroad_stream, "abroad", "abroad pass");
}

void AbroadPass::add(AbroadEvent& event, std::vector<DimensionId> uses) {
    if (events_.size() + 2 > 255)
        throw std::logic_error("the abroad pass holds at most 253 events");
    events_.push_back(&event);
    for (const DimensionId d : uses)
        if (std::none_of(uses_.begin(), uses_.end(), [&](DimensionId u) { return u.index == d.index; }))
            uses_.push_back(d);
}

void AbroadPass::follow_for(int months) {
    if (months < 1)
        throw std::logic_error("the abroad pool follows a person for at least one month");
    follow_months_ = months;
}

void AbroadPass::build() {
    const std::size_t k = events_.size();
    const std::size_t base = base_cells();
    layout_ = dimensions_.layout(base, uses_);
    cumulative_.assign(layout_.cells * k, 0);
    any_.assign(layout_.cells, 0);
    std::vector<double> hazards(k);
    for_each_extension(
        dimensions_, uses_, layout_, [&](std::size_t offset, const CellCategories& categories) {
            AbroadCell cell;
            static_cast<CellCategories&>(cell) = categories;
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int birthplace = 0; birthplace < 2; ++birthplace)
                    for (int years_abroad = 0; years_abroad < years(); ++years_abroad)
                        for (int age = 0; age < n_ages; ++age) {
                            cell.sex = sex;
                            cell.birthplace = birthplace;
                            cell.years_abroad = years_abroad;
                            cell.age = age;
                            const std::size_t c =
                                this->cell(sex, birthplace, years_abroad, age) + offset * base;
                            for (std::size_t e = 0; e < k; ++e)
                                hazards[e] = events_[e]->annual_hazard(cell);
                            const auto thresholds =
                                cumulative_thresholds(competing_monthly_probabilities(hazards));
                            std::copy(thresholds.begin(), thresholds.end(),
                                      cumulative_.begin() + static_cast<std::ptrdiff_t>(c * k));
                            any_[c] = k > 0 ? thresholds.back() : 0;
                        }
        });
}

void AbroadPass::run(Month now) {
    PersonTable& pool = state_.abroad.persons;
    const std::size_t n = pool.size();
    decision_.resize(n);
    const MonthKey key = state_.key(now);
    const std::size_t k = events_.size();
    const std::size_t base = base_cells();
    const std::size_t extension_dimensions = dimensions_.size();
    const bool extended = layout_.cells > base;
    const int last_year = years() - 1;
    const PersonId* id = pool.data(core.id);
    const StoredMonth* birth = pool.data(core.birth);
    const std::uint8_t* sex = pool.data(core.sex);
    const std::uint8_t* origin = pool.data(core.origin);
    const StoredMonth* departed = pool.data(core.departed);
    constexpr std::size_t chunk = 256;
    const auto chunks = static_cast<std::ptrdiff_t>((n + chunk - 1) / chunk);
#pragma omp parallel for schedule(static) num_threads(state_.threads)
    for (std::ptrdiff_t c = 0; c < chunks; ++c) {
        const std::size_t first = static_cast<std::size_t>(c) * chunk;
        const std::size_t m = std::min(chunk, n - first);
        std::array<std::uint32_t, chunk> offset{};
        if (extended) {
            std::array<std::uint8_t, chunk> category;
            for (std::size_t dim = 0; dim < extension_dimensions; ++dim) {
                const std::uint32_t stride = layout_.stride[dim];
                if (stride == 0)
                    continue;
                dimensions_.at(dim).categorise(pool, first, m, now, category.data());
                for (std::size_t j = 0; j < m; ++j)
                    offset[j] += stride * category[j];
            }
        }
        for (std::size_t j = 0; j < m; ++j) {
            const std::size_t i = first + j;
            if (!followed(now, departed[i])) {
                decision_[i] = 1;
                continue;
            }
            const int years_abroad = std::min(completed_years(now, departed[i]), last_year);
            const std::size_t cell = this->cell(sex[i], origin[i] == native_born ? 0 : 1, years_abroad,
                                                age_in_years(now, birth[i])) +
                                     offset[j] * base;
            const std::uint32_t u = keyed_draw(key, id[i], abroad_stream);
            std::uint8_t decision = 0;
            if (u < any_[cell]) {
                const std::uint32_t* thresholds = &cumulative_[cell * k];
                std::size_t e = 0;
                while (u >= thresholds[e])
                    ++e;
                decision = static_cast<std::uint8_t>(2 + e);
            }
            decision_[i] = decision;
        }
    }

    // The handlers, in the order of the pool.
    leaving_.clear();
    leaving_outcome_.clear();
    const int year = state_.year(now);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t decision = decision_[i];
        if (decision == 0)
            continue;
        if (decision == 1) {
            ++pruned_;
            state_.events.emit({EventKind::left_pool, now, &pool, i, pool.at(core.last_area, i), 0,
                                pool.at(core.destination, i)});
            leaving_.push_back(static_cast<std::uint32_t>(i));
            leaving_outcome_.push_back({true, false});
            continue;
        }
        AbroadOutcome outcome;
        events_[decision - 2u]->happen(PersonAbroad{pool, i, now, key, year}, outcome);
        if (outcome.removed) {
            leaving_.push_back(static_cast<std::uint32_t>(i));
            leaving_outcome_.push_back(outcome);
        }
    }
    if (!sweeps_.empty()) {
        PoolInPass swept{pool, now, key, year, &leaving_, &leaving_outcome_};
        for (PoolSweep* sweep : sweeps_)
            sweep->sweep(swept);
        std::sort(leaving_.begin(), leaving_.end());
    }
    state_.abroad.remove(leaving_);
}

bool PoolInPass::leaves(std::size_t row) const {
    const auto r = static_cast<std::uint32_t>(row);
    const auto prefix_end = leaving->begin() + static_cast<std::ptrdiff_t>(sorted);
    return std::binary_search(leaving->begin(), prefix_end, r) ||
           std::find(prefix_end, leaving->end(), r) != leaving->end();
}

} // namespace migsim
