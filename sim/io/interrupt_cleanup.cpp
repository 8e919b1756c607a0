#include "io/interrupt_cleanup.hpp"

#include <atomic>
#include <csignal>
#include <cstring>

#include <unistd.h>

namespace migsim {

namespace {

// Read by the handler, which may run on any thread at any moment: a fixed buffer and an atomic
// flag, no allocation. The flag is raised after the path is complete and lowered before it changes.
char temporary_path[4096];
std::atomic<bool> temporary_set{false};

void say(const char* text) {
    // write(2) is async-signal-safe; what it returns cannot be acted upon here.
    const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

extern "C" void on_interrupt(int signal_number) {
    const bool had_temporary = temporary_set.exchange(false);
    if (had_temporary)
        ::unlink(temporary_path);
    say("\nmigsim: interrupted (");
    say(signal_number == SIGINT ? "SIGINT" : signal_number == SIGTERM ? "SIGTERM" : "SIGHUP");
    say(had_temporary ? "); the unfinished output was removed\n" : "); no output was written\n");
    ::_exit(128 + signal_number);
}

} // namespace

void install_interrupt_cleanup() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    // While one handler runs, the others wait: the process exits from the first.
    for (const int blocked : {SIGINT, SIGTERM, SIGHUP})
        sigaddset(&action.sa_mask, blocked);
    for (const int caught : {SIGINT, SIGTERM, SIGHUP}) {
        // A signal ignored when migsim starts (a background job of a shell script, nohup) stays
        // ignored, as the shell meant.
        struct sigaction current {};
        if (sigaction(caught, nullptr, &current) == 0 && current.sa_handler == SIG_IGN)
            continue;
        sigaction(caught, &action, nullptr);
    }
}

void set_interrupt_temporary(const char* path) {
    temporary_set.store(false);
    std::strncpy(temporary_path, path, sizeof temporary_path - 1);
    temporary_path[sizeof temporary_path - 1] = '\0';
    temporary_set.store(std::strlen(path) < sizeof temporary_path);
}

void clear_interrupt_temporary() {
    temporary_set.store(false);
}

} // namespace migsim
