# Reference values for tests/metrics/test_weak_ties.py (sysmap.metrics.weak_ties).
# Run from the repository root:  Rscript tests/data/weak_ties_reference.R
# Written for R 4.2.2 with igraph 1.3.5 (Debian r-cran-igraph).
# For each network: neighbourhood overlap O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij)
# (Onnela et al. 2007), local bridges (no common neighbour) with their span (distance
# between the ends once the tie is deleted), bridges, and the Spearman / Pearson
# correlation of tie strength with overlap (cor.test, asymptotic t p-value).
suppressPackageStartupMessages(library(igraph))
options(digits = 17)

report <- function(label, edges, value_col, directed = FALSE, combine = "max") {
  el <- edges[, c("source", "target")]
  g <- graph_from_data_frame(el, directed = directed)
  g$name <- label
  if (directed) {
    E(g)$value <- edges[[value_col]]
    g <- as.undirected(g, mode = "collapse", edge.attr.comb = list(value = combine))
  } else {
    E(g)$value <- edges[[value_col]]
  }
  ends_ <- ends(g, E(g))
  k <- degree(g)
  ov <- numeric(ecount(g)); nij <- integer(ecount(g)); span <- rep(NA_real_, ecount(g))
  for (e in seq_len(ecount(g))) {
    a <- ends_[e, 1]; b <- ends_[e, 2]
    nij[e] <- length(intersect(neighbors(g, a)$name, neighbors(g, b)$name))
    den <- (k[a] - 1) + (k[b] - 1) - nij[e]
    ov[e] <- if (den > 0) nij[e] / den else NA
    if (nij[e] == 0) span[e] <- distances(delete_edges(g, e), a, b)[1, 1]
  }
  cat("==", label, ": n =", vcount(g), " ties =", ecount(g), "\n")
  cat("sum of overlap (defined):", format(sum(ov, na.rm = TRUE), digits = 17), "\n")
  lb <- which(nij == 0)
  for (e in lb) cat("local bridge", sort(as.integer(ends_[e, ])), "span", span[e], "\n")
  br <- bridges(g)
  for (e in br) cat("bridge", sort(as.integer(ends(g, e))), "\n")
  ok <- !is.na(ov)
  for (m in c("spearman", "pearson")) {
    ct <- suppressWarnings(cor.test(E(g)$value[ok], ov[ok], method = m, exact = FALSE))
    cat(m, "r =", format(unname(ct$estimate), digits = 17), " p =",
        format(ct$p.value, digits = 17), " n =", sum(ok), "\n")
  }
  invisible(list(g = g, ov = ov))
}

it <- read.csv("tests/data/indiana_tobacco_control/edges_collaboration.csv")
r <- report("indiana_collaboration", it, "collaborate")
e <- which(apply(ends(r$g, E(r$g)), 1, function(x) all(sort(as.integer(x)) == c(1, 2))))
cat("indiana overlap of tie 1-2:", format(r$ov[e], digits = 17), "\n")

dh <- read.csv("tests/data/dhhs_tobacco_leaders/edges.csv")
r <- report("dhhs_collab", dh, "collab")

ms <- read.csv("tests/data/emon_drabek/edges_MtStHelens.csv")
r <- report("mtsthelens_strength_max", ms, "strength", directed = TRUE, combine = "max")
