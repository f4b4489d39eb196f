"""Network measures: fragmentation, brokerage, structural holes, weak ties, centrality."""
