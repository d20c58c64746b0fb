"""Public pages cost a fixed number of queries however many services exist; warm, one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from documents import services as document_services
from documents.models import Document
from tests.factories import ProcessFactory, StepFactory, StepReferenceFactory
from tests.pdf import pdf_bytes
from tests.public import helpers

pytestmark = pytest.mark.django_db

PAGES = ["/info/", "/info/a-z/", "/info/suche/?q=Karte", "/info/dienst-0/", "/info/dienst-0/checkliste/",
         "/info/dienst-0/xzufi.xml", "/info/feed.json", "/sitemap.xml"]


def services(count: int, *, start: int, editor, second_editor) -> None:
    """`count` released services, each of its own process with references and a public form."""
    for number in range(start, start + count):
        process = ProcessFactory()
        steps = [StepFactory(process=process, position=position) for position in (1, 2)]
        for step in steps:
            StepReferenceFactory(step=step)
        from processes.models import ProcessReference

        for reference in steps[0].references.all():
            ProcessReference.objects.create(process=process, norm=reference.norm, position=number)
        document = document_services.document_create(
            title=f"Formular {number}", kind=Document.Kind.FORM, description="", owner=editor, review_date=None,
            steps=steps, upload=SimpleUploadedFile(f"f{number}.pdf", pdf_bytes("F", [str(number)])), note="1", user=editor,
        )
        document_services.document_version_release(version=document.versions.get(number=1), releaser=second_editor)
        Document.objects.filter(pk=document.pk).update(is_public=True)
        helpers.released_text(
            process=process, slug=f"dienst-{number}", author=editor, releaser=second_editor, title=f"Karte {number}"
        )


def counts() -> dict[str, int]:
    result = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200, url
        result[url] = len(queries)
    return result


@override_settings(PROCESSDB_FRAGMENT_CACHE=False)
def test_queries_do_not_grow_with_the_number_of_services(editor, second_editor, django_assert_max_num_queries):
    services(2, start=0, editor=editor, second_editor=second_editor)
    few = counts()
    services(30, start=2, editor=editor, second_editor=second_editor)
    many = counts()
    assert many == few
    for url in PAGES:
        with django_assert_max_num_queries(6):
            assert Client().get(url).status_code == 200


def test_a_warm_public_page_costs_one_query(editor, second_editor, django_assert_num_queries):
    services(3, start=0, editor=editor, second_editor=second_editor)
    for url in PAGES:
        Client().get(url)
        with django_assert_num_queries(1):  # the content version: has anything changed?
            assert Client().get(url).status_code == 200
