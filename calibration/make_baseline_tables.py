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

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(REPO, "scenarios", "data")
DENMARK = os.environ.get("MIGSIM_DENMARK_DATA", "/work/shared/data/denmark")

AGES = np.arange(101)  # 0..100, 100 = 100 and over
SEXES = ("male", "female")
GROUPS = ("eu_efta", "rest_of_europe", "rest_of_world")
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
# Male share of each group's arrivals: an assumption (SSB 2007: 59% of foreign-citizen immigrants
# were men; 2002: 48%); labour-migrant groups more male, family migration less.
IMMIGRATION_MALE_SHARE = {"eu_efta": 0.56, "rest_of_europe": 0.52, "rest_of_world": 0.48}


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


def immigration_profile_table(mortality):
    rows = []
    profiles = {}
    summary = []
    age_shares, q = immigration_age_shares(mortality)
    for g in GROUPS:
        male = IMMIGRATION_MALE_SHARE[g]
        by_sex = [male * age_shares, (1 - male) * age_shares]
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
    summary = dict(q=q, mean_age=mean_age, bands=band_shares, peak_age=int(np.argmax(both)),
                   broad={f"{lo}-{hi - 1}" if hi < 101 else f"{lo}+": float(both[lo:hi].sum())
                          for lo, hi, _ in SSB_2007_BROAD})
    print(f"  immigration profile (all groups): peak at age {summary['peak_age']}, mean age {mean_age:.1f}, "
          + ", ".join(f"{k} {100 * v:.2f}%" for k, v in band_shares.items())
          + f"; per 70,000 arrivals: {70000 * band_shares['90-99']:.1f} aged 90-99, {70000 * band_shares['100+']:.2f} aged 100+")
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
# Relative peak hazards of the foreign-born by completed years since the latest arrival 0, 1, 2, 3,
# 4, 5+, and the peak of the first year: set so that the steady-state total (below) is
# EMIGRANTS_2013.
FOREIGN_EMIGRATION_RELATIVE_PEAKS = (1.0, 12 / 22, 8 / 22, 6 / 22, 5 / 22, 2.5 / 22)

ARRIVALS_PER_YEAR = 70_000  # first arrivals of the foreign-born per year, default scenario
ARRIVAL_GROUP_SHARES = {"eu_efta": 0.45, "rest_of_europe": 0.15, "rest_of_world": 0.40}
EMIGRANTS_2013 = 43_000  # Statistics Denmark: ~43,000 emigrants in 2013


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


def emigration_table(pop, status, profiles):
    native, native_params = scaled_rc(NATIVE_EMIGRATION_RC, NATIVE_EMIGRATION_PEAK)
    persons = extend_to_100(pop["male"] + pop["female"])
    fb_stock = status["fb"] * persons
    arrivals = ARRIVALS_PER_YEAR * sum(w * (profiles[g][0] + profiles[g][1]) for g, w in ARRIVAL_GROUP_SHARES.items())

    # The first-year peak: bisection on the steady-state total.
    def total_for(peak0):
        foreign = [scaled_rc(FOREIGN_EMIGRATION_RC, peak0 * r)[0] for r in FOREIGN_EMIGRATION_RELATIVE_PEAKS]
        n, by, _ = steady_state_emigration(native, foreign, persons, status["fb"], arrivals)
        return n + sum(by)

    lo, hi = 0.01, 0.45
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if total_for(mid) < EMIGRANTS_2013 else (lo, mid)
    peak0 = round(0.5 * (lo + hi), 4)
    peaks = [peak0 * r for r in FOREIGN_EMIGRATION_RELATIVE_PEAKS]
    foreign = [scaled_rc(FOREIGN_EMIGRATION_RC, p)[0] for p in peaks]
    foreign_params = [scaled_rc(FOREIGN_EMIGRATION_RC, p)[1] for p in peaks]
    hazards = [native] + foreign
    assert np.all(np.concatenate(hazards) < 0.5)
    rows = [[st, int(a), fmt(h[a])] for st, h in zip(STATUSES, hazards) for a in AGES]
    write_csv("emigration_hazards.csv", ["status", "age", "hazard"], rows)

    native_emigrants, by_status, recent = steady_state_emigration(native, foreign, persons, status["fb"], arrivals)
    total = native_emigrants + sum(by_status)
    print(f"  emigration, steady state ({ARRIVALS_PER_YEAR:,} arrivals/yr): native-born {native_emigrants:,.0f}, "
          f"foreign-born by years since arrival 0..4,5+: {', '.join(f'{e:,.0f}' for e in by_status)}; "
          f"total {total:,.0f} (Denmark 2013: ~43,000)")
    print(f"    foreign-born peaks by years since arrival: {', '.join(f'{100 * p:.1f}%' for p in peaks)}; "
          f"stock with <5 years since arrival {recent:,.0f} of {fb_stock.sum():,.0f}")

    # Check 2, first year of a run: the base population's foreign-born who arrived 0..4 years ago are
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
    print(f"  emigration, first simulated year (recent arrivals of the base population: {capped_recent:,.0f}): "
          f"native-born {native_emigrants:,.0f}, foreign-born stock {base_by_status.sum():,.0f}, "
          f"new arrivals {in_year:,.0f}; total {year1:,.0f}")
    peak_native = float(native[15:40].max())
    peak_native_age = int(np.argmax(native[15:40])) + 15
    peak_foreign_age = int(np.argmax(foreign[0][15:40])) + 15
    print(f"    native-born hazard peaks at {100 * peak_native:.2f}%/yr at age {peak_native_age}; "
          f"foreign-born peak at age {peak_foreign_age}")
    return dict(native_emigrants=native_emigrants, by_status=by_status, total=total, year1=year1,
                base_stock=float(base_by_status.sum()), in_year=in_year, recent=recent, capped_recent=capped_recent,
                peak_native=peak_native, peak_native_age=peak_native_age, peak_foreign_age=peak_foreign_age,
                native_params=native_params, peaks=peaks, foreign_params=foreign_params,
                native_at={a: float(native[a]) for a in (0, 10, 50, 70)})


# ----------------------------------------------------------------------------------------------
# Return of emigrants

RETURN_HAZARD = {"native_born": (0.18, 0.025), "foreign_born": (0.06, 0.010)}  # year 0, year 9


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


def internal_table(pop):
    x = AGES + 0.5
    rows = []
    moves = 0.0
    info = {}
    for s in SEXES:
        h, params = scaled_rc(INTERNAL_RC[s], INTERNAL_PEAK[s])
        rows += [[s, int(a), fmt(h[a])] for a in AGES]
        moves += float((extend_to_100(pop[s]) * h).sum())
        info[s] = dict(peak=float(h[15:40].max()), peak_age=int(np.argmax(h[15:40])) + 15, at0=float(h[0]),
                       at10=float(h[10]), at50=float(h[50]), at70=float(h[70]), params=params)
    write_csv("internal_migration_hazards.csv", ["sex", "age", "hazard"], rows)
    total = sum(p.sum() for p in pop.values())
    info["moves"] = moves
    info["rate"] = moves / total
    print(f"  internal migration: {moves:,.0f} moves/yr = {100 * moves / total:.2f}% of the 2013 population "
          f"(Denmark ~200,000 inter-municipal moves = 3.6%); peak {100 * info['male']['peak']:.1f}% at "
          f"{info['male']['peak_age']} (m), {100 * info['female']['peak']:.1f}% at {info['female']['peak_age']} (f)")
    return info


# ----------------------------------------------------------------------------------------------
# SOURCES.md


def write_sources(fert, status, imm_summary, emig, ret, internal):
    readme = os.path.join(os.path.dirname(DENMARK), "README.md")
    with open(readme) as f:
        src_note = f.read()
    danish = src_note.split("## denmark/")[1].split("## Published")[0].strip() if "## denmark/" in src_note else ""
    L = []
    L.append("# Input tables of the default scenario: sources\n")
    L.append("Written by `calibration/make_baseline_tables.py` (run `/usr/bin/python3 calibration/make_baseline_tables.py`);")
    L.append("do not edit by hand. Ages are completed years; `100` means 100 and over in the derived tables.")
    L.append("Rates and hazards are per person-year. Derived schedules are evaluated at mid-age x + 0.5.\n")
    L.append("## Real data: `dk_population_jan1_2013.csv`, `dk_mortality_2012.csv`, `dk_mortality_1974_2012.csv`\n")
    L.append("The 2013 rows of `population_jan1.csv` and the 2012 rows of `mortality.csv`, unchanged; and")
    L.append("`mortality.csv` whole (1974–2012), unchanged, for the mortality trend.")
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

    L.append("### `immigration_age_profile.csv` (group, sex, age, share)\n")
    L.append("Shares of first arrivals by sex and age within each group, summing to exactly 1 over sex and age")
    L.append("(10 decimals, rounded by largest remainders). **The age pattern is published immigration by age:**")
    L.append("Statistics Denmark's own table (StatBank VAN1AAR) and Eurostat's `migr_imm8` could not be reached")
    L.append("from where these tables were made, so the pattern is that of a Nordic neighbour with the same mix of")
    L.append("EU labour, student and family migration, Statistics Norway's published immigration of foreign")
    L.append("citizens — an assumption, to be replaced by the Danish table:\n")
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
    L.append("2007 is rescaled to its 2007 share")
    L.append("(steps remain at ages 16, 45 and 67, where the published groups meet). All three groups share the")
    L.append("pattern (profiles by partner country come with partner-specific flows); each group's male share is")
    L.append("an assumption: " + ", ".join(f"{g} {m}" for g, m in IMMIGRATION_MALE_SHARE.items()) + ".\n")
    L.append("Result (both sexes): " + ", ".join(f"{k}: {100 * v:.2f}%" for k, v in imm_summary['bands'].items())
             + f"; peak at age {imm_summary['peak_age']}, mean age at arrival {imm_summary['mean_age']:.1f}.")
    L.append(f"Of 70,000 arrivals a year, {70000 * imm_summary['bands']['90-99']:.0f} are aged 90–99 and"
             f" {70000 * imm_summary['bands']['100+']:.1f} 100 or over.\n")

    L.append("### `emigration_hazards.csv` (status, age, hazard)\n")
    L.append("Rogers–Castro shapes, each multiplied so that its maximum over ages 15–39 is a given peak (the")
    L.append("parameters below are after scaling).\n")
    L.append(f"- native_born: {rc_params_text(emig['native_params'])}; peak {100 * emig['peak_native']:.2f}%/year at age"
             f" {emig['peak_native_age']}; " + ", ".join(f"{100 * v:.2f}% at {a}" for a, v in emig['native_at'].items()) + ".")
    for st, p, params in zip(STATUSES[1:], emig['peaks'], emig['foreign_params']):
        L.append(f"- {st}: peak {100 * p:.2f}%/year at age {emig['peak_foreign_age']}; {rc_params_text(params)}.")
    L.append("\nThe foreign-born peaks fall with completed years since the latest arrival in the ratios"
             " 22 : 12 : 8 : 6 : 5 : 2.5;")
    L.append(f"the first-year peak ({100 * emig['peaks'][0]:.2f}%) was solved by bisection so that the steady-state"
             f" total below is {EMIGRANTS_2013:,}.\n")
    L.append("Check (computed in the script): the native-born 2013 population (all persons × (1 − foreign-born share))")
    L.append("leaves with probability 1 − exp(−h); the foreign-born: "
             f"{ARRIVALS_PER_YEAR:,} first arrivals a year with the immigration age profile")
    L.append("(groups weighted " + ", ".join(f"{g} {w:g}" for g, w in ARRIVAL_GROUP_SHARES.items()) + ") are followed through")
    L.append("years 0–4 since arrival, ageing a year a year; the rest of the 2013 foreign-born stock is in the 5+ status.\n")
    L.append(f"- Native-born: {emig['native_emigrants']:,.0f} emigrants a year.")
    L.append("- Foreign-born by years since arrival 0, 1, 2, 3, 4, 5+: " + ", ".join(f"{e:,.0f}" for e in emig['by_status'])
             + f" (stock with < 5 years since arrival: {emig['recent']:,.0f}).")
    L.append(f"- **Total {emig['total']:,.0f} a year** (Denmark 2013: ~43,000 emigrants).")
    L.append(f"- In the first simulated year: the base population's foreign-born who arrived 0–4 years before the")
    L.append(f"  start are the survivors of this inflow, capped at the stock of their age ({emig['capped_recent']:,.0f} of the")
    L.append(f"  {emig['recent']:,.0f} the inflow would leave: at ages 20–34 five years of 70,000 arrivals exceed the 2013")
    L.append(f"  stock; calibration/README.md): {emig['native_emigrants']:,.0f} native-born + {emig['base_stock']:,.0f} from the")
    L.append(f"  foreign-born stock + {emig['in_year']:,.0f} from the year's arrivals = {emig['year1']:,.0f}.\n")

    L.append("### `return_hazards.csv` (birthplace, years_abroad, hazard), years abroad 0–9\n")
    L.append("Exponential decay with time abroad: h(y) = h0·exp(−d·y), d = ln(h0/h9)/9.\n")
    L.append("| birthplace | h0 | h9 | d | returned within 1 / 5 / 10 years |")
    L.append("|---|---|---|---|---|")
    for b, i in ret.items():
        L.append(f"| {b} | {i['h0']} | {i['h9']} | {i['decay']:.4f} | "
                 + " / ".join(f"{100 * w:.0f}%" for w in i['within']) + " |")
    L.append("\n(1 − exp(−Σ h), ignoring death abroad.) Target: about half of native-born emigrants return within")
    L.append("ten years, most of them in the first years (Danish return-migration studies); re-immigration of")
    L.append("foreign-born emigrants is far lower.\n")

    L.append("### `internal_migration_hazards.csv` (sex, age, hazard)\n")
    L.append("Moves between small areas per person-year, Rogers–Castro (the childhood component: children")
    L.append("move with their parents):\n")
    for s in SEXES:
        L.append(f"- {s}: {rc_params_text(internal[s]['params'])}; peak {100 * internal[s]['peak']:.1f}% at age "
                 f"{internal[s]['peak_age']}, {100 * internal[s]['at0']:.1f}% at 0, {100 * internal[s]['at10']:.1f}% at 10,"
                 f" {100 * internal[s]['at50']:.1f}% at 50, {100 * internal[s]['at70']:.1f}% at 70.")
    L.append(f"\nCheck: applied to the 2013 population, {internal['moves']:,.0f} moves a year = "
             f"{100 * internal['rate']:.2f}% (Denmark: ~200,000 inter-municipal moves a year among 5.6 million = 3.6%).\n")
    path = os.path.join(OUT, "SOURCES.md")
    with open(path, "w") as f:
        f.write("\n".join(L))
    print(f"wrote {os.path.relpath(path, REPO)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    pop = copy_danish_tables()
    fert = fertility_table()
    status = migrant_status_table(pop)
    profiles, imm_summary = immigration_profile_table(pop["mortality_both"])
    emig = emigration_table(pop, status, profiles)
    ret = return_table()
    internal = internal_table(pop)
    write_sources(fert, status, imm_summary, emig, ret, internal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
