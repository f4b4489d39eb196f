# Reference values for tests/metrics/test_brokerage.py.
# Run from tests/data:  Rscript sna_brokerage_reference.R
# R 4.2.2, sna 2.7-1, network 1.18.1 (Debian packages r-base-core, r-cran-sna).
suppressMessages(library(sna))
options(digits = 17)

adj <- function(edges, n, sym = FALSE) {
  A <- matrix(0, n, n)
  A[cbind(edges$source, edges$target)] <- 1
  if (sym) A <- pmax(A, t(A))
  A
}
show <- function(label, b) {
  cat("##", label, "\n")
  cat("# raw.nli\n"); print(b$raw.nli)
  cat("# exp.nli\n"); print(b$exp.nli)
  cat("# z.nli\n"); print(b$z.nli)
  cat("# raw.gli\n"); print(b$raw.gli)
  cat("# exp.gli\n"); print(b$exp.gli)
  cat("# z.gli\n"); print(b$z.gli)
}

# 1. Drabek EMON, Cheyenne, groups = Sponsorship (directed)
nodes <- read.csv("emon_drabek/nodes_Cheyenne.csv")
edges <- read.csv("emon_drabek/edges_Cheyenne.csv")
show("emon_cheyenne_sponsorship", brokerage(adj(edges, nrow(nodes)), nodes$Sponsorship))

# 2. Drabek EMON, Mt St Helens, groups = Sponsorship (directed)
nodes <- read.csv("emon_drabek/nodes_MtStHelens.csv")
edges <- read.csv("emon_drabek/edges_MtStHelens.csv")
show("emon_mtsthelens_sponsorship", brokerage(adj(edges, nrow(nodes)), nodes$Sponsorship))

# 3. Knoke information network, groups = sector (directed)
nodes <- read.csv("knoke_bureaucracies/nodes.csv")
edges <- read.csv("knoke_bureaucracies/edges_information.csv")
show("knoke_information_sector", brokerage(adj(edges, nrow(nodes)), nodes$sector))

# 4. Knoke information network symmetrised (i-j if either arc), groups = sector
show("knoke_information_sym_sector", brokerage(adj(edges, nrow(nodes), sym = TRUE), nodes$sector))

# Python literals pasted into test_brokerage.py (17 significant digits).
pylit <- function(label, b) {
  f <- function(x) ifelse(is.nan(x), "nan", formatC(x, digits = 17, format = "g"))
  cat(label, "= {\n")
  for (nm in c("raw.nli", "exp.nli", "z.nli")) {
    M <- b[[nm]]
    cat(sprintf('    "%s": [\n', nm))
    for (i in seq_len(nrow(M))) cat("        [", paste(f(M[i, ]), collapse = ", "), "],\n")
    cat("    ],\n")
  }
  for (nm in c("raw.gli", "exp.gli", "z.gli"))
    cat(sprintf('    "%s": [%s],\n', nm, paste(f(b[[nm]]), collapse = ", ")))
  cat("}\n")
}
nodes <- read.csv("emon_drabek/nodes_Cheyenne.csv"); edges <- read.csv("emon_drabek/edges_Cheyenne.csv")
pylit("SNA_CHEYENNE", brokerage(adj(edges, nrow(nodes)), nodes$Sponsorship))
nodes <- read.csv("emon_drabek/nodes_MtStHelens.csv"); edges <- read.csv("emon_drabek/edges_MtStHelens.csv")
pylit("SNA_MTSTHELENS", brokerage(adj(edges, nrow(nodes)), nodes$Sponsorship))
nodes <- read.csv("knoke_bureaucracies/nodes.csv"); edges <- read.csv("knoke_bureaucracies/edges_information.csv")
pylit("SNA_KNOKE", brokerage(adj(edges, nrow(nodes)), nodes$sector))
pylit("SNA_KNOKE_SYM", brokerage(adj(edges, nrow(nodes), sym = TRUE), nodes$sector))
