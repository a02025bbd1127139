# How far R's Hodges-Lehmann estimate can be from the median of the pairwise differences in
# wilcox.test's normal branch (ties, or 50+ values per side): R finds the estimate as the root of
# the continuity- and tie-corrected statistic with uniroot, not as that median, which is what
# phasegate's mannWhitney reports (docs/release-statistics.md). Run from the repository root:
#   Rscript test/release/stats/r/hl-vs-uniroot.R
set.seed(3)
worst <- 0
for (i in 1:2000) {
  x <- round(rnorm(sample(5:60, 1)), 1); y <- round(rnorm(sample(5:60, 1)), 1)
  r <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE))
  if (!grepl("exact", r$method)) worst <- max(worst, abs(r$estimate - median(outer(x, y, "-"))))
}
cat(sprintf("largest |R estimate - median of differences| over 2,000 tied samples (values to 0.1, sd 1): %.4f\n", worst))
