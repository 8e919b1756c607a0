#pragma once
// `migsim validate`: checks an output file against the declared layout.
#include "io/output_schema.hpp"

#include <string>
#include <vector>

namespace migsim {

/// Problems found in the file at `path`, one message each naming the group, dataset or attribute;
/// empty when the file is valid. Checks every declared group, dimension scale and dataset: present,
/// element type, dims through the attached dimension scales (in order), shapes equal to the scale
/// lengths, fixed labels, `units` and `description`; the declared attributes of /meta and that
/// schema_version is this schema's; and that declared groups hold no undeclared datasets.
/// A missing or unreadable file is a problem, not an exception.
std::vector<std::string> validate_output(const std::string& path);

/// The same against another schema.
std::vector<std::string> validate_output(const std::string& path, const OutputSchema& schema);

} // namespace migsim
