// The layouts of ensemble, comparison and sensitivity files: their folders of output_schemas/, and
// the summaries derived from a run's layout (docs/ensembles.md gives the rule and the formulas).
#include "io/summary_layouts.hpp"

#include <algorithm>
#include <sys/stat.h>

#include "io/hdf5_handles.hpp"
#include "io/output_error.hpp"

namespace migsim {

namespace {

/// The files of output_schemas/<folder>/, named as in the folder.
std::vector<SchemaFile> folder_files(std::string_view folder) {
    std::vector<SchemaFile> files;
    const std::string prefix = std::string(folder) + "/";
    for (const SchemaFile& file : builtin_summary_schema_files())
        if (file.name.rfind(prefix, 0) == 0)
            files.push_back({file.name.substr(prefix.size()), file.text});
    return files;
}

/// A dimension defined in output_schemas/<folder>/dimensions.toml, read through the one parser of
/// fragments: a probe fragment declares a group over it.
DimensionSchema folder_dimension(std::string_view folder, const std::string& name) {
    std::vector<SchemaFile> files = folder_files(folder);
    SchemaIndex index = schema_index(files);
    const std::string probe_name = "probe.toml";
    const std::string probe =
        "[[groups]]\npath = \"/probe\"\ndescription = \"\"\ndimensions = [\"" + name + "\"]\n";
    files.push_back({probe_name, probe});
    index.fragments.push_back(probe_name);
    return assemble_output_schema(index, files).find_group("/probe")->dimensions.front();
}

std::string squared(const std::string& units) {
    return "(" + units + ")^2";
}

/// Datasets of a derived group over `dims`.
struct DatasetMaker {
    std::vector<std::string> dims;
    std::vector<DatasetSchema> made;

    void add(std::string name, std::string units, std::string description, std::optional<double> min = {},
             std::optional<double> max = {}) {
        DatasetSchema d;
        d.name = std::move(name);
        d.dims = dims;
        d.dtype = ElementType::float64;
        d.units = std::move(units);
        d.description = std::move(description);
        d.min = min;
        d.max = max;
        made.push_back(std::move(d));
    }
};

/// The group of a summary over `dims` of the run group `run_group`, its dims in the run group's
/// order, and the replicate dim first when the values of each replicate are kept.
GroupSchema derived_group(std::string path, std::string description, const GroupSchema& run_group,
                          const std::vector<std::string>& dims, const DimensionSchema& replicate) {
    GroupSchema group;
    group.path = std::move(path);
    group.description = std::move(description);
    if (keeps_replicates(dims))
        group.dimensions.push_back(replicate);
    for (const DimensionSchema& d : run_group.dimensions)
        if (std::find(dims.begin(), dims.end(), d.name) != dims.end())
            group.dimensions.push_back(d);
    return group;
}

/// What a margin is, in words: "summed over sex and age".
std::string margin_words(const std::vector<std::string>& all, const std::vector<std::string>& kept) {
    std::vector<std::string> over;
    for (const std::string& dim : all)
        if (std::find(kept.begin(), kept.end(), dim) == kept.end())
            over.push_back(dim);
    std::string text = "summed over ";
    for (std::size_t i = 0; i < over.size(); ++i)
        text += (i == 0 ? "" : i + 1 == over.size() ? " and " : ", ") + over[i];
    return text;
}

/// The statistics of an ensemble over one dataset or margin (docs/ensembles.md, "The ensemble file").
std::vector<DatasetSchema> ensemble_statistics(const DatasetSchema& source,
                                               const std::vector<std::string>& dims, bool with_variance) {
    const std::string& u = source.units;
    DatasetMaker m{dims, {}};
    m.add("mean", u, "Mean over the replicates.");
    m.add("variance", squared(u), "Variance over the replicates (divisor R - 1).", 0.0);
    m.add("mc_se", u, "Monte Carlo standard error of the mean: sqrt(variance / R).", 0.0);
    m.add("variance_mc_se", squared(u),
          "Monte Carlo standard error of the variance, variance x sqrt(2 / (R - 1)) (normal values; Morris, "
          "White & Crowther 2019).",
          0.0);
    if (!source.target.empty()) {
        m.add("bias", u,
              "Mean over the replicates of the error, the value minus its target (" + source.target + ").");
        m.add("bias_mc_se", u,
              "Monte Carlo standard error of the bias: the error's standard deviation / sqrt(R).", 0.0);
        m.add("rmse", u, "Root mean squared error over the replicates: sqrt(mean of the squared errors).",
              0.0);
        m.add("rmse_mc_se", u,
              "Monte Carlo standard error of the RMSE: that of the mean squared error, sqrt(variance of the "
              "squared errors / R), over 2 RMSE (delta method; 0 when the RMSE is 0).",
              0.0);
        if (source.target != "zero") {
            m.add("target_mean", u, "Mean over the replicates of the target, " + source.target + ".");
            m.add("relative_bias", "share", "Bias over the mean of the target (0 where that is 0).");
            m.add("relative_bias_mc_se", "share",
                  "Monte Carlo standard error of the bias over the mean of the target.", 0.0);
        }
        if (with_variance) {
            m.add("coverage", "share",
                  "Share of the replicates whose nominal 95 % interval, value +- 1.96 sqrt(its variance), "
                  "holds the "
                  "target.",
                  0.0, 1.0);
            m.add("coverage_mc_se", "share",
                  "Monte Carlo standard error of the coverage: sqrt(C (1 - C) / R).", 0.0);
            m.add("estimated_variance", squared(u),
                  "Mean over the replicates of the variance the estimator gives itself (" + source.variance +
                      "), to set beside the variance over the replicates.",
                  0.0);
            m.add("se_ratio", "ratio",
                  "Ratio of the estimated to the empirical standard error, sqrt(estimated_variance / "
                  "variance) (0 "
                  "where the variance is 0): 1 for an estimator whose variance estimate is right.",
                  0.0);
        }
    }
    return m.made;
}

std::vector<DatasetSchema> comparison_statistics(const DatasetSchema& source,
                                                 const std::vector<std::string>& dims) {
    const std::string& u = source.units;
    DatasetMaker m{dims, {}};
    m.add("mean_a", u, "Mean over the replicates in scenario A.");
    m.add("mean_b", u, "Mean over the replicates in scenario B.");
    m.add("difference", u, "Mean over the replicates of the paired difference B - A (same seed in both).");
    m.add("difference_se", u,
          "Standard error of the mean paired difference: its standard deviation / sqrt(R).", 0.0);
    m.add("independent_se", u,
          "Standard error the difference of means of R independent runs of each scenario would have: "
          "sqrt((variance in A + variance in B) / R).",
          0.0);
    m.add("variance_ratio", "ratio",
          "Variance of the paired differences over the sum of the variances in A and B: 1 for independent "
          "runs, less with common random numbers (0 where both are 0).",
          0.0);
    return m.made;
}

/// The per-replicate values of a summary over one dim.
DatasetSchema replicate_values(std::string name, const DatasetSchema& source,
                               const std::vector<std::string>& dims, std::string description) {
    DatasetSchema d;
    d.name = std::move(name);
    d.dims = {"replicate"};
    d.dims.insert(d.dims.end(), dims.begin(), dims.end());
    d.units = source.units;
    d.description = std::move(description);
    return d;
}

enum class Summary { ensemble, comparison };

OutputSchema derived_layout(std::string_view folder, const OutputSchema& run_layout, Summary summary) {
    OutputSchema layout = assemble_output_schema(folder_files(folder));
    const DimensionSchema replicate = folder_dimension(folder, "replicate");
    for (const SummarisedDataset& s : summarised_datasets(run_layout)) {
        const DatasetSchema& d = *s.dataset;
        const auto add = [&](std::string path, std::string description, const std::vector<std::string>& dims,
                             bool with_variance) {
            GroupSchema group =
                derived_group(std::move(path), std::move(description), *s.group, dims, replicate);
            if (summary == Summary::ensemble) {
                group.datasets = ensemble_statistics(d, dims, with_variance);
                if (keeps_replicates(dims))
                    group.datasets.push_back(
                        replicate_values("replicates", d, dims, "The value in each replicate."));
            } else {
                group.datasets = comparison_statistics(d, dims);
                if (keeps_replicates(dims))
                    group.datasets.push_back(replicate_values(
                        "differences", d, dims, "The paired difference B - A in each replicate."));
            }
            layout.groups.push_back(std::move(group));
        };
        const std::string what = summary == Summary::ensemble
                                     ? "Summaries over the replicates of "
                                     : "Paired differences between the scenarios of ";
        const auto path_of = [&](std::string_view margin) {
            return summary == Summary::ensemble ? ensemble_group_path(s.path, margin)
                                                : comparison_group_path(s.path, margin);
        };
        add(path_of({}), what + s.path + ": " + d.description, d.dims, !s.variance_path.empty());
        for (const Margin& margin : s.margins)
            add(path_of(margin.name), what + s.path + " " + margin_words(d.dims, margin.dims) + ".",
                margin.dims, false);
    }
    return layout;
}

} // namespace

std::vector<Margin> margins_of(const std::vector<std::string>& dims) {
    std::vector<Margin> margins;
    if (dims.size() < 2)
        return margins;
    for (const std::string& dim : dims)
        margins.push_back({"by_" + dim, {dim}});
    if (dims.size() >= 3)
        for (std::size_t i = 1; i < dims.size(); ++i)
            margins.push_back({"by_" + dims[0] + "_" + dims[i], {dims[0], dims[i]}});
    return margins;
}

std::vector<SummarisedDataset> summarised_datasets(const OutputSchema& run_layout) {
    std::vector<SummarisedDataset> all;
    for (const GroupSchema& group : run_layout.groups) {
        // An optional group is there or not by the scenario (a timeline of changes): an ensemble's
        // layout is fixed, so it summarises the groups every run has.
        if (group.optional)
            continue;
        for (const DatasetSchema& dataset : group.datasets) {
            SummarisedDataset s;
            s.path = group.path + "/" + dataset.name;
            s.group = &group;
            s.dataset = &dataset;
            s.counts = dataset.dtype == ElementType::int32;
            if (s.counts)
                s.margins = margins_of(dataset.dims);
            if (!dataset.variance.empty())
                s.variance_path = group.path + "/" + dataset.variance;
            all.push_back(std::move(s));
        }
    }
    return all;
}

std::string ensemble_group_path(std::string_view dataset_path, std::string_view margin) {
    std::string path = "/ensemble" + std::string(dataset_path);
    return margin.empty() ? path : path + "/" + std::string(margin);
}

std::string comparison_group_path(std::string_view dataset_path, std::string_view margin) {
    std::string path = "/comparison" + std::string(dataset_path);
    return margin.empty() ? path : path + "/" + std::string(margin);
}

OutputSchema ensemble_layout(const OutputSchema& run_layout) {
    return derived_layout(ensemble_layout_name, run_layout, Summary::ensemble);
}

OutputSchema comparison_layout(const OutputSchema& run_layout) {
    return derived_layout(comparison_layout_name, run_layout, Summary::comparison);
}

OutputSchema sensitivity_layout(std::string_view method) {
    if (method != "morris" && method != "sobol")
        throw OutputError("/meta@method: unknown sensitivity method '" + std::string(method) +
                          "' (expected morris or sobol)");
    OutputSchema layout = assemble_output_schema(folder_files(sensitivity_layout_name));
    const std::string other = method == "morris" ? "/sensitivity/sobol" : "/sensitivity/morris";
    std::erase_if(layout.groups, [&](const GroupSchema& g) { return g.path == other; });
    return layout;
}

OutputSchema layout_of_file(hid_t file) {
    const hdf5::QuietErrors quiet;
    if (H5Lexists(file, "/meta", H5P_DEFAULT) <= 0)
        return output_schema();
    const hdf5::Group meta(H5Gopen2(file, "/meta", H5P_DEFAULT));
    if (!meta)
        return output_schema();
    const std::optional<std::string> layout = hdf5::read_string_attribute(meta.get(), "layout");
    if (!layout)
        return output_schema();
    if (*layout == ensemble_layout_name)
        return ensemble_layout(output_schema());
    if (*layout == comparison_layout_name)
        return comparison_layout(output_schema());
    if (*layout == sensitivity_layout_name)
        return sensitivity_layout(hdf5::read_string_attribute(meta.get(), "method").value_or(""));
    throw OutputError("/meta@layout: unknown layout '" + *layout + "' (this migsim reads " +
                      std::string(ensemble_layout_name) + ", " + std::string(comparison_layout_name) +
                      " and " + std::string(sensitivity_layout_name) +
                      " files, and runs, which have no layout attribute)");
}

OutputSchema layout_of_path(const std::string& path) {
    const hdf5::QuietErrors quiet;
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode) || H5Fis_hdf5(path.c_str()) <= 0)
        return output_schema();
    const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file)
        return output_schema();
    return layout_of_file(file.get());
}

} // namespace migsim
