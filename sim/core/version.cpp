#include "core/version.hpp"

namespace migsim {

std::string_view version() {
    return MIGSIM_VERSION;
}

} // namespace migsim
