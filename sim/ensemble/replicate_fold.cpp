#include "ensemble/replicate_fold.hpp"

#include <stdexcept>

namespace migsim {

namespace {

/// A tag at the start of a serialised fold, so that a state from another program is refused.
constexpr std::uint64_t state_tag = 0x6d696773696d4631ULL; // "migsimF1"

std::size_t size_of(const SeriesValues& values) {
    return std::visit([](const auto& v) { return v.size(); }, values);
}

} // namespace

ReplicateFold::ReplicateFold(std::vector<SeriesSpec> series, std::uint64_t first, std::uint64_t last,
                             std::uint64_t total)
    : series_(std::move(series)), first_(first), next_(first), last_(last), total_(total) {
    if (first > last || last > total)
        throw std::invalid_argument("a fold's range of replicates is not within 0.." + std::to_string(total));
    real_offset_.assign(series_.size(), 0);
    for (std::size_t s = 0; s < series_.size(); ++s) {
        if (series_[s].integer) {
            integer_series_.push_back(s);
            sums_.emplace_back(series_[s].cells);
        } else {
            real_offset_[s] = real_cells_;
            real_cells_ += series_[s].cells;
        }
    }
}

void ReplicateFold::add(std::uint64_t replicate, std::vector<SeriesValues> values) {
    if (values.size() != series_.size())
        throw std::invalid_argument("replicate " + std::to_string(replicate) + " gives " +
                                    std::to_string(values.size()) + " series, the fold has " +
                                    std::to_string(series_.size()));
    for (std::size_t s = 0; s < series_.size(); ++s) {
        const bool integer = std::holds_alternative<std::vector<std::int64_t>>(values[s]);
        if (integer != series_[s].integer || size_of(values[s]) != series_[s].cells)
            throw std::invalid_argument("replicate " + std::to_string(replicate) + ": series " +
                                        series_[s].name + " has " + std::to_string(size_of(values[s])) +
                                        " values where the first " + "replicate had " +
                                        std::to_string(series_[s].cells) +
                                        " (the replicates' outputs must have the same coordinates)");
    }
    const std::lock_guard lock(mutex_);
    if (replicate < next_ || replicate >= last_ || waiting_.count(replicate))
        throw std::invalid_argument("replicate " + std::to_string(replicate) +
                                    " folded twice or out of range");
    waiting_.emplace(replicate, std::move(values));
    // Replicates are folded in their order: one that finished early waits for those before it.
    while (!waiting_.empty() && waiting_.begin()->first == next_) {
        auto node = waiting_.extract(waiting_.begin());
        fold(next_, node.mapped());
        ++next_;
    }
}

void ReplicateFold::fold(std::uint64_t replicate, std::vector<SeriesValues>& values) {
    std::vector<double> real;
    real.reserve(real_cells_);
    std::vector<double> kept;
    std::size_t integer = 0;
    for (std::size_t s = 0; s < series_.size(); ++s) {
        if (series_[s].integer) {
            const auto& v = std::get<std::vector<std::int64_t>>(values[s]);
            sums_[integer++].add(v);
            if (series_[s].keep)
                for (const std::int64_t x : v)
                    kept.push_back(static_cast<double>(x));
        } else {
            const auto& v = std::get<std::vector<double>>(values[s]);
            real.insert(real.end(), v.begin(), v.end());
            if (series_[s].keep)
                kept.insert(kept.end(), v.begin(), v.end());
        }
    }
    tree_.push_replicate(replicate, real);
    if (!kept.empty())
        kept_.emplace(replicate, std::move(kept));
}

bool ReplicateFold::complete() const {
    const std::lock_guard lock(mutex_);
    return next_ == last_;
}

std::string ReplicateFold::serialise() const {
    const std::lock_guard lock(mutex_);
    if (next_ != last_)
        throw std::logic_error("a fold is serialised before its replicates are all in");
    ByteWriter out;
    out.put(state_tag);
    out.put(first_);
    out.put(last_);
    out.put(total_);
    out.put<std::uint64_t>(series_.size());
    for (const SeriesSpec& s : series_) {
        out.put_text(s.name);
        out.put<std::uint8_t>(s.integer);
        out.put<std::uint64_t>(s.cells);
        out.put<std::uint8_t>(s.keep);
    }
    for (const ExactSums& sums : sums_) {
        out.put<std::uint8_t>(sums.saturated);
        out.put_vector(sums.sum);
        out.put_vector(sums.sum_of_squares);
    }
    out.put<std::uint64_t>(tree_.pending().size());
    for (const TreeNode& node : tree_.pending()) {
        out.put(node.level);
        out.put(node.index);
        write_moments(out, node.moments);
    }
    out.put<std::uint64_t>(kept_.size());
    for (const auto& [replicate, values] : kept_) {
        out.put(replicate);
        out.put_vector(values);
    }
    return out.take();
}

void ReplicateFold::absorb(std::string_view state) {
    ByteReader in(state);
    if (in.get<std::uint64_t>() != state_tag)
        throw std::runtime_error("a rank's state is not a migsim fold");
    const auto first = in.get<std::uint64_t>();
    const auto last = in.get<std::uint64_t>();
    const auto total = in.get<std::uint64_t>();
    std::vector<SeriesSpec> series(in.get<std::uint64_t>());
    for (SeriesSpec& s : series) {
        s.name = in.get_text();
        s.integer = in.get<std::uint8_t>() != 0;
        s.cells = in.get<std::uint64_t>();
        s.keep = in.get<std::uint8_t>() != 0;
    }
    const std::lock_guard lock(mutex_);
    if (next_ != last_ || first != last_ || total != total_)
        throw std::runtime_error("a rank's replicates " + std::to_string(first) + ".." +
                                 std::to_string(last) + " do not follow those folded so far (0.." +
                                 std::to_string(last_) + ")");
    // A rank that ran no replicate may not know the series (it made no plan); one that did must
    // know the same.
    const bool empty = first == last;
    if (!empty && series != series_)
        throw std::runtime_error("the ranks' outputs differ in their datasets or coordinates");
    std::size_t integer = 0;
    for (const SeriesSpec& s : series) {
        if (!s.integer)
            continue;
        ExactSums other;
        other.saturated = in.get<std::uint8_t>() != 0;
        other.sum = in.get_vector<int128>();
        other.sum_of_squares = in.get_vector<uint128>();
        if (!empty)
            sums_[integer++].add(other);
    }
    const auto nodes = in.get<std::uint64_t>();
    for (std::uint64_t i = 0; i < nodes; ++i) {
        TreeNode node;
        node.level = in.get<int>();
        node.index = in.get<std::uint64_t>();
        node.moments = read_moments(in);
        tree_.push(std::move(node));
    }
    const auto kept = in.get<std::uint64_t>();
    for (std::uint64_t i = 0; i < kept; ++i) {
        const auto replicate = in.get<std::uint64_t>();
        kept_.emplace(replicate, in.get_vector<double>());
    }
    if (!in.done())
        throw std::runtime_error("a rank's state has bytes left over");
    last_ = last;
    next_ = last;
}

std::vector<SeriesSummary> ReplicateFold::summaries() const {
    const std::lock_guard lock(mutex_);
    if (first_ != 0 || next_ != total_)
        throw std::logic_error("summaries of a fold before every replicate is in");
    const RealMoments real = tree_.root();
    std::vector<SeriesSummary> result(series_.size());
    std::size_t integer = 0;
    std::size_t kept_offset = 0;
    for (std::size_t s = 0; s < series_.size(); ++s) {
        SeriesSummary& summary = result[s];
        summary.count = total_;
        summary.cells.resize(series_[s].cells);
        if (series_[s].integer) {
            const ExactSums& sums = sums_[integer++];
            for (std::size_t i = 0; i < series_[s].cells; ++i)
                summary.cells[i] = exact_mean_variance(total_, sums.sum[i], sums.sum_of_squares[i]);
        } else {
            for (std::size_t i = 0; i < series_[s].cells; ++i) {
                const std::size_t at = real_offset_[s] + i;
                summary.cells[i] = real_mean_variance(real.count, real.mean[at], real.m2[at]);
            }
        }
        if (series_[s].keep) {
            for (const auto& [replicate, values] : kept_)
                summary.replicates.emplace_back(
                    values.begin() + static_cast<std::ptrdiff_t>(kept_offset),
                    values.begin() + static_cast<std::ptrdiff_t>(kept_offset + series_[s].cells));
            kept_offset += series_[s].cells;
        }
    }
    return result;
}

} // namespace migsim
