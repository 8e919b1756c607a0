#pragma once
// What is at a path that is not a regular file, for messages: "a folder", "a FIFO", ... Shared by
// the readers of scenarios and tables and by the output path's checks.
#include <sys/stat.h>

namespace migsim {

/// "a symbolic link", "a folder", "a device", "a FIFO", "a socket", or "not a regular file".
const char* file_kind(mode_t mode);

} // namespace migsim
