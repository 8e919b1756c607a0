#include "ensemble/ranks.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <stdexcept>

#include <omp.h>

#if MIGSIM_HAVE_MPI
// The C interface only: the C++ bindings are deprecated and need a library of their own.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace migsim {

namespace {

#if MIGSIM_HAVE_MPI
/// Whether a launcher (Open MPI's mpirun, or a PMI one) started this process as a rank: MPI is
/// joined only then, so that a plain `migsim ensemble` never starts MPI's runtime.
bool started_by_mpirun() {
    for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
        if (std::getenv(variable) != nullptr)
            return true;
    return false;
}

void check_mpi(int status, const char* what) {
    if (status != MPI_SUCCESS)
        throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

/// Messages go in pieces well below MPI's 2^31-element limit of a count.
constexpr std::uint64_t piece_bytes = std::uint64_t{1} << 30;
#endif

} // namespace

bool mpi_built_in() {
    return MIGSIM_HAVE_MPI != 0;
}

std::string mpi_description() {
#if MIGSIM_HAVE_MPI
    char text[MPI_MAX_LIBRARY_VERSION_STRING];
    int length = 0;
    MPI_Get_library_version(text, &length);
    std::string version(text, static_cast<std::size_t>(length));
    // Open MPI's text is "Open MPI v4.1.4, package: ...": its first part names it.
    version = version.substr(0, version.find(','));
    while (!version.empty() && (version.back() == '\n' || version.back() == ' '))
        version.pop_back();
    return "with MPI (" + version + ")";
#else
    return "without MPI";
#endif
}

Ranks::Ranks() {
#if MIGSIM_HAVE_MPI
    if (!started_by_mpirun())
        return;
    int already = 0;
    MPI_Initialized(&already);
    if (!already) {
        int provided = 0;
        // Only the main thread calls MPI, outside the parallel regions.
        check_mpi(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "initialisation");
        initialised_here_ = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm node;
    check_mpi(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node),
              "finding the ranks of this machine");
    MPI_Comm_size(node, &on_node_);
    MPI_Comm_free(&node);
#endif
}

Ranks::~Ranks() {
#if MIGSIM_HAVE_MPI
    if (initialised_here_)
        MPI_Finalize();
#endif
}

void Ranks::send([[maybe_unused]] int to, [[maybe_unused]] std::string_view bytes) const {
#if MIGSIM_HAVE_MPI
    std::uint64_t size = bytes.size();
    check_mpi(MPI_Send(&size, 1, MPI_UINT64_T, to, 1, MPI_COMM_WORLD), "sending a size");
    for (std::uint64_t done = 0; done < size; done += piece_bytes) {
        const auto piece = static_cast<int>(std::min(piece_bytes, size - done));
        check_mpi(MPI_Send(bytes.data() + done, piece, MPI_BYTE, to, 2, MPI_COMM_WORLD), "sending");
    }
#else
    throw std::logic_error("a job of one rank sends nothing");
#endif
}

std::string Ranks::receive([[maybe_unused]] int from) const {
#if MIGSIM_HAVE_MPI
    std::uint64_t size = 0;
    check_mpi(MPI_Recv(&size, 1, MPI_UINT64_T, from, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
              "receiving a size");
    std::string bytes(size, '\0');
    for (std::uint64_t done = 0; done < size; done += piece_bytes) {
        const auto piece = static_cast<int>(std::min(piece_bytes, size - done));
        check_mpi(MPI_Recv(bytes.data() + done, piece, MPI_BYTE, from, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                  "receiving");
    }
    return bytes;
#else
    throw std::logic_error("a job of one rank receives nothing");
#endif
}

int Ranks::broadcast(int value) const {
#if MIGSIM_HAVE_MPI
    if (size_ > 1)
        check_mpi(MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD), "broadcasting");
#endif
    return value;
}

std::pair<std::uint64_t, std::uint64_t> Ranks::share_of(std::uint64_t total) const {
    const auto ranks = static_cast<std::uint64_t>(size_);
    const auto rank = static_cast<std::uint64_t>(rank_);
    const std::uint64_t base = total / ranks;
    const std::uint64_t extra = total % ranks;
    const std::uint64_t first = rank * base + std::min(rank, extra);
    return {first, first + base + (rank < extra ? 1 : 0)};
}

ThreadPlan plan_threads(int threads, std::uint64_t jobs, const Ranks& ranks) {
    // omp_get_num_procs counts the cores this process may run on (its affinity mask: mpirun binds
    // each rank to its cores); ranks on one machine without binding share its cores.
    const int cores = std::max(1, omp_get_num_procs() / std::max(1, ranks.on_node()));
    const int available = threads > 0 ? threads : cores;
    ThreadPlan plan;
    plan.parallel =
        static_cast<int>(std::clamp<std::uint64_t>(jobs, 1, static_cast<std::uint64_t>(available)));
    plan.per_job = std::max(1, available / plan.parallel);
    return plan;
}

void run_jobs(std::uint64_t first, std::uint64_t last, const ThreadPlan& plan,
              const std::function<void(std::uint64_t job, int threads)>& job) {
    std::atomic<std::uint64_t> next{first};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::uint64_t failed_job = last;
    std::mutex failure_mutex;
    // A model that runs on several threads inside a job that runs beside others is a second level
    // of OpenMP parallelism.
    const int levels = omp_get_max_active_levels();
    if (plan.parallel > 1 && plan.per_job > 1)
        omp_set_max_active_levels(std::max(levels, 2));
#pragma omp parallel num_threads(plan.parallel)
    {
        while (!failed.load()) {
            const std::uint64_t i = next.fetch_add(1);
            if (i >= last)
                break;
            try {
                job(i, plan.per_job);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (i < failed_job) {
                    failed_job = i;
                    failure = std::current_exception();
                }
                failed.store(true);
            }
        }
    }
    omp_set_max_active_levels(levels);
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace migsim
