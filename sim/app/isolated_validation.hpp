#pragma once
// `migsim validate` in a child process. The HDF5 library (1.10) trusts parts of a file that carry no
// checksum, such as the heap of variable-length strings: a damaged file can make it crash, which no
// check of ours can prevent. In a child process such a crash becomes a message about the file and
// exit status 1 instead of a crash of migsim.
#include <string>
#include <vector>

namespace migsim {

struct IsolatedValidation {
    std::vector<std::string> problems; ///< as validate_output gives them, or the crash
};

/// Runs validate_output(path) in a child process and collects its problems; runs it in this process
/// when no child can be started.
IsolatedValidation validate_isolated(const std::string& path, bool layout_only);

} // namespace migsim
