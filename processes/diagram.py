"""The swimlane diagram of a process, drawn on the server as inline SVG (no JavaScript).

One lane per responsible role (in the order the roles first act), the steps left to right in
their order, arrows from each step to the next and from a decision to each of its outcomes
(labelled), a start and an end event. Every shape links to its step in the list below the
diagram, which is the diagram's text alternative. Only presentation attributes, no style
attributes or elements: the strict Content-Security-Policy holds.
"""

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from processes import flow

LABEL_WIDTH = 150  # the lane names
COLUMN = 190
DECISION_GAP = 150  # more room after a decision for its outcomes' labels
LANE = 120
SHAPE_W, SHAPE_H = 160, 72
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FILL = {flow.TASK: "#ffffff", flow.DECISION: "#fff4cc", flow.WAIT: "#eef3fb", flow.HANDOVER: "#e6f4ea"}
INK, LINE, LANE_FILL, LANE_ALT = "#1b1f24", "#3d4a5c", "#f6f7f9", "#ffffff"


@dataclass(frozen=True)
class DiagramStep:
    position: int
    title: str
    kind: str
    outcomes: str
    role_key: object  # the lane: the responsible role's id (or name)
    role_name: str
    anchor: str  # the step's id in the list below the diagram


def _lines(text: str, width: int, most: int) -> list[str]:
    # Words stay whole (a long German compound runs a little over rather than being cut), but a
    # long pair such as „Servicecenter/Empfang“ may break after its slash.
    words = [word.replace("/", "/ ") if len(word) > width else word for word in text.split()]
    lines = textwrap.wrap(" ".join(words), width=width, break_long_words=False, break_on_hyphens=True) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _text(x: float, y: float, lines: list[str], *, size: int = 12, weight: str = "normal", anchor: str = "middle") -> str:
    """Centred lines of text around (x, y)."""
    height = size * 1.25
    top = y - height * (len(lines) - 1) / 2
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{top + index * height:.1f}">{escape(line)}</tspan>' for index, line in enumerate(lines)
    )
    return (
        f'<text font-family={quoteattr(FONT)} font-size="{size}" font-weight="{weight}" fill="{INK}" '
        f'text-anchor="{anchor}" dominant-baseline="middle">{spans}</text>'
    )


def of_steps(steps, *, title: str) -> str:
    """The diagram of a process's steps (their responsible roles loaded), safe to put in a page."""
    from django.utils.safestring import mark_safe

    drawn = svg(
        [
            DiagramStep(step.position, step.title, step.kind, step.outcomes, step.responsible_role_id,
                        step.responsible_role.name, step.anchor)
            for step in steps
        ],
        title=title,
    )
    return mark_safe(drawn)  # noqa: S308 – every text in it is escaped by svg()


def of_snapshot(snapshot: dict, *, title: str, anchor: str = "v-schritt-") -> str:
    """The diagram of a process version (a snapshot, processes.versioning), safe to put in a page."""
    from django.utils.safestring import mark_safe

    from processes.versioning import step_value

    drawn = svg(
        [
            DiagramStep(position, step["title"], step_value(step, "kind"), step_value(step, "outcomes"),
                        step["responsible_role"]["id"], step["responsible_role"]["name"], f"{anchor}{position}")
            for position, step in enumerate(snapshot["steps"], start=1)
        ],
        title=title,
    )
    return mark_safe(drawn)  # noqa: S308 – every text in it is escaped by svg()


def svg(steps: list[DiagramStep], *, title: str) -> str:
    """The diagram as an SVG element (a string; the caller marks it safe)."""
    if not steps:
        return ""
    lanes: dict = {}
    for step in steps:
        lanes.setdefault(step.role_key, step.role_name)
    lane_of = {key: index for index, key in enumerate(lanes)}
    by_position = {step.position: step for step in steps}
    # Columns: the start event, one per step (wider after a decision, for its labelled arrows), the end.
    left, x = {}, LABEL_WIDTH + COLUMN
    for step in steps:
        left[step.position] = x
        x += COLUMN + (DECISION_GAP if step.kind == flow.DECISION else 0)
    width = x + COLUMN
    height = LANE * len(lanes) + 30  # room under the lanes for arrows that go back

    def centre(position: int) -> tuple[float, float]:
        if position == flow.END:
            return x + COLUMN / 2, LANE * lane_of[steps[-1].role_key] + LANE / 2
        return left[position] + COLUMN / 2, LANE * lane_of[by_position[position].role_key] + LANE / 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="process-diagram__svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-labelledby="diagram-title">',
        f'<title id="diagram-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/></marker></defs>',
    ]
    for index, name in enumerate(lanes.values()):
        top = LANE * index
        parts.append(
            f'<rect x="0" y="{top}" width="{width}" height="{LANE}" fill="{LANE_FILL if index % 2 == 0 else LANE_ALT}" '
            f'stroke="#c3c9d1"/>'
        )
        parts.append(_text(LABEL_WIDTH / 2, top + LANE / 2, _lines(name, 19, 4), weight="bold"))
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{LANE * len(lanes)}" stroke="#c3c9d1"/>')

    # Start and end events.
    start_x, start_y = LABEL_WIDTH + COLUMN / 2, LANE * lane_of[steps[0].role_key] + LANE / 2
    parts.append(f'<circle cx="{start_x:.0f}" cy="{start_y:.0f}" r="18" fill="#ffffff" stroke="{LINE}" stroke-width="2"/>')
    parts.append(_text(start_x, start_y + 32, [_("Start")], size=11))
    end_x, end_y = centre(flow.END)
    parts.append(_end_event(end_x, end_y, 18))
    parts.append(_text(end_x, end_y + 34, [_("End")], size=11))

    # Arrows first, shapes on top.
    first_x, first_y = centre(steps[0].position)
    parts.append(_arrow([(start_x + 18, start_y), (first_x - SHAPE_W / 2, first_y)]))
    lane_bottom = {index: LANE * (index + 1) for index in range(len(lanes))}
    for position, outcomes in flow.edges([flow.FlowStep(s.position, s.kind, s.outcomes) for s in steps]).items():
        x0, y0 = centre(position)
        decision = by_position[position].kind == flow.DECISION
        sx = x0 + (SHAPE_W / 2 + 8 if decision else SHAPE_W / 2)
        for number, outcome in enumerate(outcomes):
            label = outcome.label
            if decision and outcome.target == flow.END:
                # An end of its own in the gap after the decision, under the straight way on.
                ex, ey = sx + 40 + number * 12, y0 + 42
                parts.append(_end_event(ex, ey, 11))
                parts.append(_arrow([(x0, y0 + SHAPE_H / 2 + 12), (x0, ey), (ex - 11, ey)]))
                parts.append(_label(ex + 16, ey, label, sx + DECISION_GAP + COLUMN - SHAPE_W / 2 - ex - 20))
                continue
            tx, ty = centre(outcome.target)
            target_left = tx - (18 if outcome.target == flow.END else SHAPE_W / 2)
            if tx > x0:  # forwards: right, across to the target's lane, in from the left
                mid = target_left - 14 - number * 10 if decision else sx + 12
                points = [(sx, y0), (mid, y0), (mid, ty), (target_left, ty)]
                parts.append(_arrow(points))
                if label:
                    label_x = sx + 6 if ty == y0 else mid + 6
                    room = target_left - label_x - 6
                    parts.append(_label(label_x, (y0 if ty == y0 else ty) - 9, label, room))
            else:  # back: down under the lane, left, up into the target
                below = max(lane_bottom[lane_of[by_position[position].role_key]] - 8 - number * 6, y0 + SHAPE_H / 2 + 6)
                parts.append(_arrow([(x0, y0 + SHAPE_H / 2 + (12 if decision else 0)), (x0, below), (tx, below),
                                     (tx, ty + SHAPE_H / 2)]))
                if label:
                    parts.append(_label(tx + 6, below - 8, label, x0 - tx - 12))

    for step in steps:
        x0, y0 = centre(step.position)
        parts.append(_shape(step, x0, y0))
    parts.append("</svg>")
    return "".join(parts)


def _end_event(x: float, y: float, radius: int) -> str:
    line = 4 if radius < 15 else 5
    return f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{radius}" fill="#ffffff" stroke="{INK}" stroke-width="{line}"/>'


def _label(x: float, y: float, text: str, room: float) -> str:
    """An arrow's label, cut to the room it has (about 6 px a character); the full text in a <title>."""
    fits = max(6, int(room / 6))
    shown = text if len(text) <= fits else text[: fits - 1].rstrip() + "…"
    return f"<g><title>{escape(text)}</title>{_text(x, y, [shown], size=11, anchor='start')}</g>"


def _arrow(points: list[tuple[float, float]]) -> str:
    path = " ".join(f"{'M' if index == 0 else 'L'}{x:.0f},{y:.0f}" for index, (x, y) in enumerate(points))
    return f'<path d="{path}" fill="none" stroke="{LINE}" stroke-width="1.5" marker-end="url(#arrow)"/>'


def _shape(step: DiagramStep, x: float, y: float) -> str:
    kind_names = {flow.DECISION: _("Decision"), flow.WAIT: _("Waiting"), flow.HANDOVER: _("Hand-over")}
    label = f"{step.position}. {step.title}"
    fill = FILL.get(step.kind, FILL[flow.TASK])
    if step.kind == flow.DECISION:
        w, h = SHAPE_W / 2 + 8, SHAPE_H / 2 + 12
        outline = f'<polygon points="{x:.0f},{y - h:.0f} {x + w:.0f},{y:.0f} {x:.0f},{y + h:.0f} {x - w:.0f},{y:.0f}" '
        outline += f'fill="{fill}" stroke="{LINE}" stroke-width="1.5"/>'
        text = _text(x, y, _lines(label, 14, 3), size=11)
    else:
        dashed = ' stroke-dasharray="6 3"' if step.kind == flow.WAIT else ""
        width = ' stroke-width="3"' if step.kind == flow.HANDOVER else ' stroke-width="1.5"'
        outline = (
            f'<rect x="{x - SHAPE_W / 2:.0f}" y="{y - SHAPE_H / 2:.0f}" width="{SHAPE_W}" height="{SHAPE_H}" rx="8" '
            f'fill="{fill}" stroke="{LINE}"{width}{dashed}/>'
        )
        text = _text(x, y, _lines(label, 22, 4), size=11)
    kind = kind_names.get(step.kind)
    caption = _text(x, y - SHAPE_H / 2 - 14, [kind], size=10, weight="bold") if kind else ""
    name = f"{label} ({kind})" if kind else label
    return (
        f'<a href="#{escape(step.anchor)}" class="process-diagram__step"><title>{escape(name)}</title>'
        f"{outline}{text}{caption}</a>"
    )
