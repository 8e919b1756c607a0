#include "io/interrupt_cleanup.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include <unistd.h>

#include "core/text.hpp"

namespace migsim {

namespace {

enum Stage : int {
    nothing,    ///< nothing of migsim's on disk
    scratch,    ///< a file that holds no output: removed, "no output was written"
    unfinished, ///< the temporary file of the output: removed, or already renamed (complete)
    complete,   ///< the output is in place
};

// Read by the handlers, which may run on any thread at any moment: fixed buffers and an atomic stage.
// The stage is lowered to `nothing` before a buffer changes and raised once it is complete.
char temporary_path[4096];
char complete_words[4096 + 64];
std::atomic<int> stage{nothing};

void copy_into(char* buffer, std::size_t size, const std::string& text) {
    const std::size_t n = std::min(text.size(), size - 1);
    std::memcpy(buffer, text.data(), n);
    buffer[n] = '\0';
}

/// The words for a complete output, composed (and escaped) here, where allocating is allowed.
void set_complete_words(const char* output) {
    copy_into(complete_words, sizeof complete_words,
              concat({"; the output '", printable(output, 200), "' is complete"}));
}

void say(const char* text) {
    // write(2) is async-signal-safe; what it returns cannot be acted upon here.
    const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

extern "C" void on_interrupt(int signal_number) {
    say("\nmigsim: interrupted (");
    say(signal_number == SIGINT ? "SIGINT" : signal_number == SIGTERM ? "SIGTERM" : "SIGHUP");
    say(")");
    say(end_output_now());
    say("\n");
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

void set_interrupt_scratch(const char* path) {
    stage.store(nothing);
    copy_into(temporary_path, sizeof temporary_path, path);
    stage.store(std::strlen(path) < sizeof temporary_path ? scratch : nothing);
}

void set_interrupt_unfinished(const char* output) {
    // The words are read only in the later stages: composing them leaves a scratch file known.
    if (stage.load() != scratch)
        return;
    set_complete_words(output);
    stage.store(unfinished);
}

void set_interrupt_complete() {
    if (stage.load() == unfinished)
        stage.store(complete);
}

void set_interrupt_abandoned() {
    if (stage.load() == unfinished)
        stage.store(scratch);
}

void clear_interrupt_temporary() {
    stage.store(nothing);
}

const char* end_output_now() {
    // Taken once: a second caller (another thread's handler) finds nothing left to do.
    switch (stage.exchange(nothing)) {
    case scratch:
        ::unlink(temporary_path);
        return "; no output was written";
    case unfinished:
        // The rename may have happened just before: then the temporary name is gone and the output
        // is in place, complete. Either way nothing half-written remains.
        if (::unlink(temporary_path) != 0 && errno == ENOENT)
            return complete_words;
        return "; the unfinished output was removed";
    case complete:
        return complete_words;
    default:
        return "; no output was written";
    }
}

} // namespace migsim
