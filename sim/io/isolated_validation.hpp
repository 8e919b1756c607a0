#pragma once
// `migsim validate` in a child process, with a time limit. The HDF5 library (1.10) trusts parts of a
// file that carry no checksum, such as the heap of variable-length strings: a damaged file can make
// it crash, or loop for ever, which no check of ours can prevent. In a child process a crash becomes
// a message about the file, and a child that runs past its time limit is killed and reported the
// same way: exit status 1, never a crash or a hang of migsim. The child dies with the parent, so an
// interrupted `migsim validate` leaves no process spinning behind.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace migsim {

struct IsolatedValidation {
    std::vector<std::string> problems; ///< as the check gives them, or the crash or the time-out
};

/// How long the check of a file of `bytes` bytes may take before it is taken for a hang: 10 s, plus
/// 1 s for every 256 KiB. A valid file is checked at about 4 MiB of file per second on one core (the
/// full baseline, 2.8 MB, in 0.7 s), so the limit leaves a margin of 16 for a loaded machine or a
/// sanitizer build: a check that takes longer is stuck, not slow.
std::chrono::seconds validation_time_limit(std::uintmax_t bytes);

/// Runs `check` in a child process and returns its problems; when the child crashes, or is still
/// running after `limit` (it is then killed), a problem says that `path` is damaged. Runs `check` in
/// this process when no child can be started.
IsolatedValidation run_isolated(const std::string& path,
                                const std::function<std::vector<std::string>()>& check,
                                std::chrono::milliseconds limit);

/// validate_output(path) run by run_isolated, within `limit`.
IsolatedValidation validate_isolated(const std::string& path, bool layout_only,
                                     std::chrono::milliseconds limit);

} // namespace migsim
