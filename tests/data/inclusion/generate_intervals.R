#!/usr/bin/env Rscript
# generate_intervals.R -- R half of the golden-vector generator for
# tests/data/inclusion/intervals.jsonl (confidence intervals of proportions,
# Poisson counts, Newcombe differences, weighted (Kish) and FPC proportions).
#
# Developer tool only: the project's tests never run it, they read the JSONL.
#
# Normally you do not call this script by hand: generate_intervals.py writes
# the case list, runs this script on it, cross-checks the results against
# statsmodels and mpmath and writes intervals.jsonl.  By hand:
#
#     Rscript generate_intervals.R cases.tsv results.tsv
#
# Needs (Debian 12): r-base-core (R 4.2.2: stats::prop.test, binom.test,
# poisson.test, qbeta, qchisq, qnorm, plogis/qlogis) and r-cran-survey (4.1-1,
# only for the informational svyciprop columns; the script works without it
# and then leaves those columns empty).
#
# Input: tab-separated, header
#   id kind method level x n x1 n1 x2 n2 population y w info
# (empty string = not applicable; y and w are ';'-separated numbers).
# Output: tab-separated, no header
#   id low high extras
# where extras is 'key=value;key=value' (values printed with %.17g, so that
# every double round-trips exactly).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2L) stop("usage: Rscript generate_intervals.R cases.tsv results.tsv")

have_survey <- suppressWarnings(suppressMessages(
    requireNamespace("survey", quietly = TRUE)))

cases <- read.delim(args[1], header = TRUE, colClasses = "character",
                    quote = "", na.strings = character(0))

fmt <- function(v) sprintf("%.17g", v)
num <- function(s) as.numeric(s)
vec <- function(s) as.numeric(strsplit(s, ";", fixed = TRUE)[[1]])

## ---------------------------------------------------------------------------
## Formulas (each is written the way the named R function computes it)
## ---------------------------------------------------------------------------

# z as used by our contract: qnorm(1 - alpha/2), alpha = 1 - level.
zq <- function(level) qnorm(1 - (1 - level) / 2)

clip01 <- function(v) pmin(pmax(v, 0), 1)

# Wald: p +- z sqrt(p(1-p)/n), clipped.
ci_wald <- function(x, n, level) {
    p <- x / n; z <- zq(level)
    h <- z * sqrt(p * (1 - p) / n)
    clip01(c(p - h, p + h))
}

# Wilson without continuity correction, written exactly as stats::prop.test
# does it for k == 1 with YATES = 0 (used for non-integer x*, n*; for integer
# x, n we call prop.test itself).
ci_wilson_formula <- function(x, n, level) {
    z <- qnorm((1 + level) / 2)
    p <- x / n
    z22n <- z^2 / (2 * n)
    up <- if (p >= 1) 1 else
        (p + z22n + z * sqrt(p * (1 - p) / n + z22n / (2 * n))) / (1 + 2 * z22n)
    lo <- if (p <= 0) 0 else
        (p + z22n - z * sqrt(p * (1 - p) / n + z22n / (2 * n))) / (1 + 2 * z22n)
    c(max(lo, 0), min(up, 1))
}

ci_wilson_R <- function(x, n, level)
    as.numeric(suppressWarnings(prop.test(x, n, conf.level = level,
                                          correct = FALSE))$conf.int)

ci_wilson_cc_R <- function(x, n, level)
    as.numeric(suppressWarnings(prop.test(x, n, conf.level = level,
                                          correct = TRUE))$conf.int)

ci_cp_R <- function(x, n, level)
    as.numeric(binom.test(x, n, conf.level = level)$conf.int)

# Clopper-Pearson through qbeta, also for non-integer x, n.
ci_cp_qbeta <- function(x, n, level) {
    a <- (1 - level) / 2
    c(if (x <= 0) 0 else qbeta(a, x, n - x + 1),
      if (x >= n) 1 else qbeta(1 - a, x + 1, n - x))
}

ci_jeffreys <- function(x, n, level) {
    a <- (1 - level) / 2
    c(qbeta(a, x + 0.5, n - x + 0.5), qbeta(1 - a, x + 0.5, n - x + 0.5))
}

ci_ac <- function(x, n, level) {
    z <- zq(level)
    nt <- n + z^2
    pt <- (x + z^2 / 2) / nt
    h <- z * sqrt(pt * (1 - pt) / nt)
    clip01(c(pt - h, pt + h))
}

# logit: expit(logit(p) +- z / sqrt(n p (1-p))) for 0 < p < 1;
# Clopper-Pearson (qbeta form) at p = 0 or p = 1.
ci_logit <- function(x, n, level) {
    p <- x / n
    if (p <= 0 || p >= 1) return(list(ci = ci_cp_qbeta(x, n, level), fallback = TRUE))
    z <- zq(level)
    h <- z / sqrt(n * p * (1 - p))
    list(ci = plogis(qlogis(p) + c(-h, h)), fallback = FALSE)
}

unweighted_design <- function(x, n) {
    d <- data.frame(y = c(rep(1, x), rep(0, n - x)))
    suppressWarnings(survey::svydesign(ids = ~1, data = d))
}

survey_logit <- function(x, n, level) {
    des <- unweighted_design(x, n)
    as.numeric(attr(survey::svyciprop(~y, des, method = "logit", level = level), "ci"))
}

## ---------------------------------------------------------------------------
## Main loop
## ---------------------------------------------------------------------------

out <- character(nrow(cases))
for (i in seq_len(nrow(cases))) {
    r <- cases[i, ]
    level <- num(r$level)
    ex <- character(0)
    add <- function(k, v) ex <<- c(ex, paste0(k, "=", fmt(v)))
    ci <- c(NA_real_, NA_real_)

    if (r$kind == "proportion") {
        x <- num(r$x); n <- num(r$n)
        ci <- switch(r$method,
            wald = ci_wald(x, n, level),
            wilson = ci_wilson_R(x, n, level),
            wilson_cc = ci_wilson_cc_R(x, n, level),
            clopper_pearson = ci_cp_R(x, n, level),
            jeffreys = ci_jeffreys(x, n, level),
            agresti_coull = ci_ac(x, n, level),
            logit = {
                lg <- ci_logit(x, n, level)
                add("fallback", as.integer(lg$fallback))
                if (lg$fallback) {
                    # the fallback must be R's binom.test interval
                    b <- ci_cp_R(x, n, level)
                    stopifnot(isTRUE(all(abs(b - lg$ci) <= 1e-15)))
                }
                lg$ci
            },
            stop("unknown method ", r$method))
        if (r$method == "wilson") {
            ## the formula copy must reproduce prop.test bit for bit
            f <- ci_wilson_formula(x, n, level)
            add("xchk_formula_low", f[1]); add("xchk_formula_high", f[2])
        }
        if (r$method == "clopper_pearson") {
            f <- ci_cp_qbeta(x, n, level)
            add("xchk_formula_low", f[1]); add("xchk_formula_high", f[2])
        }
        if (r$method == "logit" && r$info == "1" && have_survey && n >= 2 && x > 0 && x < n) {
            s <- survey_logit(x, n, level)
            add("info_survey_logit_low", s[1]); add("info_survey_logit_high", s[2])
            # the closed form that survey's svyglm/confint(Wald, ddf = n - 1)
            # reduces to for an unweighted single-stage design
            p <- x / n
            h <- qt(1 - (1 - level) / 2, n - 1) / sqrt((n - 1) * p * (1 - p))
            t2 <- plogis(qlogis(p) + c(-h, h))
            add("info_tform_low", t2[1]); add("info_tform_high", t2[2])
        }
    } else if (r$kind == "poisson") {
        x <- num(r$x)
        ci <- as.numeric(poisson.test(x, conf.level = level)$conf.int)
        a <- 1 - level
        f <- c(if (x == 0) 0 else qchisq(a / 2, 2 * x) / 2, qchisq(1 - a / 2, 2 * (x + 1)) / 2)
        add("xchk_formula_low", f[1]); add("xchk_formula_high", f[2])
    } else if (r$kind == "newcombe") {
        x1 <- num(r$x1); n1 <- num(r$n1); x2 <- num(r$x2); n2 <- num(r$n2)
        w1 <- ci_wilson_R(x1, n1, level); w2 <- ci_wilson_R(x2, n2, level)
        p1 <- x1 / n1; p2 <- x2 / n2; d <- p1 - p2
        ci <- c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2),
                d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
    } else if (r$kind == "weighted") {
        y <- vec(r$y); w <- vec(r$w)
        nobs <- length(y)
        sw <- sum(w); sw2 <- sum(w^2)
        pw <- sum(w * y) / sw
        neff <- sw^2 / sw2
        deff <- nobs * sw2 / sw^2
        xs <- neff * pw; ns <- neff
        add("p", pw); add("n_eff", neff); add("deff", deff)
        add("x_star", xs); add("n_star", ns)
        ci <- switch(r$method,
            wald = ci_wald(xs, ns, level),
            wilson = ci_wilson_formula(xs, ns, level),
            clopper_pearson = ci_cp_qbeta(xs, ns, level),
            jeffreys = ci_jeffreys(xs, ns, level),
            agresti_coull = ci_ac(xs, ns, level),
            logit = {
                lg <- ci_logit(xs, ns, level)
                add("fallback", as.integer(lg$fallback))
                lg$ci
            },
            stop("unknown method ", r$method))
        if (r$method == "clopper_pearson" && have_survey && pw > 0 && pw < 1) {
            des <- survey::svydesign(ids = ~1, weights = ~w,
                                     data = data.frame(y = y, w = w))
            s <- survey::svyciprop(~y, des, method = "beta", level = level)
            m <- survey::svymean(~y, des)
            add("info_survey_beta_low", attr(s, "ci")[1])
            add("info_survey_beta_high", attr(s, "ci")[2])
            add("info_survey_n_eff", as.numeric(coef(m) * (1 - coef(m)) / vcov(m)))
        }
    } else if (r$kind == "fpc") {
        x <- num(r$x); n <- num(r$n); N <- num(r$population)
        ns <- n / (1 - n / N); xs <- ns * (x / n)
        add("x_star", xs); add("n_star", ns)
        ci <- switch(r$method,
            wald = ci_wald(xs, ns, level),
            wilson = ci_wilson_formula(xs, ns, level),
            stop("unknown method ", r$method))
    } else stop("unknown kind ", r$kind)

    out[i] <- paste(r$id, fmt(ci[1]), fmt(ci[2]), paste(ex, collapse = ";"), sep = "\t")
}
writeLines(out, args[2])

## provenance, read by the Python driver
prov <- c(paste0("R=", R.version.string),
          paste0("survey=", if (have_survey) as.character(packageVersion("survey")) else "absent"))
writeLines(prov, paste0(args[2], ".versions"))
