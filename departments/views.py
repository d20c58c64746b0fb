"""Content packs in the admin, for superusers: download the installation's pack, upload one to
import or choose one that comes with the installation (packs/) as a template.

The same reads and writes as `manage.py pack` (departments.selectors, departments.services):
the upload is checked completely first, every problem is listed with its place, and nothing is
written unless all of it can be.
"""

import tempfile
from pathlib import Path

import yaml
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import get_valid_filename, slugify
from django.views.decorators.http import require_http_methods

from departments import pack_files, pack_plan, packs, selectors, services
from departments.models import Department

MAX_UPLOAD_BYTES = pack_files.MAX_TOTAL_BYTES


def _department_field(help_text: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Abteilung", queryset=Department.objects.all(), required=False, empty_label="– keine –", help_text=help_text
    )


class ExportForm(forms.Form):
    name = forms.CharField(label="Name des Pakets", max_length=200, initial="Prozessdatenbank")
    description = forms.CharField(
        label="Beschreibung (freiwillig)", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    department = _department_field("Nur die Inhalte dieser Abteilung; ohne Angabe die ganze Installation.")


def shipped_packs() -> list[tuple[str, str]]:
    """(folder, name) of the packs that come with the installation (settings.PACKS_DIR), by name."""
    found = []
    root = Path(settings.PACKS_DIR)
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        header = folder / packs.PACK_FILE
        if folder.is_dir() and not folder.is_symlink() and header.is_file():
            try:
                name = yaml.safe_load(header.read_text(encoding="utf-8")).get("name") or folder.name
            except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
                continue  # not a pack one can offer; `pack import` on it says why
            found.append((folder.name, str(name)))
    return sorted(found, key=lambda pack: pack[1])


class ImportForm(forms.Form):
    pack = forms.FileField(
        label="Paket (ZIP-Datei)",
        required=False,
        help_text="Höchstens 50 MB. Es wird erst vollständig geprüft; geschrieben wird alles oder nichts.",
    )
    template = forms.ChoiceField(
        label="… oder eine mitgelieferte Vorlage",
        required=False,
        help_text="Die Pakete dieser Installation (Ordner packs/), z. B. als Grundstock einer neuen Abteilung.",
    )
    dry_run = forms.BooleanField(label="Nur prüfen, nichts schreiben", required=False)
    department = _department_field("Die Bereiche, Artikel und Einarbeitungspfade des Pakets gehören dann dieser Abteilung.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", "– keine –"), *shipped_packs()]

    def clean_pack(self):
        upload = self.cleaned_data["pack"]
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"Die Datei ist zu groß ({upload.size} Bytes, höchstens {MAX_UPLOAD_BYTES}).")
        return upload

    def clean(self):
        data = super().clean()
        if "pack" in data and "template" in data and bool(data["pack"]) == bool(data["template"]):
            raise forms.ValidationError("Bitte entweder eine ZIP-Datei hochladen oder eine Vorlage wählen.")
        return data


@require_http_methods(["GET", "POST"])
def pack_view(request):
    """GET: the two forms. POST with `export`: the pack as a zip download; with `import`: check and import."""
    if not request.user.is_superuser:
        raise PermissionDenied
    chosen = Department.objects.filter(slug=request.GET.get("abteilung", "")[:60]).first()
    export_form, import_form = ExportForm(), ImportForm(initial={"department": chosen})
    context = {"problems": [], "summary": None, "skipped": [], "dry_run": False}
    if request.method == "POST" and "export" in request.POST:
        export_form = ExportForm(request.POST)
        if export_form.is_valid():
            data = export_form.cleaned_data
            return _download(data["name"], data["description"], data["department"])
    elif request.method == "POST":
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload, dry_run = import_form.cleaned_data["pack"], import_form.cleaned_data["dry_run"]
            department, template = import_form.cleaned_data["department"], import_form.cleaned_data["template"]
            try:
                if template:  # one of the choices: a folder name of settings.PACKS_DIR
                    pack = packs.load(Path(settings.PACKS_DIR) / template)
                    plan = _plan_or_import(pack, releaser=request.user, dry_run=dry_run, department=department)
                else:
                    plan = _import(upload, releaser=request.user, dry_run=dry_run, department=department)
            except packs.PackRefused as refusal:
                context["problems"] = refusal.problems
            else:
                if not dry_run:
                    messages.success(request, f"Paket „{plan.pack.name}“ importiert.")
                context.update(
                    summary=plan.summary(),
                    skipped=plan.skipped,
                    dry_run=dry_run,
                    pack_name=plan.pack.name,
                )
    context.update(
        admin.site.each_context(request),
        title="Inhaltspakete",
        export_form=export_form,
        import_form=import_form,
    )
    status = 400 if context["problems"] or import_form.errors or export_form.errors else 200
    return TemplateResponse(request, "departments/admin_packs.html", context, status=status)


def _import(upload, *, releaser, dry_run: bool, department=None) -> pack_plan.Plan:
    with tempfile.TemporaryDirectory(prefix="processdb-pack-") as folder:
        # Kept under the uploaded file's name: the places of problems name it.
        path = Path(folder) / (get_valid_filename(Path(upload.name).name) or "paket.zip")
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            pack = packs.load(path)
        except packs.PackRefused as refusal:
            # The places name the uploaded file, not where it was kept for reading.
            raise packs.PackRefused(
                [packs.Problem(problem.place.replace(str(path), upload.name), problem.message) for problem in refusal.problems]
            ) from None
    return _plan_or_import(pack, releaser=releaser, dry_run=dry_run, department=department)


def _plan_or_import(pack: packs.Pack, *, releaser, dry_run: bool, department=None) -> pack_plan.Plan:
    if dry_run:
        return pack_plan.check(pack, releaser=releaser)
    return services.pack_import(pack=pack, releaser=releaser, department=department)


def _download(name: str, description: str, department=None) -> HttpResponse:
    pack = selectors.pack_content(name=name, description=description, department=department)
    with tempfile.TemporaryDirectory(prefix="processdb-pack-") as folder:
        path = Path(folder) / "paket.zip"
        pack_files.write(packs.render(pack), path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "paket"}.zip"'
    return response

