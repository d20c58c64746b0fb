"""Exports of the released public texts for the city website and the state portal.

- ``json_feed``: every released service, each module named and coded by its LeiKa text module
  code (public.models.MODULE_CODES), with language, last change and address.
- ``xzufi_xml``: one service as XML shaped after an XZuFi 2.2.0 ``leistung``
  (namespace http://xoev.de/schemata/xzufi/2_2_0): ``id``, ``referenzLeiKa``, one ``modulText``
  per text module (``inhalt`` with ``languageCode``, ``leikaTextmodul/code``,
  ``positionDarstellung``, ``weiterfuehrenderLink``), ``modulKosten``, ``modulFrist``,
  ``modulBearbeitungsdauer``, ``modulFachlicheFreigabe``, ``modulUrsprungsportal``. It is not a
  complete XZuFi message (no ``nachrichtenkopf``, no ``organisationseinheit``,
  ``zustaendigkeit`` or ``onlinedienst`` objects), not validated against the XZuFi schema and not
  certified: a portal's import takes the texts from it; a certified interface is a separate step.
- ``sitemap``: the public pages for search engines.
"""

import json
from xml.etree import ElementTree as ET

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from public.models import MODULE_CODES, TimeUnit

XZUFI_NAMESPACE = "http://xoev.de/schemata/xzufi/2_2_0"
TEXT_MODULE_LIST = "urn:de:fim:leika:textmodul"
LANGUAGE = "de"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _euros(value) -> str:
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True) + " €"


def fee_label(version) -> str:
    """The fee as applicants read it: "100,00 €", "93,00 € bis 96,00 €" or "gebührenfrei"."""
    if version.fee_min is None and version.fee_max is None:
        return ""
    low = version.fee_min if version.fee_min is not None else version.fee_max
    high = version.fee_max if version.fee_max is not None else low
    if high == 0:
        return _("free of charge")
    if low == high:
        return _euros(low)
    return _("%(low)s to %(high)s") % {"low": _euros(low), "high": _euros(high)}


def duration_label(value, unit) -> str:
    """"1 Woche", "6 Wochen": the value with its unit in the right number."""
    if value is None or not unit:
        return ""
    if unit == TimeUnit.DAYS:
        return ngettext("%(count)d day", "%(count)d days", value) % {"count": value}
    if unit == TimeUnit.WEEKS:
        return ngettext("%(count)d week", "%(count)d weeks", value) % {"count": value}
    return ngettext("%(count)d month", "%(count)d months", value) % {"count": value}


def _plain_documents(version) -> str:
    lines = []
    for entry in version.documents or []:
        line = entry.get("item", "")
        if entry.get("when") == "case":
            line += " (" + _("only in certain cases") + ")"
        if entry.get("note"):
            line += ": " + entry["note"]
        lines.append("- " + line)
    return "\n".join(lines)


def modules(page, request) -> list[dict]:
    """The modules of a released service in reading order: code, name, text (Markdown or plain), links."""
    version = page.version
    references = [
        {"label": reference.label, "url": reference.norm.official_url} for reference in page.references
    ]
    forms = [
        {"label": document.title, "url": _absolute(request, reverse("public:form", args=[document.slug]))}
        for document in page.forms
    ]
    office = version.office
    office_text = "\n".join(
        part for part in (office.name, office.address, office.opening_hours, office.phone, office.email) if part
    )
    release = page.version.release
    values = [
        ("title", _("Service name"), version.title, []),
        ("teaser", _("Teaser"), version.teaser, []),
        ("short_text", _("Short text"), version.short_text, []),
        ("full_text", _("Full text"), version.full_text, []),
        ("requirements", _("Requirements"), version.requirements, []),
        ("documents", _("Required documents"), _plain_documents(version), []),
        ("procedure", _("Procedure"), version.procedure, []),
        ("fee", _("Costs"), "\n".join(p for p in (fee_label(version), version.fee_text, version.fee_reductions) if p), []),
        ("processing_time", _("Processing time"), version.processing_text, []),
        ("deadlines", _("Deadlines"), version.deadline_text, []),
        ("forms", _("Forms"), "\n".join(form["label"] for form in forms), forms),
        ("legal_basis", _("Legal bases"), "\n".join(ref["label"] for ref in references), references),
        ("notes", _("Notes"), version.notes, []),
        ("further_info", _("Further information"), version.further_info, []),
        ("appeal", _("Legal remedy"), version.appeal, []),
        ("office", _("Responsible office"), office_text, [{"label": office.url, "url": office.url}] if office.url else []),
        ("contact", _("Point of contact"), version.contact, []),
        ("released_on", _("Approved on"), timezone.localdate(release.released_at).isoformat(), []),
        ("released_by", _("Approved by"), office.name, []),
    ]
    return [
        {"code": MODULE_CODES[key], "key": key, "name": name, "text": text, "links": links}
        for key, name, text, links in values
        if text or links
    ]


def _service_dict(page, request) -> dict:
    version = page.version
    return {
        "id": page.text.slug,
        "url": _absolute(request, page.text.get_absolute_url()),
        "language": LANGUAGE,
        "title": version.title,
        "topic": version.topic,
        "leika": version.leika or None,
        "online_service": version.online_service or None,
        "version": version.number,
        "released_at": page.released_at.isoformat(),
        "last_modified": page.last_modified.isoformat(),
        "fee": {
            "min": str(version.fee_min) if version.fee_min is not None else None,
            "max": str(version.fee_max) if version.fee_max is not None else None,
            "currency": "EUR",
            "legal_basis": version.fee_legal_basis or None,
            "example": version.fee_is_example,
        },
        "processing_time": {"value": version.processing_value, "unit": version.processing_unit or None},
        "deadline": {"value": version.deadline_value, "unit": version.deadline_unit or None},
        "documents": [
            {"item": entry.get("item", ""), "when": entry.get("when", "always"), "note": entry.get("note", "")}
            for entry in version.documents or []
        ],
        "modules": modules(page, request),
    }


def json_feed(pages, request) -> str:
    data = {
        "publisher": f"{settings.PROCESSDB_ORGANISATION} – {settings.PROCESSDB_DEPARTMENT}",
        "language": LANGUAGE,
        "module_code_list": TEXT_MODULE_LIST,
        "services": [_service_dict(page, request) for page in pages],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _q(name: str) -> str:
    return f"{{{XZUFI_NAMESPACE}}}{name}"


def _code(parent, name: str, code: str, list_uri: str) -> None:
    element = ET.SubElement(parent, _q(name), {"listURI": list_uri})
    ET.SubElement(element, "code").text = code


def xzufi_xml(page, request) -> str:
    ET.register_namespace("xzufi", XZUFI_NAMESPACE)
    version = page.version
    root = ET.Element(_q("leistung"), {"xzufiVersion": "2.2.0"})
    ET.SubElement(root, _q("id"), {"schemeAgencyID": request.get_host()}).text = page.text.slug
    if version.leika:
        ET.SubElement(ET.SubElement(root, _q("referenzLeiKa")), "code").text = version.leika
    for position, module in enumerate(modules(page, request), start=1):
        if module["key"] in {"released_on", "released_by"}:
            continue  # modulFachlicheFreigabe below
        element = ET.SubElement(root, _q("modulText"))
        ET.SubElement(element, _q("positionDarstellung")).text = str(position)
        ET.SubElement(element, _q("inhalt"), {"languageCode": LANGUAGE}).text = module["text"]
        for link in module["links"]:
            linked = ET.SubElement(element, _q("weiterfuehrenderLink"), {"languageCode": LANGUAGE})
            ET.SubElement(linked, _q("uri")).text = link["url"]
            ET.SubElement(linked, _q("titel")).text = link["label"]
        _code(element, "leikaTextmodul", module["code"], TEXT_MODULE_LIST)
    costs = ET.SubElement(root, _q("modulKosten"))
    if version.fee_min is not None or version.fee_max is not None:
        amount = ET.SubElement(costs, _q("kosten"))
        low = version.fee_min if version.fee_min is not None else version.fee_max
        high = version.fee_max if version.fee_max is not None else low
        if low == high:
            ET.SubElement(amount, _q("betragFix")).text = str(low)
        else:
            ET.SubElement(amount, _q("betragUntergrenze")).text = str(low)
            ET.SubElement(amount, _q("betragObergrenze")).text = str(high)
    ET.SubElement(costs, _q("beschreibung"), {"languageCode": LANGUAGE}).text = "\n".join(
        part for part in (version.fee_text, version.fee_reductions, version.fee_legal_basis) if part
    )
    for name, value, unit, text in (
        ("modulFrist", version.deadline_value, version.deadline_unit, version.deadline_text),
        ("modulBearbeitungsdauer", version.processing_value, version.processing_unit, version.processing_text),
    ):
        module = ET.SubElement(root, _q(name))
        if value is not None and unit:
            ET.SubElement(module, _q("wert")).text = str(value)
            ET.SubElement(module, _q("einheit")).text = unit
        ET.SubElement(module, _q("beschreibung"), {"languageCode": LANGUAGE}).text = text
    approval = ET.SubElement(root, _q("modulFachlicheFreigabe"))
    ET.SubElement(approval, _q("fachlichFreigegebenAm")).text = timezone.localdate(page.released_at).isoformat()
    ET.SubElement(approval, _q("fachlichFreigegebenDurch"), {"languageCode": LANGUAGE}).text = version.office.name
    origin = ET.SubElement(root, _q("modulUrsprungsportal"))
    ET.SubElement(origin, _q("uri")).text = _absolute(request, page.text.get_absolute_url())
    ET.SubElement(origin, _q("titel"), {"languageCode": LANGUAGE}).text = version.title
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def sitemap(entries, request) -> str:
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", {"xmlns": namespace})
    pages = [(reverse("public:start"), None), (reverse("public:a_to_z"), None)]
    for entry in entries:
        pages.append((reverse("public:service", args=[entry.slug]), entry.released_at))
        pages.append((reverse("public:checklist", args=[entry.slug]), entry.released_at))
    for path, changed in pages:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = _absolute(request, path)
        if changed is not None:
            ET.SubElement(url, "lastmod").text = timezone.localdate(changed).isoformat()
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
