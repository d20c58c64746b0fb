"""The flow of a process: which step follows which.

A step is a task, a decision, a wait (for a deadline or an answer) or a hand-over to an external
body. Every step but a decision leads to the next one (the last to the end). A decision leads
to its outcomes, written one per line as „Antwort → 4“ (the step's number) or „Antwort → Ende“.

`problems()` tells, in German, why a flow cannot be saved: an outcome that names no step, a
decision with fewer than two outcomes, and steps from which the end cannot be reached (a loop
without exit). The diagram (processes.diagram) draws what `edges()` returns.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

TASK, DECISION, WAIT, HANDOVER = "task", "decision", "wait", "handover"
END = 0  # the target of an outcome that ends the process
ARROW = re.compile(r"\s*(?:→|->|=>)\s*")
END_WORDS = {"ende", "end", "abschluss"}
MAX_OUTCOMES = 6


@dataclass(frozen=True)
class Outcome:
    label: str
    target: int  # a step's position, or END


@dataclass(frozen=True)
class FlowStep:
    position: int
    kind: str
    outcomes: str  # as typed: one outcome per line


def parse_outcomes(text: str) -> tuple[list[Outcome], list[str]]:
    """The outcomes of a decision's text, and what could not be read (German messages)."""
    outcomes, errors = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = ARROW.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip():
            errors.append(_("„%(line)s“: write an outcome as „Antwort → step number“ or „Antwort → Ende“.") % {"line": line[:80]})
            continue
        label, target = parts[0].strip()[:80], parts[1].strip().lower().removeprefix("schritt").strip()
        if target in END_WORDS:
            outcomes.append(Outcome(label, END))
        elif target.isdigit() and len(target) <= 4:
            outcomes.append(Outcome(label, int(target)))
        else:
            errors.append(_("„%(line)s“: the target must be a step number or „Ende“.") % {"line": line[:80]})
    return outcomes, errors


def edges(steps: list[FlowStep]) -> dict[int, list[Outcome]]:
    """{position: where it leads}; an unlabelled outcome for the plain „next step“ (END after the last).
    Outcomes naming no step of the list are left out (problems() refuses them on saving)."""
    positions = [step.position for step in steps]
    known = set(positions)
    result = {}
    for index, step in enumerate(steps):
        if step.kind == DECISION:
            outcomes = parse_outcomes(step.outcomes)[0]
            result[step.position] = [o for o in outcomes if o.target == END or (o.target in known and o.target != step.position)]
        else:
            result[step.position] = [Outcome("", positions[index + 1] if index + 1 < len(positions) else END)]
    return result


def problems(steps: list[FlowStep]) -> list[str]:
    """Why this flow cannot be saved (German), or [] if it can. ``steps`` are in order, numbered 1…n."""
    found = []
    known = {step.position for step in steps}
    for step in steps:
        if step.kind != DECISION:
            continue
        outcomes, errors = parse_outcomes(step.outcomes)
        found += [_("Step %(position)d: %(error)s") % {"position": step.position, "error": error} for error in errors]
        if len(outcomes) < 2:
            found.append(_("Step %(position)d is a decision: it needs at least two outcomes.") % {"position": step.position})
        if len(outcomes) > MAX_OUTCOMES:
            found.append(
                _("Step %(position)d has more than %(max)d outcomes.") % {"position": step.position, "max": MAX_OUTCOMES}
            )
        for outcome in outcomes:
            if outcome.target != END and outcome.target not in known:
                found.append(
                    _("Step %(position)d: the outcome „%(label)s“ leads to step %(target)d, which does not exist.")
                    % {"position": step.position, "label": outcome.label, "target": outcome.target}
                )
            elif outcome.target == step.position:
                found.append(
                    _("Step %(position)d: the outcome „%(label)s“ leads back to the decision itself.")
                    % {"position": step.position, "label": outcome.label}
                )
    if found:
        return found
    # Every step must reach the end: walk the arrows backwards from it.
    leads_to: dict[int, set[int]] = {}
    for position, outcomes in edges(steps).items():
        for outcome in outcomes:
            leads_to.setdefault(outcome.target, set()).add(position)
    reached, todo = set(), [END]
    while todo:
        for position in leads_to.get(todo.pop(), ()):
            if position not in reached:
                reached.add(position)
                todo.append(position)
    stuck = sorted(step.position for step in steps if step.position not in reached)
    if stuck:
        found.append(
            _("Steps %(steps)s never reach the end of the process: a decision leads into a loop without exit.")
            % {"steps": ", ".join(str(position) for position in stuck)}
        )
    return found
