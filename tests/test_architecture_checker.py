"""Self-tests of the architecture scanner (tests/architecture_scan.py): the checkers find offences
in a small fake project."""

from pathlib import Path

import pytest

from tests.architecture_scan import (
    import_offences,
    load_project,
    signal_offences,
    template_library_offences,
    url_name_offences,
)


def write(root: Path, relative: str, text: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fake(tmp_path):
    """core < knowledge < processdb, each with an apps.py; knowledge has urls, tags and a signal."""
    for app in ("core", "knowledge", "processdb"):
        write(tmp_path, f"{app}/__init__.py")
        write(tmp_path, f"{app}/apps.py", f"class Config:\n    name = {app!r}\n")
    write(tmp_path, "core/templatetags/__init__.py")
    write(tmp_path, "core/templatetags/people.py")
    write(tmp_path, "knowledge/templatetags/__init__.py")
    write(tmp_path, "knowledge/templatetags/articles.py")
    write(tmp_path, "knowledge/urls.py", 'app_name = "knowledge"\nurlpatterns = []\n')
    write(tmp_path, "knowledge/signals.py", "from django.dispatch import Signal\n\nchanged = Signal()\n")
    write(tmp_path, "core/signals.py", "from django.dispatch import Signal\n\naudit = Signal()\n")
    write(
        tmp_path,
        "processdb/urls.py",
        'from django.urls import include, path\nreview = []\nurlpatterns = [path("p/", include((review, "review")))]\n',
    )
    return tmp_path


def test_the_checker_finds_an_import_of_a_higher_app(fake):
    write(
        fake,
        "core/models.py",
        "import os\nfrom django.db import models\nfrom core import signals\n"
        "from knowledge.models import Article\n"
        "def later():\n    import processdb.audit as audit\n"
        'importlib.import_module("knowledge.views")\n'
        'apps.get_model("knowledge", "Article")\napps.get_app_config("processdb")\n'
        'class A(models.Model):\n    article = models.ForeignKey("knowledge.Article", on_delete=None)\n'
        '    own = models.ForeignKey("core.Other", on_delete=None)\n',
    )
    write(
        fake,
        "core/migrations/0001_initial.py",
        "from django.db import migrations\nimport knowledge.markdown\n\n"
        'class Migration(migrations.Migration):\n    dependencies = [("knowledge", "0001_initial")]\n'
        '    operations = [migrations.AddField("x", "y", models.ForeignKey(to="knowledge.article"))]\n',
    )
    offences = import_offences(load_project(fake), "core")
    assert [offence.split(":")[1] for offence in offences] == ["2", "4", "6", "7", "8", "9", "11"], offences
    assert offences[0] == "core/migrations/0001_initial.py:2: import knowledge.markdown → knowledge"
    assert offences[1] == "core/models.py:4: from knowledge.models import … → knowledge"
    assert import_offences(load_project(fake), "knowledge") == []


def test_the_checker_finds_a_template_library_of_a_higher_app(fake):
    write(fake, "core/templates/core/page.html", "{% load i18n static %}\n{% load people %}\n\n{% load i18n articles %}\n")
    write(fake, "knowledge/templates/knowledge/page.html", "{% load people articles %}{% load x from articles %}")
    project = load_project(fake)
    assert template_library_offences(project, "core") == ["core/templates/core/page.html:4: {% load articles %} → knowledge"]
    assert template_library_offences(project, "knowledge") == []


def test_the_checker_finds_a_reverse_of_a_higher_namespace(fake):
    write(
        fake,
        "core/views.py",
        'from django.urls import reverse, reverse_lazy\n'
        'a = reverse("knowledge:article", kwargs={})\n'
        'b = reverse_lazy("admin:index")\n'
        'c = redirect("/somewhere/")\n'
        'd = redirect("home")\n'
        'e = resolve_url("review:index")\n'
        'f = reverse("nowhere:page")\n',
    )
    write(fake, "knowledge/views.py", 'success_url = reverse_lazy("knowledge:index")\nredirect("admin:login")\n')
    project = load_project(fake)
    offences = url_name_offences(project, "core")
    assert [offence.split(" → ")[1].split(" ")[0] for offence in offences] == ["knowledge", "processdb", "processdb", "processdb"]
    assert offences[0].startswith("core/views.py:2: reverse('knowledge:article')")
    assert url_name_offences(project, "knowledge") == []


def test_the_checker_finds_a_url_tag_of_a_higher_namespace(fake):
    write(
        fake,
        "core/templates/core/page.html",
        "{% url 'admin:index' %}\n<a href=\"{% url 'knowledge:article' slug=s %}\">\n{% url \"login\" %}\n{% url name %}\n",
    )
    offences = url_name_offences(load_project(fake), "core")
    assert [offence.split(":")[1] for offence in offences] == ["2", "3"], offences
    assert "knowledge" in offences[0] and "processdb" in offences[1]


def test_the_checker_finds_a_signal_of_a_higher_app(fake):
    write(
        fake,
        "core/receivers.py",
        "from knowledge.signals import changed\nfrom knowledge import signals as ks\nimport knowledge.signals\n"
        "from core.signals import audit\n"
        "changed.connect(print)\nks.changed.send(sender=None)\nknowledge.signals.changed.send_robust(None)\n"
        "audit.send(sender=None)\n"
        "@receiver([changed, audit])\ndef handler(**kwargs):\n    pass\n",
    )
    write(fake, "knowledge/services.py", "from core.signals import audit\naudit.send(sender=None)\n")
    project = load_project(fake)
    assert set(project.signals) == {"core.signals.audit", "knowledge.signals.changed"}
    offences = signal_offences(project, "core")
    assert [offence.split(":")[1] for offence in offences] == ["5", "6", "7", "9"], offences
    assert offences[0] == "core/receivers.py:5: knowledge.signals.changed.connect() → knowledge"
    assert signal_offences(project, "knowledge") == []


def test_an_app_that_does_not_exist_yet_is_left_out(fake):
    assert load_project(fake).apps == ("core", "knowledge", "processdb")
    write(fake, "search/__init__.py")
    write(fake, "search/apps.py")
    write(fake, "search/views.py", "import processdb.urls\n")
    project = load_project(fake)
    assert project.apps == ("core", "knowledge", "search", "processdb")
    assert import_offences(project, "search") == ["search/views.py:1: import processdb.urls → processdb"]
