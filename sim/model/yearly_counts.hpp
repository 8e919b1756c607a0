#pragma once
// Counts a process makes in the month's pass (changes of a state, events of its own), kept by area
// during the month (an area's persons are handled on one thread, so no two threads share a count)
// and folded into the calendar year at the end of each month.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace migsim {

class YearlyCounts {
public:
    /// `years` calendar years of `per_year` counts each, for `areas` areas; all 0.
    void reset(std::size_t years, std::size_t per_year, std::size_t areas) {
        per_year_ = per_year;
        by_year_.assign(years * per_year, 0);
        month_.assign(areas, std::vector<std::int32_t>(per_year, 0));
    }
    /// The count `index` of the current month in `area` (during the month's pass).
    std::int32_t& month(int area, std::size_t index) { return month_[static_cast<std::size_t>(area)][index]; }
    /// Adds the month's counts of every area to year `year` and clears them (at the month's end).
    void fold(std::size_t year) {
        std::int32_t* into = by_year_.data() + year * per_year_;
        for (std::vector<std::int32_t>& counts : month_) {
            for (std::size_t k = 0; k < per_year_; ++k)
                into[k] += counts[k];
            std::fill(counts.begin(), counts.end(), 0);
        }
    }
    /// By year, then the counts of a year.
    const std::vector<std::int32_t>& by_year() const { return by_year_; }
    std::size_t bytes() const {
        std::size_t bytes = by_year_.capacity() * sizeof(std::int32_t);
        for (const auto& counts : month_)
            bytes += counts.capacity() * sizeof(std::int32_t);
        return bytes;
    }

private:
    std::size_t per_year_ = 0;
    std::vector<std::int32_t> by_year_;
    std::vector<std::vector<std::int32_t>> month_;
};

} // namespace migsim
