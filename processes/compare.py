"""A comparison of two process versions that people can read.

Structured: steps added, removed, moved (old and new position) and renamed; changed fields;
changed roles and legal references. Texts are compared word by word as rendered (headings,
lists and tables stay what they are), with insertions and deletions marked (core.htmldiff).
"""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from core.htmldiff import HtmlDiff, compare_html
from processes.models import StepKind
from processes.versioning import step_value

_PROCESS_TEXTS = [
    ("purpose", _("purpose")),
    ("trigger", _("trigger")),
    ("outcome", _("outcome")),
    ("documents", _("typical documents")),
]
_STEP_TEXTS = [
    ("documents", _("required documents")),
    ("duration", _("duration")),
    ("outcomes", _("outcomes of the decision")),
]
_KIND_LABELS = dict(StepKind.choices)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    diff: HtmlDiff | None = None  # for texts: the word-level comparison


@dataclass
class StepChange:
    kind: str  # "added", "removed" or "changed" (which includes moved and renamed)
    title: str
    old_position: int | None = None
    new_position: int | None = None
    old_title: str = ""
    moved: bool = False
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def renamed(self) -> bool:
        return self.kind == "changed" and self.old_title != self.title


@dataclass
class Comparison:
    fields: list[FieldChange]
    steps: list[StepChange]
    old_step_count: int
    new_step_count: int

    @property
    def has_changes(self) -> bool:
        return bool(self.fields or self.steps)

    @property
    def added(self) -> list[StepChange]:
        return [step for step in self.steps if step.kind == "added"]

    @property
    def removed(self) -> list[StepChange]:
        return [step for step in self.steps if step.kind == "removed"]

    @property
    def moved(self) -> list[StepChange]:
        return [step for step in self.steps if step.moved]


def _plain(text: str) -> str:
    return linebreaks(escape(text or ""))


def _text_change(label, old: str, new: str, *, html_old: str | None = None, html_new: str | None = None):
    if (old or "") == (new or ""):
        return None
    diff = compare_html(html_old if html_old is not None else _plain(old), html_new if html_new is not None else _plain(new))
    return FieldChange(str(label), old or "", new or "", diff)


def _value_change(label, old: str, new: str):
    return None if old == new else FieldChange(str(label), old, new)


def _refs(items: list[dict]) -> str:
    return "; ".join(item["label"] for item in items)


def _roles(step: dict) -> str:
    return ", ".join(role["name"] for role in step["participating_roles"])


def _process_fields(old: dict, new: dict) -> list[FieldChange]:
    a, b = old["process"], new["process"]
    changes = [
        _value_change(_("code"), a["code"], b["code"]),
        _value_change(_("title"), a["title"], b["title"]),
        _value_change(_("address"), a["slug"], b["slug"]),
        _value_change(_("area of the process map"), a["category"]["name"], b["category"]["name"]),
        _value_change(_("responsible role"), a["owner_role"]["name"], b["owner_role"]["name"]),
        _value_change(_("process owner"), (a["owner"] or {}).get("name", "–"), (b["owner"] or {}).get("name", "–")),
        *(_text_change(label, a[name], b[name]) for name, label in _PROCESS_TEXTS),
        _text_change(_("notes"), a["notes"], b["notes"], html_old=a["notes_html"], html_new=b["notes_html"]),
        _value_change(_("legal bases"), _refs(old["references"]) or "–", _refs(new["references"]) or "–"),
    ]
    return [change for change in changes if change is not None]


def _step_fields(a: dict, b: dict) -> list[FieldChange]:
    changes = [
        _text_change(
            _("description"), a["description"], b["description"], html_old=a["description_html"], html_new=b["description_html"]
        ),
        _value_change(_("responsible"), a["responsible_role"]["name"], b["responsible_role"]["name"]),
        _value_change(_("participating"), _roles(a) or "–", _roles(b) or "–"),
        _value_change(_("legal references"), _refs(a["references"]) or "–", _refs(b["references"]) or "–"),
        _value_change(_("kind of step"), *(str(_KIND_LABELS.get(step_value(step, "kind"), "")) for step in (a, b))),
        *(_text_change(label, step_value(a, name), step_value(b, name)) for name, label in _STEP_TEXTS),
    ]
    return [change for change in changes if change is not None]


def compare(old: dict, new: dict, *, aliases: dict[int, int] | None = None) -> Comparison:
    """Compare two snapshots (processes.versioning). ``aliases`` maps a draft step key to the id a release gave it."""
    aliases = aliases or {}

    def key(step):
        return aliases.get(step["key"], step["key"])

    old_steps = {key(step): (position, step) for position, step in enumerate(old["steps"], start=1)}
    new_steps = {key(step): (position, step) for position, step in enumerate(new["steps"], start=1)}
    common_old = [k for k in old_steps if k in new_steps]
    common_new = [k for k in new_steps if k in old_steps]
    # The steps that keep their order relative to each other stay; the others moved.
    matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    staying = {common_old[block.a + i] for block in matcher.get_matching_blocks() for i in range(block.size)}

    steps: list[StepChange] = []
    for k, (position, step) in new_steps.items():
        if k not in old_steps:
            steps.append(StepChange("added", step["title"], new_position=position))
            continue
        old_position, old_step = old_steps[k]
        change = StepChange(
            "changed",
            step["title"],
            old_position=old_position,
            new_position=position,
            old_title=old_step["title"],
            moved=k not in staying,
            fields=_step_fields(old_step, step),
        )
        if change.moved or change.renamed or change.fields:
            steps.append(change)
    for k, (position, step) in old_steps.items():
        if k not in new_steps:
            steps.append(StepChange("removed", step["title"], old_position=position))
    steps.sort(key=lambda change: (change.new_position or change.old_position or 0, change.kind != "removed"))
    return Comparison(
        fields=_process_fields(old, new), steps=steps, old_step_count=len(old["steps"]), new_step_count=len(new["steps"])
    )


def summary(comparison: Comparison) -> str:
    """A one-line German summary, the change note of a version saved without one."""
    parts = []
    if comparison.fields:
        parts.append(str(_("changed: %(fields)s")) % {"fields": ", ".join(change.label for change in comparison.fields)})
    for step in comparison.steps:
        if step.kind == "added":
            parts.append(str(_("step %(position)d „%(title)s“ added")) % {"position": step.new_position, "title": step.title})
        elif step.kind == "removed":
            parts.append(str(_("step „%(title)s“ removed")) % {"title": step.title})
        elif step.moved:
            parts.append(
                str(_("step „%(title)s“ moved from %(old)d to %(new)d"))
                % {"title": step.title, "old": step.old_position, "new": step.new_position}
            )
        else:
            parts.append(str(_("step %(position)d „%(title)s“ changed")) % {"position": step.new_position, "title": step.title})
    text = "; ".join(parts) or str(_("saved again"))
    return text[:1].upper() + text[1:300]
