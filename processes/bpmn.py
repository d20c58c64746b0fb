"""A process as BPMN 2.0 XML: the format of FIM process models and of every modelling tool.

One pool (the process) with a lane per responsible role; a task per step (a send task for a
hand-over to an external body), an exclusive gateway for a decision with a named sequence flow
per outcome, an intermediate timer event for a wait (its duration as the timer's expression);
the step's description and legal references as documentation; and diagram coordinates
(BPMN DI) laid out as on the process page, so that Camunda Modeler or bpmn.io open it laid out.
The tests validate the export against the OMG schema.
"""

from xml.etree import ElementTree as ET

from processes import flow

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
for prefix, uri in (("bpmn", BPMN), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI)):
    ET.register_namespace(prefix, uri)

# Paragraphs of a step's documentation: written by export(), read back by processes.bpmn_import.
BASIS, DURATION, DOCUMENTS = "Rechtsgrundlage: ", "Dauer: ", "Unterlagen: "
LANE_LEFT, LANE_HEIGHT, COLUMN, DECISION_GAP = 30, 140, 190, 60
TASK_W, TASK_H, GATEWAY, EVENT = 150, 80, 50, 36


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _documentation(parent, text: str) -> None:
    if text:
        ET.SubElement(parent, _q(BPMN, "documentation")).text = text


def _step_documentation(step) -> str:
    parts = [step.description.strip()]
    references = [reference.label for reference in step.references.all()]
    if references:
        parts.append(BASIS + "; ".join(references))
    if step.duration:
        parts.append(DURATION + step.duration)
    if step.document_list:
        parts.append(DOCUMENTS + "; ".join(step.document_list))
    return "\n\n".join(part for part in parts if part)


def export(process, steps) -> bytes:
    """The BPMN file of a process; ``steps`` in order, with responsible role, references loaded."""
    pid = f"Process_{process.pk}"
    root = ET.Element(
        _q(BPMN, "definitions"),
        {"id": f"Definitions_{process.pk}", "targetNamespace": "https://prozessdatenbank.example/bpmn",
         "exporter": "Prozessdatenbank", "exporterVersion": "1"},
    )
    collaboration = ET.SubElement(root, _q(BPMN, "collaboration"), {"id": f"Collaboration_{process.pk}"})
    ET.SubElement(collaboration, _q(BPMN, "participant"), {"id": f"Participant_{process.pk}", "name": process.title,
                                                           "processRef": pid})
    bpmn_process = ET.SubElement(root, _q(BPMN, "process"), {"id": pid, "name": process.title, "isExecutable": "false"})
    basis = "; ".join(reference.label for reference in process.references.all())
    _documentation(bpmn_process, "\n\n".join(part for part in (process.purpose, basis and BASIS + basis) if part))

    lanes: dict[int, tuple[str, str, list[str]]] = {}
    for step in steps:
        lanes.setdefault(step.responsible_role_id, (f"Lane_{step.responsible_role_id}", step.responsible_role.name, []))
    lane_set = ET.SubElement(bpmn_process, _q(BPMN, "laneSet"), {"id": f"LaneSet_{process.pk}"})
    lane_elements = {
        role_id: ET.SubElement(lane_set, _q(BPMN, "lane"), {"id": lane_id, "name": name})
        for role_id, (lane_id, name, _nodes) in lanes.items()
    }
    lane_index = {role_id: index for index, role_id in enumerate(lanes)}

    # Nodes and where they are drawn.
    node_id = {step.position: f"Step_{step.pk}" for step in steps}
    bounds: dict[str, tuple[float, float, float, float]] = {}
    x = LANE_LEFT + 30 + COLUMN
    first_lane = lane_index[steps[0].responsible_role_id] if steps else 0
    start_id, end_ids = f"Start_{process.pk}", []
    bounds[start_id] = (LANE_LEFT + 30 + (COLUMN - EVENT) / 2, first_lane * LANE_HEIGHT + (LANE_HEIGHT - EVENT) / 2, EVENT, EVENT)
    elements: dict[str, ET.Element] = {}
    elements[start_id] = ET.SubElement(bpmn_process, _q(BPMN, "startEvent"), {"id": start_id, "name": "Start"})
    if steps:
        lanes[steps[0].responsible_role_id][2].append(start_id)
    for step in steps:
        top = lane_index[step.responsible_role_id] * LANE_HEIGHT
        tag = {flow.DECISION: "exclusiveGateway", flow.WAIT: "intermediateCatchEvent", flow.HANDOVER: "sendTask"}.get(
            step.kind, "task"
        )
        size = {"exclusiveGateway": (GATEWAY, GATEWAY), "intermediateCatchEvent": (EVENT, EVENT)}.get(tag, (TASK_W, TASK_H))
        bounds[node_id[step.position]] = (x + (COLUMN - size[0]) / 2, top + (LANE_HEIGHT - size[1]) / 2, *size)
        element = ET.SubElement(bpmn_process, _q(BPMN, tag), {"id": node_id[step.position], "name": step.title})
        _documentation(element, _step_documentation(step))
        elements[node_id[step.position]] = element
        lanes[step.responsible_role_id][2].append(node_id[step.position])
        x += COLUMN + (DECISION_GAP if step.kind == flow.DECISION else 0)

    last_lane_top = lane_index[steps[-1].responsible_role_id] * LANE_HEIGHT if steps else 0
    end_ids.append(f"End_{process.pk}")
    bounds[end_ids[0]] = (x + (COLUMN - EVENT) / 2, last_lane_top + (LANE_HEIGHT - EVENT) / 2, EVENT, EVENT)
    elements[end_ids[0]] = ET.SubElement(bpmn_process, _q(BPMN, "endEvent"), {"id": end_ids[0], "name": "Ende"})
    if steps:
        lanes[steps[-1].responsible_role_id][2].append(end_ids[0])

    # Sequence flows: start → 1, each step to the next or to its outcomes; a decision's end its own end event.
    flows: list[tuple[str, str, str, str]] = []  # id, source, target, name
    if steps:
        flows.append((f"Flow_{process.pk}_start", start_id, node_id[steps[0].position], ""))
    by_position = {step.position: step for step in steps}
    for position, outcomes in flow.edges([flow.FlowStep(s.position, s.kind, s.outcomes) for s in steps]).items():
        step = by_position[position]
        for number, outcome in enumerate(outcomes, start=1):
            if outcome.target == flow.END and step.kind == flow.DECISION:
                target = f"End_{process.pk}_{position}_{number}"
                bx, by, bw, bh = bounds[node_id[position]]
                bounds[target] = (bx + bw + 40, by + bh + 30, EVENT, EVENT)
                elements[target] = ET.SubElement(bpmn_process, _q(BPMN, "endEvent"), {"id": target, "name": outcome.label})
                lanes[step.responsible_role_id][2].append(target)
            else:
                target = end_ids[0] if outcome.target == flow.END else node_id[outcome.target]
            flows.append((f"Flow_{process.pk}_{position}_{number}", node_id[position], target, outcome.label))

    for flow_id, source, target, _name in flows:
        ET.SubElement(elements[source], _q(BPMN, "outgoing")).text = flow_id
        ET.SubElement(elements[target], _q(BPMN, "incoming")).text = flow_id
    # The elements' children in the schema's order: documentation, incoming, outgoing, event definitions.
    for element in elements.values():
        order = {_q(BPMN, "documentation"): 0, _q(BPMN, "incoming"): 1, _q(BPMN, "outgoing"): 2}
        element[:] = sorted(element, key=lambda child: order.get(child.tag, 3))
    for step in steps:
        if step.kind == flow.WAIT:
            timer = ET.SubElement(elements[node_id[step.position]], _q(BPMN, "timerEventDefinition"),
                                  {"id": f"Timer_{step.pk}"})
            duration = ET.SubElement(timer, _q(BPMN, "timeDuration"), {"id": f"Duration_{step.pk}"})
            duration.text = step.duration or step.title
    for flow_id, source, target, name in flows:
        attributes = {"id": flow_id, "sourceRef": source, "targetRef": target}
        if name:
            attributes["name"] = name
        ET.SubElement(bpmn_process, _q(BPMN, "sequenceFlow"), attributes)
    for role_id, (_lane_id, _name, nodes) in lanes.items():
        for node in nodes:
            ET.SubElement(lane_elements[role_id], _q(BPMN, "flowNodeRef")).text = node

    # Diagram interchange: the pool, the lanes, every node and every flow.
    width = x + COLUMN + 40
    diagram = ET.SubElement(root, _q(BPMNDI, "BPMNDiagram"), {"id": f"Diagram_{process.pk}"})
    plane = ET.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), {"id": f"Plane_{process.pk}", "bpmnElement": collaboration.get("id")})

    def shape(element_id: str, box, **extra) -> None:
        item = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), {"id": f"{element_id}_di", "bpmnElement": element_id, **extra})
        ET.SubElement(item, _q(DC, "Bounds"), {"x": f"{box[0]:.0f}", "y": f"{box[1]:.0f}", "width": f"{box[2]:.0f}",
                                                "height": f"{box[3]:.0f}"})

    shape(f"Participant_{process.pk}", (0, 0, width, LANE_HEIGHT * max(1, len(lanes))), isHorizontal="true")
    for role_id, (lane_id, _name, _nodes) in lanes.items():
        shape(lane_id, (LANE_LEFT, lane_index[role_id] * LANE_HEIGHT, width - LANE_LEFT, LANE_HEIGHT), isHorizontal="true")
    for element_id, box in bounds.items():
        shape(element_id, box)
    for flow_id, source, target, _name in flows:
        edge = ET.SubElement(plane, _q(BPMNDI, "BPMNEdge"), {"id": f"{flow_id}_di", "bpmnElement": flow_id})
        sx, sy, sw, sh = bounds[source]
        tx, ty, tw, th = bounds[target]
        start, end = (sx + sw, sy + sh / 2), (tx, ty + th / 2)
        if tx <= sx:  # back: under both
            low = max(sy + sh, ty + th) + 15
            points = [(sx + sw / 2, sy + sh), (sx + sw / 2, low), (tx + tw / 2, low), (tx + tw / 2, ty + th)]
        elif abs(start[1] - end[1]) < 1:
            points = [start, end]
        else:
            middle = (start[0] + end[0]) / 2
            points = [start, (middle, start[1]), (middle, end[1]), end]
        for px, py in points:
            ET.SubElement(edge, _q(DI, "waypoint"), {"x": f"{px:.0f}", "y": f"{py:.0f}"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
