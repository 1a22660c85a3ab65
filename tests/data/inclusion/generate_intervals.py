#!/usr/bin/python3
"""Generate tests/data/inclusion/intervals.jsonl (golden confidence intervals).

Developer tool only: the project's tests read the JSONL and never run this.

How to run (Debian 12, as root once):

    apt-get install -y r-base-core r-cran-survey \
        python3-statsmodels python3-scipy python3-mpmath
    /usr/bin/python3 tests/data/inclusion/generate_intervals.py

Use Debian's /usr/bin/python3 (the one the python3-* packages install into),
not a pyenv/venv interpreter.  The script
  1. builds the case list (fixed cases + cases drawn from a seeded
     random.Random, so the output is reproducible),
  2. runs `Rscript generate_intervals.R` (same folder) on it,
  3. computes the statsmodels 0.13.5 intervals,
  4. takes for each line the PRIMARY reference named in README-intervals.md
     and asserts that every cross-check (the other software, and an
     independent 40-digit mpmath evaluation) agrees to ABS_TOL = 1e-12,
  5. writes intervals.jsonl (floats via repr: shortest round-trip form).
If any cross-check disagrees it prints every disagreement and exits with
status 1 WITHOUT writing the JSONL.  `--stats` prints per-check maxima.

Package versions used for the committed file: see README-intervals.md.
"""

import json
import math
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

import mpmath as mp
import numpy as np
import scipy
import statsmodels
from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          proportion_confint)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "intervals.jsonl")
R_SCRIPT = os.path.join(HERE, "generate_intervals.R")
ABS_TOL = 1e-12
SEED = 20240917
LEVELS = (0.90, 0.95, 0.99)
METHODS = ("wald", "wilson", "wilson_cc", "clopper_pearson", "jeffreys",
           "agresti_coull", "logit")
WEIGHTED_METHODS = ("wilson", "clopper_pearson", "wald", "agresti_coull",
                    "jeffreys", "logit")
mp.mp.dps = 40

# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

FIXED_PROPORTIONS = [(0, 1), (1, 1), (0, 10), (1, 10), (5, 10), (9, 10),
                     (10, 10), (17, 100), (0, 50), (5, 40), (154, 1000),
                     (1, 1000), (999, 1000), (500, 1000), (3, 7), (38, 100),
                     (35, 100), (22, 100), (17000, 90000), (2, 3)]
FIXED_POISSON = [0, 1, 2, 5, 10, 37, 100, 1000, 12345]
FIXED_NEWCOMBE = [(56, 70, 48, 80), (9, 10, 3, 10), (0, 10, 0, 20),
                  (10, 10, 0, 10), (6, 7, 2, 7), (5, 56, 0, 29),
                  (10, 10, 0, 20)]
FIXED_FPC = [(30, 120, 352), (0, 25, 100), (25, 25, 1000), (12, 40, 60),
             (150, 400, 2000), (1, 10, 11), (7, 50, 50000), (500, 900, 1000),
             (3, 3, 5), (44, 205, 1310)]
KISH = ([1, 0, 1, 1, 0], [1.0, 1.0, 2.0, 2.0, 4.0])


def log_uniform_n(rng, hi):
    return max(1, int(round(math.exp(rng.uniform(0.0, math.log(hi))))))


def draw_x(rng, n, i):
    """x uniform on 0..n, with the boundaries and their neighbours forced
    regularly so that they are well represented."""
    r = i % 10
    if r == 0:
        return 0
    if r == 1:
        return n
    if r == 2:
        return min(1, n)
    if r == 3:
        return max(n - 1, 0)
    return rng.randint(0, n)


def build_cases():
    rng = random.Random(SEED)
    cases = []

    def add(**kw):
        kw["id"] = str(len(cases))
        cases.append(kw)

    # -- proportions
    props = list(FIXED_PROPORTIONS)
    seen = set(props)
    fixed = set(props)
    i = 0
    while len(props) < len(FIXED_PROPORTIONS) + 300:
        n = log_uniform_n(rng, 1e6)
        x = draw_x(rng, n, i)
        i += 1
        if (x, n) in seen:
            continue
        seen.add((x, n))
        props.append((x, n))
    for x, n in props:
        for level in LEVELS:
            for m in METHODS:
                add(kind="proportion", method=m, level=level, x=x, n=n,
                    info="1" if (x, n) in fixed else "0")

    # -- Poisson
    for x in FIXED_POISSON:
        for level in LEVELS:
            add(kind="poisson", level=level, x=x)

    # -- Newcombe
    pairs = list(FIXED_NEWCOMBE)
    i = 0
    while len(pairs) < 40:
        n1 = log_uniform_n(rng, 5000)
        n2 = log_uniform_n(rng, 5000)
        x1 = draw_x(rng, n1, i)
        x2 = draw_x(rng, n2, i + 5)
        i += 1
        pairs.append((x1, n1, x2, n2))
    for x1, n1, x2, n2 in pairs:
        for level in LEVELS:
            add(kind="newcombe", level=level, x1=x1, n1=n1, x2=x2, n2=n2)

    # -- weighted (weights are multiples of 1/1024: exact in binary AND in
    #    short decimal, so R, Python and C++ parse exactly the same doubles)
    datasets = [KISH,
                ([0] * 8, [1.0, 2.0, 0.5, 1.25, 3.0, 1.0, 0.75, 2.5]),
                ([1] * 6, [1.5, 0.5, 2.0, 1.0, 4.0, 0.25])]
    while len(datasets) < 20:
        n = rng.randint(5, 200)
        pr = rng.uniform(0.03, 0.97)
        sigma = rng.uniform(0.2, 1.3)
        y = [1 if rng.random() < pr else 0 for _ in range(n)]
        w = [max(1, round(rng.lognormvariate(0.0, sigma) * 1024)) / 1024.0
             for _ in range(n)]
        datasets.append((y, w))
    for y, w in datasets:
        for m in WEIGHTED_METHODS:
            add(kind="weighted", method=m, level=0.95, y=y, w=w)

    # -- finite population correction
    for x, n, N in FIXED_FPC:
        for level in LEVELS:
            for m in ("wilson", "wald"):
                add(kind="fpc", method=m, level=level, x=x, n=n, population=N)
    return cases


# ---------------------------------------------------------------------------
# R
# ---------------------------------------------------------------------------

COLS = ["id", "kind", "method", "level", "x", "n", "x1", "n1", "x2", "n2",
        "population", "y", "w", "info"]


def cell(v):
    if v is None:
        return ""
    if isinstance(v, list):
        return ";".join(repr(e) for e in v)
    return repr(v) if isinstance(v, float) else str(v)


def run_r(cases):
    with tempfile.TemporaryDirectory() as tmp:
        fin = os.path.join(tmp, "cases.tsv")
        fout = os.path.join(tmp, "results.tsv")
        with open(fin, "w") as f:
            f.write("\t".join(COLS) + "\n")
            for c in cases:
                f.write("\t".join(cell(c.get(k)) for k in COLS) + "\n")
        subprocess.run(["Rscript", R_SCRIPT, fin, fout], check=True)
        res = {}
        with open(fout) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                extras = {}
                if len(parts) > 3 and parts[3]:
                    for kv in parts[3].split(";"):
                        k, v = kv.split("=", 1)
                        extras[k] = float(v)
                res[parts[0]] = (float(parts[1]), float(parts[2]), extras)
        with open(fout + ".versions") as f:
            vers = dict(l.strip().split("=", 1) for l in f if "=" in l)
    return res, vers


# ---------------------------------------------------------------------------
# statsmodels
# ---------------------------------------------------------------------------

SM_METHOD = {"wald": "normal", "wilson": "wilson", "clopper_pearson": "beta",
             "jeffreys": "jeffreys", "agresti_coull": "agresti_coull"}


def sm_prop(x, n, level, method):
    lo, hi = proportion_confint(x, n, alpha=1 - level, method=SM_METHOD[method])
    lo, hi = float(lo), float(hi)
    return min(max(lo, 0.0), 1.0), min(max(hi, 0.0), 1.0)


def sm_newcombe(x1, n1, x2, n2, level):
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                        compare="diff", alpha=1 - level)
    return float(lo), float(hi)


# ---------------------------------------------------------------------------
# mpmath (independent high-precision evaluation of every formula)
# ---------------------------------------------------------------------------

def M(v):
    return mp.mpf(v)


def mp_z(level):
    # qnorm(1 - alpha/2) = sqrt(2) erfinv(1 - alpha) = sqrt(2) erfinv(level)
    return mp.sqrt(2) * mp.erfinv(M(level))


def _betacf(a, b, x):
    """Continued fraction for the incomplete beta (modified Lentz)."""
    tiny = mp.mpf(10) ** (-mp.mp.dps * 2)
    eps = mp.mpf(10) ** (-mp.mp.dps + 3)
    qab, qap, qam = a + b, a + 1, a - 1
    c = mp.mpf(1)
    d = 1 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    for m in range(1, 10 ** 6):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < eps:
            return h
    raise RuntimeError("betacf did not converge")


def _lbeta(a, b):
    return mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)


def mp_ibeta(a, b, x):
    """Regularised incomplete beta I_x(a, b) (mpmath arithmetic)."""
    if x <= 0:
        return mp.mpf(0)
    if x >= 1:
        return mp.mpf(1)
    lf = a * mp.log(x) + b * mp.log1p(-x) - _lbeta(a, b)
    if x < (a + 1) / (a + b + 2):
        return mp.exp(lf) * _betacf(a, b, x) / a
    return 1 - mp.exp(lf) * _betacf(b, a, 1 - x) / b


def mp_qbeta(q, a, b, start):
    """Solve I_t(a, b) = q by Newton from a double starting value."""
    a, b, q = M(a), M(b), M(q)
    t = M(start)
    if not (0 < t < 1):
        t = a / (a + b)
    lb = _lbeta(a, b)
    lo, hi = mp.mpf(0), mp.mpf(1)
    for _ in range(200):
        f = mp_ibeta(a, b, t) - q
        if f > 0:
            hi = t
        else:
            lo = t
        pdf = mp.exp((a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - lb)
        nt = t - f / pdf
        if not (lo < nt < hi):
            nt = (lo + hi) / 2
        if abs(nt - t) <= abs(t) * mp.mpf(10) ** (-mp.mp.dps + 8):
            return nt
        t = nt
    raise RuntimeError("mp_qbeta did not converge")


def mp_qgamma(q, a, start):
    a, q = M(a), M(q)
    t = M(start) if start > 0 else a
    lg = mp.loggamma(a)
    lo, hi = mp.mpf(0), mp.inf
    for _ in range(200):
        f = mp.gammainc(a, 0, t, regularized=True) - q
        if f > 0:
            hi = t
        else:
            lo = t
        pdf = mp.exp((a - 1) * mp.log(t) - t - lg)
        nt = t - f / pdf
        if not (lo < nt < hi):
            nt = (lo + hi) / 2 if hi != mp.inf else 2 * t
        if abs(nt - t) <= abs(t) * mp.mpf(10) ** (-mp.mp.dps + 8):
            return nt
        t = nt
    raise RuntimeError("mp_qgamma did not converge")


def clip(lo, hi):
    return min(max(lo, 0), 1), min(max(hi, 0), 1)


def mp_wald(x, n, level):
    x, n = M(x), M(n)
    p = x / n
    h = mp_z(level) * mp.sqrt(p * (1 - p) / n)
    return clip(p - h, p + h)


def mp_wilson(x, n, level):
    x, n = M(x), M(n)
    p = x / n
    z = mp_z(level)
    den = 1 + z ** 2 / n
    c = (p + z ** 2 / (2 * n)) / den
    h = z * mp.sqrt(p * (1 - p) / n + z ** 2 / (4 * n ** 2)) / den
    return clip(c - h, c + h)


def mp_wilson_cc(x, n, level):
    """Newcombe (1998) method 4 in its closed form, with R's correction
    c = min(0.5, |x - n/2|) in place of Newcombe's fixed 1/2."""
    x, n = M(x), M(n)
    z = mp_z(level)
    c = min(mp.mpf("0.5"), abs(x - n / 2))

    def bound(xc, sign):
        pc = xc / n
        return (2 * n * pc + z ** 2 + sign * z * mp.sqrt(z ** 2 + 4 * n * pc * (1 - pc))) \
            / (2 * (n + z ** 2))
    lo = mp.mpf(0) if x - c <= 0 else bound(x - c, -1)
    hi = mp.mpf(1) if x + c >= n else bound(x + c, +1)
    return clip(lo, hi)


def mp_cp(x, n, level, start):
    a = (1 - M(level)) / 2
    lo = mp.mpf(0) if x <= 0 else mp_qbeta(a, x, M(n) - M(x) + 1, start[0])
    hi = mp.mpf(1) if x >= n else mp_qbeta(1 - a, M(x) + 1, M(n) - M(x), start[1])
    return lo, hi


def mp_jeffreys(x, n, level, start):
    a = (1 - M(level)) / 2
    s, f = M(x) + mp.mpf("0.5"), M(n) - M(x) + mp.mpf("0.5")
    return mp_qbeta(a, s, f, start[0]), mp_qbeta(1 - a, s, f, start[1])


def mp_ac(x, n, level):
    x, n = M(x), M(n)
    z = mp_z(level)
    nt = n + z ** 2
    pt = (x + z ** 2 / 2) / nt
    h = z * mp.sqrt(pt * (1 - pt) / nt)
    return clip(pt - h, pt + h)


def mp_logit(x, n, level, start):
    if x <= 0 or x >= n:
        return mp_cp(x, n, level, start)
    x, n = M(x), M(n)
    p = x / n
    h = mp_z(level) / mp.sqrt(n * p * (1 - p))
    lg = mp.log(p / (1 - p))
    return 1 / (1 + mp.exp(-(lg - h))), 1 / (1 + mp.exp(-(lg + h)))


def mp_method(method, x, n, level, start):
    if method == "wald":
        return mp_wald(x, n, level)
    if method == "wilson":
        return mp_wilson(x, n, level)
    if method == "wilson_cc":
        return mp_wilson_cc(x, n, level)
    if method == "clopper_pearson":
        return mp_cp(x, n, level, start)
    if method == "jeffreys":
        return mp_jeffreys(x, n, level, start)
    if method == "agresti_coull":
        return mp_ac(x, n, level)
    if method == "logit":
        return mp_logit(x, n, level, start)
    raise ValueError(method)


def mp_poisson(x, level, start):
    a = (1 - M(level)) / 2
    lo = mp.mpf(0) if x == 0 else mp_qgamma(a, x, start[0])
    return lo, mp_qgamma(1 - a, x + 1, start[1])


def mp_newcombe(x1, n1, x2, n2, level):
    l1, u1 = mp_wilson(x1, n1, level)
    l2, u2 = mp_wilson(x2, n2, level)
    p1, p2 = M(x1) / n1, M(x2) / n2
    d = p1 - p2
    return (d - mp.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + mp.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def mp_kish(y, w):
    w = [M(v) for v in w]
    sw = mp.fsum(w)
    sw2 = mp.fsum(v * v for v in w)
    pw = mp.fsum(wi * yi for wi, yi in zip(w, y)) / sw
    neff = sw ** 2 / sw2
    return pw, neff, len(y) * sw2 / sw ** 2


# ---------------------------------------------------------------------------
# Assembly and checks
# ---------------------------------------------------------------------------

class Checker:
    def __init__(self):
        self.max_abs = defaultdict(float)
        self.max_rel = defaultdict(float)
        self.count = Counter()
        self.failures = []

    def check(self, label, rec, primary, other):
        for p, o in zip(primary, other):
            p, o = float(p), float(o)
            d = abs(p - o)
            r = d / abs(p) if p != 0 else (0.0 if o == 0 else math.inf)
            self.max_abs[label] = max(self.max_abs[label], d)
            self.max_rel[label] = max(self.max_rel[label], r)
            if not d <= ABS_TOL:
                self.failures.append((label, d, rec))
        self.count[label] += 1


def main():
    stats_flag = "--stats" in sys.argv
    cases = build_cases()
    rres, vers = run_r(cases)
    r_ver = vers["R"].replace("R version ", "R ")
    r_short = "R " + r_ver.split()[1]
    sm_ver = statsmodels.__version__.split("+")[0]
    tag_sm = f"statsmodels {sm_ver}"
    tag_mp = f"mpmath {mp.__version__}"
    ck = Checker()
    lines = []

    for c in cases:
        lo_r, hi_r, ex = rres[c["id"]]
        kind, level = c["kind"], c["level"]
        checked = []
        if kind == "proportion":
            x, n, m = c["x"], c["n"], c["method"]
            rec = {"kind": kind, "method": m, "x": x, "n": n, "level": level}
            if m in ("wald", "agresti_coull"):
                prim = sm_prop(x, n, level, m)
                ref = f"{tag_sm} proportion_confint(method='{SM_METHOD[m]}'), clipped to [0,1]"
                ck.check(f"proportion/{m}: R formula vs statsmodels", rec, prim, (lo_r, hi_r))
                checked.append(f"{r_short} formula")
            else:
                prim = (lo_r, hi_r)
                ref = {"wilson": f"{r_short} prop.test(correct=FALSE)$conf.int",
                       "wilson_cc": f"{r_short} prop.test(correct=TRUE)$conf.int",
                       "clopper_pearson": f"{r_short} binom.test()$conf.int",
                       "jeffreys": f"{r_short} qbeta(c(alpha/2, 1-alpha/2), x+0.5, n-x+0.5)",
                       "logit": f"{r_short} plogis(qlogis(p) -/+ qnorm(1-alpha/2)/sqrt(n*p*(1-p)))",
                       }[m]
                if m in SM_METHOD:
                    ck.check(f"proportion/{m}: statsmodels vs R", rec, prim,
                             sm_prop(x, n, level, m))
                    checked.append(f"{tag_sm} proportion_confint(method='{SM_METHOD[m]}')")
                if m in ("wilson", "clopper_pearson"):
                    ck.check(f"proportion/{m}: R formula copy vs R function", rec, prim,
                             (ex["xchk_formula_low"], ex["xchk_formula_high"]))
                if m == "logit" and ex.get("fallback"):
                    rec["fallback"] = "clopper_pearson"
                    ref = f"{r_short} binom.test()$conf.int (logit undefined at x=0 or x=n)"
                    ck.check("proportion/logit fallback: statsmodels beta vs R", rec, prim,
                             sm_prop(x, n, level, "clopper_pearson"))
                    checked.append(f"{tag_sm} proportion_confint(method='beta')")
                if "info_survey_logit_low" in ex:
                    # survey can return NaN (n = 3, level 0.99: its t->normal
                    # level round trip gives qnorm(1) = Inf, then its expit
                    # computes Inf/Inf); JSON has no NaN, so write null.
                    rec["info_survey_logit"] = [
                        v if math.isfinite(v) else None
                        for v in (ex["info_survey_logit_low"], ex["info_survey_logit_high"])]
                    if None not in rec["info_survey_logit"]:
                        ck.check("info: survey svyciprop(logit) vs t_{n-1},(n-1) closed form "
                                 "(NOT asserted; glm tolerance)", rec,
                                 (ex["info_tform_low"], ex["info_tform_high"]),
                                 rec["info_survey_logit"])
            mpv = mp_method(m, x, n, level, prim)
            ck.check(f"proportion/{m}: mpmath vs primary", rec, prim, mpv)
            checked.append(f"{tag_mp} (40 digits)")
        elif kind == "poisson":
            x = c["x"]
            rec = {"kind": kind, "x": x, "level": level}
            prim = (lo_r, hi_r)
            ref = f"{r_short} poisson.test()$conf.int"
            ck.check("poisson: R qchisq formula vs poisson.test", rec, prim,
                     (ex["xchk_formula_low"], ex["xchk_formula_high"]))
            a = 1 - level
            sp = (0.0 if x == 0 else float(scipy.stats.chi2.ppf(a / 2, 2 * x)) / 2,
                  float(scipy.stats.chi2.ppf(1 - a / 2, 2 * (x + 1))) / 2)
            ck.check("poisson: scipy chi2.ppf vs R", rec, prim, sp)
            ck.check("poisson: mpmath vs R", rec, prim, mp_poisson(x, level, prim))
            checked += [f"{r_short} qchisq formula", f"scipy {scipy.__version__} chi2.ppf",
                        f"{tag_mp} (40 digits)"]
        elif kind == "newcombe":
            x1, n1, x2, n2 = c["x1"], c["n1"], c["x2"], c["n2"]
            rec = {"kind": kind, "x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level}
            prim = sm_newcombe(x1, n1, x2, n2, level)
            ref = f"{tag_sm} confint_proportions_2indep(method='newcomb', compare='diff')"
            ck.check("newcombe: R (prop.test Wilson) vs statsmodels", rec, prim, (lo_r, hi_r))
            ck.check("newcombe: mpmath vs statsmodels", rec, prim,
                     mp_newcombe(x1, n1, x2, n2, level))
            checked += [f"{r_short} formula on prop.test(correct=FALSE)", f"{tag_mp} (40 digits)"]
        elif kind == "weighted":
            y, w, m = c["y"], c["w"], c["method"]
            rec = {"kind": kind, "method": m, "y": y, "w": w, "level": level,
                   "n": len(y), "p": ex["p"], "n_eff": ex["n_eff"], "deff": ex["deff"],
                   "x_star": ex["x_star"], "n_star": ex["n_star"]}
            prim = (lo_r, hi_r)
            ref = f"{r_short} formulas on (x*, n*) = (n_eff*p_w, n_eff)" + \
                  (" (qbeta)" if m in ("clopper_pearson", "jeffreys") else "")
            pw, neff, deff = mp_kish(y, w)
            ck.check("weighted: mpmath vs R p_w, n_eff", rec, (ex["p"], ex["n_eff"]), (pw, neff))
            ck.check("weighted: mpmath vs R deff", rec, (ex["deff"],), (deff,))
            xs, ns = ex["x_star"], ex["n_star"]
            if m in SM_METHOD:
                ck.check(f"weighted/{m}: statsmodels(x*, n*) vs R", rec, prim,
                         sm_prop(xs, ns, level, m))
                checked.append(f"{tag_sm} proportion_confint(x*, n*, method='{SM_METHOD[m]}')")
            if m == "logit" and ex.get("fallback"):
                rec["fallback"] = "clopper_pearson"
            ck.check(f"weighted/{m}: mpmath vs R", rec, prim,
                     mp_method(m, neff * pw, neff, level, prim))
            checked.append(f"{tag_mp} (40 digits, from y and w)")
            if "info_survey_beta_low" in ex:
                rec["info_survey_beta"] = {"low": ex["info_survey_beta_low"],
                                           "high": ex["info_survey_beta_high"],
                                           "n_eff": ex["info_survey_n_eff"]}
        elif kind == "fpc":
            x, n, N, m = c["x"], c["n"], c["population"], c["method"]
            rec = {"kind": kind, "method": m, "x": x, "n": n, "population": N,
                   "level": level, "x_star": ex["x_star"], "n_star": ex["n_star"]}
            prim = (lo_r, hi_r)
            ref = f"{r_short} formulas on n* = n/(1-n/N), x* = n* x/n"
            ck.check(f"fpc/{m}: statsmodels(x*, n*) vs R", rec, prim,
                     sm_prop(ex["x_star"], ex["n_star"], level, m))
            ns = M(n) / (1 - M(n) / N)
            ck.check(f"fpc/{m}: mpmath vs R", rec, prim,
                     mp_method(m, ns * x / n, ns, level, prim))
            checked += [f"{tag_sm} proportion_confint(x*, n*)", f"{tag_mp} (40 digits)"]
        else:
            raise ValueError(kind)
        rec["low"], rec["high"] = float(prim[0]), float(prim[1])
        rec["reference"] = ref
        rec["checked_against"] = checked
        lines.append(rec)

    info_labels = [k for k in ck.count if k.startswith("info:")]
    failures = [f for f in ck.failures if not f[0].startswith("info:")]
    if stats_flag or failures:
        for k in sorted(ck.count):
            print(f"{ck.count[k]:6d}  max|d|={ck.max_abs[k]:.3g}  max rel={ck.max_rel[k]:.3g}  {k}")
    if failures:
        print(f"\n{len(failures)} cross-check disagreement(s) > {ABS_TOL}:")
        for label, d, rec in failures[:200]:
            print(f"  {d:.3g}  {label}  {json.dumps(rec)}")
        sys.exit(1)
    for k in info_labels:
        print(f"note: {k}: max|d|={ck.max_abs[k]:.3g} over {ck.count[k]} cases")

    with open(OUT, "w") as f:
        for rec in lines:
            # allow_nan=False: the file must be strict JSON (no NaN/Infinity)
            f.write(json.dumps(rec, separators=(",", ":"), allow_nan=False) + "\n")
    cnt = Counter((r["kind"], r.get("method", "")) for r in lines)
    print(f"wrote {len(lines)} lines to {OUT}")
    for k in sorted(cnt):
        print(f"  {k[0]:10s} {k[1]:16s} {cnt[k]}")
    print(f"versions: {r_ver}; survey {vers['survey']}; {tag_sm}; scipy {scipy.__version__}; "
          f"numpy {np.__version__}; {tag_mp}; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
