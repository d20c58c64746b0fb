"""The bench data generator: valid data through the services, deterministic, resumable.

The generator starts with `manage.py demo`; the tests start from the demo content already
(the demo_content fixture: one run of the command per test process), so the generator's own
run of the command finds everything in place, as on a database filled before.
"""

import pytest

from bench import generate
from knowledge.models import Article, Release
from processes.models import Process, Step
from public.models import PublicText
from search.models import SearchDocument


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(
        generate.SIZES,
        "T",
        {
            "processes": 3, "steps": 4, "articles": 5, "revisions": 2, "users": 4, "assignments": 2, "law_changes": 2,
            "public_texts": 17,
        },
    )


@pytest.mark.django_db
def test_generator_builds_valid_data_and_a_second_run_adds_nothing(demo_content, tiny, settings):
    settings.DEBUG = True
    first = generate.generate("T", log=lambda *a: None)
    assert Process.objects.filter(code__startswith="B-").count() == 3
    assert list(Step.objects.filter(process__code="B-0000").values_list("position", flat=True)) == list(range(1, 16))
    articles = Article.objects.filter(slug__startswith="bench-artikel-")
    assert articles.count() == 5 and all(a.latest_number == 2 and a.published_revision.number == 2 for a in articles)
    assert all(r.released_by_id != r.revision.author_id for r in Release.objects.select_related("revision"))
    assert Article.objects.get(slug="bench-versionen-50").latest_number == 50
    assert SearchDocument.objects.filter(kind="process", title__startswith="B-").count() == 3
    # Released public texts up to the size's number: the demo's and generated ones.
    assert PublicText.objects.released().count() == 17
    assert PublicText.objects.filter(slug__startswith="bench-leistung-").count() == 17 - 14
    second = generate.generate("T", log=lambda *a: None)
    assert second.counts == first.counts


@pytest.mark.django_db
def test_same_seed_same_titles(demo_content, tiny, settings):
    settings.DEBUG = True
    generate.generate("T", log=lambda *a: None)
    titles = list(Process.objects.filter(code__startswith="B-").order_by("code").values_list("title", flat=True))
    import random

    rng = random.Random(20261121)
    noun, verb = rng.choice(generate.NOUNS), rng.choice(generate.VERBS)
    assert titles[0].startswith(f"{noun} {verb}")
