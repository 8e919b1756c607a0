#include "out_of_memory.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include <unistd.h>

#include "io/interrupt_cleanup.hpp"

namespace migsim {

namespace {

// Read by the handlers on any thread: a fixed buffer and atomic flags, no allocation.
char memory_needed[512];
std::atomic<bool> memory_needed_set{false};
std::atomic<bool> normal_exit{false};
std::atomic<bool> ending{false};

void say(const char* text) {
    const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

[[noreturn]] void end_for_want_of_memory(const char* how) {
    // The first thread to get here ends the process; another that runs out meanwhile waits for it.
    if (ending.exchange(true))
        while (true)
            ::pause();
    say("\nmigsim: out of memory");
    say(how);
    // Once a run is known: what it needs, and what became of its output.
    if (memory_needed_set.load()) {
        say(memory_needed);
        say(end_output_now());
    }
    say("\n");
    ::_exit(1);
}

/// Called by operator new, on the thread whose allocation failed, instead of throwing std::bad_alloc.
void on_failed_allocation() {
    end_for_want_of_memory("");
}

/// An exit that is not main's return: the OpenMP runtime's fatal error ("Thread creation failed",
/// "Out of memory allocating ..."), which it has just printed.
extern "C" void on_exit_from_a_library() {
    if (!normal_exit.load())
        end_for_want_of_memory(
            " (the OpenMP runtime could not start a thread or allocate: its message is above)");
}

} // namespace

void install_out_of_memory_handling() {
    std::set_new_handler(on_failed_allocation);
    std::atexit(on_exit_from_a_library);
}

void set_memory_needed(const std::string& words) {
    memory_needed_set.store(false);
    const std::size_t n = std::min(words.size(), sizeof memory_needed - 1);
    std::memcpy(memory_needed, words.data(), n);
    memory_needed[n] = '\0';
    memory_needed_set.store(true);
}

void mark_normal_exit() {
    normal_exit.store(true);
}

} // namespace migsim
