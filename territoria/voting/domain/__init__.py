"""Voting rules as a pure package (numpy; no Django import).

``majority_judgment`` (Balinski & Laraki's majority judgment: majority grades, the majority
gauge and the majority value) and ``approval`` (approval voting) tally from counts, so that a
tally costs the same whatever the number of ballots once the counts are read; ``scales``
holds the grade scales (the platform's and the 2007 Orsay experiment's).
"""
