#pragma once
#include <string>
#include <vector>

#include "core/rng.hpp"

namespace migsim {

/// The streams a run draws from, each declared by the process that owns it; two processes never
/// share a stream unless they say so (shared streams are declared once, by their owner).
class StreamRegistry {
public:
    struct Entry {
        StreamId id;
        std::string name;  ///< "fertility"
        std::string owner; ///< the process or source that draws from it
    };
    /// Declares a stream; throws std::logic_error if its id or name is already declared.
    StreamId declare(StreamId id, std::string name, std::string owner);
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::vector<Entry> entries_;
};

} // namespace migsim
