# Reference values for tests/metrics/test_centrality.py and tests/metrics/test_network.py.
# Run from the repository root:  Rscript tests/data/sna_centrality_reference.R
# Computed with R 4.2.2, sna 2.7-1, igraph (R) 1.3.5 (Debian bookworm packages).
suppressMessages({library(sna); library(igraph)})
options(digits = 17)

load_net <- function(dir, file, directed) {
  nodes <- read.csv(file.path("tests/data", dir, "nodes.csv"))
  edges <- read.csv(file.path("tests/data", dir, file))
  n <- nrow(nodes)
  M <- matrix(0, n, n)
  M[cbind(edges$source, edges$target)] <- 1
  if (!directed) M[cbind(edges$target, edges$source)] <- 1
  M
}
show <- function(label, x) cat(label, "=", paste(format(x, digits = 17), collapse = ", "), "\n")

report <- function(name, M, directed, nonresp) {
  mode <- if (directed) "digraph" else "graph"
  cat("==== ", name, "\n")
  show("gden", gden(M, mode = mode))
  Mna <- M; Mna[nonresp, ] <- NA
  show(paste0("gden observed (rows NA for ", paste(nonresp, collapse = " "), ")"), gden(Mna, mode = mode))
  if (directed) {
    show("degree freeman", sna::degree(M, gmode = mode))
    show("degree indegree", sna::degree(M, gmode = mode, cmode = "indegree"))
    show("degree outdegree", sna::degree(M, gmode = mode, cmode = "outdegree"))
  } else {
    show("degree", sna::degree(M, gmode = mode))
  }
  show("betweenness", sna::betweenness(M, gmode = mode))
  show("centralization degree", centralization(M, sna::degree, mode = mode))
  show("centralization betweenness", centralization(M, sna::betweenness, mode = mode))
  show("centralization degree raw", centralization(M, sna::degree, mode = mode, normalize = FALSE))
  show("centralization betweenness raw", centralization(M, sna::betweenness, mode = mode, normalize = FALSE))
  if (directed) {
    show("centralization indegree", centralization(M, sna::degree, mode = mode, cmode = "indegree"))
    show("grecip edgewise", grecip(M, measure = "edgewise"))
  }
  show("connectedness", connectedness(M))
  show("gtrans weak", gtrans(M, mode = mode, measure = "weak"))
  show("components weak", sna::components(M, connected = "weak"))
  if (directed) show("components strong", sna::components(M, connected = "strong"))
  g <- graph_from_adjacency_matrix(M, mode = if (directed) "directed" else "undirected")
  show("igraph mean_distance", mean_distance(g, directed = directed, unconnected = TRUE))
  show("igraph transitivity global", igraph::transitivity(g, type = "global"))
  show("igraph closeness out (normalized)", igraph::closeness(g, mode = "out", normalized = TRUE))
  show("igraph harmonic out (raw)", harmonic_centrality(g, mode = "out", normalized = FALSE))
}

report("knoke information", load_net("knoke_bureaucracies", "edges_information.csv", TRUE), TRUE, c(3, 7))
report("padgett marriage", load_net("padgett_florentine", "edges_marriage.csv", FALSE), FALSE, c(9, 12))
report("krackhardt advice", load_net("krackhardt_hightech", "edges_advice.csv", TRUE), TRUE, c(1, 2, 3))
