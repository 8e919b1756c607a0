#pragma once
// Ctrl-C (SIGINT), SIGTERM and SIGHUP while an output is written: the temporary file is removed
// before migsim exits, so that an interrupted run leaves nothing behind, never a half-written file.
namespace migsim {

/// Installs the handlers (once, from main): each removes the temporary file being written, if any,
/// says so on stderr and exits with status 128 + the signal's number (130 for SIGINT, 143 for
/// SIGTERM, 129 for SIGHUP).
void install_interrupt_cleanup();

/// The temporary file the handlers remove: set as soon as it exists, cleared once it is renamed or
/// removed. One at a time; `path` is copied.
void set_interrupt_temporary(const char* path);
void clear_interrupt_temporary();

} // namespace migsim
