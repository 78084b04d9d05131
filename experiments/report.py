"""`interlodge report DIR`: figures and tables of an experiment, in DIR/report.html.

Figures (PNG, drawn with matplotlib's Agg renderer, no display needed), each only when the
design supports it:
- margin_over_time.png: each scenario's metric over time with its 95% band across replicates
  (designs of at most MAX_SCENARIOS points);
- cooperation_over_time.png: the cooperation metrics over time, same scenarios;
- response.png: the metric against the one parameter a design varies (e.g. a weight sweep);
- paired_effects.png: each scenario's paired difference from the reference, with the margin
  bridge per scenario below it;
- factorial_effects.png: main effects and two-way interactions with 95% intervals;
- sensitivity.png: Sobol S1/ST or Morris mu*/sigma;
- discovery_tradeoff.png: the peeling trajectory of the last `interlodge discover` and the
  ranges of its chosen box.
Tables: summary.csv (every outcome per design point), paired.csv and bridge.csv, and
effects.csv, sobol.csv or morris.csv when computed.
"""

from __future__ import annotations

import html
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from model import PARAMETERS

from . import discovery
from .analysis import Analysis, analyse, time_course
from .outcomes import outcome
from .provenance import write_crate

matplotlib.use("Agg")

MAX_SCENARIOS = 16  # more lines than this on one axis cannot be told apart
MAX_PAIRED = 40  # scenarios drawn against the reference, the largest differences
MAX_LINES = 6  # beyond this many scenarios, lines on one plot are unreadable
COOPERATION_METRICS = ("housekeeper_report_rate", "maintenance_responsiveness",
                       "held_rooms", "rebate_share")
REPORT = "report.html"


def write_report(folder: Path, metric: str = "gross_margin", reference: str | None = None
                 ) -> Path:
    """Write DIR/report.html, its PNG figures and CSV tables; return the report's path."""
    analysis = analyse(folder, metric, reference)
    folder = Path(folder)
    sections = [_overview(analysis)]
    sections += [f"<p><strong>{html.escape(note)}</strong></p>" for note in analysis.notes]
    analysis.summary.to_csv(folder / "summary.csv", index=False)
    for name, table in (("effects", analysis.effects), ("sobol", analysis.sobol),
                        ("morris", analysis.morris), ("paired", analysis.paired)):
        if table is not None:
            table.to_csv(folder / f"{name}.csv", index=False)
    if analysis.bridges is not None:
        analysis.bridges.to_csv(folder / "bridge.csv")
    ok_points = analysis.runs.loc[analysis.runs["status"] == "ok", "point_index"].unique()
    if 0 < len(ok_points) <= MAX_SCENARIOS:
        sections += _time_figures(analysis)
    if len(analysis.design.factors) == 1 and \
            PARAMETERS[analysis.design.factors[0]].kind is not bool:
        sections.append(_response_figure(analysis))
    if analysis.paired is not None and len(analysis.paired):
        sections.append(_paired_figure(analysis))
    if analysis.effects is not None:
        sections.append(_effects_figure(analysis))
    if analysis.sobol is not None or analysis.morris is not None:
        sections.append(_sensitivity_figure(analysis))
    found = discovery.load(folder)
    if found is not None:
        sections.append(_discovery_figure(folder, found))
    sections.append(_summary_table(analysis))
    path = folder / REPORT
    temporary = folder / f".{REPORT}.tmp"
    temporary.write_text(_page(analysis, sections), encoding="utf-8")
    temporary.replace(path)
    write_crate(folder, analysis.manifest)  # the crate now lists the report too
    return path


def period_days(days: int) -> int:
    """Averaging period of the time figures: months for long runs, weeks, else days."""
    return 30 if days >= 180 else 7 if days >= 42 else 1


def _time_figures(analysis: Analysis) -> list[str]:
    days = analysis.manifest["identity"]["days"]
    period = period_days(days)
    metrics = [analysis.metric, *(m for m in COOPERATION_METRICS if m != analysis.metric)]
    course = time_course(analysis.folder, metrics, period)
    unit = f"{period}-day periods" if period > 1 else "daily values"
    points = sorted(course["point_index"].unique())
    bands = "bands are 95% intervals across replicates, one value per run and period"
    if len(points) <= MAX_LINES:
        figure = Figure(figsize=(11, 5), layout="constrained")
        _draw_course(figure.subplots(), course, analysis, analysis.metric, points)
        figure.legend(loc="outside right upper", fontsize=7)
        caption = f"{analysis.metric} over time per scenario ({unit}); {bands}."
    else:  # one small panel per scenario, each against the first point, readable at 16
        columns = 4
        rows = -(-len(points) // columns)
        figure = Figure(figsize=(13, 2.6 * rows), layout="constrained")
        grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
        for axes, point in zip(grid.flat, points, strict=False):
            _draw_course(axes, course, analysis, analysis.metric, [points[0], point])
            axes.set_title(analysis.design.labels[point], fontsize=8)
            axes.set_xlabel("")
            axes.set_ylabel("")
        for axes in grid.flat[len(points):]:
            axes.set_visible(False)
        figure.supxlabel("day after the levers were switched on")
        figure.supylabel(f"{analysis.metric} ({outcome(analysis.metric).unit})")
        caption = (f"{analysis.metric} over time ({unit}), one panel per scenario against "
                   f"'{analysis.design.labels[points[0]]}' (grey); {bands}.")
    sections = [_figure(analysis.folder, figure, "margin_over_time.png", caption)]
    shown = _most_different(course, analysis.metric, points)
    figure = Figure(figsize=(13, 7.5), layout="constrained")
    for axes, metric in zip(figure.subplots(2, 2).flat, COOPERATION_METRICS, strict=True):
        _draw_course(axes, course, analysis, metric, shown)
    handles, labels = figure.axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside right upper", fontsize=7)
    sections.append(_figure(analysis.folder, figure, "cooperation_over_time.png",
                            f"Cooperation over time ({unit}, 95% bands): housekeepers' "
                            "reporting of defects, maintenance's response to reception, rooms "
                            "held back and rebates"
                            + ("." if len(shown) == len(points) else
                               f"; the first scenario and the {len(shown) - 1} whose final "
                               f"{analysis.metric} differs most from it.")))
    return sections


def _most_different(course: pd.DataFrame, metric: str, points: list[int]) -> list[int]:
    """The first point and those whose last-period `metric` differs most from it."""
    if len(points) <= MAX_LINES:
        return points
    final = course[(course["metric"] == metric) & (course["day"] == course["day"].max())]
    gap = (final.set_index("point_index")["mean"] - final.set_index("point_index")["mean"]
           .get(points[0], np.nan)).abs().drop(points[0], errors="ignore")
    return [points[0], *gap.nlargest(MAX_LINES - 1).index]


def _draw_course(axes, course: pd.DataFrame, analysis: Analysis, metric: str,
                 points: list[int]) -> None:
    colours = matplotlib.colormaps["tab10"].colors
    for number, point_index in enumerate(points):
        line = course[(course["metric"] == metric) & (course["point_index"] == point_index)]
        # with two lines (a panel against the reference) the reference is grey
        colour = "grey" if len(points) == 2 and number == 0 else colours[number % len(colours)]
        axes.plot(line["day"], line["mean"], color=colour,
                  label=analysis.design.labels[point_index])
        axes.fill_between(line["day"], line["ci_low"], line["ci_high"], color=colour,
                          alpha=0.15, linewidth=0)
    axes.set_xlabel("day after the levers were switched on")
    axes.set_ylabel(f"{metric} ({outcome(metric).unit})")
    axes.grid(alpha=0.3)


def _response_figure(analysis: Analysis) -> str:
    factor = analysis.design.factors[0]
    rows = analysis.summary[analysis.summary["metric"] == analysis.metric].sort_values(factor)
    figure = Figure(figsize=(7, 4.5), layout="constrained")
    axes = figure.subplots()
    axes.plot(rows[factor], rows["mean"], marker="o")
    axes.fill_between(rows[factor], rows["ci_low"], rows["ci_high"], alpha=0.2, linewidth=0)
    axes.set_xlabel(f"{factor} ({PARAMETERS[factor].unit})")
    axes.set_ylabel(f"{analysis.metric}, last {analysis.summary_days}"
                    f" days")
    axes.grid(alpha=0.3)
    return _figure(analysis.folder, figure, "response.png",
                   f"{analysis.metric} against {factor}: mean of the per-run values and 95% "
                   f"interval across replicates.")


def _paired_figure(analysis: Analysis) -> str:
    largest = analysis.paired["difference"].abs().sort_values().tail(MAX_PAIRED).index
    paired = analysis.paired.loc[largest].sort_values("difference")
    reference = analysis.reference
    figure = Figure(figsize=(7, 1.2 + 0.3 * len(paired)), layout="constrained")
    axes = figure.subplots()
    axes.errorbar(paired["difference"], paired["label"], capsize=3, fmt="o",
                  xerr=[paired["difference"] - paired["ci_low"],
                        paired["ci_high"] - paired["difference"]])
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_xlabel(f"{analysis.metric} minus '{reference}' ({outcome(analysis.metric).unit})")
    axes.grid(axis="x", alpha=0.3)
    caption = (f"Each scenario against '{reference}': mean difference of "
               f"{analysis.metric} over the last "
               f"{analysis.summary_days} days, replicate by replicate "
               f"on the same seeds where they are shared, with 95% intervals over replicates.")
    bridge = ""
    if analysis.bridges is not None:
        bridge = ("<h3>Margin bridge (margin points)</h3><p>Where each scenario's margin "
                  "change comes from; each column adds up to the change of the margin pooled "
                  "over the paired runs (bridge.csv).</p>"
                  + (analysis.bridges.drop(columns="kind") * 100)
                  .assign(kind=analysis.bridges["kind"]).to_html(
                      float_format=lambda x: f"{x:+.2f}", border=0))
    return _figure(analysis.folder, figure, "paired_effects.png", caption) \
        + _table(analysis.paired) + bridge


def _discovery_figure(folder: Path, found: dict) -> str:
    """The trade-off of the last `interlodge discover` and its chosen box."""
    trajectory = pd.DataFrame(found["trajectory"])
    figure = Figure(figsize=(7, 4.5), layout="constrained")
    axes = figure.subplots()
    points = axes.scatter(trajectory["coverage"], trajectory["density"],
                          c=trajectory["res_dim"], cmap="viridis", s=18)
    chosen = trajectory.loc[found["chosen"]]
    axes.scatter([chosen["coverage"]], [chosen["density"]], s=120, facecolors="none",
                 edgecolors="red", linewidths=1.5, label=f"chosen box (step {found['chosen']})")
    figure.colorbar(points, label="inputs restricted")
    axes.set_xlabel("coverage (share of the cases of interest inside the box)")
    axes.set_ylabel("density (share of the box that are cases)")
    axes.legend(loc="lower left")
    axes.grid(alpha=0.3)
    caption = (f"Scenario discovery (PRIM) for {found['rule']}: the peeling trajectory, each "
               "dot a box, from the whole space (coverage 1) to small dense boxes.")
    limits = pd.DataFrame(found["restricted"])
    table = ("<p>The box restricts no input.</p>" if limits.empty else _table(limits))
    return (f"<h2>Where {html.escape(found['rule'])}</h2>"
            + _figure(folder, figure, "discovery_tradeoff.png", caption)
            + f"<p>Chosen box: coverage {chosen['coverage']:.0%}, density "
              f"{chosen['density']:.0%}, {chosen['n']:.0f} worlds.</p>" + table)


def _effects_figure(analysis: Analysis) -> str:
    effects = analysis.effects.iloc[::-1]
    figure = Figure(figsize=(7, 5), layout="constrained")
    axes = figure.subplots()
    colours = ["tab:blue" if kind == "main" else "tab:orange" for kind in effects["kind"]]
    axes.barh(effects["term"], effects["effect"], color=colours,
              xerr=[effects["effect"] - effects["ci_low"], effects["ci_high"] - effects["effect"]],
              capsize=3)
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_xlabel(f"effect on {analysis.metric} (last "
                    f"{analysis.summary_days} days)")
    axes.grid(axis="x", alpha=0.3)
    return _figure(analysis.folder, figure, "factorial_effects.png",
                   "Factorial effects with 95% intervals: main effects (blue) are a lever's "
                   "on-minus-off difference averaged over the other levers; two-way "
                   "interactions (orange) are half the change of one lever's effect when the "
                   "other is switched on.") + _table(analysis.effects)


def _sensitivity_figure(analysis: Analysis) -> str:
    figure = Figure(figsize=(7, 4.5), layout="constrained")
    axes = figure.subplots()
    if analysis.sobol is not None:
        table = analysis.sobol
        x = np.arange(len(table))
        axes.bar(x - 0.2, table["S1"], 0.4, yerr=table["S1_conf"], capsize=3, label="S1")
        axes.bar(x + 0.2, table["ST"], 0.4, yerr=table["ST_conf"], capsize=3, label="ST")
        axes.set_xticks(x, table["parameter"], rotation=20, ha="right")
        axes.set_ylabel(f"Sobol index of {analysis.metric}")
        axes.axhline(0, color="black", linewidth=0.8)
        axes.legend()
        caption = ("Sobol indices with 95% bootstrap intervals: S1, the share of the "
                   "variance due to a parameter alone; ST, including its interactions. "
                   "Negative values or wide intervals mean the sample is too small.")
    else:
        table = analysis.morris
        axes.errorbar(table["mu_star"], table["sigma"], xerr=table["mu_star_conf"],
                      fmt="o", capsize=3)
        for row in table.itertuples():
            axes.annotate(row.parameter, (row.mu_star, row.sigma), fontsize=8,
                          xytext=(4, 4), textcoords="offset points")
        axes.set_xlabel(f"mu* (mean absolute elementary effect on {analysis.metric})")
        axes.set_ylabel("sigma")
        caption = ("Morris screening: mu* ranks parameters by influence (with 95% "
                   "intervals); a high sigma means a non-linear effect or interactions.")
    axes.grid(alpha=0.3)
    return _figure(analysis.folder, figure, "sensitivity.png", caption) + _table(table)


def _figure(folder: Path, figure: Figure, name: str, caption: str) -> str:
    figure.savefig(folder / name, dpi=150)
    return (f'<figure><img src="{name}" alt="{html.escape(caption)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _overview(analysis: Analysis) -> str:
    manifest, identity = analysis.manifest, analysis.manifest["identity"]
    counts = analysis.runs["status"].value_counts()
    session = manifest["sessions"][-1] if manifest["sessions"] else {}
    facts = {
        "design": f"{analysis.design.kind}, {len(analysis.design.points)} points x "
                  f"{identity['replicates']} replicates",
        "runs": f"{counts.get('ok', 0)} ok, {counts.get('failed', 0)} failed, of "
                f"{manifest['total_runs']}",
        "days per run": identity["days"],
        "per-run values": f"outcomes over the last {analysis.summary_days} days "
                          f"(docs/experiments.md, Outcomes)",
        "root seed": manifest["root_seed"],
        "created": manifest["created"],
        "completed": manifest["completed"] or "not yet",
        "code": f"{session.get('git_commit')}" + (" (with uncommitted changes)"
                                                  if session.get("git_dirty") else ""),
    }
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
                   for k, v in facts.items())
    return f"<table>{rows}</table>"


def _summary_table(analysis: Analysis) -> str:
    rows = analysis.summary[analysis.summary["metric"] == analysis.metric]
    columns = ["point_index", "label", "runs", "failed_runs", "mean", "ci_low", "ci_high"]
    note = f"<p>All metrics per design point: summary.csv ({len(rows)} points).</p>"
    return f"<h2>{analysis.metric} per design point</h2>" + note + \
        _table(rows[columns].head(200))


def _table(table: pd.DataFrame) -> str:
    return table.to_html(index=False, float_format=lambda x: f"{x:.4g}", border=0)


def _page(analysis: Analysis, sections: list[str]) -> str:
    title = analysis.manifest["name"] or analysis.folder.name
    description = analysis.manifest.get("description", "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; }}
img {{ max-width: 100%; }} figure {{ margin: 2em 0; }}
figcaption {{ color: #444; font-size: 0.9em; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }}
th, td {{ padding: 2px 8px; text-align: left; border-bottom: 1px solid #ddd; }}
</style></head><body>
<h1>InterLodge experiment: {html.escape(title)}</h1>
<p>{html.escape(description)}</p>
{"".join(sections)}
</body></html>
"""
