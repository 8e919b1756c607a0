#pragma once
// Memory running out, on any thread: a failed allocation inside the run's parallel loops (where no
// handler of exceptions can reach it: the C++ runtime aborted with "terminate called after throwing
// std::bad_alloc", exit 134), or the OpenMP runtime failing to start a thread or to allocate (it
// ends the process with exit(1) after its own message). Either way migsim says that memory ran out
// and how much the run needs, removes the file of its output being written (io/interrupt_cleanup.hpp,
// so that an output already there stays untouched) and exits with status 1.
#include <string>

namespace migsim {

/// Installs the handler of failed allocations and the one of an exit from a library (once, from
/// main, before anything else).
void install_out_of_memory_handling();

/// What the message adds once a run is known: how much memory it needs (and then what became of its
/// output). Allocates here, so that the handlers need not.
void set_memory_needed(const std::string& words);

/// main is returning: an exit() from here on is migsim's own, not a library's.
void mark_normal_exit();

} // namespace migsim
