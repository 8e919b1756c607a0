// links: migsim_io
// `migsim validate` runs its check in a child process: a check that never ends (a damaged file once
// made the HDF5 library loop at 100 % CPU) is stopped at its time limit and reported as damage, and
// the child dies with the parent rather than spinning on as an orphan.
#include "io/isolated_validation.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace migsim {
namespace {

using namespace std::chrono_literals;

/// A check stuck for ever, as the HDF5 library was in a damaged heap; it first tells its process id
/// through `pid_file`.
std::vector<std::string> spin(const std::string& pid_file) {
    std::ofstream(pid_file) << ::getpid() << std::endl;
    std::atomic<unsigned long> turns{0};
    while (true)
        turns.fetch_add(1, std::memory_order_relaxed);
}

pid_t read_pid(const std::string& pid_file, std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
        pid_t pid = 0;
        if (std::ifstream(pid_file) >> pid && pid > 0)
            return pid;
        std::this_thread::sleep_for(10ms);
    }
    return 0;
}

std::string temporary_name(const char* what) {
    return "/tmp/migsim_test_isolated_" + std::to_string(::getpid()) + "_" + what;
}

TEST(IsolatedValidation, ACheckThatNeverEndsIsStoppedAndReportedAsDamage) {
    const std::string pid_file = temporary_name("stuck");
    const auto started = std::chrono::steady_clock::now();
    const IsolatedValidation result = run_isolated(
        "stuck.h5", [&] { return spin(pid_file); }, 1000ms);
    const auto took = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(
        result.problems[0],
        "stuck.h5: the file is damaged: the check did not finish in 1 s (the HDF5 library is stuck in it)");
    EXPECT_LT(took, 10s);
    // The child is gone (killed and reaped), not left spinning.
    const pid_t child = read_pid(pid_file, 1s);
    ASSERT_GT(child, 0);
    EXPECT_EQ(::kill(child, 0), -1);
    std::remove(pid_file.c_str());
}

TEST(IsolatedValidation, ProblemsAndCrashesOfTheChildAreReported) {
    const auto problems = run_isolated(
                              "f.h5",
                              [] {
                                  return std::vector<std::string>{"a: one", "b: two"};
                              },
                              10s)
                              .problems;
    EXPECT_EQ(problems, (std::vector<std::string>{"a: one", "b: two"}));
    const auto crashed = run_isolated(
                             "f.h5",
                             []() -> std::vector<std::string> {
                                 std::raise(SIGSEGV);
                                 return {};
                             },
                             10s)
                             .problems;
    ASSERT_EQ(crashed.size(), 1u);
    EXPECT_NE(crashed[0].find("f.h5: the file is damaged: reading it made the HDF5 library fail (signal 11"),
              std::string::npos)
        << crashed[0];
}

TEST(IsolatedValidation, TheChildDiesWithItsParent) {
    // Orphans come to this test process (a subreaper), which can then see how the stuck child ended.
    ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    const std::string pid_file = temporary_name("orphan");
    std::remove(pid_file.c_str());
    const pid_t parent = ::fork();
    ASSERT_GE(parent, 0);
    if (parent == 0) {
        // The `migsim validate` that is interrupted: its check would take an hour.
        run_isolated(
            "stuck.h5", [&] { return spin(pid_file); }, 3600s);
        ::_exit(0);
    }
    const pid_t child = read_pid(pid_file, 10s);
    ::kill(parent, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(parent, &status, 0), parent);
    ASSERT_GT(child, 0);
    // The orphan must end at once; without the request to die with its parent it spins on.
    bool ended = false;
    for (int tries = 0; tries < 500 && !ended; ++tries) {
        ended = ::waitpid(child, &status, WNOHANG) == child;
        if (!ended)
            std::this_thread::sleep_for(10ms);
    }
    if (!ended) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
    }
    EXPECT_TRUE(ended) << "the check went on as an orphan after its parent ended";
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ::prctl(PR_SET_CHILD_SUBREAPER, 0);
    std::remove(pid_file.c_str());
}

TEST(IsolatedValidation, TheTimeLimitGrowsWithTheFile) {
    EXPECT_EQ(validation_time_limit(0), 10s);
    EXPECT_EQ(validation_time_limit(std::uintmax_t{5} << 20), 30s);
    EXPECT_EQ(validation_time_limit(std::uintmax_t{4} << 30), 16394s);
}

} // namespace
} // namespace migsim
