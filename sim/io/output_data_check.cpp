#include "io/output_data_check.hpp"
#include "io/hdf5_handles.hpp"
#include "io/identity_term.hpp"
#include "io/output_checksums.hpp"
#include "io/output_labels.hpp"
#include "io/output_meta_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <unordered_map>

namespace migsim {

namespace {

/// Values read at a time: a block of a dataset in memory, whatever the dataset's size.
constexpr hsize_t block_elements = hsize_t{1} << 20;
/// An identity is summed one label of its first `over` dim at a time (one year); the sums of a slab
/// larger than this are not held in memory, and the identity is not checked.
constexpr hsize_t max_slab_elements = hsize_t{1} << 26;
/// Offending values or cells listed per dataset or identity; the others are counted.
constexpr long long max_listed = 3;

// Identities are summed in long double: exact for sums of int32 counts (at most 2^26 x 2^31 < 2^57
// per slab) where the format has a mantissa of 64 bits or more (x86-64, aarch64).
static_assert(std::numeric_limits<long double>::digits >= 64, "sums of counts must be exact");

std::string format_value(long double value) {
    char text[64];
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e18L)
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
    else
        std::snprintf(text, sizeof text, "%.17Lg", value);
    return text;
}

/// The product of `sizes`, or nothing when it exceeds `limit`.
std::optional<hsize_t> bounded_product(const std::vector<hsize_t>& sizes, hsize_t limit) {
    hsize_t product = 1;
    for (const hsize_t size : sizes) {
        if (size != 0 && product > limit / size)
            return std::nullopt;
        product *= size;
    }
    return product <= limit ? std::optional(product) : std::nullopt;
}

/// Reads a box of a dataset (a start and a count per axis) in blocks of at most block_elements
/// values, calling use(block_start, block_count, values) for each. False when a read fails; the
/// HDF5 detail is in `error`.
template <class Value, class Use>
bool read_box(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start,
              const std::vector<hsize_t>& count, std::string& error, const Use& use) {
    const std::size_t rank = count.size();
    if (std::any_of(count.begin(), count.end(), [](hsize_t n) { return n == 0; }))
        return true;
    if (rank == 0) { // a scalar
        std::vector<Value> value(1);
        if (H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value.data()) < 0) {
            error = hdf5::last_error_detail();
            return false;
        }
        use(start, count, value);
        return true;
    }
    // Blocks are whole along the axes after `split`, a run of `step` along `split` and single along
    // the axes before it; `split` is the first axis after which whole blocks fit.
    std::size_t split = rank - 1;
    hsize_t inner = 1; // the product of count[split + 1 ..]
    while (split > 0 && count[split] <= block_elements / inner) {
        inner *= count[split];
        --split;
    }
    const hsize_t step = std::max<hsize_t>(1, std::min(count[split], block_elements / inner));

    const hdf5::Dataspace file_space(H5Dget_space(dataset));
    if (!file_space) {
        error = hdf5::last_error_detail();
        return false;
    }
    std::vector<hsize_t> block_start = start;
    std::vector<hsize_t> block_count(rank, 1);
    for (std::size_t axis = split + 1; axis < rank; ++axis)
        block_count[axis] = count[axis];
    std::vector<Value> values;
    while (true) {
        block_count[split] = std::min(step, start[split] + count[split] - block_start[split]);
        hsize_t n = 1;
        for (const hsize_t c : block_count)
            n *= c;
        values.resize(static_cast<std::size_t>(n));
        const hdf5::Dataspace memory_space(H5Screate_simple(1, &n, nullptr));
        if (!memory_space ||
            H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, block_start.data(), nullptr,
                                block_count.data(), nullptr) < 0 ||
            H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values.data()) <
                0) {
            error = hdf5::last_error_detail();
            return false;
        }
        use(block_start, block_count, values);
        // The next block: along `split`, then the odometer of the axes before it.
        block_start[split] += block_count[split];
        std::size_t axis = split;
        while (block_start[axis] >= start[axis] + count[axis]) {
            if (axis == 0)
                return true;
            block_start[axis] = start[axis];
            --axis;
            ++block_start[axis];
        }
    }
}

/// Calls at(index) for each multi-index of a block, in row-major order.
template <class At>
void for_each_index(const std::vector<hsize_t>& block_start, const std::vector<hsize_t>& block_count,
                    const At& at) {
    std::vector<hsize_t> index = block_start;
    const std::size_t rank = index.size();
    std::size_t k = 0;
    while (true) {
        at(index, k++);
        std::size_t axis = rank;
        while (axis > 0) {
            --axis;
            if (++index[axis] < block_start[axis] + block_count[axis])
                break;
            index[axis] = block_start[axis];
            if (axis == 0)
                return;
        }
        if (rank == 0)
            return;
    }
}

class DataChecker {
public:
    DataChecker(hid_t file, const OutputSchema& schema, const CheckedLayout& layout, const RunFacts& run,
                std::vector<std::string>& problems)
        : file_(file), schema_(schema), layout_(layout), run_(run), problems_(problems) {}

    /// The labels of every dimension scale; those of a dimension that is not years of the run are the
    /// same in every group (the areas of /truth are those of /inputs).
    void check_scales() {
        std::map<std::string, std::pair<std::string, const Labels*>> first_of_dimension;
        for (const GroupSchema& group : schema_.groups)
            for (const DimensionSchema& dimension : group.dimensions) {
                const Labels* read = labels(group.path, dimension.name);
                if (read == nullptr || dimension.run_years != RunYears::none)
                    continue;
                const auto [first, inserted] =
                    first_of_dimension.try_emplace(dimension.name, group.path + "/" + dimension.name, read);
                if (!inserted && !(*first->second.second == *read))
                    problem(group.path + "/" + dimension.name,
                            "labels differ from those of " + first->second.first);
            }
    }

    void check_values() {
        for (const GroupSchema& group : schema_.groups)
            for (const DatasetSchema& dataset : group.datasets)
                check_values(group, dataset);
    }

    void check_identities() {
        for (const IdentitySchema& identity : schema_.identities)
            check_identity(identity);
    }

private:
    void problem(const std::string& where, const std::string& what) {
        problems_.push_back(where + ": " + what);
    }

    /// The labels of a valid dimension scale, read once; null (and a problem) when unreadable.
    const Labels* labels(const std::string& group_path, const std::string& dim) {
        const std::string path = group_path + "/" + dim;
        if (const auto cached = labels_.find(path); cached != labels_.end())
            return cached->second.get();
        std::unique_ptr<Labels>& slot = labels_[path];
        if (!layout_.dimension_lengths.count(path))
            return nullptr; // reported by the layout check
        const GroupSchema* group = schema_.find_group(group_path);
        const DimensionSchema* declared = group ? group->find_dimension(dim) : nullptr;
        const hdf5::Dataset scale(H5Dopen2(file_, path.c_str(), H5P_DEFAULT));
        if (!declared || !scale) {
            problem(path, "cannot open the labels: " + hdf5::last_error_detail());
            return nullptr;
        }
        auto read = std::make_unique<Labels>();
        read->is_text = declared->kind == LabelKind::string;
        bool ok = false;
        if (read->is_text) {
            if (auto texts = hdf5::read_string_labels(scale.get(), max_dimension_labels)) {
                read->texts = std::move(*texts);
                ok = true;
            }
        } else if (auto numbers = hdf5::read_integer_labels(scale.get(), max_dimension_labels)) {
            read->numbers = std::move(*numbers);
            ok = true;
        }
        if (!ok) {
            problem(path, "cannot read the labels: " + hdf5::last_error_detail());
            return nullptr;
        }
        // Labels are stored without a checksum of HDF5's (text in the heap of variable-length
        // strings, numbers uncompressed): the one the writer stored covers every byte of them.
        if (const auto stored = layout_.checksums.find(path);
            stored != layout_.checksums.end() && labels_checksum(*read) != stored->second) {
            problem(path, "the labels do not match their checksum: the file is damaged or was edited");
            return nullptr;
        }
        const std::vector<std::string> wrong = label_problems(path, *declared, *read, run_);
        problems_.insert(problems_.end(), wrong.begin(), wrong.end());
        if (!wrong.empty())
            return nullptr;
        slot = std::move(read);
        return slot.get();
    }

    /// The shape of a usable dataset, from its dimension scales.
    std::vector<hsize_t> shape_of(const GroupSchema& group, const DatasetSchema& dataset) const {
        std::vector<hsize_t> shape;
        for (const std::string& dim : dataset.dims)
            shape.push_back(layout_.dimension_lengths.at(group.path + "/" + dim));
        return shape;
    }

    /// "year=2014, area=A003, sex=female" for a multi-index over `dims`.
    std::string describe(const GroupSchema& group, const std::vector<std::string>& dims,
                         const std::vector<hsize_t>& index) {
        std::string text;
        for (std::size_t axis = 0; axis < dims.size(); ++axis) {
            const Labels* known = labels(group.path, dims[axis]);
            if (axis > 0)
                text += ", ";
            text += dims[axis];
            text += '=';
            if (known && index[axis] < known->size())
                text += known->label(index[axis]);
            else
                text += '#' + std::to_string(index[axis]);
        }
        return text;
    }

    void check_values(const GroupSchema& group, const DatasetSchema& declared) {
        const std::string where = group.path + "/" + declared.name;
        if (!layout_.datasets.count(where))
            return; // its layout is reported
        const std::vector<hsize_t> shape = shape_of(group, declared);
        if (!bounded_product(shape, max_checked_elements)) {
            problem(where, "has more values than any migsim output; they are not checked");
            return;
        }
        const hdf5::Dataset dataset(H5Dopen2(file_, where.c_str(), H5P_DEFAULT));
        if (!dataset) {
            problem(where, "cannot open: " + hdf5::last_error_detail());
            return;
        }
        struct Finding {
            long long count = 0;
            double first = 0.0;
            std::vector<hsize_t> at;
        };
        Finding not_finite, below, above;
        Checksum checksum;
        const bool integral = declared.dtype == ElementType::int32;
        const auto note = [](Finding& finding, double value, const std::vector<hsize_t>& index) {
            if (finding.count++ == 0) {
                finding.first = value;
                finding.at = index;
            }
        };
        std::string error;
        const bool read = read_box<double>(
            dataset.get(), H5T_NATIVE_DOUBLE, std::vector<hsize_t>(shape.size(), 0), shape, error,
            [&](const std::vector<hsize_t>& start, const std::vector<hsize_t>& count,
                const std::vector<double>& values) {
                for_each_index(start, count, [&](const std::vector<hsize_t>& index, std::size_t k) {
                    const double value = values[k];
                    // The values come in row-major order, as the writer's checksum took them. An int32
                    // dataset's values are exact in a double.
                    if (integral)
                        checksum.add(static_cast<std::int32_t>(value));
                    else
                        checksum.add(value);
                    if (!std::isfinite(value))
                        note(not_finite, value, index);
                    else if (declared.min && value < *declared.min)
                        note(below, value, index);
                    else if (declared.max && value > *declared.max)
                        note(above, value, index);
                });
            });
        if (!read) {
            problem(where, "cannot read the values (the file is damaged): " + error);
            return;
        }
        if (const auto stored = layout_.checksums.find(where);
            stored != layout_.checksums.end() && checksum.value() != stored->second)
            problem(where, "the values do not match their checksum: the file is damaged or was edited");
        const auto report = [&](const Finding& finding, const std::string& what) {
            if (finding.count > 0)
                problem(where, std::to_string(finding.count) + " value" +
                                   (finding.count == 1 ? " is " : "s are ") + what + ", the first " +
                                   format_value(finding.first) + " at " +
                                   describe(group, declared.dims, finding.at));
        };
        report(not_finite, "not finite");
        if (declared.min)
            report(below, "below the minimum " + format_value(*declared.min));
        if (declared.max)
            report(above, "above the maximum " + format_value(*declared.max));
    }

    /// One term of an identity: its dataset, and how the identity's cells map onto its axes.
    struct Term {
        std::string path;    ///< as the identity writes it (with its selection, if any)
        std::string dataset; ///< the dataset's full path
        const GroupSchema* group = nullptr;
        const DatasetSchema* declared = nullptr;
        std::vector<hsize_t> shape;
        std::vector<std::size_t> axis_of_over; ///< the axis of each `over` dim
        /// For each `over` dim, the index in this term of each reference label (-1: absent).
        std::vector<std::vector<long long>> index_of;
        /// The dims a term selects one label of (io/identity_term.hpp): (axis, index of the label).
        std::vector<std::pair<std::size_t, hsize_t>> selected;
    };

    void check_identity(const IdentitySchema& identity) {
        const std::string where = "identity '" + identity.name + "'";
        std::vector<Term> terms;
        for (const std::string& written : identity.terms()) {
            const std::optional<IdentityTerm> parsed = parse_identity_term(written);
            if (!parsed || !layout_.datasets.count(parsed->dataset))
                return; // its layout is reported; the identity cannot be checked
            Term term;
            term.path = written;
            term.dataset = parsed->dataset;
            std::tie(term.group, term.declared) = schema_.find_dataset(parsed->dataset);
            term.shape = shape_of(*term.group, *term.declared);
            for (const auto& [dim, label] : parsed->selection) {
                const Labels* own = labels(term.group->path, dim);
                if (!own)
                    return;
                hsize_t index = 0;
                while (index < own->size() && own->label(index) != label)
                    ++index;
                if (index == own->size()) {
                    problem(where, "label '" + label + "' of " + dim + " is not in " + parsed->dataset);
                    return;
                }
                term.selected.emplace_back(
                    static_cast<std::size_t>(
                        std::find(term.declared->dims.begin(), term.declared->dims.end(), dim) -
                        term.declared->dims.begin()),
                    index);
            }
            for (const std::string& dim : identity.over)
                term.axis_of_over.push_back(static_cast<std::size_t>(
                    std::find(term.declared->dims.begin(), term.declared->dims.end(), dim) -
                    term.declared->dims.begin()));
            terms.push_back(std::move(term));
        }
        // Cells are the labels of the first term after the result (the first of plus, or the
        // numerator), found in every term by label: a cell that a term lacks is a problem, not a cell
        // skipped, and an identity over no cell checks nothing.
        const std::size_t n_over = identity.over.size();
        const Term& reference = terms[1];
        std::vector<const Labels*> reference_labels(n_over);
        for (std::size_t d = 0; d < n_over; ++d) {
            reference_labels[d] = labels(reference.group->path, identity.over[d]);
            if (!reference_labels[d])
                return;
            if (reference_labels[d]->size() == 0) {
                // A balance of the complete calendar years of a run shorter than one has none (its
                // labels are checked against /meta on their own).
                const GroupSchema* group = schema_.find_group(reference.group->path);
                const DimensionSchema* declared = group ? group->find_dimension(identity.over[d]) : nullptr;
                if (declared && declared->run_years == RunYears::complete_years)
                    return;
                problem(where,
                        "holds over no cell: " + reference.path + " has no label of " + identity.over[d]);
                return;
            }
        }
        for (std::size_t t = 0; t < terms.size(); ++t) {
            Term& term = terms[t];
            for (std::size_t d = 0; d < n_over; ++d) {
                const std::string& dim = identity.over[d];
                const Labels* own = labels(term.group->path, dim);
                if (!own)
                    return;
                const bool next = t == 0 && dim == identity.result_at_next;
                std::vector<long long>& index_of =
                    term.index_of.emplace_back(reference_labels[d]->size(), -1);
                if (own->is_text != reference_labels[d]->is_text) {
                    problem(where, "the labels of " + dim + " differ in kind between " + reference.path +
                                       " and " + term.path);
                    return;
                }
                const auto missing = [&](const std::string& label) {
                    problem(where, "label " + label + " of " + dim + " in " + reference.path + " is not in " +
                                       term.path +
                                       (next ? " (the result is read at the next " + dim + ")" : ""));
                };
                if (own->is_text) {
                    std::unordered_map<std::string, long long> position;
                    for (hsize_t i = 0; i < own->size(); ++i)
                        position.emplace(own->texts[i], static_cast<long long>(i));
                    for (hsize_t j = 0; j < reference_labels[d]->size(); ++j) {
                        const auto found = position.find(reference_labels[d]->texts[j]);
                        if (found == position.end()) {
                            missing("'" + reference_labels[d]->texts[j] + "'");
                            return;
                        }
                        index_of[j] = found->second;
                    }
                } else {
                    std::unordered_map<std::int64_t, long long> position;
                    for (hsize_t i = 0; i < own->size(); ++i)
                        position.emplace(own->numbers[i], static_cast<long long>(i));
                    for (hsize_t j = 0; j < reference_labels[d]->size(); ++j) {
                        const std::int64_t label = reference_labels[d]->numbers[j];
                        const auto found = next && label == std::numeric_limits<std::int64_t>::max()
                                               ? position.end()
                                               : position.find(next ? label + 1 : label);
                        if (found == position.end()) {
                            // A run that ends during its last calendar year has no 1 January after
                            // it: that year's result cannot be read, and the year is not checked
                            // (the stocks' years are checked against /meta on their own).
                            if (next && d == 0 && j + 1 == reference_labels[d]->size())
                                continue; // index_of[j] stays -1
                            missing(std::to_string(label));
                            return;
                        }
                        index_of[j] = found->second;
                    }
                }
            }
        }

        long long failures = 0;
        for (hsize_t outer = 0; outer < reference_labels[0]->size(); ++outer) {
            if (std::any_of(terms.begin(), terms.end(),
                            [&](const Term& term) { return term.index_of[0][outer] < 0; }))
                continue; // a last year without its result (above)
            std::vector<std::vector<long double>> sums;
            for (const Term& term : terms) {
                auto summed = slab_sums(term, static_cast<hsize_t>(term.index_of[0][outer]));
                if (!summed) {
                    if (!summed.error().empty())
                        problem(where, summed.error());
                    return;
                }
                sums.push_back(std::move(*summed));
            }
            failures += compare_cells(identity, terms, sums, reference_labels, outer, failures);
        }
        if (failures > max_listed)
            problem(where, std::to_string(failures - max_listed) + " more cells where it does not hold");
    }

    /// A value or a message; an empty message means: not checked, already reported.
    template <class T>
    class Result {
    public:
        Result(T value) : value_(std::move(value)) {}
        static Result failure(std::string message) {
            Result result{T{}};
            result.ok_ = false;
            result.error_ = std::move(message);
            return result;
        }
        explicit operator bool() const { return ok_; }
        T& operator*() { return value_; }
        const std::string& error() const { return error_; }

    private:
        T value_;
        bool ok_ = true;
        std::string error_;
    };

    /// The term's values at index `outer` of its first `over` dim, summed over the dims not in
    /// `over`: indexed by the term's own indices of the other `over` dims, row-major.
    Result<std::vector<long double>> slab_sums(const Term& term, hsize_t outer) {
        std::vector<hsize_t> start(term.shape.size(), 0);
        std::vector<hsize_t> count = term.shape;
        start[term.axis_of_over[0]] = outer;
        count[term.axis_of_over[0]] = 1;
        for (const auto& [axis, index] : term.selected) {
            start[axis] = index;
            count[axis] = 1;
        }
        if (!bounded_product(count, max_slab_elements))
            return Result<std::vector<long double>>::failure(term.path + " is too large to check");
        // Strides of the kept axes in the summed array.
        std::vector<hsize_t> kept_size;
        for (std::size_t d = 1; d < term.axis_of_over.size(); ++d)
            kept_size.push_back(term.shape[term.axis_of_over[d]]);
        const hsize_t cells = bounded_product(kept_size, max_slab_elements).value_or(0);
        std::vector<long double> sums(static_cast<std::size_t>(cells), 0.0L);
        const hdf5::Dataset dataset(H5Dopen2(file_, term.dataset.c_str(), H5P_DEFAULT));
        std::string error;
        const bool read =
            dataset &&
            read_box<long double>(
                dataset.get(), H5T_NATIVE_LDOUBLE, start, count, error,
                [&](const std::vector<hsize_t>& block_start, const std::vector<hsize_t>& block_count,
                    const std::vector<long double>& values) {
                    for_each_index(block_start, block_count,
                                   [&](const std::vector<hsize_t>& index, std::size_t k) {
                                       hsize_t cell = 0;
                                       for (std::size_t d = 1; d < term.axis_of_over.size(); ++d)
                                           cell = cell * kept_size[d - 1] + index[term.axis_of_over[d]];
                                       sums[cell] += values[k];
                                   });
                });
        if (!read)
            return Result<std::vector<long double>>::failure(""); // the value check reports the dataset
        return sums;
    }

    /// Compares every cell of one label of the first `over` dim; the number that fail.
    long long compare_cells(const IdentitySchema& identity, const std::vector<Term>& terms,
                            const std::vector<std::vector<long double>>& sums,
                            const std::vector<const Labels*>& reference_labels, hsize_t outer,
                            long long failures_before) {
        const std::size_t n_over = identity.over.size();
        for (std::size_t d = 1; d < n_over; ++d)
            if (reference_labels[d]->size() == 0)
                return 0;
        // The odometer over the reference labels of the other `over` dims.
        std::vector<hsize_t> at(n_over, 0);
        at[0] = outer;
        long long failures = 0;
        while (true) {
            bool present = true;
            std::vector<hsize_t> cell(terms.size(), 0);
            for (std::size_t t = 0; t < terms.size() && present; ++t)
                for (std::size_t d = 1; d < n_over; ++d) {
                    const long long index = terms[t].index_of[d][at[d]];
                    if (index < 0) {
                        present = false;
                        break;
                    }
                    cell[t] =
                        cell[t] * terms[t].shape[terms[t].axis_of_over[d]] + static_cast<hsize_t>(index);
                }
            if (present) {
                const long double result = sums[0][cell[0]];
                long double expected = 0.0L;
                if (identity.kind == IdentityKind::sum) {
                    const std::size_t n_plus = identity.plus.size();
                    for (std::size_t t = 1; t < terms.size(); ++t)
                        expected += (t <= n_plus ? 1.0L : -1.0L) * sums[t][cell[t]];
                } else {
                    const long double numerator = sums[1][cell[1]];
                    const long double denominator = sums[2][cell[2]];
                    expected = denominator == 0.0L
                                   ? 0.0L
                                   : static_cast<long double>(static_cast<double>(numerator) /
                                                              static_cast<double>(denominator));
                }
                const bool integral = std::all_of(terms.begin(), terms.end(), [](const Term& t) {
                    return t.declared->dtype == ElementType::int32;
                });
                const long double scale = std::max({1.0L, std::fabs(result), std::fabs(expected)});
                const bool holds =
                    integral ? result == expected : std::fabs(result - expected) <= 1e-9L * scale;
                if (!holds && failures_before + ++failures <= max_listed) {
                    std::string cell_text;
                    std::string result_text = terms[0].path;
                    for (std::size_t d = 0; d < n_over; ++d) {
                        cell_text +=
                            (d ? ", " : "") + identity.over[d] + "=" + reference_labels[d]->label(at[d]);
                        if (identity.over[d] == identity.result_at_next)
                            result_text += " (" + identity.over[d] + "=" +
                                           std::to_string(reference_labels[d]->numbers[at[d]] + 1) + ")";
                    }
                    problem("identity '" + identity.name + "'",
                            "does not hold at " + cell_text + ": " + result_text + " is " +
                                format_value(result) + ", the identity gives " + format_value(expected));
                }
            }
            std::size_t d = n_over;
            while (true) {
                if (d == 1)
                    return failures;
                --d;
                if (++at[d] < reference_labels[d]->size())
                    break;
                at[d] = 0;
            }
        }
    }

    hid_t file_;
    const OutputSchema& schema_;
    const CheckedLayout& layout_;
    const RunFacts& run_;
    std::vector<std::string>& problems_;
    std::map<std::string, std::unique_ptr<Labels>> labels_;
};

} // namespace

void check_output_data(hid_t file, const OutputSchema& schema, const CheckedLayout& layout,
                       std::vector<std::string>& problems) {
    const RunFacts run = check_run_metadata(file, schema, problems);
    DataChecker checker(file, schema, layout, run, problems);
    checker.check_scales();
    check_auxiliaries(file, schema, layout, run, problems);
    checker.check_values();
    checker.check_identities();
}

} // namespace migsim
