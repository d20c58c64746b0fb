"""Demo documents: small checklists, leaflets and templates generated here, attached to demo steps.

The texts restate facts of the process catalogue. PDFs are written by `pdf_bytes`, a minimal
PDF 1.4 writer (one page per 45 lines, Helvetica, Windows-1252), so the demo needs no
PDF library.
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.text import german_slugify
from documents import services
from documents.models import Document
from documents.permissions import RELEASE_VERSIONS
from processes.models import Step


def _pdf_text(value: str) -> bytes:
    encoded = value.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small valid PDF with a title and lines of text."""
    pages, chunk = [], []
    for line in [title, "", *lines]:
        chunk.append(line)
        if len(chunk) == 45:
            pages.append(chunk)
            chunk = []
    if chunk:
        pages.append(chunk)
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    contents = []
    for page_lines in pages:
        stream = [b"BT /F1 11 Tf 56 790 Td 14 TL"]
        for index, line in enumerate(page_lines):
            size = b"/F1 15 Tf " if index == 0 and page_lines is pages[0] else b"/F1 11 Tf "
            stream.append(size + b"(" + _pdf_text(line) + b") Tj T*")
        stream.append(b"ET")
        contents.append(b"\n".join(stream))
    # 1 catalog, 2 pages, 3 font, then per page: page object and content stream
    next_id = 4
    for _ in pages:
        page_ids.append(next_id)
        next_id += 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(f"{pid} 0 R".encode() for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(len(pages)).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for pid, content in zip(page_ids, contents, strict=True):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {pid + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


CHECKLIST_V1 = [
    "Checkliste: Unterlagen zur Verlängerung der Aufenthaltserlaubnis",
    "",
    "[ ] Nationalpass",
    "[ ] Biometrisches Lichtbild",
    "[ ] Bisheriger elektronischer Aufenthaltstitel (eAT)",
    "[ ] Nachweise zum Lebensunterhalt (Arbeitsvertrag, letzte Gehaltsabrechnungen)",
    "[ ] Mietvertrag oder Wohnungsgeberbestätigung",
    "",
    "Der Antrag muss vor Ablauf des Titels eingehen (§ 81 Abs. 4 Satz 1 AufenthG).",
]
CHECKLIST_V2 = CHECKLIST_V1[:7] + [
    "[ ] Nachweis der Krankenversicherung",
    "[ ] Zweckbezogene Nachweise (z. B. Immatrikulation, Heiratsurkunde)",
] + CHECKLIST_V1[7:] + [
    "Gebühr der Verlängerung: 96 € bis drei Monate, 93 € über drei Monate (§ 45 Nr. 2 AufenthV).",
]

REQUEST_V1 = [
    "Ihr Antrag vom [Datum] – fehlende Unterlagen",
    "",
    "Sehr geehrte/r [Anrede Name],",
    "",
    "für die Bearbeitung Ihres Antrags benötigen wir noch folgende Unterlagen:",
    "- [Unterlage 1]",
    "- [Unterlage 2]",
    "",
    "Bitte reichen Sie die Unterlagen bis zum [Datum] ein. Sie sind verpflichtet, an der",
    "Bearbeitung mitzuwirken und die erforderlichen Nachweise vorzulegen (§ 82 Abs. 1 AufenthG).",
    "",
    "Mit freundlichen Grüßen",
    "[Name], Ausländerbehörde",
]
REQUEST_V2 = REQUEST_V1[:10] + [
    "Können Sie eine Unterlage nicht rechtzeitig beschaffen, teilen Sie uns dies bitte vor Ablauf",
    "der Frist mit; wir prüfen dann, ob wir die Frist verlängern können.",
] + REQUEST_V1[10:]

DOCUMENTS = [
    {
        "title": "Checkliste Unterlagen Verlängerung Aufenthaltserlaubnis",
        "kind": Document.Kind.FORM,
        "description": "Zum Aushändigen am Servicecenter und zum Versand mit der Terminbestätigung.",
        "steps": [("aufenthaltserlaubnis-verlaengern", 2)],
        "versions": [
            ("checkliste-verlaengerung.txt", "\n".join(CHECKLIST_V1), "Erstfassung"),
            (
                "checkliste-verlaengerung.txt",
                "\n".join(CHECKLIST_V2),
                "Krankenversicherung, zweckbezogene Nachweise und Gebühr ergänzt",
            ),
        ],
    },
    {
        "title": "Merkblatt Fiktionsbescheinigung",
        "kind": Document.Kind.LEAFLET,
        "description": "Erklärt Antragstellenden, was die Fiktionsbescheinigung bescheinigt und was nicht.",
        "steps": [("fiktionsbescheinigung", 3), ("fiktionsbescheinigung", 5)],
        "pdf": (
            "Merkblatt: Die Fiktionsbescheinigung",
            [
                "Wer rechtzeitig vor Ablauf seines Aufenthaltstitels die Verlängerung beantragt hat,",
                "für den gilt der bisherige Titel bis zur Entscheidung als fortbestehend",
                "(§ 81 Abs. 4 Satz 1 AufenthG).",
                "",
                "Die Ausländerbehörde bescheinigt diese Wirkung mit der Fiktionsbescheinigung",
                "(§ 81 Abs. 5 AufenthG). Die Bescheinigung wirkt nur bestätigend (deklaratorisch).",
                "",
                "Bei einem verspäteten Antrag gilt der Titel nicht kraft Gesetzes fort. Die Behörde",
                "kann die Fortgeltung zur Vermeidung einer unbilligen Härte anordnen",
                "(§ 81 Abs. 4 Satz 3 AufenthG).",
                "",
                "Gebühr: 13 € (§ 47 Abs. 1 Nr. 8 AufenthV).",
                "",
                "Folgebescheinigungen werden bei Ablauf in der Regel per Post verlängert.",
            ],
        ),
    },
    {
        "title": "Vorlage: Anforderung fehlender Unterlagen",
        "kind": Document.Kind.TEMPLATE,
        "description": "Schreiben an Antragstellende, wenn Nachweise fehlen; Frist und Mitwirkungspflicht.",
        "steps": [("aufenthaltserlaubnis-verlaengern", 2)],
        "versions": [("vorlage-unterlagen-anfordern.txt", "\n".join(REQUEST_V1), "Erstfassung")],
        # Proposed by the editors, waiting for the team lead's release: the demo's pending draft.
        "draft": ("vorlage-unterlagen-anfordern.txt", "\n".join(REQUEST_V2), "Hinweis auf Fristverlängerung ergänzt"),
    },
    {
        "title": "Dienstanweisung: Freigabe von Ablehnungen durch die Teamleitung",
        "kind": Document.Kind.INSTRUCTION,
        "description": "Ablehnende Entscheidungen und Ermessensfälle gehen vor Bekanntgabe zur Teamleitung.",
        "steps": [("aufenthaltserlaubnis-verlaengern", 7)],
        "pdf": (
            "Dienstanweisung: Vier-Augen-Prinzip bei Ablehnungen",
            [
                "1. Ablehnende Entscheidungen über Aufenthaltstitel werden vor der Bekanntgabe",
                "   der Teamleitung zur Freigabe vorgelegt.",
                "2. Die Sachbearbeitung begründet die Entscheidung im Vermerk.",
                "3. Die Teamleitung zeichnet die Freigabe im Fachverfahren mit Datum ab.",
                "4. Widerspruch und Klage gegen die Ablehnung der Verlängerung haben keine",
                "   aufschiebende Wirkung (§ 84 Abs. 1 Nr. 1 AufenthG); darauf wird hingewiesen.",
            ],
        ),
    },
]


def _second_pair_of_eyes(owner):
    """Someone other than the owner who may release versions: the demo's documents are released
    as the app's are, by a second person. None if there is nobody (the versions stay drafts)."""
    candidates = get_user_model().objects.with_perm(
        RELEASE_VERSIONS, is_active=True, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    return candidates.exclude(pk=owner.pk).order_by("username").first()


@transaction.atomic
def load(*, owner, releaser=None, data=DOCUMENTS) -> dict[str, int]:
    """Create the demo documents that do not exist yet (matched by title).

    The owner uploads every version; ``releaser`` (by default the first other user who may
    release versions) releases each one, so readers see the latest. An entry's "draft" is
    uploaded by the releaser and left for the owner to release (four-eyes principle).
    """
    releaser = releaser or _second_pair_of_eyes(owner)
    steps = {(step.process.slug, step.position): step for step in Step.objects.select_related("process")}
    created = 0
    for entry in data:
        if Document.objects.filter(title=entry["title"]).exists():
            continue
        if "pdf" in entry:
            title, lines = entry["pdf"]
            name = german_slugify(entry["title"]) + ".pdf"
            versions = [(name, pdf_bytes(title, lines), "Erstfassung")]
        else:
            versions = [(name, content.encode("utf-8"), note) for name, content, note in entry["versions"]]
        first_name, first_content, first_note = versions[0]
        document = services.document_create(
            title=entry["title"],
            kind=entry["kind"],
            description=entry["description"],
            owner=owner,
            review_date=None,
            steps=[steps[key] for key in entry["steps"] if key in steps],
            upload=SimpleUploadedFile(first_name, first_content),
            note=first_note,
            user=owner,
        )
        version = document.versions.get()
        for name, content, note in versions[1:]:
            if releaser is not None:
                services.document_version_release(version=version, releaser=releaser)
            version = services.document_add_version(
                document=document,
                upload=SimpleUploadedFile(name, content),
                note=note,
                user=owner,
                base_number=version.number,
            )
        if releaser is not None:
            services.document_version_release(version=version, releaser=releaser)
            if "draft" in entry:
                name, content, note = entry["draft"]
                services.document_add_version(
                    document=document,
                    upload=SimpleUploadedFile(name, content.encode("utf-8")),
                    note=note,
                    user=releaser,
                    base_number=version.number,
                )
        created += 1
    return {"documents_created": created}
