#pragma once
// Reading an input file (the scenario, a table) whole, within a size limit. Only a regular file is
// read: a folder, a device such as /dev/zero, a FIFO or a socket is refused before a byte is read,
// so a wrong path can neither block migsim nor fill the memory.
#include <cstddef>
#include <string>

namespace migsim {

struct InputFile {
    std::string content;
    std::string error; ///< why the file could not be read ("is a FIFO, not a file"), empty = read

    bool ok() const { return error.empty(); }
};

/// The contents of the regular file at `path` of at most `max_bytes` bytes.
InputFile read_input_file(const std::string& path, std::size_t max_bytes);

} // namespace migsim
