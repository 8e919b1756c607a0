#include "isolated_validation.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>

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

[[noreturn]] void child(int fd, const std::string& path, bool layout_only) {
    // A crash must kill the child, to be seen by the parent as the file's fault; the sanitizers'
    // handlers of these signals would turn it into a report and an exit status instead. (Reports of
    // memory errors in migsim's own code are not signals and still appear.)
    for (const int fatal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
        std::signal(fatal, SIG_DFL);
    std::string message;
    try {
        message = encode(validate_output(path, {.layout_only = layout_only}));
    } catch (const std::exception& error) {
        message = encode({path + ": cannot validate: " + error.what()});
    }
    const bool sent = write_all(fd, message);
    ::close(fd);
    // _exit: the parent's buffered output and exit handlers are not the child's to run.
    ::_exit(sent ? 0 : 1);
}

} // namespace

IsolatedValidation validate_isolated(const std::string& path, bool layout_only) {
    IsolatedValidation result;
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0) {
        result.problems = validate_output(path, {.layout_only = layout_only});
        return result;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        result.problems = validate_output(path, {.layout_only = layout_only});
        return result;
    }
    if (pid == 0) {
        ::close(pipe_ends[0]);
        child(pipe_ends[1], path, layout_only);
    }
    ::close(pipe_ends[1]);
    std::string text;
    char buffer[65536];
    while (true) {
        const ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(pipe_ends[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    bool complete = false;
    result.problems = decode(text, complete);
    if (!complete || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) + " (" +
                                                          strsignal(WTERMSIG(status)) + ")"
                                                    : "exit status " + std::to_string(WEXITSTATUS(status));
        result.problems.push_back(path + ": the file is damaged: reading it made the HDF5 library fail (" +
                                  how + ")");
    }
    return result;
}

} // namespace migsim
