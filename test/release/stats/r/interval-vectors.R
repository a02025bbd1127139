# Reference values for the release judge's always-valid intervals (src/release/stats/
# shift-bounds.ts, location-bounds.ts, ratio-bounds.ts), computed here by brute force and root
# finding, independently of the TypeScript: every pairwise difference listed and sorted, the
# order statistics picked by the rank rule, and Fieller's bounds found with uniroot on the
# standardised difference rather than by the quadratic formula. The boundaries z are given.
# Writes test/fixtures/release/reference/intervals.json. Run from the repository root:
#   Rscript test/release/stats/r/interval-vectors.R
options(digits = 17)
set.seed(20260527)
fmt <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
num <- function(v) if (is.infinite(v)) (if (v > 0) '"Infinity"' else '"-Infinity"') else sprintf("%.17g", v)

# Shift of x against y: U(theta0) counts differences above theta0; the bounds are the
# differences at ranks floor(N/2 - h) and ceil(N/2 + h) - 1 (0-based), h = z * sd(U).
shift <- function(x, y, zl, zu) {
  d <- sort(as.vector(outer(x, y, "-")))
  n <- length(x); m <- length(y); N <- n * m
  ties <- function(s) { t <- table(s); sum(t^3 - t) }
  sd <- sqrt(n * m / 12 * ((n + m + 1) - (ties(x) + ties(y)) / ((n + m) * (n + m - 1))))
  lo <- floor(N / 2 - zl * sd); hi <- ceiling(N / 2 + zu * sd) - 1
  c(median(d), if (lo < 0) -Inf else d[lo + 1], if (hi >= N) Inf else d[hi + 1])
}
# Median of x with the sign-test bounds: order statistics at floor(n/2 - z sqrt(n)/2), ceil(n/2 + z sqrt(n)/2) - 1.
medianb <- function(x, zl, zu) {
  s <- sort(x); n <- length(s)
  lo <- floor(n / 2 - zl * sqrt(n) / 2); hi <- ceiling(n / 2 + zu * sqrt(n) / 2) - 1
  c(median(s), if (lo < 0) -Inf else s[lo + 1], if (hi >= n) Inf else s[hi + 1])
}
# Fieller with a variance floor: the r where (mc - r mb) / se(r) crosses +z (lower) and -z (upper).
fieller <- function(c, b, zl, zu, floor) {
  mc <- mean(c); mb <- mean(b); vc <- var(c); vb <- var(b); nc <- length(c); nb <- length(b)
  f <- function(r) switch(floor, count = max(0, r), scale = r^2, none = 0)
  stat <- function(r) { v <- max(vc, f(r) * vb) / nc + r^2 * vb / nb; if (v > 0) (mc - r * mb) / sqrt(v) else 0 }
  est <- mc / mb
  lo <- if (floor == "count" && stat(0) < zl) 0 else uniroot(function(r) stat(r) - zl, c(if (floor == "count") 0 else -10, est), tol = 1e-13)$root
  hi <- uniroot(function(r) stat(r) + zu, c(est, 100), tol = 1e-13)$root
  c(est, lo, hi)
}

cases <- list()
add <- function(s) cases[[length(cases) + 1]] <<- s
x1 <- round(log(rlnorm(40, 0.05, 0.3)), 9); y1 <- round(log(rlnorm(55, 0, 0.3)), 9)
add(sprintf('{"name": "shift-40-55", "kind": "shift", "x": %s, "y": %s, "zl": 3.1, "zu": 2.7, "expected": %s}', fmt(x1), fmt(y1), fmt(shift(x1, y1, 3.1, 2.7))))
x2 <- round(runif(12, 0, 3), 1); y2 <- round(runif(9, 0, 3), 1)
add(sprintf('{"name": "shift-ties", "kind": "shift", "x": %s, "y": %s, "zl": 2.5, "zu": 2.5, "expected": %s}', fmt(x2), fmt(y2), fmt(shift(x2, y2, 2.5, 2.5))))
r3 <- shift(c(1, 2, 3), c(1.5, 2.5), 3, 3)
add(sprintf('{"name": "shift-unbounded", "kind": "shift", "x": [1, 2, 3], "y": [1.5, 2.5], "zl": 3, "zu": 3, "expected": [%s, %s, %s]}', num(r3[1]), num(r3[2]), num(r3[3])))
x4 <- round(rlnorm(35, 1, 0.8), 6)
add(sprintf('{"name": "median-35", "kind": "median", "x": %s, "zl": 2.9, "zu": 2.4, "expected": %s}', fmt(x4), fmt(medianb(x4, 2.9, 2.4))))
c5 <- rbinom(60, 1000, 0.0115) / 1000; b5 <- rbinom(70, 1000, 0.01) / 1000
add(sprintf('{"name": "fieller-count", "kind": "ratio", "floor": "count", "c": %s, "b": %s, "zl": 3.2, "zu": 2.8, "expected": %s}', fmt(c5), fmt(b5), fmt(fieller(c5, b5, 3.2, 2.8, "count"))))
c6 <- rep(0, 40); b6 <- rbinom(40, 100, 0.01) / 100
add(sprintf('{"name": "fieller-quiet-canary", "kind": "ratio", "floor": "count", "c": %s, "b": %s, "zl": 3, "zu": 3, "expected": %s}', fmt(c6), fmt(b6), fmt(fieller(c6, b6, 3, 3, "count"))))
c7 <- round(rlnorm(45, 3.1, 0.7), 4); b7 <- round(rlnorm(50, 3, 0.7), 4)
add(sprintf('{"name": "fieller-scale", "kind": "ratio", "floor": "scale", "c": %s, "b": %s, "zl": 2.6, "zu": 3.3, "expected": %s}', fmt(c7), fmt(b7), fmt(fieller(c7, b7, 2.6, 3.3, "scale"))))
add(sprintf('{"name": "fieller-none", "kind": "ratio", "floor": "none", "c": %s, "b": %s, "zl": 2.6, "zu": 3.3, "expected": %s}', fmt(c7), fmt(b7), fmt(fieller(c7, b7, 2.6, 3.3, "none"))))
dir.create("test/fixtures/release/reference", recursive = TRUE, showWarnings = FALSE)
writeLines(c("{", sprintf('  "producedBy": "Rscript test/release/stats/r/interval-vectors.R (%s)",', R.version.string), '  "cases": [', paste0("    ", cases, collapse = ",\n"), "  ]", "}"), "test/fixtures/release/reference/intervals.json")
