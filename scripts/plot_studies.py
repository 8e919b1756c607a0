"""The standard plots of files that summarise many runs (scripts/plot calls them by /meta@layout):

- ensemble: bias and RMSE of every dataset with a target (its total by year), each with its
  Monte Carlo error bars (+-1.96 MC SE);
- comparison: the paired difference B - A of every count dataset's total by year, with its 95 %
  interval from the paired SE beside the one independent runs would give;
- sensitivity: Morris mu* against sigma (with the MC SE of mu*), or the Sobol' first-order and
  total indices with their bootstrap intervals, one panel per output.

Read with h5py (python3-h5py), drawn with matplotlib (python3-matplotlib), both from Debian.
"""
import math

import h5py
import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

Z = 1.959963984540054  # the 0.975 quantile of N(0, 1)


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def grid(n, width=6.0, height=4.0):
    columns = min(n, 2)
    rows = max(1, math.ceil(n / columns))
    figure, axes = plt.subplots(rows, columns, figsize=(width * columns, height * rows), squeeze=False)
    for extra in axes.flat[n:]:
        extra.set_visible(False)
    return figure, list(axes.flat)


def totals_by_first_dim(f, prefix, source):
    """The group of a dataset's total by its first dim (the year): its margin by_<dim>, or itself
    when it has one dim. The dims are the labels of the summary's datasets (as xarray reads them)."""
    group = f[prefix + source]
    statistic = group["mean"] if "mean" in group else group["difference"]
    first = statistic.dims[0].label
    margin = "by_" + first
    return group[margin] if margin in group else group


def integer_years(axis):
    axis.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))


def ensemble(f, title):
    quality = f["ensemble/quality"]
    estimates = text(quality["estimate"][()])
    figure, axes = grid(len(estimates))
    for axis, path in zip(axes, estimates):
        group = totals_by_first_dim(f, "ensemble", path)
        labels = group["year"][()] if "year" in group else np.arange(group["bias"].shape[0])
        bias, bias_se = group["bias"][()], group["bias_mc_se"][()]
        rmse, rmse_se = group["rmse"][()], group["rmse_mc_se"][()]
        axis.errorbar(labels, bias, yerr=Z * bias_se, marker="o", capsize=3, label="bias")
        axis.errorbar(labels, rmse, yerr=Z * rmse_se, marker="s", capsize=3, label="RMSE")
        axis.axhline(0, color="black", linewidth=0.5)
        axis.set_title(path, fontsize=9)
        axis.set_xlabel("1 January of year" if "year" in group else "label")
        integer_years(axis)
        axis.set_ylabel(text([group["bias"].attrs.get("units", "")])[0])
        axis.legend(fontsize=8)
    figure.suptitle(f"{title}: bias and RMSE of the totals over {f['meta'].attrs['replicates']} replicates "
                    "(error bars: 95 % Monte Carlo intervals)")
    return figure


def comparison(f, title):
    totals = f["comparison/totals"]
    datasets = text(totals["dataset"][()])
    figure, axes = grid(len(datasets), height=3.5)
    for axis, path in zip(axes, datasets):
        group = totals_by_first_dim(f, "comparison", path)
        labels = group["year"][()] if "year" in group else np.arange(group["difference"].shape[0])
        difference = group["difference"][()]
        axis.errorbar(labels, difference, yerr=Z * group["difference_se"][()], marker="o", capsize=3,
                      label="paired (common random numbers)")
        axis.fill_between(labels, difference - Z * group["independent_se"][()],
                          difference + Z * group["independent_se"][()], alpha=0.2, label="independent runs would give")
        axis.axhline(0, color="black", linewidth=0.5)
        axis.set_title(path, fontsize=9)
        integer_years(axis)
        axis.legend(fontsize=7)
    figure.suptitle(f"{title}: B - A over {f['meta'].attrs['replicates']} paired replicates (95 % intervals)")
    return figure


def sensitivity(f, title):
    method = f["meta"].attrs["method"]
    method = method.decode() if isinstance(method, bytes) else method
    group = f["sensitivity/" + method]
    outputs = text(group["output"][()])
    factors = text(group["factor"][()])
    noise = f["sensitivity/noise_variance"][()]
    figure, axes = grid(len(outputs), width=7.0, height=5.0)
    for o, (axis, output) in enumerate(zip(axes, outputs)):
        if method == "morris":
            mu_star, sigma, se = group["mu_star"][o], group["sigma"][o], group["mu_star_mc_se"][o]
            axis.errorbar(mu_star, sigma, xerr=Z * se, fmt="o", capsize=3)
            for i, name in enumerate(factors):
                axis.annotate(name, (mu_star[i], sigma[i]), fontsize=7, xytext=(3, 3), textcoords="offset points")
            noise_effect = group["noise_effect"][o]
            if noise_effect > 0:
                axis.axvline(2 * noise_effect, color="grey", linestyle="--", linewidth=0.8,
                             label="2 x the effect of noise alone")
                axis.legend(fontsize=7)
            axis.set_xlabel("mu* (mean |elementary effect|)")
            axis.set_ylabel("sigma")
        else:
            x = np.arange(len(factors))
            for offset, name, label in ((-0.2, "first_order", "first order"), (0.2, "total", "total")):
                value = group[name][o]
                low, high = group[name + "_low"][o], group[name + "_high"][o]
                axis.bar(x + offset, value, width=0.4, label=label,
                         yerr=[np.maximum(value - low, 0), np.maximum(high - value, 0)], capsize=3)
            axis.set_xticks(x)
            axis.set_xticklabels(factors, rotation=30, ha="right", fontsize=7)
            axis.set_ylabel("share of the output's variance")
            axis.legend(fontsize=7)
        axis.set_title(f"{output} (noise variance of one run {noise[o]:.3g})", fontsize=9)
    figure.suptitle(f"{title}: {'Morris elementary effects' if method == 'morris' else 'Sobol indices'}")
    return figure


def plot(path, layout):
    with h5py.File(path, "r") as f:
        draw = {"ensemble": ensemble, "comparison": comparison, "sensitivity": sensitivity}[layout]
        figure = draw(f, path.name)
    figure.tight_layout()
    return figure
