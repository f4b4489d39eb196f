# Reference values for tests/metrics/test_fragmentation.py.
# Run from the repository root:  Rscript tests/data/sna_fragmentation_reference.R
# Computed with R 4.2.2, sna 2.7-1, igraph (R) 1.3.5 (Debian bookworm packages).
# F  = 1 - fraction of ordered pairs (i, j), i != j, connected under the reading;
# DF = 1 - sum_{i != j} 1/d_ij / (n (n - 1)) from igraph::distances (1/Inf = 0);
# impacts by brute force: remove each actor, recompute on the residual graph.
suppressMessages({library(sna); library(igraph)})
options(digits = 17)

read_net <- function(dir, edges_file, nodes_file, directed) {
  nodes <- read.csv(file.path("tests/data", dir, nodes_file))
  edges <- read.csv(file.path("tests/data", dir, edges_file))
  n <- nrow(nodes)
  M <- matrix(0, n, n)
  M[cbind(edges$source, edges$target)] <- 1
  if (!directed) M[cbind(edges$target, edges$source)] <- 1
  diag(M) <- 0
  M
}
show <- function(label, x) cat(label, "=", paste(format(x, digits = 17), collapse = ", "), "\n")

frag_reach <- function(M) {  # ordered reachability (sna::reachability; diagonal = 1)
  n <- nrow(M); if (n < 2) return(NaN)
  R <- sna::reachability(M); diag(R) <- 0
  1 - sum(R) / (n * (n - 1))
}
frag_strong <- function(M) {
  n <- nrow(M); if (n < 2) return(NaN)
  s <- igraph::components(graph_from_adjacency_matrix(M, mode = "directed"), mode = "strong")$csize
  1 - sum(s * (s - 1)) / (n * (n - 1))
}
frag_weak <- function(M) { n <- nrow(M); if (n < 2) NaN else 1 - sna::connectedness(M) }
dist_frag <- function(M, mode) {  # mode: "directed", "undirected" (weak), or "strong"
  n <- nrow(M); if (n < 2) return(NaN)
  g <- graph_from_adjacency_matrix(M, mode = if (mode == "strong") "directed" else mode)
  D <- distances(g, mode = "out")
  if (mode == "strong") {
    memb <- igraph::components(g, mode = "strong")$membership
    D[outer(memb, memb, "!=")] <- Inf
  }
  inv <- 1 / D; diag(inv) <- 0
  1 - sum(inv) / (n * (n - 1))
}
impact <- function(M, f) sapply(seq_len(nrow(M)), function(v) f(M[-v, -v, drop = FALSE]) - f(M))

undirected_report <- function(name, M) {
  cat("==== ", name, " (undirected)\n")
  show("1 - sna::connectedness", 1 - sna::connectedness(M))
  df <- function(X) dist_frag(X, "undirected")
  show("DF", df(M))
  show("F impact", impact(M, frag_weak))
  show("DF impact", impact(M, df))
  g <- graph_from_adjacency_matrix(M, mode = "undirected")
  show("igraph::articulation_points", sort(as.integer(articulation_points(g))))
  b <- ends(g, bridges(g))
  show("igraph::bridges", apply(b, 1, function(r) paste(sort(r), collapse = "-")))
}

directed_report <- function(name, M) {
  cat("==== ", name, " (directed)\n")
  show("F weak = 1 - sna::connectedness", frag_weak(M))
  show("F strong", frag_strong(M))
  show("F reachability", frag_reach(M))
  show("DF weak", dist_frag(M, "undirected"))
  show("DF strong", dist_frag(M, "strong"))
  show("DF reachability", dist_frag(M, "directed"))
  show("F reachability impact", impact(M, frag_reach))
  show("F strong impact", impact(M, frag_strong))
  show("DF reachability impact", impact(M, function(X) dist_frag(X, "directed")))
}

undirected_report("padgett marriage (16 families, Pucci isolate)",
                  read_net("padgett_florentine", "edges_marriage.csv", "nodes.csv", FALSE))
undirected_report("padgett business",
                  read_net("padgett_florentine", "edges_business.csv", "nodes.csv", FALSE))
undirected_report("zachary karate", read_net("zachary_karate", "edges.csv", "nodes.csv", FALSE))
for (site in c("Cheyenne", "MtSi")) {
  directed_report(paste("emon", site),
                  read_net("emon_drabek", paste0("edges_", site, ".csv"),
                           paste0("nodes_", site, ".csv"), TRUE))
}
