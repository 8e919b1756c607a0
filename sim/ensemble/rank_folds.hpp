#pragma once
// The replicates of a rank run on its threads and folded as they finish; then the ranks' folds
// gathered on the first rank, in rank order. Shared by ensembles and comparisons, whose plans say
// which series a replicate gives (ensemble/ensemble_plan.hpp, ensemble/comparison.hpp).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "ensemble/ranks.hpp"
#include "ensemble/replicate_fold.hpp"

namespace migsim {

template <class Plan>
class RankFolds {
public:
    RankFolds(std::uint64_t first, std::uint64_t last, std::uint64_t total)
        : first_(first), last_(last), total_(total) {}

    /// Folds replicate `replicate`: `make_plan()` gives the plan from the first replicate to
    /// finish on this rank (every rank's plan is the same when the replicates' coordinates are),
    /// `observe(plan)` the replicate's values of the plan's series.
    template <class MakePlan, class Observe>
    void add(std::uint64_t replicate, MakePlan&& make_plan, Observe&& observe) {
        {
            const std::lock_guard lock(mutex_);
            if (!plan_) {
                plan_ = std::make_unique<Plan>(make_plan());
                fold_ = std::make_unique<ReplicateFold>(plan_->specs(), first_, last_, total_);
            }
        }
        fold_->add(replicate, observe(*plan_));
    }

    /// Runs `job(replicate, threads)` for this rank's replicates, then gathers the folds on the
    /// first rank. Every failure of every rank is reported on the first rank, in rank order, in one
    /// std::runtime_error; the other ranks return.
    void run(const ThreadPlan& threads, const Ranks& ranks,
             const std::function<void(std::uint64_t, int)>& job) {
        std::string failure;
        try {
            run_jobs(first_, last_, threads, job);
        } catch (const std::exception& error) {
            failure = error.what();
        }
        if (!ranks.first()) {
            if (failure.empty()) {
                try {
                    ranks.send(0, "S" + state());
                    return;
                } catch (const std::exception& error) {
                    failure = error.what();
                }
            }
            ranks.send(0, "E" + failure);
            return;
        }
        std::vector<std::string> failures;
        if (!failure.empty())
            failures.push_back(ranks.size() > 1 ? "rank 0: " + failure : failure);
        for (int rank = 1; rank < ranks.size(); ++rank) {
            const std::string message = ranks.receive(rank);
            const std::string body = message.substr(1);
            if (message.empty() || message[0] != 'S') {
                failures.push_back("rank " + std::to_string(rank) + ": " + body);
                continue;
            }
            if (!failures.empty())
                continue; // nothing will be written: the rest is only drained
            try {
                if (!fold_)
                    throw std::runtime_error("the first rank ran no replicate");
                fold_->absorb(body);
            } catch (const std::exception& error) {
                failures.push_back("rank " + std::to_string(rank) + ": " + error.what());
            }
        }
        if (!failures.empty()) {
            std::string text = failures.front();
            for (std::size_t i = 1; i < failures.size(); ++i)
                text += "\n" + failures[i];
            throw std::runtime_error(text);
        }
    }

    const Plan& plan() const { return *plan_; }
    std::vector<SeriesSummary> summaries() const { return fold_->summaries(); }

private:
    /// This rank's fold, or that of a rank that ran no replicate.
    std::string state() const {
        return fold_ ? fold_->serialise() : ReplicateFold({}, first_, first_, total_).serialise();
    }

    std::uint64_t first_;
    std::uint64_t last_;
    std::uint64_t total_;
    std::mutex mutex_;
    std::unique_ptr<Plan> plan_;
    std::unique_ptr<ReplicateFold> fold_;
};

} // namespace migsim
