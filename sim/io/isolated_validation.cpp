#include "io/isolated_validation.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/output_validator.hpp"

namespace migsim {

namespace {

bool write_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        done += static_cast<std::size_t>(written);
    }
    return true;
}

/// Problems travel as lines (a problem holds no line break: names and values in it are printed
/// escaped by the command) ended by a line "end", so that a child that dies half-way is noticed.
std::string encode(const std::vector<std::string>& problems) {
    std::string text;
    for (const std::string& problem : problems) {
        for (const char c : problem)
            text += c == '\n' ? ' ' : c;
        text += '\n';
    }
    return text + "end\n";
}

std::vector<std::string> decode(const std::string& text, bool& complete) {
    std::vector<std::string> problems;
    std::size_t begin = 0;
    complete = false;
    while (begin < text.size()) {
        const std::size_t end = text.find('\n', begin);
        if (end == std::string::npos)
            break;
        std::string line = text.substr(begin, end - begin);
        begin = end + 1;
        if (line == "end") {
            complete = begin == text.size();
            break;
        }
        problems.push_back(std::move(line));
    }
    return problems;
}

[[noreturn]] void child(int fd, pid_t parent, const std::string& path,
                        const std::function<std::vector<std::string>()>& check) {
    // Killed when the parent ends, however it ends (an interrupt, a kill): a check stuck in the
    // HDF5 library must not go on spinning as an orphan. The parent may have ended before the
    // request took effect; then it is already an orphan and stops here.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent)
        ::_exit(1);
    // A crash must kill the child, to be seen by the parent as the file's fault; the sanitizers'
    // handlers of these signals would turn it into a report and an exit status instead. (Reports of
    // memory errors in migsim's own code are not signals and still appear.)
    for (const int fatal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
        std::signal(fatal, SIG_DFL);
    std::string message;
    try {
        message = encode(check());
    } catch (const std::exception& error) {
        message = encode({path + ": cannot validate: " + error.what()});
    }
    const bool sent = write_all(fd, message);
    ::close(fd);
    // _exit: the parent's buffered output and exit handlers are not the child's to run.
    ::_exit(sent ? 0 : 1);
}

/// Reads the child's report until it closes its end or `deadline` passes; false on a time-out.
bool read_until(int fd, std::chrono::steady_clock::time_point deadline, std::string& text) {
    char buffer[65536];
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd ready{fd, POLLIN, 0};
        const int events = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
        if (events < 0 && errno == EINTR)
            continue;
        if (events < 0)
            return true; // the pipe is unusable: what was read is judged as it is
        if (events == 0)
            continue; // the deadline is checked above
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return true;
        text.append(buffer, static_cast<std::size_t>(got));
    }
}

std::string whole_seconds(std::chrono::milliseconds limit) {
    const long long tenths = (limit.count() + 50) / 100;
    return tenths % 10 == 0 ? std::to_string(tenths / 10)
                            : std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

} // namespace

std::chrono::seconds validation_time_limit(std::uintmax_t bytes) {
    constexpr std::uintmax_t bytes_per_second = 256 << 10;
    return std::chrono::seconds(10 + static_cast<long long>(bytes / bytes_per_second));
}

IsolatedValidation run_isolated(const std::string& path,
                                const std::function<std::vector<std::string>()>& check,
                                std::chrono::milliseconds limit) {
    IsolatedValidation result;
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        result.problems = check();
        return result;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        result.problems = check();
        return result;
    }
    if (pid == 0) {
        ::close(pipe_ends[0]);
        child(pipe_ends[1], parent, path, check);
    }
    ::close(pipe_ends[1]);
    std::string text;
    const bool finished = read_until(pipe_ends[0], std::chrono::steady_clock::now() + limit, text);
    ::close(pipe_ends[0]);
    if (!finished)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    bool complete = false;
    result.problems = decode(text, complete);
    if (!finished) {
        result.problems.push_back(path + ": the file is damaged: the check did not finish in " +
                                  whole_seconds(limit) + " s (the HDF5 library is stuck in it)");
    } else if (!complete || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) + " (" +
                                                          strsignal(WTERMSIG(status)) + ")"
                                                    : "exit status " + std::to_string(WEXITSTATUS(status));
        result.problems.push_back(path + ": the file is damaged: reading it made the HDF5 library fail (" +
                                  how + ")");
    }
    return result;
}

IsolatedValidation validate_isolated(const std::string& path, bool layout_only,
                                     std::chrono::milliseconds limit) {
    return run_isolated(
        path, [&] { return validate_output(path, {.layout_only = layout_only}); }, limit);
}

} // namespace migsim
