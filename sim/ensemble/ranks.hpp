#pragma once
// The processes of an MPI job (Open MPI), or one process when migsim was not started by mpirun or
// was built without MPI: replicates and design points are spread over the ranks, each rank folds
// its own and sends the result to the first, which writes the output. Only the first rank prints.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace migsim {

/// Whether this migsim was built with MPI, and which ("Open MPI v4.1.4"), for `migsim --version`.
bool mpi_built_in();
std::string mpi_description();

class Ranks {
public:
    /// Joins the MPI job when migsim was started by mpirun or mpiexec (and is built with MPI);
    /// otherwise the one rank of a job of one. MPI is finalised by the destructor.
    Ranks();
    ~Ranks();
    Ranks(const Ranks&) = delete;
    Ranks& operator=(const Ranks&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }
    bool first() const { return rank_ == 0; }
    /// Ranks of the job on this machine (they share its cores).
    int on_node() const { return on_node_; }

    /// `bytes` to rank `to`; blocks until it is received.
    void send(int to, std::string_view bytes) const;
    std::string receive(int from) const;
    /// The first rank's value, on every rank.
    int broadcast(int value) const;

    /// The replicates or points first..last-1 of `total` that this rank runs: contiguous blocks in
    /// rank order, the first ranks one more when they do not divide evenly.
    std::pair<std::uint64_t, std::uint64_t> share_of(std::uint64_t total) const;

private:
    int rank_ = 0;
    int size_ = 1;
    int on_node_ = 1;
    bool initialised_here_ = false;
};

/// How a rank's jobs (replicates, points) use its threads: `parallel` jobs at a time, each on
/// `per_job` threads of the model.
struct ThreadPlan {
    int parallel = 1;
    int per_job = 1;
    int total() const { return parallel * per_job; }
};

/// The plan for `jobs` jobs on `threads` threads (0 = this rank's share of the machine's cores: the
/// cores it may run on, divided among the job's ranks on the machine, so that ranks sharing a node
/// do not oversubscribe it). One job per thread while jobs are at least as many as threads; the
/// threads left over go to the jobs' models.
ThreadPlan plan_threads(int threads, std::uint64_t jobs, const Ranks& ranks);

/// Runs job(i, threads of the job) for every i in first..last-1, `plan.parallel` at a time (OpenMP
/// threads, each job taking the next number). The first failure by job number is rethrown once
/// every job running has ended; no new job starts after a failure.
void run_jobs(std::uint64_t first, std::uint64_t last, const ThreadPlan& plan,
              const std::function<void(std::uint64_t job, int threads)>& job);

} // namespace migsim
