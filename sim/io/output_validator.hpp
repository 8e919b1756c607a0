#pragma once
// `migsim validate`: checks an output file against the declared layout, then its data.
#include "io/output_schema.hpp"

#include <hdf5.h>

#include <string>
#include <string_view>
#include <vector>

namespace migsim {

struct ValidateOptions {
    /// Only the layout (today's fast check), not the values and the identities.
    bool layout_only = false;
};

/// Problems found in the file at `path`, one message each naming the group, dataset or attribute;
/// empty when the file is valid. The layout: every declared group, dimension scale and dataset
/// present, element type, dims through the attached dimension scales (in order), shapes equal to
/// the scale lengths, fixed labels, `units` and `description`; the declared attributes of /meta and
/// that schema_version is this schema's; no undeclared datasets in declared groups. Then, unless
/// options.layout_only, the data: every dataset read in full (a damaged chunk fails its checksum or
/// its decompression), float values finite, values within the declared min and max, and every
/// declared identity holding in every cell. A missing or unreadable file is a problem, not an
/// exception; memory stays bounded whatever sizes the file claims.
std::vector<std::string> validate_output(const std::string& path, const ValidateOptions& options = {});

/// The same against another schema.
std::vector<std::string> validate_output(const std::string& path, const OutputSchema& schema,
                                         const ValidateOptions& options = {});

/// The same on the bytes of a file already in memory; `name` names it in messages.
std::vector<std::string> validate_output_image(std::string_view image, const std::string& name,
                                               const OutputSchema& schema,
                                               const ValidateOptions& options = {});

/// The same on a file already open (an HDF5 file identifier), e.g. one edited in memory.
std::vector<std::string> validate_open_output(hid_t file, const OutputSchema& schema,
                                              const ValidateOptions& options = {});

} // namespace migsim
