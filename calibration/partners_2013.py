"""The partner countries of the default scenario: published figures and the defaults derived from
them (imported by make_baseline_tables.py, which writes scenarios/data/partners_2013.csv and the
section of scenarios/data/SOURCES.md that documents every figure below).

Every number here is either a published figure (its source is named beside it) or an assumption,
named as one. Derived values are computed, never typed in.
"""
import math
import sys

# The partners: the largest sources and destinations of Denmark's flows in 2013 (immigration by
# previous residence, emigration by next residence, immigration and emigration of foreign citizens
# by citizenship; UN DESA 2015 revision, below), and the rest of the world.
PARTNERS = (
    ("sweden", "SE", "Sweden"),
    ("norway", "NO", "Norway"),
    ("germany", "DE", "Germany"),
    ("poland", "PL", "Poland"),
    ("romania", "RO", "Romania"),
    ("united_kingdom", "GB", "United Kingdom"),
    ("usa", "US", "United States"),
    ("syria", "SY", "Syria"),
    ("philippines", "PH", "Philippines"),
    ("india", "IN", "India"),
    ("lithuania", "LT", "Lithuania"),
)
REST = "rest_of_world"
GROUPS = tuple(p[0] for p in PARTNERS) + (REST,)
# Members of the EU or the EEA in 2013 (Norway by the EEA agreement; the United Kingdom until
# 2020): free movement, no residence permit.
EU_EEA = ("sweden", "norway", "germany", "poland", "romania", "united_kingdom", "lithuania")

# United Nations, DESA, Population Division (2015), International Migration Flows to and from
# Selected Countries: The 2015 Revision (POP/DB/MIG/Flow/Rev.2015), country file "Denmark"
# (Statistics Denmark's data on the 12-month definition of Regulation (EC) 862/2007), year 2013:
# immigration by country of previous residence, emigration by country of next residence (all
# citizenships), immigration and emigration of foreign citizens by citizenship.
UN_DESA_2013 = {  # iso2: (previous residence, next residence, foreign citizens in, foreign citizens out)
    "SE": (4328, 2905, 1299, 1083),
    "NO": (2584, 3436, 1445, 1547),
    "DE": (3142, 3428, 1785, 2297),
    "PL": (3651, 1975, 3623, 1914),
    "RO": (3500, 1428, 3587, 1401),
    "GB": (3073, 2033, 1139, 909),
    "US": (2539, 4168, 917, 2863),
    "SY": (1776, 9, 1601, 11),
    "PH": (1434, 506, 1653, 1133),
    "IN": (1156, 1201, 1128, 1148),
    "LT": (1424, 953, 1448, 936),
}
UN_DESA_2013_IMMIGRATION = 60_312  # all citizenships (= Eurostat tps00176)
UN_DESA_2013_EMIGRATION = 43_310  # all citizenships (= Eurostat tps00177)
UN_DESA_2013_DANISH_IMMIGRATION = 18_970  # Danish citizens
UN_DESA_2013_DANISH_EMIGRATION = 13_572
UN_DESA_2013_FOREIGN_IMMIGRATION = UN_DESA_2013_IMMIGRATION - UN_DESA_2013_DANISH_IMMIGRATION  # 41,342
UN_DESA_2013_FOREIGN_EMIGRATION = UN_DESA_2013_EMIGRATION - UN_DESA_2013_DANISH_EMIGRATION  # 29,738

# National definition (registration in the CPR, stays of 3 months or more intended), 2013:
# total immigration 78,259 (Statistics Denmark, documentation of "Migration to and from Denmark",
# comparability page); Danish citizens 21,441 (DST's annual release of February 2014, as reported
# by the press: second-hand); foreign citizens 59,274 by the same press report (whose sum with the
# Danish citizens, 80,715, does not match 78,259: unresolved).
DST_NATIONAL_2013_IMMIGRATION = 78_259
DST_NATIONAL_2013_DANISH_IMMIGRATION = 21_441
DST_NATIONAL_2013_FOREIGN_IMMIGRATION_PRESS = 59_274
# Statistics Denmark, StatBank VAN1AAR (immigrations by citizenship, sex and age, national
# definition), 2013: US citizens by five-year age group (0-4, 5-9, ..., 85-89; none older) and
# Syrian citizens.
VAN1AAR_2013_US_BY_AGE = (55, 24, 33, 276, 2202, 234, 127, 77, 67, 46, 26, 27, 26, 15, 10, 3, 0, 1)
VAN1AAR_2013_SYRIA = 1_628
VAN1AAR_2013 = {"US": sum(VAN1AAR_2013_US_BY_AGE), "SY": VAN1AAR_2013_SYRIA}

# Assumption: first arrivals of the foreign-born of any duration per arrival counted on the 12-month
# definition. It lies between the 12-month count of foreign citizens (41,342) and the national
# count (78,259 - 21,441 = 56,818), whose rest is re-entries of former residents.
SHORT_STAY_FACTOR = 1.25

# Statistics Denmark, Indvandrere i Danmark 2013, Tabel 2.5 "Beskaeftigelsesfrekvenser for
# 16-64-aarige. 2012" (register-based labour force statistics, end of November 2012): immigrants
# aged 16-64 by country of origin, men and women. All immigrants: Western 73,881 / 72,273,
# non-Western 112,400 / 120,602. Syria is not among the countries listed.
STOCK_16_64_2012 = {  # iso2: (men, women)
    "SE": (3947, 6095),
    "NO": (4093, 7152),
    "DE": (9916, 9728),
    "PL": (12122, 12248),
    "RO": (5087, 4344),
    "GB": (6730, 3147),
    "US": (3276, 3206),
    "PH": (1053, 7733),
    "IN": (3090, 2031),
    "LT": (3339, 3403),
}
STOCK_16_64_2012_ALL = (73_881 + 112_400, 72_273 + 120_602)
# Statistics Denmark, StatBank FOLK2, 1 January 2013, Syria: 6,057 persons (the copy does not say
# whether by country of origin, descendants included, or by citizenship).
FOLK2_2013_SYRIA = 6_057
IMMIGRANTS_2013 = 476_059  # Statistics Denmark, immigrants on 1 January 2013

# Assumption: Syrian men's share of the arrivals (the stock table does not list Syria); asylum
# seekers of 2013 were more often men than women.
SYRIA_MALE_SHARE = 0.60

# Assumptions: purposes of the foreign-born first arrivals aged 15+ by partner ([spells]; settlers
# are the rest), informed by the permits granted: OECD, International Migration Outlook 2018,
# Denmark: 2016, of 80,000 permits, refugees 7,500, work 12,900, family 8,100, EU/EFTA 37,200,
# students, interns and au pairs 14,300; OECD International Migration Outlook 2014: half of the
# 64,600 permits of 2013 went to EU/EEA citizens; Eurostat first permits 2014 (non-EU citizens):
# family 29.0 %, education 22.6 %, employment 30.5 %, other (asylum included) 18.1 %; US
# citizens' immigration of 2013 is two thirds aged 20-24 (VAN1AAR, above).
SPELL_SHARES = {  # group: worker, circular (of the workers), student, humanitarian, refusal, family
    "sweden": (0.30, 0.10, 0.25, 0.00, 0.00, 0.10),
    "norway": (0.30, 0.10, 0.25, 0.00, 0.00, 0.10),
    "germany": (0.35, 0.10, 0.25, 0.00, 0.00, 0.10),
    "poland": (0.55, 0.45, 0.05, 0.00, 0.00, 0.20),
    "romania": (0.55, 0.45, 0.05, 0.00, 0.00, 0.20),
    "united_kingdom": (0.35, 0.05, 0.25, 0.00, 0.00, 0.10),
    "usa": (0.25, 0.00, 0.45, 0.00, 0.00, 0.15),
    "syria": (0.00, 0.00, 0.00, 0.85, 0.05, 0.15),
    "philippines": (0.55, 0.05, 0.10, 0.00, 0.00, 0.20),
    "india": (0.55, 0.00, 0.30, 0.00, 0.00, 0.15),
    "lithuania": (0.55, 0.40, 0.05, 0.00, 0.00, 0.20),
    "rest_of_world": (0.25, 0.10, 0.25, 0.15, 0.45, 0.20),
}
SPELL_SHARE_KEYS = ("worker_share", "circular_share", "student_share", "humanitarian_share",
                    "refusal_share", "family_share")


def derive():
    """The partner table: sourced figures and derived defaults, by group (rest of world last)."""
    iso = {g: i for g, i, _ in PARTNERS}
    rows = {}
    sums = [sum(v[k] for v in UN_DESA_2013.values()) for k in range(4)]
    rest_flows = (UN_DESA_2013_IMMIGRATION - sums[0], UN_DESA_2013_EMIGRATION - sums[1],
                  UN_DESA_2013_FOREIGN_IMMIGRATION - sums[2], UN_DESA_2013_FOREIGN_EMIGRATION - sums[3])
    for g in GROUPS:
        flows = UN_DESA_2013[iso[g]] if g != REST else rest_flows
        rows[g] = dict(iso2=iso.get(g, ""), previous_residence=flows[0], next_residence=flows[1],
                       foreign_in=flows[2], foreign_out=flows[3])

    # First arrivals: the national count of the partner's citizens where StatBank's table was found
    # (USA, Syria), otherwise the 12-month count times the short-stay factor.
    for g, r in rows.items():
        national = VAN1AAR_2013.get(r["iso2"])
        r["national_in"] = national
        r["arrivals"] = float(national) if national is not None else r["foreign_in"] * SHORT_STAY_FACTOR

    # Composition of the 2013 stock of the foreign-born: immigrants aged 16-64 by origin (Tabel
    # 2.5); Syria from FOLK2 times the share of immigrants aged 16-64; the rest of the world the
    # remainder.
    stock_all = sum(STOCK_16_64_2012_ALL)
    syria_stock = FOLK2_2013_SYRIA * stock_all / IMMIGRANTS_2013
    listed_men = sum(m for m, _ in STOCK_16_64_2012.values())
    listed_women = sum(w for _, w in STOCK_16_64_2012.values())
    for g, r in rows.items():
        if g == REST:
            men, women = STOCK_16_64_2012_ALL[0] - listed_men, STOCK_16_64_2012_ALL[1] - listed_women
            r["stock_16_64"] = men + women - syria_stock
            r["stock_men"], r["stock_women"] = men, women
        elif r["iso2"] == "SY":
            r["stock_16_64"] = syria_stock
            r["stock_men"] = r["stock_women"] = None
        else:
            men, women = STOCK_16_64_2012[r["iso2"]]
            r["stock_16_64"] = men + women
            r["stock_men"], r["stock_women"] = men, women
        # Male share of arrivals: that of the stock aged 16-64 (an assumption); Syria assumed.
        r["male_share"] = (SYRIA_MALE_SHARE if r["iso2"] == "SY"
                           else round(r["stock_men"] / (r["stock_men"] + r["stock_women"]), 3))
        r["base_share"] = r["stock_16_64"] / stock_all

    # Destinations of the native-born: emigration by next residence minus foreign citizens'
    # emigration by citizenship (Danish citizens leaving to the partner, if foreign citizens go
    # back to their own country), negative differences 0; the rest of the world the remainder of
    # Danish citizens' emigration.
    named = 0.0
    for g, r in rows.items():
        if g != REST:
            r["danish_out"] = max(0, r["next_residence"] - r["foreign_out"])
            named += r["danish_out"]
    rest = rows[REST]
    rest["danish_out"] = UN_DESA_2013_DANISH_EMIGRATION - named
    rest["danish_out_direct"] = rest["next_residence"] - rest["foreign_out"]
    total_danish = sum(r["danish_out"] for r in rows.values())
    for r in rows.values():
        r["destination_share"] = r["danish_out"] / total_danish
    negatives = {g: r["next_residence"] - r["foreign_out"] for g, r in rows.items()
                 if g != REST and r["next_residence"] < r["foreign_out"]}
    summary = dict(
        arrivals=sum(r["arrivals"] for r in rows.values()),
        arrivals_12m_factor=UN_DESA_2013_FOREIGN_IMMIGRATION * SHORT_STAY_FACTOR,
        national_foreign=DST_NATIONAL_2013_IMMIGRATION - DST_NATIONAL_2013_DANISH_IMMIGRATION,
        stock_all=stock_all, syria_stock=syria_stock, named_danish_out=named, negatives=negatives,
        total_danish=total_danish)
    return rows, summary


def check_spell_shares():
    for g, s in SPELL_SHARES.items():
        assert g in GROUPS, g
        purposes = s[0] + s[2] + s[3] + s[5]
        assert purposes <= 1.0 + 1e-12, (g, purposes)
    assert set(SPELL_SHARES) == set(GROUPS)


def settler_share(g):
    s = SPELL_SHARES[g]
    return max(0.0, 1.0 - s[0] - s[2] - s[3] - s[5])


def isclose(a, b):
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def sources_section(L, partner):
    """The section of SOURCES.md on the partner countries."""
    rows, summary = partner["rows"], partner["summary"]
    P = sys.modules[__name__]
    L.append("### `partners_2013.csv`: the partner countries and the defaults derived from them\n")
    L.append("The groups of the default scenario are the eleven largest sources and destinations of Denmark's flows")
    L.append("in 2013 (immigration by previous residence, emigration by next residence, and foreign citizens'")
    L.append("immigration and emigration by citizenship) and the rest of the world: " + ", ".join(GROUPS) + ".")
    L.append("The table holds the published figures (one row per group) and the derived defaults that")
    L.append("`scenarios/baseline.toml` carries (the script checks that it does). Sources:\n")
    L.append("- **Flows 2013, 12-month definition** (columns `immigration_by_previous_residence`,")
    L.append("  `emigration_by_next_residence`, `immigration_foreign_citizens`, `emigration_foreign_citizens`):")
    L.append("  United Nations, DESA, Population Division (2015), *International Migration Flows to and from Selected")
    L.append("  Countries: The 2015 Revision* (POP/DB/MIG/Flow/Rev.2015), country file Denmark, sheets \"by Residence\"")
    L.append("  and \"by Citizenship\" (https://www.un.org/en/development/desa/population/migration/data/empirical2/migrationflows.asp):")
    L.append("  Statistics Denmark's figures on the definition of Regulation (EC) 862/2007 (stays of 12 months or more;")
    L.append(f"  totals {P.UN_DESA_2013_IMMIGRATION:,} immigrants and {P.UN_DESA_2013_EMIGRATION:,} emigrants, equal to Eurostat's"
             " tps00176/tps00177), of which Danish")
    L.append(f"  citizens {P.UN_DESA_2013_DANISH_IMMIGRATION:,} and {P.UN_DESA_2013_DANISH_EMIGRATION:,}. The rest-of-world row is"
             " the total less the eleven partners (**derived**).")
    L.append("- **National definition** (registration in the CPR, stays of 3 months or more intended; column")
    L.append("  `immigration_national_definition`): Statistics Denmark, StatBank VAN1AAR, immigrations of US citizens")
    L.append(f"  ({P.VAN1AAR_2013['US']:,}) and Syrian citizens ({P.VAN1AAR_2013['SY']:,}) in 2013 (copies of the StatBank extracts in the")
    L.append("  public repositories KellyDRasmussen/USADKMigration and KellyDRasmussen/SyrianDeepDive on GitHub).")
    L.append(f"  Totals: {P.DST_NATIONAL_2013_IMMIGRATION:,} immigrations in 2013 (Statistics Denmark, documentation of *Migration to and")
    L.append("  from Denmark*, comparability page, https://www.dst.dk/en/Statistik/dokumentation/documentationofstatistics/migration-to-and-from-denmark--discontinued-),")
    L.append(f"  of which Danish citizens {P.DST_NATIONAL_2013_DANISH_IMMIGRATION:,} (Statistics Denmark's release of February 2014 as")
    L.append(f"  reported by the press, second-hand; the same report gives {P.DST_NATIONAL_2013_FOREIGN_IMMIGRATION_PRESS:,} foreign citizens,")
    L.append(f"  whose sum with the Danish citizens does not match {P.DST_NATIONAL_2013_IMMIGRATION:,}).")
    L.append("- **Stock** (columns `immigrants_16_64_men`, `_women`): Statistics Denmark, *Indvandrere i Danmark 2013*,")
    L.append("  Tabel 2.5 (employment rates of persons aged 16–64, 2012; register-based labour force statistics),")
    L.append("  immigrants aged 16–64 by country of origin (copy: https://www.yumpu.com/da/document/view/29709571/indv2013/36);")
    L.append(f"  all immigrants aged 16–64: {summary['stock_all']:,}. Syria is not listed: StatBank FOLK2 gives")
    L.append(f"  {P.FOLK2_2013_SYRIA:,} persons for Syria on 1 January 2013 (the copy does not say whether by origin or citizenship).\n")
    L.append("Derived defaults:\n")
    L.append(f"- `immigration.arrivals_per_year` (**derived, with an assumption**): first arrivals of the foreign-born of any")
    L.append(f"  duration. For each partner, its citizens' immigration on the 12-month definition times {P.SHORT_STAY_FACTOR}, an")
    L.append("  **assumption** for the arrivals who stay less than 12 months, between the 12-month count of foreign")
    L.append(f"  citizens ({P.UN_DESA_2013_FOREIGN_IMMIGRATION:,}) and the national count ({P.DST_NATIONAL_2013_IMMIGRATION:,} − "
             f"{P.DST_NATIONAL_2013_DANISH_IMMIGRATION:,} = {summary['national_foreign']:,}), the rest of")
    L.append("  which are re-entries of former residents. For the USA and Syria, whose national counts were found, those")
    L.append(f"  counts instead: the US 12-month count ({rows['usa']['foreign_in']:,}) is a quarter of the national one, students")
    L.append("  staying less than a year, which the factor would miss. Total: "
             f"{partner['total_arrivals']:,} a year (12-month count × {P.SHORT_STAY_FACTOR}: {summary['arrivals_12m_factor']:,.0f}),")
    L.append(f"  {100 * partner['total_arrivals'] / summary['national_foreign']:.0f}% of the national count of foreign citizens"
             f" ({summary['national_foreign']:,}) and {100 * partner['total_arrivals'] / P.DST_NATIONAL_2013_FOREIGN_IMMIGRATION_PRESS:.0f}% of the")
    L.append(f"  press report's {P.DST_NATIONAL_2013_FOREIGN_IMMIGRATION_PRESS:,}: the difference is re-entries of former residents (which the model")
    L.append("  makes as returns and planned next stays) and foreign citizens born in Denmark. Children are included:")
    L.append("  they arrive with their mothers.")
    L.append("- `groups.base_population_share` (**derived, with assumptions**): each partner's share of the immigrants aged")
    L.append("  16–64 in Tabel 2.5, applied to the foreign-born of every age (an **assumption**: the same age composition")
    L.append(f"  for every partner); Syria: FOLK2's {P.FOLK2_2013_SYRIA:,} times the share aged 16–64 of all immigrants"
             f" ({summary['stock_all']:,} of {P.IMMIGRANTS_2013:,}) =")
    L.append(f"  {summary['syria_stock']:,.0f} (an **assumption**: an upper bound if FOLK2 counts descendants); the rest of the world the")
    L.append("  remainder.")
    neg = ", ".join(f"{g} {v:,}" for g, v in summary["negatives"].items())
    rest = rows[REST]
    L.append("- `emigration.destination_shares` (destinations of the native-born; **derived, with an assumption**): for each")
    L.append("  partner, emigration by next residence less its citizens' emigration (assuming foreign citizens who leave")
    L.append(f"  go back to their own country), 2013; negative differences ({neg}: their citizens moving on to third")
    L.append(f"  countries) count 0; the rest of the world is the remainder of Danish citizens' emigration"
             f" ({P.UN_DESA_2013_DANISH_EMIGRATION:,} − {summary['named_danish_out']:,.0f} =")
    L.append(f"  {rest['danish_out']:,.0f}; the same difference taken on the rest of the world's own rows would be"
             f" {rest['danish_out_direct']:,}, the {rest['danish_out_direct'] - rest['danish_out']:,.0f} of the negative")
    L.append(f"  cells). The named partners' differences sum to {summary['named_danish_out']:,.0f} and all to"
             f" {summary['total_danish']:,.0f} = Danish citizens' emigration; the")
    L.append("  shares are normalised and applied to the native-born (an **assumption**: native-born emigrants go where")
    L.append("  Danish citizens go).\n")
    L.append("| group | previous residence | next residence | foreign citizens in / out | national | aged 16–64 | arrivals | base share | native emigrants | destination share | male share |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for g in GROUPS:
        r = rows[g]
        nat = f"{r['national_in']:,}" if r["national_in"] is not None else ""
        L.append(f"| {g} | {r['previous_residence']:,} | {r['next_residence']:,} | {r['foreign_in']:,} / {r['foreign_out']:,} | "
                 f"{nat} | {r['stock_16_64']:,.0f} | {partner['arrivals'][g]:,} | {partner['base'][g]} | "
                 f"{r['danish_out']:,.0f} | {partner['dest'][g]} | {r['male_share']} |")
    L.append("")
    L.append("**Purposes of the arrivals by partner (`[spells]` in `scenarios/baseline.toml`): assumptions.** No")
    L.append("published table gives the purposes of Denmark's arrivals by country; these shares of the foreign-born")
    L.append("first arrivals aged 15+ are **assumptions** informed by the permits granted: OECD, *International")
    L.append("Migration Outlook 2018*, country note Denmark (2016: of 80,000 permits, refugees 7,500, work 12,900,")
    L.append("family 8,100, EU/EFTA 37,200, students, interns and au pairs 14,300); OECD, *International Migration")
    L.append("Outlook 2014* (2013: half of 64,600 permits to EU/EEA citizens; reported by The Local, 1 December 2014);")
    L.append("Eurostat first permits to non-EU citizens, 2014 (family 29.0 %, education 22.6 %, employment 30.5 %,")
    L.append("other, asylum included, 18.1 %; reported by The Local, 22 October 2015); and US citizens' immigration,")
    L.append("two thirds aged 20–24 in 2013 (VAN1AAR, above). Circular is the share of the workers who are seasonal")
    L.append("or circular, refusal the share of the asylum seekers who are refused; settlers are the rest.\n")
    L.append("| group | worker | circular (of workers) | student | humanitarian | refusal (of them) | family | settler |")
    L.append("|---|---|---|---|---|---|---|---|")
    for g in GROUPS:
        s = P.SPELL_SHARES[g]
        L.append(f"| {g} | " + " | ".join(f"{v:g}" for v in s) + f" | {P.settler_share(g):.2f} |")
    L.append("")
