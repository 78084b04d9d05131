"""The record of every decision a seat was asked for: who, which seat, which round, the
situation, its options with their costs, the answer, the agent rule's own choice and the time
taken. Downloaded as CSV or Parquet, for the facilitator and for research on human decisions
in the model's work context.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, fields

import pandas as pd

# Who decided, as the record and the page say it.
BY_PERSON = "person"
BY_PLAN = "person's shift plan"
BY_EARLIER = "person's earlier answer today"
BY_RULE = "agent's rule: no answer in time"


@dataclass(frozen=True)
class DecisionRecord:
    round: int
    preset: str
    hotel_time: str  # "day 3 18:00"
    participant: str
    seat: str  # "Receptionist 2"
    role: str
    kind: str  # see agents.context.Situation
    room: int | None  # the hotel room it was about, if any
    options: str  # "move: 42 EUR; rebate: 31 EUR; ..."
    rule_choice: str  # what the agent's own rule chose in the same situation
    choice: str
    decided_by: str  # BY_PERSON, BY_PLAN, BY_EARLIER or BY_RULE
    seconds: float  # from the question reaching the seat to the answer (or the time-out)
    posted_at: float  # server clock, seconds since the epoch
    answered_at: float

    @property
    def by_person(self) -> bool:
        return self.decided_by != BY_RULE


COLUMNS = [f.name for f in fields(DecisionRecord)]


def options_text(options, unit: str) -> str:
    return "; ".join(f"{option}: {cost:.1f} {unit}" for option, cost in options.items())


def decisions_frame(records: list[DecisionRecord]) -> pd.DataFrame:
    return pd.DataFrame([asdict(r) for r in records], columns=COLUMNS)


def csv_bytes(records: list[DecisionRecord]) -> bytes:
    return decisions_frame(records).to_csv(index=False).encode()


def parquet_bytes(records: list[DecisionRecord]) -> bytes:
    buffer = io.BytesIO()
    decisions_frame(records).to_parquet(buffer, index=False)
    return buffer.getvalue()
