#pragma once
// The labels of a dimension scale as `migsim validate` reads them, and what they must be: unique,
// text that is UTF-8 and printable, and what the schema's dimension declares (output_schema.hpp):
// consecutive numbers from `first`, the years of the run that /meta describes, as many labels as a
// value of the resolved scenario says, the names it lists. Internal to sim/io.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/output_meta_check.hpp"
#include "io/output_schema.hpp"

namespace migsim {

struct Labels {
    bool is_text = false;
    std::vector<std::int64_t> numbers;
    std::vector<std::string> texts;

    std::size_t size() const { return is_text ? texts.size() : numbers.size(); }
    std::string label(std::size_t i) const { return is_text ? texts[i] : std::to_string(numbers[i]); }
    bool operator==(const Labels&) const = default;
};

/// Whether `text` may be a text label or the text beside one: non-empty UTF-8 without control
/// characters.
bool is_printable_text(const std::string& text);

/// The checksum of the labels as the writer stores it (io/output_checksums.hpp); nothing when a
/// number does not fit the 32 bits labels are written with.
std::optional<std::uint64_t> labels_checksum(const Labels& labels);

/// What is wrong with `labels`, the labels of the dimension scale `where` declared as `declared`, in
/// a file whose /meta says `run`; one message each.
std::vector<std::string> label_problems(const std::string& where, const DimensionSchema& declared,
                                        const Labels& labels, const RunFacts& run);

} // namespace migsim
