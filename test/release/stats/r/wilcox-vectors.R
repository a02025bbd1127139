# Regenerates the reference vectors in test/release/stats/mann-whitney-r.test.ts and
# proportions.test.ts (and the pnorm/qnorm/p.adjust figures). Run from the repository root:
# Rscript test/release/stats/r/wilcox-vectors.R
options(digits = 15)
show <- function(name, x, y, ...) {
  r <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, ...))
  cat(sprintf("%s: W=%.15g p=%.15g est=%.15g ci=[%.15g, %.15g] method=%s\n", name,
              r$statistic, r$p.value, r$estimate, r$conf.int[1], r$conf.int[2], r$method))
}
a <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
b <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
show("exact-two", a, b[-c(5, 9)])
show("exact-less", a, b[-c(5, 9)], alternative = "less")
show("exact-greater", a, b[-c(5, 9)], alternative = "greater", conf.level = 0.9)
show("ties-two", a, b)
show("ties-greater", a, b, alternative = "greater")
show("ties-nocorrect", a, b, correct = FALSE)
set.seed(1)
u <- round(rnorm(61, 10, 2), 6); v <- round(rnorm(45, 9.3, 2), 6)
cat("u <-", paste(u, collapse = ", "), "\n"); cat("v <-", paste(v, collapse = ", "), "\n")
show("large-two", u, v)
show("large-less", u, v, alternative = "less")
show("large-greater", u, v, alternative = "greater", conf.level = 0.99)
show("exact-unequal", c(3.1, 4.7, 2.2), c(5.5, 6.1, 4.9, 7.3, 8.8, 5.2, 6.6))
show("exact-forced-off", c(3.1, 4.7, 2.2), c(5.5, 6.1, 4.9, 7.3, 8.8, 5.2, 6.6), exact = FALSE)
# Larger samples with many ties, built by formula so the test can rebuild them (values at one decimal).
tx <- round(sin(1:120) * 3 + (1:120) / 40, 1); ty <- round(cos(1:90) * 3, 1)
show("big-ties-two", tx, ty)
show("big-ties-less-nocorrect", tx, ty, alternative = "less", correct = FALSE, conf.level = 0.8)
show("exact-forced-60-55", (1:60) + 0.5, (1:55) * 1.13, exact = TRUE)
pf <- function(name, x1, n1, x2, n2, ...) {
  f <- fisher.test(matrix(c(x1, x2, n1 - x1, n2 - x2), 2), ...)
  cat(sprintf("%s: fisher p=%.15g\n", name, f$p.value))
}
pf("f1", 3, 40, 9, 42); pf("f2", 0, 15, 4, 16); pf("f3", 2, 500, 2, 480)
pf("f4", 3, 40, 9, 42, alternative = "less"); pf("f5", 3, 40, 9, 42, alternative = "greater")
pp <- function(name, x1, n1, x2, n2, ...) {
  r <- prop.test(c(x1, x2), c(n1, n2), correct = FALSE, ...)
  cat(sprintf("%s: prop p=%.15g ci=[%.15g, %.15g]\n", name, r$p.value, r$conf.int[1], r$conf.int[2]))
}
pp("p1", 120, 10000, 95, 10000); pp("p2", 60, 2000, 41, 2100, alternative = "greater")
pp("p3", 60, 2000, 41, 2100, alternative = "less")
print(p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm"))
cat(sprintf("pnorm: %.17g %.17g %.17g qnorm: %.17g %.17g\n", pnorm(-1.3), pnorm(-8.5), pnorm(2.2), qnorm(0.025), qnorm(0.995)))
