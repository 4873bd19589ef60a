"""Opinion maps: Polis's math as a pure module (no Django import).

Start from ``pipeline.compute``; each step of Polis's pipeline has its module: ``matrix``
(votes and who is in the analysis), ``pca`` (the map), ``clusters`` (base clusters and
opinion groups), ``repness`` (what each group thinks distinctly), ``consensus`` (where the
groups agree), ``priority`` (which statement to show next), and ``polis_format`` (Polis's
open-data export).
"""
