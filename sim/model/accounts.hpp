#pragma once
// Demographic accounts of the truth: the population on 1 January and the flows that processes
// register, each by (year, area, sex, age). A process registers its flows (add_flow) and keeps
// their handles; nothing lists the flows by hand.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/counts.hpp"
#include "population/population.hpp"

namespace migsim {

/// Adds, at year index `year`, the persons present on 1 January (month `january`) for whom
/// `counted(table, i)` holds, by area, sex and age; areas are shared out over `threads` threads.
template <class Counted>
void count_present(const Population& population, Month january, int year, AreaSexAgeCounts& counts,
                   int threads, Counted counted) {
    const int areas = population.area_count();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int area = 0; area < areas; ++area) {
        const PersonTable& table = population.persons[static_cast<std::size_t>(area)];
        const StoredMonth* birth = table.data(core.birth);
        const std::uint8_t* sex = table.data(core.sex);
        std::int32_t* slice = counts.slice(year, area);
        for (std::size_t i = 0; i < table.size(); ++i)
            slice[sex[i] * n_ages + age_in_years(january, birth[i])] += counted(table, i) ? 1 : 0;
    }
}

/// How a flow changes the time lived in the country (person-years lived, below): an arrival in an
/// area starts a stay, a departure ends one; births start the stays of newborns at age 0 (the flow
/// itself is by the mother's age).
enum class FlowEffect : std::uint8_t { none, joins, leaves, newborns };

struct FlowInfo {
    std::string name; ///< the dataset name in /truth/flows
    FlowEffect effect = FlowEffect::none;
};

/// A registered flow.
struct FlowId {
    std::size_t index;
};

/// What the truth records over a run.
struct TruthAccounts {
    AreaSexAgeCounts population; ///< persons present on 1 January
    std::vector<FlowInfo> flow_info;
    std::vector<AreaSexAgeCounts> flows; ///< by FlowId, in the order of registration
    /// Person-months at risk: the persons present at the start of each month, one month each, by
    /// the year of the month and their area, sex and age at its start. This is the population to
    /// which the month's probabilities apply (persons who die, emigrate or move in the month count
    /// the whole month; arrivals and newborns count from the next month), so events / (person-months
    /// at risk / 12) are the model's annual rates. Person-years lived (half a month for a month of
    /// birth, arrival, death or departure) follow from it and the flows: person_years_lived().
    AreaSexAgeArray<std::int64_t> at_risk_months;

    TruthAccounts() = default;
    TruthAccounts(const ReportingYears& calendar, int areas);

    /// Registers a flow of events; its counts start at zero.
    FlowId add_flow(std::string name, FlowEffect effect);
    AreaSexAgeCounts& flow(FlowId f) { return flows[f.index]; }
    const AreaSexAgeCounts& flow(FlowId f) const { return flows[f.index]; }
    /// The flow of that name (tests, summaries); throws std::out_of_range if none is registered.
    const AreaSexAgeCounts& flow(const std::string& name) const;
    bool has_flow(const std::string& name) const;

    /// Person-years lived in the country by year, area, sex and age: a full month for a month
    /// spent in the country, half a month for the month of a birth, an arrival (first or return),
    /// a death or an emigration, and for a move half a month in each of the two areas (events
    /// happen, on average, in the middle of their month). From the months at risk and the flows:
    /// (2 x at risk - flows that leave + flows that join + newborns at age 0) / 24, the newborns by
    /// their own sex (a births flow summed over the mother's age).
    std::vector<double> person_years_lived() const;

private:
    int flow_years_ = 0;
    int areas_ = 0;
};

} // namespace migsim
