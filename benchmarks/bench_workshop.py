"""Workshop latency: 20 participants and an instructor on this machine, the hotel playing.

Starts the real `interlodge app` server, opens a room from an instructor page, and seats N
participants, each in its own browser context. Every participant page answers each question
as soon as it appears (a script in the page, polling every 20 ms, so that no Python round
trip adds to the figures) and notes when it saw it and when it clicked. The room's download
gives, for every question, when the server asked it and when the answer reached the model.

Printed (milliseconds, 50th / 95th percentile / max):
    to the page:  server asked -> the question is on the seat's page
    to the model: the participant clicked -> the answer reached the model
    round trip:   server asked -> answer in the model (includes the page's own reaction)

Usage: .venv/bin/python benchmarks/bench_workshop.py [--participants 20] [--seconds 90]
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from app_components.server_process import CHROMIUM, CHROMIUM_FLAGS, running_app

ANSWER_SCRIPT = """
window.__answers = [];
const seen = new Set();
setInterval(() => {
  const marker = document.querySelector('[data-question]');
  if (!marker || seen.has(marker.dataset.question)) return;
  const button = document.querySelector('.workshop-send-plan, .workshop-option');
  if (!button) return;
  seen.add(marker.dataset.question);
  const shown = Date.now();
  button.click();
  window.__answers.push({posted: parseFloat(marker.dataset.posted) * 1000, shown: shown,
                         clicked: Date.now()});
}, 20);
"""


def percentiles(values: list[float]) -> str:
    if not values:
        return "no data"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"p50 {statistics.median(ordered):6.0f}  p95 {p95:6.0f}  max {ordered[-1]:6.0f}"
            f"  (n={len(ordered)})")


def choose(page, label: str, option: str) -> None:
    page.locator(".v-select").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(300)


def run(participants: int, seconds: float, pace: str) -> int:
    log = Path(tempfile.mkdtemp(prefix="bench-workshop-")) / "server.log"
    with running_app(log) as server, sync_playwright() as pw:
        url = server.url
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        instructor = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        instructor.goto(url + "workshop")
        choose(instructor, "Time to answer", "30")
        choose(instructor, "Pace", pace)
        choose(instructor, "Days per round", "14")
        instructor.get_by_role("button", name="Open a new room").click(timeout=60_000)
        instructor.get_by_text("Seats (").wait_for(timeout=60_000)
        code = re.search(r"room=([A-Z0-9]+)", instructor.url).group(1)
        pages = []
        started = time.perf_counter()
        for i in range(participants):
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.goto(f"{url}workshop?room={code}")
            page.get_by_label(re.compile("Your name")).fill(f"P{i + 1:02d}")
            page.get_by_role("button", name="Join").click(timeout=60_000)
            page.get_by_role("button", name="Give me any free seat").click(timeout=60_000)
            page.get_by_text("You are").wait_for(timeout=60_000)
            page.evaluate(ANSWER_SCRIPT)
            pages.append(page)
        print(f"{participants} participants seated in room {code} in "
              f"{time.perf_counter() - started:.0f} s")
        instructor.get_by_role("button", name="Play").click()
        time.sleep(seconds)
        pause = instructor.get_by_role("button", name="Pause")
        if pause.is_visible():  # else the round is over: the hotel has stopped by itself
            pause.click()
        clock = instructor.get_by_text(re.compile(r"Hotel time:")).inner_text()
        time.sleep(1.5)
        with instructor.expect_download() as download:
            instructor.get_by_role("button", name=re.compile(r"Download \d+ decisions")).click()
        with open(download.value.path()) as saved:
            records = list(csv.DictReader(saved))
        answers = [a for page in pages for a in page.evaluate("window.__answers")]
        browser.close()
    asked = {round(float(r["posted_at"]) * 1000): r for r in records
             if r["decided_by"] == "person"}
    to_page, to_model, round_trip = [], [], []
    for answer in answers:
        posted = round(answer["posted"])  # the page has the time to the millisecond
        record = next((asked[t] for t in (posted, posted - 1, posted + 1) if t in asked), None)
        to_page.append(answer["shown"] - answer["posted"])
        if record is not None:
            answered = float(record["answered_at"]) * 1000
            to_model.append(answered - answer["clicked"])
            round_trip.append(answered - answer["posted"])
    timed_out = sum(r["decided_by"].startswith("agent's rule") for r in records)
    print(f"played {seconds:.0f} s at {pace} h/s: {clock}; {len(records)} decisions recorded, "
          f"{len(asked)} answered by the pages, {timed_out} timed out")
    print(f"to the page   (ms): {percentiles(to_page)}")
    print(f"to the model  (ms): {percentiles(to_model)}")
    print(f"round trip    (ms): {percentiles(round_trip)}")
    return 0 if to_page and to_model else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20, choices=range(1, 21),
                        metavar="1-20")
    parser.add_argument("--seconds", type=float, default=90.0,
                        help="how long the hotel plays (default 90)")
    parser.add_argument("--pace", default="4", choices=["1", "2", "4", "8", "24"],
                        help="simulated hours per second (default 4; a round is 14 days)")
    args = parser.parse_args(argv)
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    return run(args.participants, args.seconds, args.pace)


if __name__ == "__main__":
    sys.exit(main())
