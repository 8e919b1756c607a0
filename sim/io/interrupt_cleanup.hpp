#pragma once
// What becomes of the output when migsim must end at once: Ctrl-C (SIGINT), SIGTERM and SIGHUP, or
// memory running out. A file of migsim's that is not a complete output is removed before it exits,
// never left half-written, and the message says what is true at that moment: no output was written,
// the unfinished output was removed, or the output is complete (an interrupt after the rename).
//
// The stage of the output is kept in fixed buffers and an atomic, so that a signal handler, or a
// handler of a failed allocation, on any thread and at any moment, can act on it without allocating.
namespace migsim {

/// Installs the signal handlers (once, from main): each calls end_output_now(), says what it did on
/// stderr and exits with status 128 + the signal's number (130 for SIGINT, 143 for SIGTERM, 129 for
/// SIGHUP).
void install_interrupt_cleanup();

// The stages of the output's file, in order. Each change from one to the next is a single store, so
// that no moment passes in which a file exists that the handlers do not know of.

/// `path` is a file of migsim's that holds no output: a probe of the output's folder, or the
/// temporary file of the output while it is created. Set before the file is created.
void set_interrupt_scratch(const char* path);
/// The scratch file now holds the output being written, to be renamed to `output`.
void set_interrupt_unfinished(const char* output);
/// The output is complete: renamed into place. Nothing is removed any more.
void set_interrupt_complete();
/// The scratch or unfinished file holds no output any more: it is about to be removed after a
/// failed write.
void set_interrupt_abandoned();
/// Nothing of migsim's is on disk (before the output is written, or once a scratch file is gone).
void clear_interrupt_temporary();

/// Removes the file of the stage above, if any, and returns the words that end a message saying
/// what became of the output: "; no output was written", "; the unfinished output was removed",
/// "; the output 'x.h5' is complete". Async-signal-safe; called once, when migsim ends at once.
const char* end_output_now();

} // namespace migsim
