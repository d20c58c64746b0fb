"""A BPMN 2.0 file from another modelling tool as a new draft process, with a report of what was not
understood.

Read: the first process of the file; its lanes (matched to roles by name, or new roles); tasks of
every kind (a send task is a hand-over), exclusive gateways (decisions, one outcome per outgoing
flow, named by the flow), intermediate timer events (waits; the timer's duration becomes the
step's duration) and the documentation of each (the step's description; „Dauer:“ and
„Unterlagen:“ paragraphs as this application exports them become the step's duration and
documents). Steps are ordered along the flow from the start event. Anything else (parallel
gateways, sub-processes, data objects, annotations, a task with two ways out) is named in the
report, not silently dropped.

Refused, with a German message and nothing written: files over MAX_BYTES, anything that is not
XML, any DTD (external entities, "billion laughs" – defusedxml), a file without a BPMN process,
flows that name elements the file does not have.
"""

from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from processes import bpmn, flow, services
from processes.models import Category, Process, Role, Step

MAX_BYTES = 2 * 1024 * 1024
MAX_STEPS = 300
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
TASKS = {"task", "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "receiveTask", "sendTask"}
HANDOVERS = {"sendTask"}
STRUCTURE = {"startEvent", "endEvent", "sequenceFlow", "laneSet", "documentation", "extensionElements"}


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in German."""


@dataclass
class Node:
    id: str
    tag: str
    name: str
    documentation: str = ""
    duration: str = ""
    outgoing: list = field(default_factory=list)  # [(flow name, target id)]


@dataclass
class ImportResult:
    process: Process
    notes: list[str]


def _local(tag: str) -> str:
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def _text(element) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def refuse_too_large(size: int) -> None:
    """ImportRefused for a file over MAX_BYTES (the view asks before reading the upload into memory)."""
    if size > MAX_BYTES:
        raise ImportRefused(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})


def read(data: bytes) -> tuple[str, list[Node], dict[str, str], dict[str, str], list[str]]:
    """(process name, nodes in document order, {node id: lane name}, {start or end id: kind}, notes)."""
    refuse_too_large(len(data))
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ImportRefused(_("The file declares a DTD or entities; such files are not read, for safety.")) from error
    except (SafeET.ParseError, ValueError, UnicodeError) as error:
        raise ImportRefused(_("The file is not well-formed XML.")) from error
    if root.tag != f"{BPMN}definitions":
        raise ImportRefused(_("The file is not a BPMN 2.0 file (its root element is not bpmn:definitions)."))
    process = root.find(f"{BPMN}process")
    if process is None:
        raise ImportRefused(_("The file contains no BPMN process."))
    participant = root.find(f"{BPMN}collaboration/{BPMN}participant")
    name = process.get("name") or (participant.get("name") if participant is not None else "") or _("Imported process")

    notes: list[str] = []
    lanes: dict[str, str] = {}
    for lane in process.iter(f"{BPMN}lane"):
        for ref in lane.findall(f"{BPMN}flowNodeRef"):
            lanes[_text(ref)] = (lane.get("name") or _("Lane without a name")).strip()[:150]
    nodes: list[Node] = []
    events: dict[str, str] = {}
    flows = []
    for element in process:
        tag = _local(element.tag)
        element_id = element.get("id", "")
        label = (element.get("name") or "").strip()
        documentation = "\n\n".join(
            (doc.text or "").strip() for doc in element.findall(f"{BPMN}documentation") if (doc.text or "").strip()
        )
        if tag == "sequenceFlow":
            flows.append((element_id, element.get("sourceRef", ""), element.get("targetRef", ""), label))
        elif tag in ("startEvent", "endEvent"):
            events[element_id] = tag
        elif tag in TASKS or tag == "exclusiveGateway":
            nodes.append(Node(element_id, tag, label or element_id, documentation))
        elif tag == "intermediateCatchEvent" and element.find(f"{BPMN}timerEventDefinition") is not None:
            timer = element.find(f"{BPMN}timerEventDefinition")
            duration = next((_text(child) for child in timer if _text(child)), "")
            nodes.append(Node(element_id, "timer", label or _("Wait"), documentation, duration))
        elif tag not in STRUCTURE:
            notes.append(_("Not taken over: %(kind)s „%(name)s“.") % {"kind": tag, "name": label or element_id})
    known = {node.id: node for node in nodes}
    every_id = {element.get("id") for element in process.iter() if element.get("id")}
    for flow_id, source, target, label in flows:
        if source not in every_id or target not in every_id:
            raise ImportRefused(
                _("The flow „%(flow)s“ connects to an element the file does not have.") % {"flow": label or flow_id}
            )
        if source in known and (target in known or target in events):
            known[source].outgoing.append((label, target))
        elif source in known:
            notes.append(
                _("Not taken over: the flow from „%(source)s“ to an element not taken over.") % {"source": known[source].name}
            )
    starts = [events_id for events_id, kind in events.items() if kind == "startEvent"]
    first = next((target for _flow, source, target, _label in flows if source in starts and target in known), None)
    return name[:300], _ordered(nodes, first), lanes, events, notes


def _ordered(nodes: list[Node], first: str | None) -> list[Node]:
    """The nodes along the flow from the first one (the way straight on first), then any not reached."""
    by_id = {node.id: node for node in nodes}
    order, seen, todo = [], set(), [first] if first else []
    while todo:
        current = todo.pop()
        if current in seen or current not in by_id:
            continue
        seen.add(current)
        order.append(by_id[current])
        todo.extend(reversed([target for _label, target in by_id[current].outgoing]))
    return order + [node for node in nodes if node.id not in seen]


def _documentation(text: str) -> tuple[str, str, str]:
    """(description, duration, documents) from a documentation text as this application writes it."""
    description, duration, documents = [], "", ""
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(bpmn.DURATION):
            duration = paragraph.removeprefix(bpmn.DURATION).strip()
        elif paragraph.startswith(bpmn.DOCUMENTS):
            documents = "\n".join(part.strip() for part in paragraph.removeprefix(bpmn.DOCUMENTS).split(";") if part.strip())
        else:
            description.append(paragraph.strip())
    return "\n\n".join(part for part in description if part), duration[:120], documents


def _role(name: str, created: list[str]) -> Role:
    role = Role.objects.filter(name__iexact=name).first()
    if role is not None:
        return role
    base_slug = slugify(name)[:70] or "rolle"
    slug, code, number = base_slug, "".join(word[0] for word in name.split() if word[:1].isalnum()).upper()[:8] or "R", 1
    while Role.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base_slug}-{number}"
    base_code, number = code, 1
    while Role.objects.filter(code=code).exists():
        number += 1
        code = f"{base_code}-{number}"[:12]
    created.append(name)
    return Role.objects.create(name=name, slug=slug, code=code)


def import_process(*, data: bytes, category: Category, author) -> ImportResult:
    """Create a draft process from a BPMN file (see the module's docstring); raises ImportRefused."""
    name, nodes, lanes, events, notes = read(data)
    if not nodes:
        raise ImportRefused(_("The file's process has no task, decision or wait that could become a step."))
    if len(nodes) > MAX_STEPS:
        raise ImportRefused(_("The process has more than %(max)d steps.") % {"max": MAX_STEPS})
    position = {node.id: index for index, node in enumerate(nodes, start=1)}
    kinds = {"exclusiveGateway": flow.DECISION, "timer": flow.WAIT}
    steps, roles_created = [], []
    for index, node in enumerate(nodes, start=1):
        kind = kinds.get(node.tag, flow.HANDOVER if node.tag in HANDOVERS else flow.TASK)
        outcomes = ""
        if kind == flow.DECISION:
            lines = []
            for number, (label, target) in enumerate(node.outgoing, start=1):
                goal = _("End") if events.get(target) == "endEvent" else str(position.get(target, ""))
                label = label or _("Outcome %(number)d") % {"number": number}
                lines.append(f"{label[:80]} → {goal}")
            outcomes = "\n".join(lines)
        else:
            onward = [target for _label, target in node.outgoing]
            expected = nodes[index].id if index < len(nodes) else None
            if len(onward) > 1 or (onward and onward[0] != expected and events.get(onward[0]) != "endEvent"):
                notes.append(
                    _("Step %(position)d „%(name)s“ leads elsewhere in the file; here it is followed by the next step.")
                    % {"position": index, "name": node.name}
                )
        description, duration, documents = _documentation(node.documentation)
        steps.append((node, kind, outcomes, description, node.duration[:120] or duration, documents))
    problems = flow.problems([flow.FlowStep(n, kind, outcomes) for n, (_node, kind, outcomes, *_rest) in enumerate(steps, 1)])
    if problems:
        raise ImportRefused(" ".join(problems))
    with transaction.atomic():
        lane_roles = {}
        for node, *_rest in steps:
            lane = lanes.get(node.id) or _("Without a lane")
            if lane not in lane_roles:
                lane_roles[lane] = _role(lane, roles_created)
        owner_role = next(iter(lane_roles.values()))
        base_slug = slugify(name)[:100] or "importierter-prozess"
        slug, number = base_slug, 1
        while Process.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base_slug}-{number}"
        process = Process.objects.create(
            title=name, slug=slug, category=category, owner_role=owner_role, status=Process.Status.DRAFT,
            purpose=_("Imported from a BPMN file; please check and complete."),
        )
        for index, (node, kind, outcomes, description, duration, documents) in enumerate(steps, start=1):
            Step.objects.create(
                process=process, position=index, title=node.name[:300], kind=kind, outcomes=outcomes,
                description=description, duration=duration, documents=documents,
                responsible_role=lane_roles[lanes.get(node.id) or _("Without a lane")],
            )
        services.process_created(process=process, author=author, note=_("Imported from BPMN"))
    notes += [_("New role from the lane „%(name)s“.") % {"name": role} for role in roles_created]
    return ImportResult(process, notes)
