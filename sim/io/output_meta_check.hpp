#pragma once
// The attributes of /meta, read by `migsim validate` and checked against their checksum and against
// each other: the first month is a January, the months are a positive number, the resolved scenario
// is a scenario (TOML) whose run has the same start, months, seed and threads, and the creation time
// is a time. What they say about the run (its reporting years, and the values of the resolved
// scenario that labels follow) is what the labels of every dimension are then checked against.
// Internal to sim/io.
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/counts.hpp"
#include "io/output_schema.hpp"

namespace migsim {

/// What a valid /meta says about the run; a value is missing when /meta does not say it validly.
struct RunFacts {
    std::optional<int> first_year;     ///< the calendar year of the first simulated month
    std::optional<int> januaries;      ///< 1 January of first_year .. that of the year the run ends in
    std::optional<int> calendar_years; ///< first_year .. the year of the last simulated month
    /// The whole reporting calendar, for the simulated months of each year of flows.
    std::optional<ReportingYears> calendar;
    /// Integers of the resolved scenario that the schema's dimensions name (scenario_count).
    std::map<std::string, std::int64_t> scenario_integers;
    /// Arrays of names of the resolved scenario that the schema's dimensions name (scenario_labels).
    std::map<std::string, std::vector<std::string>> scenario_names;
};

/// Checks the declared attributes of /meta (those missing or of another type are the layout's to
/// report) and adds a problem for each that is wrong; returns what they say about the run.
RunFacts check_run_metadata(hid_t file, const OutputSchema& schema, std::vector<std::string>& problems);

} // namespace migsim
