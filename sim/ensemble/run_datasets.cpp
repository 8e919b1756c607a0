#include "ensemble/run_datasets.hpp"

#include <algorithm>
#include <stdexcept>

namespace migsim {

namespace {

const Coordinate& coordinate_of(const OutputGroup& group, const std::string& dim, const std::string& path) {
    for (const Coordinate& c : group.coordinates)
        if (c.name == dim)
            return c;
    throw std::invalid_argument(path + ": no coordinate '" + dim + "' in its group");
}

std::vector<Coordinate> coordinates_of(const NamedArray& named, const std::string& path) {
    std::vector<Coordinate> result;
    for (const std::string& dim : named.array->dims)
        result.push_back(coordinate_of(*named.group, dim, path));
    return result;
}

const NamedArray& find(const std::map<std::string, NamedArray>& arrays, const std::string& path) {
    const auto it = arrays.find(path);
    if (it == arrays.end())
        throw std::invalid_argument(path + ": not in the run's output");
    return it->second;
}

/// The position of each of `labels` among `among`'s labels, -1 where absent.
std::vector<std::int64_t> label_positions(const Coordinate& labels, const Coordinate& among) {
    return std::visit(
        [&](const auto& mine) -> std::vector<std::int64_t> {
            using Labels = std::decay_t<decltype(mine)>;
            const auto* theirs = std::get_if<Labels>(&among.labels);
            std::vector<std::int64_t> positions(mine.size(), -1);
            if (theirs == nullptr)
                return positions;
            for (std::size_t i = 0; i < mine.size(); ++i) {
                const auto it = std::find(theirs->begin(), theirs->end(), mine[i]);
                if (it != theirs->end())
                    positions[i] = it - theirs->begin();
            }
            return positions;
        },
        labels.labels);
}

bool same_labels(const Coordinate& a, const Coordinate& b) {
    return a.name == b.name && a.labels == b.labels;
}

/// The map of a source over `source` coordinates into a result over `result` coordinates: each
/// result dim is a source dim, its labels matched by `positions[result dim][source label]`.
CellMap cell_map(const std::vector<Coordinate>& source, const std::vector<Coordinate>& result,
                 const std::vector<std::size_t>& source_axis_of_result,
                 const std::vector<std::vector<std::int64_t>>& positions) {
    CellMap map;
    map.coordinates = result;
    map.cells = 1;
    for (const Coordinate& c : result)
        map.cells *= c.size();
    std::size_t cells = 1;
    for (const Coordinate& c : source)
        cells *= c.size();
    map.cell_of.assign(cells, -1);
    std::vector<std::size_t> index(source.size(), 0);
    for (std::size_t cell = 0; cell < cells; ++cell) {
        std::int64_t target = 0;
        for (std::size_t k = 0; k < result.size() && target >= 0; ++k) {
            const std::int64_t position = positions[k][index[source_axis_of_result[k]]];
            target = position < 0 ? -1 : target * static_cast<std::int64_t>(result[k].size()) + position;
        }
        map.cell_of[cell] = target;
        // The next row-major index of the source.
        for (std::size_t axis = source.size(); axis-- > 0;) {
            if (++index[axis] < source[axis].size())
                break;
            index[axis] = 0;
        }
    }
    return map;
}

SeriesValues values_of(const OutputArray& array) {
    if (const auto* counts = std::get_if<std::vector<std::int32_t>>(&array.values))
        return std::vector<std::int64_t>(counts->begin(), counts->end());
    return std::get<std::vector<double>>(array.values);
}

} // namespace

std::map<std::string, NamedArray> named_arrays(const OutputContents& contents) {
    std::map<std::string, NamedArray> arrays;
    for (const OutputGroup& group : contents.groups)
        for (const OutputArray& array : group.arrays)
            arrays[group.path + "/" + array.name] = {&group, &array};
    return arrays;
}

SeriesValues CellMap::sum(const SeriesValues& values) const {
    return std::visit(
        [&](const auto& source) -> SeriesValues {
            using Values = std::decay_t<decltype(source)>;
            Values result(cells, 0);
            for (std::size_t i = 0; i < source.size(); ++i)
                if (cell_of[i] >= 0)
                    result[static_cast<std::size_t>(cell_of[i])] += source[i];
            return result;
        },
        values);
}

DatasetGeometry::DatasetGeometry(const SummarisedDataset& summarised,
                                 const std::map<std::string, NamedArray>& first)
    : layout(summarised) {
    const NamedArray& named = find(first, layout.path);
    coordinates = coordinates_of(named, layout.path);
    cells = 1;
    for (const Coordinate& c : coordinates)
        cells *= c.size();
    const std::vector<std::string>& dims = layout.dataset->dims;

    for (const Margin& margin : layout.margins) {
        std::vector<Coordinate> kept;
        std::vector<std::size_t> axes;
        std::vector<std::vector<std::int64_t>> positions;
        for (const std::string& dim : margin.dims) {
            const auto axis =
                static_cast<std::size_t>(std::find(dims.begin(), dims.end(), dim) - dims.begin());
            kept.push_back(coordinates[axis]);
            axes.push_back(axis);
            std::vector<std::int64_t> identity(coordinates[axis].size());
            for (std::size_t i = 0; i < identity.size(); ++i)
                identity[i] = static_cast<std::int64_t>(i);
            positions.push_back(std::move(identity));
        }
        margins.push_back(cell_map(coordinates, kept, axes, positions));
    }

    const std::string& target_path = layout.dataset->target;
    has_target = !target_path.empty() && target_path != "zero";
    if (has_target) {
        const NamedArray& target_array = find(first, target_path);
        const std::vector<Coordinate> target_coordinates = coordinates_of(target_array, target_path);
        integer_target = std::holds_alternative<std::vector<std::int32_t>>(target_array.array->values);
        std::vector<std::size_t> axes;
        std::vector<std::vector<std::int64_t>> positions;
        for (std::size_t k = 0; k < dims.size(); ++k) {
            const auto& target_dims = target_array.array->dims;
            const auto axis = std::find(target_dims.begin(), target_dims.end(), dims[k]);
            if (axis == target_dims.end())
                throw std::invalid_argument(layout.path + ": its target " + target_path + " has no dim '" +
                                            dims[k] + "'");
            axes.push_back(static_cast<std::size_t>(axis - target_dims.begin()));
            const Coordinate& theirs = target_coordinates[axes.back()];
            // Every label of the dataset needs its truth.
            for (const std::int64_t position : label_positions(coordinates[k], theirs))
                if (position < 0)
                    throw std::invalid_argument(layout.path + ": a label of '" + dims[k] +
                                                "' has no match in its target " + target_path);
            positions.push_back(label_positions(theirs, coordinates[k]));
        }
        target = cell_map(target_coordinates, coordinates, axes, positions);
    }
    if (!layout.variance_path.empty())
        find(first, layout.variance_path);
}

SeriesValues DatasetGeometry::values(const std::map<std::string, NamedArray>& arrays) const {
    const NamedArray& named = find(arrays, layout.path);
    const std::vector<Coordinate> found = coordinates_of(named, layout.path);
    for (std::size_t k = 0; k < found.size(); ++k)
        if (!same_labels(found[k], coordinates[k]))
            throw std::invalid_argument(layout.path + ": the labels of '" + found[k].name +
                                        "' differ from the first replicate's");
    return values_of(*named.array);
}

SeriesValues DatasetGeometry::target_values(const std::map<std::string, NamedArray>& arrays) const {
    return target.sum(values_of(*find(arrays, layout.dataset->target).array));
}

std::vector<double> DatasetGeometry::variance_values(const std::map<std::string, NamedArray>& arrays) const {
    return reals(values_of(*find(arrays, layout.variance_path).array));
}

std::vector<DatasetGeometry> dataset_geometries(const OutputSchema& run_layout, const OutputContents& first) {
    const auto arrays = named_arrays(first);
    std::vector<DatasetGeometry> geometries;
    for (const SummarisedDataset& s : summarised_datasets(run_layout))
        geometries.emplace_back(s, arrays);
    return geometries;
}

SeriesValues difference(const SeriesValues& a, const SeriesValues& b) {
    if (std::holds_alternative<std::vector<std::int64_t>>(a) &&
        std::holds_alternative<std::vector<std::int64_t>>(b)) {
        const auto& x = std::get<std::vector<std::int64_t>>(a);
        const auto& y = std::get<std::vector<std::int64_t>>(b);
        std::vector<std::int64_t> d(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            d[i] = x[i] - y[i];
        return d;
    }
    const std::vector<double> x = reals(a);
    const std::vector<double> y = reals(b);
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        d[i] = x[i] - y[i];
    return d;
}

std::vector<double> squares(const SeriesValues& values) {
    std::vector<double> result = reals(values);
    for (double& x : result)
        x *= x;
    return result;
}

std::vector<double> reals(const SeriesValues& values) {
    if (const auto* integers = std::get_if<std::vector<std::int64_t>>(&values))
        return {integers->begin(), integers->end()};
    return std::get<std::vector<double>>(values);
}

} // namespace migsim
