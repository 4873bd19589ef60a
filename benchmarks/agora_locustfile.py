"""Locust load of the support endpoint, driven by benchmarks/agora_proposals.py.

Each simulated person holds the session of one benchmark account (made by the script,
which had never supported anything) and supports ``BENCH_PER_USER`` proposals one after
another, each pair (person, proposal) once; one request in ten is sent twice in a row, as a
double click (named "support (double click)"), which must change nothing. The run is
bounded by that count: when the last person is done, locust stops, so no request is left
in flight and every support in the database is one locust counted. Read from
``BENCH_DATA``: the territory's slug, the session keys and the proposal ids.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, task

with open(os.environ["BENCH_DATA"], encoding="utf-8") as _data:
    DATA = json.load(_data)
SESSIONS = itertools.count()
PER_USER = int(os.environ.get("BENCH_PER_USER", "100"))
FINISHED = itertools.count(1)
# What the people saw, counted here rather than read from locust's statistics, which may
# leave out the last requests of a run: successful first clicks, and double clicks.
SEEN = {"first_ok": 0, "first_failed": 0, "double_ok": 0, "double_failed": 0}
CSRF = "benchcsrftokenbenchcsrftokenbenc"  # 32 characters, as Django's unmasked secret


class Supporter(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        index = next(SESSIONS)
        self.session_key = DATA["sessions"][index % len(DATA["sessions"])]
        proposals = DATA["proposals"]
        start = random.Random(index).randrange(len(proposals))
        self.queue = iter((proposals[start:] + proposals[:start])[:PER_USER])
        self.headers = {"Cookie": f"sessionid={self.session_key}; csrftoken={CSRF}",
                        "X-CSRFToken": CSRF, "HX-Request": "true",
                        "Content-Type": "application/x-www-form-urlencoded"}

    def _post(self, proposal: int, name: str):
        path = f"/t/{DATA['slug']}/agora/proposals/{proposal}/support/"
        with self.client.post(path, data="", headers=self.headers, name=name,
                              catch_response=True) as response:
            key = "first" if name == "support" else "double"
            if response.status_code == 200 and 'name="undo"' in (response.text or ""):
                response.success()
                SEEN[f"{key}_ok"] += 1
            else:
                response.failure(f"HTTP {response.status_code}")
                SEEN[f"{key}_failed"] += 1

    @task
    def support(self):
        proposal = next(self.queue, None)
        if proposal is None:
            if next(FINISHED) == self.environment.runner.target_user_count:
                with open(os.environ["BENCH_RESULT"], "w", encoding="utf-8") as handle:
                    json.dump(SEEN, handle)
                self.environment.runner.quit()
            self.stop()
            return
        self._post(proposal, "support")
        if random.random() < 0.1:
            self._post(proposal, "support (double click)")
