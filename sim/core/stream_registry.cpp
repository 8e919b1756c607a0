#include "core/stream_registry.hpp"

#include <stdexcept>

namespace migsim {

StreamId StreamRegistry::declare(StreamId id, std::string name, std::string owner) {
    for (const Entry& entry : entries_) {
        if (entry.id == id)
            throw std::logic_error("stream " + name + " of " + owner + " has the id of stream " + entry.name +
                                   " of " + entry.owner);
        if (entry.name == name)
            throw std::logic_error("stream " + name + " declared by both " + entry.owner + " and " + owner);
    }
    entries_.push_back({id, std::move(name), std::move(owner)});
    return id;
}

} // namespace migsim
