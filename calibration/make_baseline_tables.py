#!/usr/bin/python3
"""Writes the input tables of the default scenario into scenarios/data/.

Run from anywhere with the system Python (it needs numpy):

    /usr/bin/python3 calibration/make_baseline_tables.py

Two tables are copies of real Danish data (/work/shared/data/denmark, from Statistics Denmark via
the R package Epi); the others are smooth parametric schedules whose functional forms and
parameters are documented here and in scenarios/data/SOURCES.md, with the published figures they
were set to reproduce. The script prints the checks (overall shares, totals) it makes against the
real 2013 population. Everything is deterministic: running it twice gives identical files.
"""
import csv
import math
import os
import sys
from decimal import Decimal

import numpy as np

import partners_2013 as partners

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(REPO, "scenarios", "data")
DENMARK = os.environ.get("MIGSIM_DENMARK_DATA", "/work/shared/data/denmark")

AGES = np.arange(101)  # 0..100, 100 = 100 and over
SEXES = ("male", "female")
GROUPS = partners.GROUPS
STATUSES = ("native_born", "arrived_0y", "arrived_1y", "arrived_2y", "arrived_3y", "arrived_4y",
            "arrived_5y_plus")

PROVENANCE = "# migsim default scenario table, written by calibration/make_baseline_tables.py; see SOURCES.md"


# ----------------------------------------------------------------------------------------------
# Helpers


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows, comments=()):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        for line in (PROVENANCE,) + tuple(comments):
            f.write(line + "\n")
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")
    print(f"wrote {os.path.relpath(path, REPO)} ({len(rows)} rows)")


def decimals_summing_to(values, total, places):
    """Rounds values to `places` decimals so that their decimal sum is exactly `total`
    (largest-remainder rounding), and returns them as strings."""
    quantum = Decimal(1).scaleb(-places)
    exact = [Decimal(repr(float(v))) for v in values]
    floors = [e.quantize(quantum, rounding="ROUND_FLOOR") for e in exact]
    missing = int(((Decimal(repr(total)) - sum(floors)) / quantum).to_integral_value())
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += quantum
    assert sum(floors) == Decimal(repr(total)), (sum(floors), total)
    return [format(v, "f") for v in floors]


def fmt(x, digits=8):
    return f"{x:.{digits}g}"


def rogers_castro(x, a1=0.0, alpha1=0.0, a2=0.0, mu2=0.0, alpha2=0.0, lambda2=0.0, a3=0.0, mu3=0.0,
                  alpha3=0.0, lambda3=0.0, c=0.0):
    """Model migration schedule of Rogers & Castro (1981), at exact age x:
    m(x) = a1 exp(-alpha1 x)                                         childhood
         + a2 exp(-alpha2 (x - mu2) - exp(-lambda2 (x - mu2)))       labour force
         + a3 exp(-alpha3 (x - mu3) - exp(-lambda3 (x - mu3)))       retirement
         + c                                                         constant."""
    x = np.asarray(x, dtype=float)
    m = a1 * np.exp(-alpha1 * x) + c
    m = m + a2 * np.exp(-alpha2 * (x - mu2) - np.exp(-lambda2 * (x - mu2)))
    if a3 > 0:
        m = m + a3 * np.exp(-alpha3 * (x - mu3) - np.exp(-lambda3 * (x - mu3)))
    return m


def rc_params_text(p):
    return ", ".join(f"{k}={v:g}" for k, v in p.items())


# ----------------------------------------------------------------------------------------------
# Real data: the 2013 population and the 2012 mortality


def copy_danish_tables():
    pop_rows = [r for r in read_rows(os.path.join(DENMARK, "population_jan1.csv")) if r["year"] == "2013"]
    write_csv("dk_population_jan1_2013.csv", ["year", "sex", "age", "persons"],
              [[r["year"], r["sex"], r["age"], r["persons"]] for r in pop_rows],
              comments=("# Statistics Denmark via R package Epi (N.dk); ages 0..99, 99 = 99 and over",))
    # The populations of 1 January 2008 and 2010, the bases of the calibration's fit (2008) and of
    # its backtest's projection (2010) (calibration/README.md, "Calibration").
    for year in ("2008", "2010"):
        write_csv(f"dk_population_jan1_{year}.csv", ["year", "sex", "age", "persons"],
                  [[r["year"], r["sex"], r["age"], r["persons"]]
                   for r in read_rows(os.path.join(DENMARK, "population_jan1.csv")) if r["year"] == year],
                  comments=("# Statistics Denmark via R package Epi (N.dk); ages 0..99, 99 = 99 and over",))
    mort_rows = [r for r in read_rows(os.path.join(DENMARK, "mortality.csv")) if r["year"] == "2012"]
    header = ["year", "sex", "age", "deaths", "person_years", "rate_per_1000"]
    write_csv("dk_mortality_2012.csv", header, [[r[h] for h in header] for r in mort_rows],
              comments=("# Statistics Denmark via R package Epi (M.dk); ages 0..99, 99 = 99 and over",))
    # Every year, for the mortality trend (calibration/lee_carter.*).
    all_mort_rows = read_rows(os.path.join(DENMARK, "mortality.csv"))
    assert {r["year"] for r in all_mort_rows} == {str(y) for y in range(1974, 2013)}
    write_csv("dk_mortality_1974_2012.csv", header, [[r[h] for h in header] for r in all_mort_rows],
              comments=("# Statistics Denmark via R package Epi (M.dk); 1974-2012, ages 0..99, 99 = 99 and over",))

    pop = {s: np.zeros(100) for s in SEXES}
    for r in pop_rows:
        pop[r["sex"]][int(r["age"])] = float(r["persons"])
    total = sum(p.sum() for p in pop.values())
    assert total == 5602628, total
    print(f"  population 1 Jan 2013: {total:,.0f} persons (expected 5,602,628)")
    deaths = np.zeros(100)
    person_years = np.zeros(100)
    for r in mort_rows:
        deaths[int(r["age"])] += float(r["deaths"])
        person_years[int(r["age"])] += float(r["person_years"])
    pop["mortality_both"] = deaths / person_years  # both sexes, per person-year, 0..99 (99 = 99+)
    return pop


def extend_to_100(values_0_99):
    """A 0..99 table (99 = 99+) seen as 0..100 for weighting: the 99+ persons stay at 99."""
    out = np.zeros(101)
    out[:100] = values_0_99
    return out


# ----------------------------------------------------------------------------------------------
# Fertility: Hadwiger (1940)

TFR = 1.67  # Denmark 2013, Statistics Denmark (2012: 1.73)
FERTILITY_TARGET_MEAN_AGE = 31.0  # Denmark 2013, mean age of mother at all births
FERTILITY_H = 4.1  # shape: gives a standard deviation of the schedule of about 5.3 years


def hadwiger(x, R, H, T):
    return (R * H / (T * math.sqrt(math.pi))) * (T / x) ** 1.5 * np.exp(-H * H * (T / x + x / T - 2.0))


def fertility_table():
    ages = np.arange(15, 50)
    x = ages + 0.5

    def schedule(T):
        f = hadwiger(x, TFR, FERTILITY_H, T)
        return f * (TFR / f.sum())

    def mean_age(f):
        return float((f * x).sum() / f.sum())

    lo, hi = 20.0, 40.0  # bisection for T on the mean age of the schedule (evaluated at x + 0.5)
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if mean_age(schedule(mid)) < FERTILITY_TARGET_MEAN_AGE:
            lo = mid
        else:
            hi = mid
    T = round(0.5 * (lo + hi), 4)
    f = schedule(T)
    mean = mean_age(f)
    sd = math.sqrt(float((f * (x - mean) ** 2).sum() / f.sum()))
    rates = decimals_summing_to(f, TFR, 9)
    write_csv("fertility_schedule.csv", ["age", "rate"], list(zip(ages, rates)),
              comments=(f"# Hadwiger (1940), R={TFR}, H={FERTILITY_H}, T={T}; births per woman-year at ages 15..49",))
    peak_age = int(ages[np.argmax(f)])
    print(f"  fertility: Hadwiger R={TFR} H={FERTILITY_H} T={T}: sum={sum(Decimal(r) for r in rates)}, "
          f"mean age at birth {mean:.2f}, sd {sd:.2f}, modal age {peak_age}")
    return dict(T=T, H=FERTILITY_H, mean=mean, sd=sd, peak_age=peak_age, max_rate=float(f.max()),
                rate_at={a: float(f[a - 15]) for a in (20, 25, 30, 35, 40, 45)})


# ----------------------------------------------------------------------------------------------
# Migrant status of the base population

IMMIGRANTS_2013 = 476_059  # Statistics Denmark, immigrants on 1 January 2013 (~476,000)
DESCENDANTS_2013 = 150_000  # Statistics Denmark, descendants on 1 January 2013 (~150,000)

FB_PEAK_AGE = 33.0
FB_HUMP_SHAPE = 6.0
SG_CENTRE_AGE = 8.0
SG_SPREAD = 11.0
SG_FLOOR = 0.004


def hump(a, m, k):
    """Gamma-shaped hump: 1 at age m, (a/m)^k exp(k (1 - a/m))."""
    a = np.maximum(np.asarray(a, dtype=float), 1e-9)
    return (a / m) ** k * np.exp(k * (1.0 - a / m))


def migrant_status_table(pop):
    persons = extend_to_100(pop["male"] + pop["female"])
    total = persons.sum()
    a = AGES.astype(float)
    # Foreign-born: a floor rising from 1% at birth to 3% (children who arrived with their parents,
    # old labour migrants) plus a hump at the working ages whose height is set to reproduce the
    # published stock of immigrants.
    fb_floor = 0.03 - 0.02 * np.exp(-a / 5.0)
    fb_shape = hump(a, FB_PEAK_AGE, FB_HUMP_SHAPE)
    fb_height = (IMMIGRANTS_2013 - (fb_floor * persons).sum()) / (fb_shape * persons).sum()
    fb = fb_floor + fb_height * fb_shape
    # Descendants: a normal-shaped profile centred on childhood plus a small floor (descendants of
    # the guest workers of the 1960s-70s), scaled to the published stock of descendants.
    sg_shape = np.exp(-0.5 * ((a - SG_CENTRE_AGE) / SG_SPREAD) ** 2)
    sg_height = (DESCENDANTS_2013 - SG_FLOOR * persons.sum()) / (sg_shape * persons).sum()
    sg = SG_FLOOR + sg_height * sg_shape
    assert np.all(fb + sg < 0.9)
    write_csv("migrant_status_2013.csv", ["age", "foreign_born_share", "second_generation_share"],
              [[int(x), fmt(f), fmt(s)] for x, f, s in zip(AGES, fb, sg)])
    fb_total = (fb * persons).sum()
    sg_total = (sg * persons).sum()
    print(f"  migrant status: foreign-born {fb_total:,.0f} = {100 * fb_total / total:.2f}% "
          f"(published ~476,000 = 8.50%), descendants {sg_total:,.0f} = {100 * sg_total / total:.2f}% "
          f"(published ~150,000 = 2.68%)")
    print(f"    foreign-born share peaks at {100 * fb.max():.1f}% at age {int(np.argmax(fb))}; "
          f"ages 25-40 {100 * fb[25:41].min():.1f}-{100 * fb[25:41].max():.1f}%; age 70 {100 * fb[70]:.1f}%, "
          f"age 80 {100 * fb[80]:.1f}%; descendants {100 * sg[0]:.1f}% at 0, peak {100 * sg.max():.1f}% at "
          f"{int(np.argmax(sg))}, {100 * sg[30]:.1f}% at 30; "
          f"{100 * (sg * persons)[:26].sum() / sg_total:.0f}% of descendants are 0-25")
    return dict(fb=fb, sg=sg, fb_height=fb_height, sg_height=sg_height, fb_total=fb_total,
                sg_total=sg_total, total=total)


# ----------------------------------------------------------------------------------------------
# Age-sex profile of immigrants (first arrivals): published immigration by age

# Statistics Norway (SSB), "Flyttingar fra og til utlandet, etter kjonn og alder. 2002", table 16
# (ssb.no/a/static/flytting/tab-2003-08-28-16.html): immigrations of foreign citizens to Norway in
# 2002 by five-year age group, both sexes. The open group 65+ is the total (30,788) less the others.
SSB_2002_GROUPS = [(0, 5, 2054), (5, 10, 2181), (10, 15, 1936), (15, 20, 3008), (20, 25, 5688),
                   (25, 30, 5654), (30, 35, 3790), (35, 40, 2456), (40, 45, 1534), (45, 50, 931),
                   (50, 55, 601), (55, 60, 344), (60, 65, 232)]
SSB_2002_TOTAL = 30_788
# SSB, "Innvandring og utvandring, etter personenes kjonn, alder og sivilstand. 2007", table 6
# (ssb.no/a/kortnavn/innvutv/arkiv/tab-2008-05-08-06.html): immigrations of foreign citizens in 2007
# by broad age group; EU labour migration made them younger than in 2002, as in Denmark in 2013.
SSB_2007_BROAD = [(0, 16, 7_652), (16, 45, 40_481), (45, 67, 5_114), (67, 101, 251)]
# The male share of each group's arrivals is that of its stock aged 16-64 (partners_2013.py).


def monotone_cubic(xk, yk, x):
    """Fritsch-Carlson monotone piecewise-cubic interpolation of increasing (xk, yk) at x."""
    xk, yk, x = map(np.asarray, (xk, yk, x))
    h = np.diff(xk)
    delta = np.diff(yk) / h
    m = np.zeros_like(yk, dtype=float)
    m[0], m[-1] = delta[0], delta[-1]
    for k in range(1, len(xk) - 1):
        if delta[k - 1] * delta[k] <= 0:
            m[k] = 0.0
        else:
            w1, w2 = 2 * h[k] + h[k - 1], h[k] + 2 * h[k - 1]
            m[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k])
    i = np.clip(np.searchsorted(xk, x, side="right") - 1, 0, len(xk) - 2)
    t = (x - xk[i]) / h[i]
    h00, h10 = (1 + 2 * t) * (1 - t) ** 2, t * (1 - t) ** 2
    h01, h11 = t * t * (3 - 2 * t), t * t * (t - 1)
    return h00 * yk[i] + h10 * h[i] * m[i] + h01 * yk[i + 1] + h11 * h[i] * m[i + 1]


def life_table_survivors(mortality):
    """l(x) at exact ages 0..120 (l(0) = 1) from the 2012 death rates of both sexes (person-year
    weighted), constant hazard within each year of age, the rate at 99+ for every older age."""
    rates = np.array([mortality[min(x, 99)] for x in range(120)])
    return np.concatenate([[1.0], np.exp(-np.cumsum(rates))])


def immigration_age_shares(mortality):
    """Shares of arrivals by single year of age 0..100 (100 = 100+), summing to 1:
    1. the 2002 five-year groups to single years by monotone cubic interpolation of their cumulative
       counts (each group's total is kept exactly, no value is negative);
    2. the open group 65+ from the density of ages 60-64 (centred at 62) times q^(x - 62) (a
       propensity to move that falls geometrically) times the survivors l(x) / l(62) of the 2012
       Danish life table, q set so that the tail holds exactly the group's total; 100+ is the rest
       of the tail;
    3. each broad group of 2007 (0-15, 16-44, 45-66, 67+) rescaled to its 2007 share."""
    edges = [0] + [hi for _, hi, _ in SSB_2002_GROUPS]
    cumulative = np.concatenate([[0.0], np.cumsum([n for _, _, n in SSB_2002_GROUPS])])
    single = np.diff(monotone_cubic(edges, cumulative, np.arange(0, 66)))  # ages 0..64
    open_total = SSB_2002_TOTAL - cumulative[-1]
    density_60_64 = SSB_2002_GROUPS[-1][2] / 5.0
    survivors = life_table_survivors(mortality)  # l(x), ages 0..120
    ages_open = np.arange(65, 121)

    def tail_for(q):
        return density_60_64 * q ** (ages_open - 62) * survivors[65:121] / survivors[62]

    lo, hi = 0.0, 1.0  # bisection: the tail holds the open group's total
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if tail_for(mid).sum() < open_total else (lo, mid)
    q = 0.5 * (lo + hi)
    tail = tail_for(q)
    tail = np.concatenate([tail[:35], [tail[35:].sum()]])  # ages 65..99, 100 and over
    counts = np.concatenate([single, tail])
    assert counts.shape == (101,) and np.all(counts > 0)
    shares = counts / counts.sum()
    broad_total = sum(n for _, _, n in SSB_2007_BROAD)
    for lo, hi, n in SSB_2007_BROAD:
        shares[lo:hi] *= (n / broad_total) / shares[lo:hi].sum()
    return shares / shares.sum(), q


def us_age_shares():
    """Shares of US citizens' immigration by single year of age 0..100 (StatBank VAN1AAR 2013, five-year
    groups 0-4 .. 85-89, none older): monotone cubic interpolation of the cumulative counts, each
    group's total kept."""
    counts = partners.VAN1AAR_2013_US_BY_AGE
    edges = [5 * k for k in range(len(counts) + 1)]
    cumulative = np.concatenate([[0.0], np.cumsum(counts)])
    single = np.diff(monotone_cubic(edges, cumulative, np.arange(0, edges[-1] + 1)))
    shares = np.zeros(101)
    shares[:len(single)] = np.maximum(single, 0.0)
    return shares / shares.sum()


def immigration_profile_table(mortality, partner_rows):
    rows = []
    profiles = {}
    summary = []
    age_shares, q = immigration_age_shares(mortality)
    us_shares = us_age_shares()
    for g in GROUPS:
        male = partner_rows[g]["male_share"]
        shape = us_shares if g == "usa" else age_shares
        by_sex = [male * shape, (1 - male) * shape]
        flat = np.concatenate(by_sex)
        text = decimals_summing_to(flat, 1.0, 10)
        for i, s in enumerate(SEXES):
            for age in AGES:
                rows.append([g, s, int(age), text[i * 101 + age]])
        profiles[g] = by_sex
    both = age_shares
    mean_age = float((both * (AGES + 0.5)).sum())
    bands = [(0, 15), (15, 35), (35, 60), (60, 80), (80, 90), (90, 100), (100, 101)]
    band_shares = {f"{lo}-{hi - 1}" if hi < 101 else "100+": float(both[lo:hi].sum()) for lo, hi in bands}
    us_bands = {f"{lo}-{hi - 1}" if hi < 101 else "100+": float(us_shares[lo:hi].sum()) for lo, hi in bands}
    summary = dict(q=q, mean_age=mean_age, bands=band_shares, peak_age=int(np.argmax(both)),
                   broad={f"{lo}-{hi - 1}" if hi < 101 else f"{lo}+": float(both[lo:hi].sum())
                          for lo, hi, _ in SSB_2007_BROAD},
                   us_bands=us_bands, us_mean_age=float((us_shares * (AGES + 0.5)).sum()),
                   us_peak_age=int(np.argmax(us_shares)))
    print(f"  immigration profile (all groups but usa): peak at age {summary['peak_age']}, mean age {mean_age:.1f}, "
          + ", ".join(f"{k} {100 * v:.2f}%" for k, v in band_shares.items())
          + f"; per 70,000 arrivals: {70000 * band_shares['90-99']:.1f} aged 90-99, {70000 * band_shares['100+']:.2f} aged 100+")
    print(f"  immigration profile of usa: peak at age {summary['us_peak_age']}, mean age {summary['us_mean_age']:.1f}, "
          + ", ".join(f"{k} {100 * v:.2f}%" for k, v in us_bands.items()))
    write_csv("immigration_age_profile.csv", ["group", "sex", "age", "share"], rows)
    return profiles, summary


# ----------------------------------------------------------------------------------------------
# Emigration hazards

# Shapes (Rogers-Castro); each is scaled so that its maximum over ages 15..39 is the peak below.
NATIVE_EMIGRATION_RC = dict(a1=0.30, alpha1=0.10, a2=1.0, mu2=21.5, alpha2=0.10, lambda2=0.35,
                            a3=0.02, mu3=62.0, alpha3=0.30, lambda3=0.30, c=0.05)
NATIVE_EMIGRATION_PEAK = 0.013
FOREIGN_EMIGRATION_RC = dict(a1=0.45, alpha1=0.08, a2=1.0, mu2=22.0, alpha2=0.075, lambda2=0.35,
                             a3=0.02, mu3=63.0, alpha3=0.30, lambda3=0.30, c=0.08)
# Children under 15 move only with their mothers (sim/processes/families.hpp): their own hazards of
# emigration and of moving between areas are 0.
FAMILY_CHILD_AGE_LIMIT = 15
# The native-born adults' hazards are those of the shape above (peak 1.3 %/year, which gave 21,491
# native-born emigrants a year with children's own hazards) times this factor, set by runs of the
# default scenario so that the model's native-born emigration, the children who follow their
# mothers included, stays at 21,491 (docs/model.md gives the measured totals).
NATIVE_EMIGRATION_ADULT_FACTOR = 0.84
# Peak hazards of the foreign-born by completed years since the latest arrival 0, 1, 2, 3, 4, 5+
# (an assumption): the unplanned departures of everybody (settlers, families, protected persons, and
# temporary migrants besides their plans); planned departures come from [spells].
FOREIGN_EMIGRATION_PEAKS = (0.06, 0.05, 0.04, 0.035, 0.03, 0.025)

PARTNER_ROWS, PARTNER_SUMMARY = partners.derive()
ARRIVALS_PER_YEAR = PARTNER_SUMMARY["arrivals"]  # first arrivals of the foreign-born per year
ARRIVAL_GROUP_SHARES = {g: r["arrivals"] / ARRIVALS_PER_YEAR for g, r in PARTNER_ROWS.items()}
EMIGRANTS_2013 = partners.UN_DESA_2013_EMIGRATION  # 12-month definition (Eurostat tps00177)


def scaled_rc(params, peak):
    """The Rogers-Castro schedule with params, multiplied so that its maximum over ages 15..39
    (at mid-age) is `peak`: returns the values at ages 0..100 and the scaled parameters."""
    shape = rogers_castro(AGES + 0.5, **params)
    factor = peak / shape[15:40].max()
    scaled = {k: (v * factor if k in ("a1", "a2", "a3", "c") else v) for k, v in params.items()}
    return shape * factor, {k: float(f"{v:.6g}") for k, v in scaled.items()}


def steady_state_emigration(native, foreign, persons, fb_share, arrivals):
    """Emigrants a year: the native-born population leaves with probability 1 - exp(-h); arrivals
    are followed through years 0..4 since arrival (ageing a year a year); the rest of the
    foreign-born stock is in the 5+ status."""
    fb_stock = fb_share * persons
    cohort = arrivals.copy()
    recent = np.zeros(101)
    by_status = []
    for k in range(5):
        leave = 1.0 - np.exp(-foreign[k])
        by_status.append(float((cohort * leave).sum()))
        recent += cohort
        survivors = cohort * (1.0 - leave)
        cohort = np.zeros(101)
        cohort[1:] = survivors[:-1]
        cohort[100] += survivors[100]
    settled = np.maximum(fb_stock - recent, 0.0)
    by_status.append(float((settled * (1.0 - np.exp(-foreign[5]))).sum()))
    native_emigrants = float((persons * (1.0 - fb_share) * (1.0 - np.exp(-native))).sum())
    return native_emigrants, by_status, float(recent.sum())


def without_children(h):
    out = np.array(h, dtype=float)
    out[:FAMILY_CHILD_AGE_LIMIT] = 0.0
    return out


def emigration_table(pop, status, profiles):
    shape_native, native_params = scaled_rc(NATIVE_EMIGRATION_RC, NATIVE_EMIGRATION_PEAK)
    native = without_children(shape_native * NATIVE_EMIGRATION_ADULT_FACTOR)
    persons = extend_to_100(pop["male"] + pop["female"])
    fb_stock = status["fb"] * persons
    arrivals = ARRIVALS_PER_YEAR * sum(w * (profiles[g][0] + profiles[g][1]) for g, w in ARRIVAL_GROUP_SHARES.items())
    peaks = list(FOREIGN_EMIGRATION_PEAKS)
    foreign = [without_children(scaled_rc(FOREIGN_EMIGRATION_RC, p)[0]) for p in peaks]
    foreign_params = [scaled_rc(FOREIGN_EMIGRATION_RC, p)[1] for p in peaks]
    hazards = [native] + foreign
    assert np.all(np.concatenate(hazards) < 0.5)
    rows = [[st, int(a), fmt(h[a])] for st, h in zip(STATUSES, hazards) for a in AGES]
    write_csv("emigration_hazards.csv", ["status", "age", "hazard"], rows)

    # The previous table (children's own hazards, no factor) on the 2013 native-born: the total the
    # model keeps.
    native_born = persons * (1.0 - status["fb"])
    previous_native = float((native_born * (1.0 - np.exp(-shape_native))).sum())
    native_emigrants, by_status, recent = steady_state_emigration(native, foreign, persons, status["fb"], arrivals)
    total = native_emigrants + sum(by_status)
    print(f"  emigration: native-born with the previous table {previous_native:,.0f}/yr; adults' own with the new "
          f"one (x{NATIVE_EMIGRATION_ADULT_FACTOR}) {native_emigrants:,.0f} (children who follow: by runs)")
    print(f"    foreign-born unplanned, steady state ({ARRIVALS_PER_YEAR:,.0f} arrivals/yr), by years since arrival "
          f"0..4,5+: {', '.join(f'{e:,.0f}' for e in by_status)}; with the native-born adults {total:,.0f}")

    # The first year of a run: the base population's foreign-born who arrived 0..4 years ago are
    # the survivors of the scenario's inflow (calibration/arrival_history.hpp), capped at the stock
    # of their age; the rest of the stock is in the 5+ status. Arrivals during the year add their
    # own first-year emigration (about half a year of exposure).
    base_by_status = np.zeros(6)
    capped_recent = 0.0
    for a in AGES:
        recent_a = np.zeros(5)
        for d in range(min(int(a) + 1, 5)):
            x = int(a) - d
            h = sum(foreign[min(k, 5)][min(x + k, 100)] for k in range(d)) + 0.5 * foreign[min(d, 5)][min(x + d, 100)]
            recent_a[d] = arrivals[x] * math.exp(-h)
        scale = min(1.0, fb_stock[a] / recent_a.sum()) if recent_a.sum() > 0 else 0.0
        recent_a *= scale
        capped_recent += recent_a.sum()
        for d in range(5):
            base_by_status[d] += recent_a[d] * (1.0 - math.exp(-foreign[d][a]))
        base_by_status[5] += max(fb_stock[a] - recent_a.sum(), 0.0) * (1.0 - math.exp(-foreign[5][a]))
    in_year = float((arrivals * (1.0 - np.exp(-0.5 * foreign[0]))).sum())
    year1 = native_emigrants + base_by_status.sum() + in_year
    print(f"  emigration, first simulated year, unplanned (recent arrivals of the base population: "
          f"{capped_recent:,.0f} of {recent:,.0f}): native-born adults {native_emigrants:,.0f}, foreign-born stock "
          f"{base_by_status.sum():,.0f}, new arrivals {in_year:,.0f}; total {year1:,.0f}")
    peak_native = float(native[15:40].max())
    peak_native_age = int(np.argmax(native[15:40])) + 15
    peak_foreign_age = int(np.argmax(foreign[0][15:40])) + 15
    native_params = {k: (v * NATIVE_EMIGRATION_ADULT_FACTOR if k in ("a1", "a2", "a3", "c") else v)
                     for k, v in native_params.items()}
    return dict(native_emigrants=native_emigrants, previous_native=previous_native, by_status=by_status,
                total=total, year1=year1, base_stock=float(base_by_status.sum()), in_year=in_year, recent=recent,
                capped_recent=capped_recent, peak_native=peak_native, peak_native_age=peak_native_age,
                peak_foreign_age=peak_foreign_age, native_params={k: float(f"{v:.6g}") for k, v in native_params.items()},
                peaks=peaks, foreign_params=foreign_params,
                native_at={a: float(native[a]) for a in (15, 20, 50, 70)})


# ----------------------------------------------------------------------------------------------
# Return of emigrants

# Hazards in years abroad 0 and 9 (assumptions). They serve the emigrants without a plan to come
# back: nationals who emigrated (planned temporary stays come back by [spells]) and the foreign-born
# who left (those who plan another stay come again by [spells]).
RETURN_HAZARD = {"native_born": (0.10, 0.02), "foreign_born": (0.03, 0.005)}  # year 0, year 9


def return_table():
    rows = []
    info = {}
    years = np.arange(10)
    for b, (h0, h9) in RETURN_HAZARD.items():
        decay = math.log(h0 / h9) / 9.0
        h = h0 * np.exp(-decay * years)
        rows += [[b, int(y), fmt(v, 6)] for y, v in zip(years, h)]
        within = [1.0 - math.exp(-h[:n].sum()) for n in (1, 5, 10)]
        info[b] = dict(h0=h0, h9=h9, decay=decay, within=within)
        print(f"  return {b}: h(y) = {h0} exp(-{decay:.4f} y), h(9) = {h[9]:.3f}; returned within 1/5/10 years "
              f"(ignoring death abroad): {100 * within[0]:.0f}% / {100 * within[1]:.0f}% / {100 * within[2]:.0f}%")
    write_csv("return_hazards.csv", ["birthplace", "years_abroad", "hazard"], rows)
    return info


# ----------------------------------------------------------------------------------------------
# Internal migration between small areas

# Shapes (Rogers-Castro), scaled so that the maximum over ages 15..39 is INTERNAL_PEAK[sex].
INTERNAL_RC = {
    "male": dict(a1=0.14, alpha1=0.11, a2=1.0, mu2=19.5, alpha2=0.12, lambda2=0.42,
                 a3=0.010, mu3=64.0, alpha3=0.25, lambda3=0.30, c=0.018),
    "female": dict(a1=0.14, alpha1=0.11, a2=1.0, mu2=18.0, alpha2=0.13, lambda2=0.50,
                   a3=0.010, mu3=64.0, alpha3=0.25, lambda3=0.30, c=0.018),
}
INTERNAL_PEAK = {"male": 0.16, "female": 0.18}
INTERNAL_MOVES_DK = 200_000  # inter-municipal moves per year, Denmark (Statistics Denmark)
# Children under 15 move with their mothers (hazard 0 of their own); the adults' hazards are the
# shapes above times this factor, set by runs of the default scenario so that the model's moves,
# the children who follow included, stay at the previous table's total (docs/model.md).
INTERNAL_ADULT_FACTOR = 0.95


def internal_table(pop):
    rows = []
    moves = 0.0
    previous = 0.0
    info = {}
    for s in SEXES:
        shape, params = scaled_rc(INTERNAL_RC[s], INTERNAL_PEAK[s])
        h = without_children(shape * INTERNAL_ADULT_FACTOR)
        rows += [[s, int(a), fmt(h[a])] for a in AGES]
        moves += float((extend_to_100(pop[s]) * h).sum())
        previous += float((extend_to_100(pop[s]) * shape).sum())
        params = {k: float(f"{v * INTERNAL_ADULT_FACTOR:.6g}") if k in ("a1", "a2", "a3", "c") else v
                  for k, v in params.items()}
        info[s] = dict(peak=float(h[15:40].max()), peak_age=int(np.argmax(h[15:40])) + 15, at15=float(h[15]),
                       at50=float(h[50]), at70=float(h[70]), params=params)
    write_csv("internal_migration_hazards.csv", ["sex", "age", "hazard"], rows)
    total = sum(p.sum() for p in pop.values())
    info["moves"] = moves
    info["previous"] = previous
    info["rate"] = previous / total
    print(f"  internal migration: the previous table (children's own hazards) gives {previous:,.0f} moves/yr = "
          f"{100 * previous / total:.2f}% of the 2013 population (Denmark ~200,000 inter-municipal moves = 3.6%); "
          f"adults' own with the new one (x{INTERNAL_ADULT_FACTOR}) {moves:,.0f} (children who follow: by runs); "
          f"peak {100 * info['male']['peak']:.1f}% at {info['male']['peak_age']} (m), "
          f"{100 * info['female']['peak']:.1f}% at {info['female']['peak_age']} (f)")
    return info


# ----------------------------------------------------------------------------------------------
# Partner countries: the table and the defaults of scenarios/baseline.toml


def partner_table():
    """Writes partners_2013.csv and returns the defaults of the scenario as text, by group."""
    rows, summary = PARTNER_ROWS, PARTNER_SUMMARY
    partners.check_spell_shares()
    base = dict(zip(GROUPS, decimals_summing_to([rows[g]["base_share"] for g in GROUPS], 1.0, 4)))
    dest = dict(zip(GROUPS, decimals_summing_to([rows[g]["destination_share"] for g in GROUPS], 1.0, 4)))
    arrivals = {g: int(round(rows[g]["arrivals"])) for g in GROUPS}
    header = ["group", "iso2", "immigration_by_previous_residence", "emigration_by_next_residence",
              "immigration_foreign_citizens", "emigration_foreign_citizens", "immigration_national_definition",
              "immigrants_16_64_men", "immigrants_16_64_women", "immigrants_16_64",
              "arrivals_per_year", "base_population_share", "native_emigrants", "destination_share", "male_share"]

    def blank(v):
        return "" if v is None else v

    out = []
    for g in GROUPS:
        r = rows[g]
        out.append([g, r["iso2"], r["previous_residence"], r["next_residence"], r["foreign_in"], r["foreign_out"],
                    blank(r["national_in"]), blank(r["stock_men"]), blank(r["stock_women"]),
                    f"{r['stock_16_64']:.0f}", arrivals[g], base[g], f"{r['danish_out']:.0f}", dest[g],
                    r["male_share"]])
    write_csv("partners_2013.csv", header, out, comments=(
        "# flows 2013, 12-month definition: UN DESA International Migration Flows 2015 revision (Statistics Denmark);"
        " national definition: StatBank VAN1AAR; stock aged 16-64: Statistics Denmark, Indvandrere i Danmark 2013,"
        " Tabel 2.5; derived columns: see SOURCES.md",))
    total_arrivals = sum(arrivals.values())
    print(f"  partners: {total_arrivals:,} first arrivals a year (12-month foreign citizens x "
          f"{partners.SHORT_STAY_FACTOR} = {summary['arrivals_12m_factor']:,.0f}; national definition, foreign "
          f"citizens ~{summary['national_foreign']:,}); native-born destinations sum to "
          f"{summary['total_danish']:,.0f} (Danish citizens' emigration {partners.UN_DESA_2013_DANISH_EMIGRATION:,})")
    defaults = {
        "groups.names": GROUPS,
        "groups.base_population_share": base,
        "immigration.arrivals_per_year": arrivals,
        "emigration.destination_shares": dest,
    }
    for k, key in enumerate(partners.SPELL_SHARE_KEYS):
        defaults["spells." + key] = {g: partners.SPELL_SHARES[g][k] for g in GROUPS}
    check_baseline(defaults)
    return dict(rows=rows, summary=summary, base=base, dest=dest, arrivals=arrivals, total_arrivals=total_arrivals)


def check_baseline(defaults):
    """Says whether scenarios/baseline.toml carries the defaults derived here, and prints them as TOML."""
    import tomllib
    with open(os.path.join(REPO, "scenarios", "baseline.toml"), "rb") as f:
        baseline = tomllib.load(f)
    problems = []
    for key, expected in defaults.items():
        section, name = key.split(".")
        found = baseline.get(section, {}).get(name)
        if isinstance(expected, tuple):
            ok = found == list(expected)
        else:
            ok = isinstance(found, dict) and list(found) == list(expected) and all(
                math.isclose(float(found[g]), float(v), abs_tol=1e-12) for g, v in expected.items())
        if not ok:
            problems.append(key)
    if problems:
        print("  scenarios/baseline.toml differs from the derived defaults in: " + ", ".join(problems))
        for key in problems:
            value = defaults[key]
            if isinstance(value, tuple):
                text = "[" + ", ".join(f'"{g}"' for g in value) + "]"
            else:
                text = "{ " + ", ".join(f"{g} = {v}" for g, v in value.items()) + " }"
            print(f"    {key} = {text}")
    else:
        print("  scenarios/baseline.toml carries the derived defaults")


# ----------------------------------------------------------------------------------------------
# SOURCES.md


# The real small areas (copied unchanged from ../shared/data/denmark/ with their note).
AREA_SOURCES = """\
## Real data for real small areas: `municipalities.csv`, `municipal_population_2008_2013.csv` (used by the default scenario)

Copied unchanged from the project's reference data (added by hand, not by
`calibration/make_baseline_tables.py`). Read by `sim/population/area_tables.hpp`; the default scenario
runs on them (`[areas]` of `scenarios/baseline.toml`). Their source note, as given with the data:

> Denmark's 98 municipalities (boundaries since 2007) plus Christiansø, which Statistics
> Denmark reports as a unit of its own; it belongs to no municipality or region and is
> listed under Hovedstaden, with Bornholm, as Statistics Denmark does.
>
> | file | columns | covers |
> |---|---|---|
> | `municipalities.csv` | code, name, name_en, region, longitude, latitude | 99 units sorted by code: Statistics Denmark's 3-digit code, Danish and English name, region, a point in WGS84 decimal degrees |
> | `municipal_population_2008_2013.csv` | code, year, males, females | persons on 1 January by sex, 2008–2013 |
>
> Population: Statistics Denmark's quarterly table "Population at the first day of the
> quarter by marital status, sex, region and time" (first quarter, all marital statuses),
> as saved in the public repository javiereliomedina/Migration_DK_FLOW (file
> `Rdata/Statistics_DK/Pop_muni_gen_stat_2008_2020_Q1.xlsx`, commit 1373e5c); numbers
> unchanged. Codes, names and regions: public lists of Statistics Denmark's municipality
> codes, cross-checked against two other lists. Coordinates: GeoNames, via a
> GeoNames-derived public list. Each point is the municipality's main town, taken as the
> seat of its council; for seven units whose seat is missing from that list (Brøndby,
> Gladsaxe, Herlev, Rudersdal, Odsherred, Samsø, Læsø) it is GeoNames' point for the
> municipality. The points are approximate centres meant for distance-based migration
> models, not for mapping.
>
> Checks anyone can redo: summed over municipalities, males and females equal
> `population_jan1.csv` in every year 2008–2013 (2013: 2,778,852 males and 2,823,776
> females, together 5,602,628).

**Christiansø** (code 411) is present in both files as a unit of its own, with its own
population (2013: 49 males and 43 females, 92 persons; 96 to 103 persons in 2008–2012). It is kept
as it is: the 99 units together are what sums to the national table. A model that wants the 98
municipalities proper can add Christiansø to Bornholm (code 400, the nearest municipality, in the
same region) with `merge_area` of `sim/population/area_tables.hpp`, which adds the persons and
keeps Bornholm's name and point; the default scenario keeps the 99 units.

## Fitted: `internal_migration_attraction.csv`, `internal_migration_attraction_fit.csv`, `internal_migration_attraction_fit_summary.csv`

Written by `migsim calibrate scenarios/calibration.toml` (not by this script): the log attraction of
each municipality for internal movers (the same for the four mover age groups), fitted so that a
run of 2008-2013 from the observed population of 2008 (`dk_population_jan1_2008.csv`, spread over
the municipalities of 2008) ends with each municipality's observed share of 1 January 2013; the
fit's targets and standardised differences by municipality; its summary figures. Method, fit and
backtest: `calibration/README.md`, "Calibration to the municipalities", and
`calibration/fit_report.md`. The decay distance of 60 km beside them is an assumption.
"""


# The published paths of fertility and immigration ([changes.published_*] of scenarios/baseline.toml).
TREND_SOURCES = """\
## National trends: the published paths of fertility and immigration (in `scenarios/baseline.toml`)

The default scenario's `[changes.published_fertility]` and `[changes.published_immigration]` give, from
January of each year, factors of the 2013 values of `fertility.total_fertility` (1.67) and
`immigration.multiplier` (1); each factor is the year's figure over 2013's, to six decimals. Tested in
`tests/unit/test_published_paths.cpp` against the figures below.

| year | total fertility rate | immigration of foreign citizens |
|---|---|---|
| 2008 | (not used) | 37,488 |
| 2009 | 1.84 | 32,505 |
| 2010 | 1.87 | 33,717 |
| 2011 | 1.75 | 34,562 |
| 2012 | 1.73 | 35,756 |
| 2013 | 1.67 | 41,342 |
| 2014 | 1.69 | 49,033 |
| 2015 | 1.71 | 58,688 |
| 2016 | 1.79 | 54,636 |
| 2017 | 1.75 | 49,041 |
| 2018 | 1.73 | 45,259 |
| 2019 | 1.70 | 42,268 |
| 2020 | 1.68 | 37,806 |
| 2021 | 1.72 | 47,267 |
| 2022 | 1.55 | 102,762 |
| 2023 | 1.50 | 79,357 |

- **Total fertility rate:** Eurostat, table tps00199 ("Total fertility rate"), Denmark; 2009–2011 from an
  extract of 28 April 2022, 2012–2023 from an extract of 21 March 2025, the two equal on 2012–2020.
  Statistics Denmark's own releases give the same values for 2014 (1.69), 2018 (1.73), 2019 (1.70) and
  2023 (1.50).
- **Immigration:** Eurostat, table migr_imm1ctz ("Immigration by age group, sex and citizenship"), Denmark,
  all ages and both sexes, citizenship "Foreign country and stateless": immigrants on the 12-month
  definition of Regulation (EC) 862/2007, Statistics Denmark's figures. Its 2013 figure with the Danish
  citizens' 18,970 is the 60,312 of Eurostat's tps00176.
- **Assumptions:**
  - every partner's first arrivals follow the total of foreign citizens, so the partners' shares stay
    those of 2013 (2015's arrivals from Syria and 2022's from Ukraine are spread over every partner; a
    scenario gives one partner its own path with a change of `immigration.arrivals_per_year.PARTNER`);
  - after 2023, the last published year, fertility and immigration stay at their 2023 levels;
  - the Danish citizens' immigration is not scaled: it is the model's returns.
"""


def write_sources(fert, status, imm_summary, emig, ret, internal, partner):
    readme = os.path.join(os.path.dirname(DENMARK), "README.md")
    with open(readme) as f:
        src_note = f.read()
    danish = src_note.split("## denmark/")[1].split("## Published")[0].strip() if "## denmark/" in src_note else ""
    L = []
    L.append("# Input tables of the default scenario: sources\n")
    L.append("Written by `calibration/make_baseline_tables.py` (run `/usr/bin/python3 calibration/make_baseline_tables.py`);")
    L.append("do not edit by hand. Ages are completed years; `100` means 100 and over in the derived tables.")
    L.append("Rates and hazards are per person-year. Derived schedules are evaluated at mid-age x + 0.5.\n")
    L.append("## Real data: `dk_population_jan1_2013.csv`, `dk_mortality_2012.csv`, `dk_mortality_1974_2012.csv`,")
    L.append("`dk_population_jan1_2008.csv`, `dk_population_jan1_2010.csv`\n")
    L.append("The 2013 rows of `population_jan1.csv` and the 2012 rows of `mortality.csv`, unchanged; and")
    L.append("`mortality.csv` whole (1974–2012), unchanged, for the mortality trend. The 2008 and 2010 rows")
    L.append("of `population_jan1.csv`, unchanged, are the base populations of the calibration of the")
    L.append("municipalities' attractions (from 2008) and of its backtest's projection (from 2010).")
    L.append("Their source note, as given with the data:\n")
    L.append("> " + danish.replace("\n", "\n> ") + "\n")
    L.append("## Fitted: `dk_mortality_lee_carter.csv`, `dk_mortality_lee_carter_k.csv`\n")
    L.append("The Lee–Carter model (Lee & Carter 1992) fitted to `dk_mortality_1974_2012.csv` by sex:")
    L.append("`dk_mortality_lee_carter.csv` (sex, age, a, b) and `dk_mortality_lee_carter_k.csv` (sex, year, k, and")
    L.append("the random walk's drift, drift_se, innovation_sd, the same on every row of a sex). Written by the")
    L.append("`fit_lee_carter` program of `calibration/tools/` (not by this script): the method, the command and the")
    L.append("fit's summary are in `calibration/README.md`, the formulas in `docs/methods.md`.\n")
    L.append("## Derived tables\n")
    L.append("The **Rogers–Castro** model migration schedule (Rogers & Castro 1981, *Model migration schedules*,")
    L.append("IIASA RR-81-30), used below, is")
    L.append("m(x) = a1·exp(−α1·x) + a2·exp(−α2(x−μ2) − exp(−λ2(x−μ2))) + a3·exp(−α3(x−μ3) − exp(−λ3(x−μ3))) + c.\n")

    L.append("### `fertility_schedule.csv` (age, rate), ages 15–49\n")
    L.append("Hadwiger (1940): f(x) = (R·H/(T·√π))·(T/x)^{3/2}·exp(−H²(T/x + x/T − 2)), evaluated at x + 0.5")
    L.append(f"and normalised so that the rates sum to exactly R = {TFR} (rounded to 9 decimals by largest")
    L.append(f"remainders so that the written values also sum to {TFR}).\n")
    L.append(f"- R = {TFR}: total fertility, Denmark 2013 (Statistics Denmark), the year the default scenario")
    L.append("  represents (its population is that of 1 January 2013; 1.73 was the figure of 2012). Published births")
    L.append("  2013: 55,873 (`births_monthly.csv`).")
    L.append(f"- H = {FERTILITY_H} (chosen for a spread of about 5 years, as in Danish age-specific rates).")
    L.append(f"- T = {fert['T']}: solved so that the mean age at birth is {FERTILITY_TARGET_MEAN_AGE}"
             " (Denmark 2013: ~31.0 at all births; ~29 at first birth).")
    L.append(f"- Result: mean age at birth {fert['mean']:.2f}, standard deviation {fert['sd']:.2f}, modal age "
             f"{fert['peak_age']}, maximum rate {fert['max_rate']:.4f}; rates at 20/25/30/35/40/45: "
             + ", ".join(f"{v:.4f}" for v in fert['rate_at'].values()) + ".\n")

    L.append("### `migrant_status_2013.csv` (age, foreign_born_share, second_generation_share), ages 0–100\n")
    L.append("Foreign-born (immigrants): share(a) = 0.03 − 0.02·exp(−a/5) + A·h(a), with the gamma-shaped hump")
    L.append(f"h(a) = (a/m)^k·exp(k(1 − a/m)), m = {FB_PEAK_AGE:g}, k = {FB_HUMP_SHAPE:g}, and A = {status['fb_height']:.5f}")
    L.append("set so that, applied to the real 2013 population (99+ counted at 99), the number of immigrants is")
    L.append(f"{IMMIGRANTS_2013:,} (Statistics Denmark, 1 January 2013: ~476,000 immigrants).")
    L.append("Native-born with a foreign-born mother (descendants): share(a) = 0.004 + B·exp(−½((a − 8)/11)²),")
    L.append(f"B = {status['sg_height']:.5f}, set to give {DESCENDANTS_2013:,} descendants (Statistics Denmark 2013: ~150,000).")
    fb, sg = status["fb"], status["sg"]
    L.append(f"Result: {status['fb_total']:,.0f} foreign-born = {100 * status['fb_total'] / status['total']:.2f}% and "
             f"{status['sg_total']:,.0f} descendants = {100 * status['sg_total'] / status['total']:.2f}% of 5,602,628;")
    L.append(f"foreign-born share {100 * fb[25]:.1f}% at 25, {100 * fb.max():.1f}% at its peak (age {int(np.argmax(fb))}),"
             f" {100 * fb[40]:.1f}% at 40, {100 * fb[70]:.1f}% at 70, {100 * fb[0]:.1f}% at 0; descendants"
             f" {100 * sg[0]:.1f}% at 0, {100 * sg.max():.1f}% at {int(np.argmax(sg))}, {100 * sg[25]:.1f}% at 25,"
             f" {100 * sg[40]:.1f}% at 40.\n")

    partners.sources_section(L, partner)

    L.append("### `immigration_age_profile.csv` (group, sex, age, share)\n")
    L.append("Shares of first arrivals by sex and age within each group, summing to exactly 1 over sex and age")
    L.append("(10 decimals, rounded by largest remainders). Children under 15 arrive with their mothers: the")
    L.append("scheduled arrivals are the profile's persons aged 15 and over, and each woman aged 18–54 brings a")
    L.append("Poisson number of children that makes them the profile's share of all arrivals (sim/processes/immigration.hpp).\n")
    L.append("**usa: published Danish immigration by age.** Statistics Denmark, StatBank VAN1AAR, immigrations of")
    L.append("US citizens in 2013 (national definition) by five-year age group: "
             + ", ".join(f"{5 * k}–{5 * k + 4}: {n:,}" for k, n in enumerate(partners.VAN1AAR_2013_US_BY_AGE))
             + f" (none older; {sum(partners.VAN1AAR_2013_US_BY_AGE):,} in all), turned into single years by monotone cubic")
    L.append("interpolation of the cumulative counts (each group's total kept). Result: "
             + ", ".join(f"{k}: {100 * v:.2f}%" for k, v in imm_summary['us_bands'].items())
             + f"; peak at age {imm_summary['us_peak_age']}, mean age at arrival {imm_summary['us_mean_age']:.1f}.\n")
    L.append("**Every other group: the pattern of a Nordic neighbour.** Danish tables by age were not found for")
    L.append("the other partners (Statistics Denmark's VAN1AAR and Eurostat's `migr_imm8` could not be reached")
    L.append("from where these tables were made), so the pattern is that of Statistics Norway's published immigration")
    L.append("of foreign citizens, with the same mix of EU labour, student and family migration — an assumption,")
    L.append("to be replaced by the Danish tables:\n")
    L.append("- shape: SSB, *Flyttingar frå og til utlandet, etter kjønn og alder. 2002*, table 16, immigrations of")
    L.append("  foreign citizens by five-year age group (0–4: 2,054; 5–9: 2,181; 10–14: 1,936; 15–19: 3,008;")
    L.append("  20–24: 5,688; 25–29: 5,654; 30–34: 3,790; 35–39: 2,456; 40–44: 1,534; 45–49: 931; 50–54: 601;")
    L.append("  55–59: 344; 60–64: 232; 65+: 379 of 30,788);")
    L.append("- level of the broad groups: SSB, *Innvandring og utvandring, etter personenes kjønn, alder og")
    L.append("  sivilstand. 2007*, table 6, foreign citizens: 0–15: 7,652; 16–44: 40,481; 45–66: 5,114; 67+: 251")
    L.append("  of 53,498 (EU enlargement made 2007's immigrants younger, closer to Denmark's in 2013).\n")
    L.append("Method: the 2002 groups are turned into single years by monotone cubic interpolation of their")
    L.append("cumulative counts (each group's total is kept, no value is negative); the open group 65+ follows the")
    L.append(f"density at 60–64 (centred at 62) times q^(x−62) with q = {imm_summary['q']:.4f} (a propensity to move that")
    L.append("falls with age) times the survivors l(x)/l(62) of the 2012 Danish life table (fewer are alive to move),")
    L.append("q set so that it holds the group's total, 100+ being the rest of the tail; then each broad group of")
    L.append("2007 is rescaled to its 2007 share (steps remain at ages 16, 45 and 67, where the published groups meet).")
    L.append("Result (both sexes): " + ", ".join(f"{k}: {100 * v:.2f}%" for k, v in imm_summary['bands'].items())
             + f"; peak at age {imm_summary['peak_age']}, mean age at arrival {imm_summary['mean_age']:.1f}.\n")
    L.append("**Male shares** (the `male_share` column of `partners_2013.csv`): each partner's share of men among its")
    L.append("immigrants aged 16–64 in Tabel 2.5 (below), an assumption that arrivals have the stock's sex ratio;")
    L.append(f"Syria, not in the table: {partners.SYRIA_MALE_SHARE} (an assumption); the rest of the world: the men and women")
    L.append("of all immigrants of the table less those of the ten partners listed. "
             + ", ".join(f"{g} {partner['rows'][g]['male_share']}" for g in GROUPS) + ".\n")

    L.append("### `emigration_hazards.csv` (status, age, hazard)\n")
    L.append("Rogers–Castro shapes, each multiplied so that its maximum over ages 15–39 is a given peak (the")
    L.append("parameters below are after scaling). **Children aged 0–14 have hazard 0 in every status:** they")
    L.append("leave with their mothers (sim/processes/families.hpp) and are counted as emigrants when they do.\n")
    L.append(f"- native_born: the previous table's shape (peak 1.30%/year) times {NATIVE_EMIGRATION_ADULT_FACTOR} from")
    L.append(f"  age 15: {rc_params_text(emig['native_params'])}; peak {100 * emig['peak_native']:.2f}%/year at age"
             f" {emig['peak_native_age']}; " + ", ".join(f"{100 * v:.2f}% at {a}" for a, v in emig['native_at'].items()) + ".")
    L.append(f"  The previous table, children's own hazards included, gave {emig['previous_native']:,.0f} native-born emigrants")
    L.append(f"  a year on the 2013 population; the factor {NATIVE_EMIGRATION_ADULT_FACTOR} (adults' own: "
             f"{emig['native_emigrants']:,.0f}) was set by runs of the")
    L.append("  default scenario so that the model's native-born emigration, the children who follow included,")
    L.append("  stays at that total (the measured totals: docs/model.md, \"The default scenario's flows\").")
    for st, p, params in zip(STATUSES[1:], emig['peaks'], emig['foreign_params']):
        L.append(f"- {st}: peak {100 * p:.2f}%/year at age {emig['peak_foreign_age']}; {rc_params_text(params)}.")
    L.append("\nThe foreign-born rows are the **unplanned** departures of everybody (settlers, families, protected")
    L.append("persons, and temporary migrants besides their plans); the planned departures of workers, circular")
    L.append("workers, students and refused asylum seekers come from `[spells]` (docs/model.md). Their peaks by")
    L.append("completed years since the latest arrival, " + ", ".join(f"{100 * p:g}" for p in emig['peaks'])
             + " %/year, are an **assumption** (no published")
    L.append("table of emigration by years since arrival or by permit type was found); the previous table's peaks")
    L.append("(21.7 % in the first year down to 2.5 %) carried the temporary migrants' departures, which are now")
    L.append("planned.\n")
    L.append("Check (computed in the script, unplanned departures only): the native-born adults leave with")
    L.append(f"probability 1 − exp(−h): {emig['native_emigrants']:,.0f} a year; {partner['total_arrivals']:,} first arrivals a year")
    L.append("(the partner table) followed through years 0–4 since arrival, the rest of the 2013 foreign-born stock")
    L.append("in the 5+ status: " + ", ".join(f"{e:,.0f}" for e in emig['by_status'])
             + f" by years since arrival 0, 1, 2, 3, 4, 5+. In the first simulated year, with the base population's")
    L.append(f"recent arrivals capped at the stock of their age ({emig['capped_recent']:,.0f} of the {emig['recent']:,.0f} the inflow")
    L.append(f"would leave; calibration/README.md): {emig['base_stock']:,.0f} from the foreign-born stock and {emig['in_year']:,.0f}")
    L.append("from the year's arrivals. Total emigration (Denmark 2013: 43,310 on the 12-month definition) is")
    L.append("measured by runs of the model, planned departures and children included: docs/model.md.\n")

    L.append("### `return_hazards.csv` (birthplace, years_abroad, hazard), years abroad 0–9\n")
    L.append("Exponential decay with time abroad: h(y) = h0·exp(−d·y), d = ln(h0/h9)/9.\n")
    L.append("| birthplace | h0 | h9 | d | returned within 1 / 5 / 10 years |")
    L.append("|---|---|---|---|---|")
    for b, i in ret.items():
        L.append(f"| {b} | {i['h0']} | {i['h9']} | {i['decay']:.4f} | "
                 + " / ".join(f"{100 * w:.0f}%" for w in i['within']) + " |")
    L.append("\n(1 − exp(−Σ h), ignoring death abroad.) An **assumption**: these hazards serve the emigrants without")
    L.append("a plan to come back, nationals who emigrated and the foreign-born who left; a national on a temporary")
    L.append("stay abroad (`spells.national_temporary_share` of nationals' departures) comes back around the plan,")
    L.append("and a foreign-born person who plans another stay comes again, by `[spells]`. The previous table")
    L.append("(18 % → 2.5 % and 6 % → 1 %) carried both. Returns of nationals in the model are compared with Danish")
    L.append("citizens' immigration (18,970 on the 12-month definition, 21,441 on the national one) in docs/model.md.\n")

    L.append("### `internal_migration_hazards.csv` (sex, age, hazard)\n")
    L.append("Moves between small areas per person-year, Rogers–Castro shapes (peak 16 % for men, 18 % for women) times")
    L.append(f"{INTERNAL_ADULT_FACTOR} from age 15; **children aged 0–14 have hazard 0**: they move with their mothers.\n")
    for s in SEXES:
        L.append(f"- {s}: {rc_params_text(internal[s]['params'])}; peak {100 * internal[s]['peak']:.1f}% at age "
                 f"{internal[s]['peak_age']}, {100 * internal[s]['at15']:.1f}% at 15,"
                 f" {100 * internal[s]['at50']:.1f}% at 50, {100 * internal[s]['at70']:.1f}% at 70.")
    L.append(f"\nCheck: the shapes with children's own hazards, applied to the 2013 population, give {internal['previous']:,.0f} moves")
    L.append(f"a year = {100 * internal['rate']:.2f}% (Denmark: ~200,000 inter-municipal moves a year among 5.6 million = 3.6%);")
    L.append(f"the adults' own with the factor: {internal['moves']:,.0f}. The factor {INTERNAL_ADULT_FACTOR} was set by runs of the model")
    L.append("so that its moves, the children who follow their mothers included, stay at that total (docs/model.md).\n")
    L.append(AREA_SOURCES)
    L.append(TREND_SOURCES)
    path = os.path.join(OUT, "SOURCES.md")
    with open(path, "w") as f:
        f.write("\n".join(L))
    print(f"wrote {os.path.relpath(path, REPO)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    pop = copy_danish_tables()
    fert = fertility_table()
    status = migrant_status_table(pop)
    partner = partner_table()
    profiles, imm_summary = immigration_profile_table(pop["mortality_both"], PARTNER_ROWS)
    emig = emigration_table(pop, status, profiles)
    ret = return_table()
    internal = internal_table(pop)
    write_sources(fert, status, imm_summary, emig, ret, internal, partner)
    return 0


if __name__ == "__main__":
    sys.exit(main())
