"""How fast the opinion-map math is, side by side with red-dwarf, and at territory scale.

    .venv/bin/python benchmarks/opinion_math.py [--runs 5] [--no-reddwarf] [--generated-only]

1. The five real Polis conversations of ../shared/data/polis/opendata: our
   ``territoria.opinion.domain.pipeline.compute`` and red-dwarf 0.4.0's
   ``run_pipeline`` (a Python reimplementation of Polis), each timed on the same parsed
   votes, median of ``--runs`` runs; and the adjusted Rand index of each one's groups
   against the groups Polis assigned (``participants-votes.csv``). red-dwarf is never a
   dependency of the project: the script installs it (``pip install red-dwarf==0.4.0``)
   into a throwaway virtual environment under ``var/bench/reddwarf-venv`` and runs it in
   a subprocess. Goal: ours at least 3× faster on each conversation.
2. A generated conversation of 10,000 participants × 1,000 statements with 500,000 votes
   (three opinion camps and noise): the full recomputation, median of the runs (goal under
   2 s), and its peak memory, measured in a fresh subprocess: the peak of the memory the
   computation allocates (tracemalloc) and the process's peak resident size, interpreter,
   libraries and input votes included (goal under 500 MB).

Reading the files and generating the votes are not timed. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np

from territoria.opinion.domain.matrix import Vote
from territoria.opinion.domain.pipeline import compute
from territoria.opinion.domain.polis_format import (
    read_groups,
    read_moderated_out,
    read_votes,
)

OPENDATA = ROOT / ".." / "shared" / "data" / "polis" / "opendata"
VENV = ROOT / "var" / "bench" / "reddwarf-venv"
REDDWARF = "red-dwarf==0.4.0"
SPEED_GOAL = 3.0
LARGE_GOAL_SECONDS = 2.0
LARGE_GOAL_MB = 500

# Runs inside red-dwarf's environment: read one conversation, time run_pipeline, print JSON.
REDDWARF_WORKER = r"""
import csv, json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
from reddwarf.implementations.polis import run_pipeline
from sklearn.metrics import adjusted_rand_score
folder, runs = sys.argv[1], int(sys.argv[2])
with open(f"{folder}/votes.csv") as f:
    rows = sorted(csv.DictReader(f), key=lambda r: int(r["timestamp"]))
latest = {}
for r in rows:
    latest[(int(r["voter-id"]), int(r["comment-id"]))] = (int(r["vote"]), int(r["timestamp"]))
votes = [{"participant_id": p, "statement_id": s, "vote": v, "modified": t}
         for (p, s), (v, t) in latest.items()]
with open(f"{folder}/comments.csv") as f:
    hidden = [int(r["comment-id"]) for r in csv.DictReader(f) if int(r["moderated"]) == -1]
with open(f"{folder}/participants-votes.csv") as f:
    polis = {int(r["participant"]): int(r["group-id"]) for r in csv.DictReader(f)
             if r["group-id"].strip()}
times = []
for _ in range(runs):
    start = time.perf_counter()
    result = run_pipeline(votes=votes, mod_out_statement_ids=hidden, random_state=0)
    times.append(time.perf_counter() - start)
df = result.participants_df
labels = df.loc[df["to_cluster"], "cluster_id"].dropna().astype(int).to_dict()
common = [p for p in polis if p in labels]
print(json.dumps({"seconds": statistics.median(times), "groups": len(set(labels.values())),
                  "ari": adjusted_rand_score([polis[p] for p in common],
                                             [labels[p] for p in common])}))
"""


def _median_seconds(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _reddwarf_python() -> Path | None:
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import reddwarf"]
    if python.exists() and subprocess.run(probe, check=False, capture_output=True).returncode == 0:
        return python
    print(f"Installing {REDDWARF} into {VENV} (throwaway, not a project dependency)…")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", REDDWARF],
                             check=False, capture_output=True, text=True)
    if install.returncode != 0:
        print(f"  could not install red-dwarf: {install.stderr.strip()[-300:]}")
        return None
    return python


def _ours(folder: Path, runs: int) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score  # not loaded by the memory measurement

    with (folder / "votes.csv").open() as lines:
        votes = read_votes(lines)
    with (folder / "comments.csv").open() as lines:
        hidden = read_moderated_out(lines)
    with (folder / "participants-votes.csv").open() as lines:
        polis = read_groups(lines)
    compute(votes, moderated_out=hidden)  # warm up (first calls load LAPACK and friends)
    seconds = _median_seconds(runs, lambda: compute(votes, moderated_out=hidden))
    result = compute(votes, moderated_out=hidden)
    common = [p for p in polis if p in result.group_of]
    ari = adjusted_rand_score([polis[p] for p in common], [result.group_of[p] for p in common])
    return {"seconds": seconds, "ari": ari, "groups": len(result.groups),
            "polis_groups": len(set(polis.values())), "participants": result.counts.participants,
            "statements": result.counts.statements}


def real_conversations(runs: int, with_reddwarf: bool) -> None:
    if not OPENDATA.exists():
        print(f"No Polis open data at {OPENDATA.resolve()}: section skipped.")
        return
    python = _reddwarf_python() if with_reddwarf else None
    print(f"\nReal Polis conversations, median of {runs} runs (ARI: groups vs Polis's)")
    print(f"{'conversation':40} {'size':>12} {'ours':>8} {'red-dwarf':>10} {'ratio':>7}"
          f" {'ARI ours':>9} {'ARI r-d':>8} {'k ours/r-d/Polis':>17}")
    for folder in sorted(OPENDATA.iterdir()):
        ours = _ours(folder, runs)
        theirs = {"seconds": float("nan"), "ari": float("nan"), "groups": 0}
        if python is not None:
            worker = subprocess.run([str(python), "-c", REDDWARF_WORKER, str(folder),
                                     str(runs)], check=False, capture_output=True,
                                    text=True)
            if worker.returncode == 0:
                theirs = json.loads(worker.stdout.strip().splitlines()[-1])
            else:
                print(f"  red-dwarf failed on {folder.name}: {worker.stderr.strip()[-300:]}")
        ratio = theirs["seconds"] / ours["seconds"]
        size = f"{ours['participants']}×{ours['statements']}"
        print(f"{folder.name:40} {size:>12} {ours['seconds']:7.3f}s {theirs['seconds']:9.3f}s"
              f" {ratio:6.1f}× {ours['ari']:9.3f} {theirs['ari']:8.3f}"
              f" {ours['groups']:>9}/{theirs['groups']}/{ours['polis_groups']}")
    print(f"Goal: ours at least {SPEED_GOAL:.0f}× faster than red-dwarf on each conversation.")


def generated_votes(participants: int = 10_000, statements: int = 1_000,
                    per_participant: int = 50, seed: int = 2026) -> list[Vote]:
    """Three camps with opposite views on a third of the statements each, noise, passes."""
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, participants)
    leaning = rng.normal(0, 1, (3, statements))
    chosen = np.argsort(rng.random((participants, statements)), axis=1)[:, :per_participant]
    pids = np.repeat(np.arange(participants), per_participant)
    sids = chosen.reshape(-1)
    score = leaning[camp[pids], sids] + rng.normal(0, 1, pids.size)
    votes = np.where(np.abs(score) < 0.3, 0, np.sign(score)).astype(np.int64)
    order = rng.permutation(pids.size)  # votes arrive interleaved
    return list(zip(pids[order].tolist(), sids[order].tolist(), votes[order].tolist(),
                    strict=True))


def _peak_memory() -> None:
    votes = generated_votes()
    tracemalloc.start()
    compute(votes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"traced_mb": peak / 2**20, "rss_mb": rss}))


def generated_conversation(runs: int) -> None:
    votes = generated_votes()
    print(f"\nGenerated conversation: 10,000 participants × 1,000 statements, "
          f"{len(votes):,} votes")
    result = compute(votes)
    seconds = _median_seconds(runs, lambda: compute(votes))
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        compute(votes)
        cpu.append(time.process_time() - start)
    memory = subprocess.run([sys.executable, __file__, "--peak-memory"], capture_output=True,
                            text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = json.loads(memory.stdout.strip().splitlines()[-1])
    print(f"  full recomputation: {seconds:.3f} s (median of {runs}); goal {LARGE_GOAL_SECONDS} s,"
          f" ratio {seconds / LARGE_GOAL_SECONDS:.2f}")
    print(f"  processor time of the recomputation: {statistics.median(cpu):.3f} s (median of"
          f" {runs}; what the wall-clock time would be on an idle core)")
    print(f"  peak memory allocated by the computation: {peak['traced_mb']:.0f} MB;"
          f" peak resident size of the process: {peak['rss_mb']:.0f} MB;"
          f" goal {LARGE_GOAL_MB} MB, ratio {peak['rss_mb'] / LARGE_GOAL_MB:.2f}")
    print(f"  outcome {result.outcome}, {len(result.groups)} groups,"
          f" {result.counts.participants_in_analysis:,} participants in the analysis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-reddwarf", action="store_true")
    parser.add_argument("--generated-only", action="store_true",
                        help="only the generated 10,000 × 1,000 conversation")
    parser.add_argument("--peak-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_memory:
        _peak_memory()
        return
    if not args.generated_only:
        real_conversations(args.runs, with_reddwarf=not args.no_reddwarf)
    generated_conversation(args.runs)


if __name__ == "__main__":
    main()
