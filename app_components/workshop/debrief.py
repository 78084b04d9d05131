"""The debrief: per round, what the people in the seats chose next to what the agents' rule
would have chosen in the same situations; the hotel's outcomes per round; and how the group's
choices moved from round to round when the context changed."""

from __future__ import annotations

import pandas as pd

from .decisions import BY_RULE, DecisionRecord, decisions_frame

# The choices a debrief asks about: (situation kind, the answer counted, how to say it).
WATCHED = (
    ("check", "check equipment", "rooms checked"),
    ("report", "report defect", "defects seen and reported"),
    ("complaint", "rebate", "complaints ended with a rebate"),
    ("complaint", "deflect", "complaints met with 'not my department'"),
    ("complaint", "call", "complaints where maintenance was called"),
    ("complaint", "move", "complaints ended with a move"),
    ("call", "answer reception's call", "reception's calls answered"),
    ("work order", "repair", "work orders taken before planned work"),
    ("discount", "give discount", "discounts given to late arrivals"),
    ("evening cover", "arrange evening cover", "evenings with maintenance cover"),
)
NUMERIC = (("reserve", "rooms held back for the evening"),
           ("quota slack", "rooms of quota slack granted"))


def choice_table(records: list[DecisionRecord]) -> pd.DataFrame:
    """One row per round and watched choice: how often people made it, how often the rule
    would have, in the same situations (people's decisions only), and how many there were."""
    frame = decisions_frame(records)
    frame = frame[frame["decided_by"] != BY_RULE]
    rows = []
    for (round_, preset), part in frame.groupby(["round", "preset"], sort=True):
        for kind, answer, label in WATCHED:
            asked = part[part["kind"] == kind]
            if asked.empty:
                continue
            rows.append({"round": round_, "preset": preset, "choice": label,
                         "people": (asked["choice"] == answer).mean(),
                         "rule": (asked["rule_choice"] == answer).mean(),
                         "decisions": len(asked)})
        for kind, label in NUMERIC:
            asked = part[part["kind"] == kind]
            if asked.empty:
                continue
            rows.append({"round": round_, "preset": preset, "choice": label + " (mean)",
                         "people": pd.to_numeric(asked["choice"]).mean(),
                         "rule": pd.to_numeric(asked["rule_choice"]).mean(),
                         "decisions": len(asked)})
    return pd.DataFrame(rows, columns=["round", "preset", "choice", "people", "rule",
                                       "decisions"])


def shifts(choices: pd.DataFrame) -> pd.DataFrame:
    """People's rate of each watched choice, one column per round: how choices moved."""
    if choices.empty:
        return pd.DataFrame()
    wide = choices.pivot_table(index="choice", columns="round", values="people")
    wide.columns = [f"round {c}" for c in wide.columns]
    return wide


def outcomes(tables: dict[int, pd.DataFrame], presets: list[str]) -> pd.DataFrame:
    """The hotel's outcomes per round: margin over the round ((revenue - costs) / revenue,
    summed over its days), complaints, rebates, the housekeepers' report rate."""
    rows = []
    for index, table in sorted(tables.items()):
        if table.empty:
            continue
        revenue = table["net_revenue"].sum()
        rows.append({
            "round": index + 1, "preset": presets[index], "days": len(table),
            "margin": (revenue - table["costs"].sum()) / revenue if revenue else float("nan"),
            "complaints": int(table["complaints"].sum()),
            "rebates": int(table["rebates_given"].sum()),
            "deflections": int(table["deflections"].sum()),
            "report rate": table["housekeeper_report_rate"].mean(),
            "check rate": table["housekeeper_check_rate"].mean(),
            "rooms held": table["held_rooms"].mean(),
        })
    return pd.DataFrame(rows)
