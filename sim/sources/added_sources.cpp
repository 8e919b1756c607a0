// The list of sources added after the population register (sources/source.hpp): a new source is a
// file of its own, one line here and its output fragment listed in
// output_schemas/migsim_output.toml, after the register's scores, in the same order.
#include <vector>

#include "sources/source.hpp"

namespace migsim {

std::span<const SourceFactory> added_sources() {
    // One entry per added source, in the order they observe and write: `&make_<source>,`.
    static const std::vector<SourceFactory> list = {};
    return list;
}

} // namespace migsim
