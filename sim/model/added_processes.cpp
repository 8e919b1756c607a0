// The list of processes added after those of Model::step (model/process.hpp): a new process is a
// file of its own and one line here. The processes of the first version are listed in
// Model::step, whose order is part of every output.
#include <vector>

#include "model/process.hpp"

namespace migsim {

std::span<const ProcessFactory> added_processes() {
    // One entry per added process, in the order they act each month: `&make_<process>,`.
    static const std::vector<ProcessFactory> list = {};
    return list;
}

} // namespace migsim
