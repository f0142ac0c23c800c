"""Locust users for the workshop benchmark (bench/workshop_bench.py starts locust with this file).

Environment (set by the bench):
- WPSNAP_BENCH_MODE   "workshop" (default): Attendees join, poll `now` every 2 s and vote on
                      the agenda's Findings (some change a vote, some double submit with the same
                      idempotency key, as the page's script does after a timeout);
                      "saturate": Attendees join, then vote back to back (no waiting);
                      "ping": hit the trivial view core:ping back to back (the baseline).
- WPSNAP_BENCH_CODE   the Workshop's join code; WPSNAP_BENCH_ITEMS: agenda item ids, comma-separated
- WPSNAP_BENCH_ACKS   where to write, at the end, every vote sent and whether it was acknowledged
                      (JSON lines: {"device": sha256 of the device token, "votes": [[item, choice,
                      status], ...]} in the order sent; status "ack", "refused", "limited" or
                      "unknown" for a failure or a timeout after which the vote may or may not be
                      stored).
"""

import hashlib
import json
import os
import random
import re
import secrets
import time

from locust import FastHttpUser, constant, events, task

MODE = os.environ.get("WPSNAP_BENCH_MODE", "workshop")
CODE = os.environ.get("WPSNAP_BENCH_CODE", "")
ITEMS = [int(i) for i in os.environ.get("WPSNAP_BENCH_ITEMS", "").split(",") if i]
ACKS = os.environ.get("WPSNAP_BENCH_ACKS", "")
CHOICES = ["agree", "agree_with_changes", "disagree", "not_sure"]
POLL_EVERY = 2.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

LOGS: list[dict] = []  # one per Attendee: its device hash and votes sent


def cookie(client, name: str) -> str:
    for c in client.cookiejar:
        if c.name == name:
            return c.value
    return ""


class Attendee(FastHttpUser):
    wait_time = constant(0)  # pacing is done in the task (a poll every 2 s)
    network_timeout = 30.0
    connection_timeout = 30.0

    def on_start(self):
        self.log = {"device": "", "votes": []}
        self.etag = ""
        if MODE == "ping":
            return
        LOGS.append(self.log)
        page = self.client.get(f"/w/{CODE}/", name="join page")
        match = CSRF_INPUT.search(page.text or "")
        with self.client.post(f"/w/{CODE}/", name="join", allow_redirects=False,
                              data={"csrfmiddlewaretoken": match.group(1) if match else "",
                                    "language": random.choice(["km", "km", "en"])},
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"join answered {response.status_code}")
                return
        token = cookie(self.client, "wpsnap_device")
        self.log["device"] = hashlib.sha256(token.encode()).hexdigest() if token else ""
        self.client.get(response.headers.get("Location") or f"/w/{CODE}/", name="landing page")
        self.csrf = cookie(self.client, "csrftoken")
        self.plan = self._voting_plan()
        self.next_tick = time.monotonic() + random.uniform(0, POLL_EVERY)
        self.ticks = random.randint(0, 1)

    def _voting_plan(self) -> list[tuple[int, str, str, int]]:
        """(item, choice, idempotency key, times sent) for each Finding in a shuffled order:
        one in five double submits (the same key twice), one in five changes later."""
        items = ITEMS[:]
        random.shuffle(items)
        plan, changes = [], []
        for item in items:
            choice = random.choice(CHOICES)
            plan.append((item, choice, secrets.token_hex(8), 2 if random.random() < 0.2 else 1))
            if random.random() < 0.2:
                other = random.choice([c for c in CHOICES if c != choice])
                changes.append((item, other, secrets.token_hex(8), 1))
        return plan + changes

    def vote(self, item: int, choice: str, key: str) -> None:
        entry = [item, choice, "unknown"]
        self.log["votes"].append(entry)  # recorded before sending: a kill mid-request is "unknown"
        with self.client.post(f"/w/{CODE}/items/{item}/vote/", name="vote",
                              data={"choice": choice, "idempotency_key": key},
                              headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
                              catch_response=True) as response:
            if response.status_code == 200:
                try:
                    saved = response.json().get("saved") is True
                except ValueError:
                    saved = False
                if saved:
                    entry[2] = "ack"
                else:
                    response.failure("answered 200 without saved")
            elif response.status_code == 409:
                entry[2] = "refused"
                response.failure("voting closed")
            elif response.status_code == 429:
                entry[2] = "limited"
                response.failure("rate limited")
            else:
                response.failure(f"answered {response.status_code}")

    def poll(self) -> None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        with self.client.get(f"/w/{CODE}/now/", name="poll", headers=headers,
                             catch_response=True) as response:
            if response.status_code in (200, 304):
                self.etag = response.headers.get("ETag") or self.etag
                response.success()
            else:
                response.failure(f"answered {response.status_code}")

    @task
    def act(self):
        if MODE == "ping":
            self.client.get("/ping/", name="ping")
            return
        if not self.log["device"]:  # could not join: nothing to do
            time.sleep(1)
            return
        if MODE == "saturate":
            item = random.choice(ITEMS)
            self.vote(item, random.choice(CHOICES), secrets.token_hex(8))
            return
        # workshop: a poll every 2 s, and every other poll the next vote of the plan (10 to
        # about 14 votes over ~50 s)
        delay = self.next_tick - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.next_tick += POLL_EVERY
        self.ticks += 1
        self.poll()
        if self.plan and self.ticks % 2 == 0:
            item, choice, key, times = self.plan.pop(0)
            for _ in range(times):
                self.vote(item, choice, key)


@events.test_stop.add_listener
def write_acks(environment, **kwargs):
    if not ACKS:
        return
    with open(ACKS, "w", encoding="utf-8") as out:
        for log in LOGS:
            if log["device"]:
                out.write(json.dumps(log) + "\n")
