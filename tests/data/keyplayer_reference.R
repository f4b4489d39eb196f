# Reference values for tests/metrics/test_key_players.py (KPP-Pos and group centrality).
# Run from the repository root:  OMP_NUM_THREADS=1 Rscript tests/data/keyplayer_reference.R
# Computed with R 4.2.2, sna 2.7-1, igraph (R) 1.3.5 (Debian bookworm packages),
# keyplayer 1.0.4 (needs matpow 0.1-2) and influenceR 0.1.5, both installed from
# their CRAN source packages (R CMD INSTALL).
# keyplayer scores a set by contracting it into one node; binary = TRUE reads the
# 0/1 adjacency matrix; cmode = "outdegree" counts what the set reaches (keyplayer's
# default "total" adds in- and out-scores: twice the value on undirected graphs).
suppressMessages({library(sna); library(igraph); library(keyplayer); library(influenceR)})
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

set_report <- function(name, A, S, cmodes = "outdegree") {
  cat("==== ", name, ": set {", paste(S, collapse = ", "), "}\n")
  for (cm in cmodes) {
    for (M in c(1, 2)) {
      show(sprintf("kpcent mreach.degree M=%d cmode=%s", M, cm),
           kpcent(A, S, type = "mreach.degree", M = M, binary = TRUE, cmode = cm))
    }
    show(sprintf("kpcent mreach.closeness M=Inf cmode=%s", cm),
         kpcent(A, S, type = "mreach.closeness", binary = TRUE, cmode = cm))
  }
  show("kpcent degree cmode=outdegree", kpcent(A, S, type = "degree", binary = TRUE, cmode = "outdegree"))
  show("kpcent closeness (igraph, normalized)", kpcent(A, S, type = "closeness", binary = TRUE))
  show("kpcent betweenness (igraph, contracted set, ordered pairs)",
       kpcent(A, S, type = "betweenness", binary = TRUE))
}

# hand-worked graph of the tests: hubs 1 and 2 share neighbours 4, 5, 6; 3 has its own
H <- matrix(0, 12, 12)
E <- rbind(c(1, 4), c(1, 5), c(1, 6), c(1, 7), c(1, 12), c(2, 4), c(2, 5), c(2, 6), c(2, 8),
           c(3, 9), c(3, 10), c(3, 11), c(7, 9))
H[E] <- 1; H[E[, 2:1]] <- 1
set_report("hand-worked hubs", H, c(1, 3))
set_report("hand-worked hubs", H, c(1, 2))

P <- read_net("padgett_florentine", "edges_marriage.csv", "nodes.csv", FALSE)
set_report("padgett marriage (Medici 9, Strozzi 15)", P, c(9, 15))
set_report("padgett marriage (Medici 9)", P, 9)

K <- read_net("krackhardt_hightech", "edges_friendship.csv", "nodes.csv", TRUE)
set_report("krackhardt friendship (directed; M2, M17)", K, c(2, 17), c("outdegree", "indegree"))

cat("==== kpset (keyplayer's search: seed = \"top\", 10 rounds)\n")
for (M in c(1, 2)) {
  r <- kpset(P, size = 2, type = "mreach.degree", M = M, binary = TRUE, cmode = "outdegree")
  show(sprintf("padgett kpset mreach.degree M=%d size=2 keyplayers", M), r$keyplayers)
  show(sprintf("padgett kpset mreach.degree M=%d size=2 centrality", M), r$centrality)
}
r <- kpset(P, size = 2, type = "mreach.closeness", binary = TRUE, cmode = "outdegree")
show("padgett kpset mreach.closeness size=2 keyplayers", r$keyplayers)
show("padgett kpset mreach.closeness size=2 centrality", r$centrality)

cat("==== influenceR::keyplayer (random-swap search; 20 seeds)\n")
g <- graph_from_adjacency_matrix(P, mode = "undirected")
for (k in c(2, 3)) {
  sets <- sapply(1:20, function(s) {
    set.seed(s)
    paste(sort(as.integer(influenceR::keyplayer(g, k = k, maxsec = 5, roundsec = 5))),
          collapse = "-")
  })
  tab <- table(sets)
  show(sprintf("padgett influenceR keyplayer k=%d sets", k), names(tab))
  show(sprintf("padgett influenceR keyplayer k=%d counts", k), as.integer(tab))
}
