#pragma once
#include <string_view>

namespace migsim {

/// The migsim version, as written to /meta/migsim_version.
std::string_view version();

} // namespace migsim
