"""Export → import into an empty database → export: the same pack, byte for byte."""

import io
import zipfile

import pytest
from django.core.management import call_command

from knowledge.models import Article, Revision
from law.models import Law, Norm
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests.factories import UserFactory

COUNTED = [Law, Norm, Role, Category, Process, Step, ProcessReference, StepReference, Article, Revision]


def run(*args) -> str:
    out = io.StringIO()
    call_command("pack", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.mark.django_db(transaction=True)
def test_round_trip_of_the_demo_gives_the_same_pack_byte_for_byte(demo_content, tmp_path):
    first, second = tmp_path / "erstes.zip", tmp_path / "zweites.zip"
    assert "Paket „Prozessdatenbank“ geschrieben" in run("export", str(first))
    processes = set(Process.objects.values_list("slug", "status"))
    released = set(Article.objects.filter(published_revision__isnull=False).values_list("slug", flat=True))

    call_command("flush", interactive=False, verbosity=0)
    assert not Process.objects.exists() and not Article.objects.exists()
    UserFactory(username="freigabe", is_superuser=True)
    output = run("import", str(first), "--as", "freigabe")

    assert "Paket importiert" in output
    assert set(Process.objects.values_list("slug", "status")) == processes
    assert set(Article.objects.filter(published_revision__isnull=False).values_list("slug", flat=True)) == released
    run("export", str(second))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
