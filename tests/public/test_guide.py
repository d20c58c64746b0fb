"""The guide to the right service: walked by plain links, its address shareable, forged paths 404,
and editors cannot save a tree with a cycle, a dead end or an unreachable question."""

import re

import pytest
from django.test import Client
from django.utils.html import strip_tags

from public import guide
from public.models import GuideAnswer, GuideQuestion
from tests.factories import ProcessFactory
from tests.public import helpers

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def answer_links(response) -> dict[str, str]:
    html = response.content.decode()
    return {
        strip_tags(label).strip(): href.replace("&amp;", "&")
        for href, label in re.findall(r'<a class="kern-link public-guide-answers__link" href="([^"]+)">(.*?)</a>', html)
    }


def test_a_visitor_walks_the_guide_to_the_blue_card_by_links_and_the_result_can_be_shared(demo_content):
    start = Client().get("/info/wegweiser/")
    assert "Was ist Ihr Anliegen?" in text_of(start)
    step = Client().get(answer_links(start)["Ich möchte in Deutschland arbeiten oder studieren"])
    assert "Was möchten Sie tun?" in text_of(step)
    assert "Ich möchte in Deutschland arbeiten oder studieren" in text_of(step)  # the answers so far
    result_url = answer_links(step)["Als Fachkraft mit Hochschulabschluss arbeiten"]
    result = Client().get(result_url)
    assert 'href="/info/blaue-karte-eu/"' in result.content.decode()
    assert "Blaue Karte EU beantragen" in text_of(result)
    # The address holds the whole walk: opened anew (shared, or after going back), it shows the same.
    assert Client().get(result_url).content == result.content
    assert not result.cookies


def test_the_guide_speaks_the_language_of_the_page(demo_content):
    start = Client().get("/info/en/wegweiser/")
    assert "What can we help you with?" in text_of(start)
    links = answer_links(start)
    assert all(href.startswith("/info/en/wegweiser/?weg=") for href in links.values())
    result = Client().get(links["I want my wife or husband to join me"])
    assert 'href="/info/en/familiennachzug-ehegatten/"' in result.content.decode()


@pytest.mark.parametrize("path", ["abc", "1.2.3", "-1", "9" * 30, ".".join(["1"] * 50), "1..2", "%00", "١٢"])
def test_a_forged_path_is_404(demo_content, path):
    assert Client().get("/info/wegweiser/", {"weg": path}).status_code == 404


def test_an_answer_of_another_question_or_after_a_result_is_404(demo_content):
    first = GuideQuestion.objects.get(is_start=True)
    elsewhere = GuideAnswer.objects.exclude(question=first).first()
    assert Client().get("/info/wegweiser/", {"weg": str(elsewhere.pk)}).status_code == 404
    result = first.answers.filter(next_question__isnull=True).first()
    assert Client().get("/info/wegweiser/", {"weg": f"{result.pk}.{result.pk}"}).status_code == 404
    assert Client().get("/info/wegweiser/", {"weg": str(result.pk), "fremd": "x"}).status_code == 200


# --- the editors' side: the tree is checked on every save ------------------------------------


@pytest.fixture
def services(editor, second_editor):
    process = ProcessFactory()
    return [
        helpers.released_text(process=process, slug=f"dienst-{n}", author=editor, releaser=second_editor, title=f"Dienst {n}")
        for n in (1, 2)
    ]


def tree_problems() -> list[str]:
    return guide.problems(guide.stored_tree())


def test_the_check_names_dead_ends_cycles_and_unreachable_questions(db, services):
    start = GuideQuestion.objects.create(key="start", text="Anliegen?", is_start=True)
    second = GuideQuestion.objects.create(key="zwei", text="Zweite Frage?")
    GuideQuestion.objects.create(key="einsam", text="Einsame Frage?")
    GuideAnswer.objects.create(question=start, text="Weiter", next_question=second)
    GuideAnswer.objects.create(question=second, text="Zurück", next_question=start)
    GuideAnswer.objects.create(question=second, text="Nirgendwohin")
    found = tree_problems()
    assert any("Kreis" in problem and "Anliegen?" in problem for problem in found), found
    assert any("Sackgasse" in problem and "Nirgendwohin" in problem for problem in found), found
    assert any("Einsame Frage?" in problem and "nicht erreichbar" in problem for problem in found), found
    assert any("Einsame Frage?" in problem and "keine Antwort" in problem for problem in found), found


def admin_post(client, question, answers: list[dict], **fields):
    data = {
        "text": question.text if question else fields.get("text", "Frage"),
        "key": question.key if question else fields.get("key", "frage"),
        "position": "0",
        "translations": "{}",
        "answers-TOTAL_FORMS": str(len(answers)),
        "answers-INITIAL_FORMS": str(sum(1 for a in answers if a.get("id"))),
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
    }
    if (question and question.is_start) or fields.get("is_start"):
        data["is_start"] = "on"
    for index, answer in enumerate(answers):
        prefix = f"answers-{index}-"
        data[prefix + "text"] = answer["text"]
        data[prefix + "position"] = str(index)
        data[prefix + "translations"] = "{}"
        data[prefix + "next_question"] = str(answer.get("next", ""))
        if answer.get("services"):
            data[prefix + "services"] = [str(pk) for pk in answer["services"]]
        if answer.get("id"):
            data[prefix + "id"] = str(answer["id"])
            data[prefix + "question"] = str(question.pk)
    url = f"/admin/public/guidequestion/{question.pk}/change/" if question else "/admin/public/guidequestion/add/"
    return client.post(url, data)


@pytest.fixture
def lead_admin(team_lead):
    client = Client()
    client.force_login(team_lead)
    return client


def test_the_admin_refuses_a_cycle_a_dead_end_and_an_unreachable_question_by_name(services, lead_admin):
    start = GuideQuestion.objects.create(key="start", text="Anliegen?", is_start=True)
    second = GuideQuestion.objects.create(key="zwei", text="Zweite Frage?")
    to_second = GuideAnswer.objects.create(question=start, text="Weiter", next_question=second)
    done = GuideAnswer.objects.create(question=second, text="Fertig")
    done.services.set([services[0]])
    assert tree_problems() == []
    # A cycle: the second question leads back to the first.
    response = admin_post(lead_admin, second, [{"id": done.pk, "text": "Zurück", "next": start.pk}])
    assert response.status_code == 200 and "Kreis" in text_of(response) and "Anliegen?" in text_of(response)
    # A dead end: an answer that leads nowhere.
    response = admin_post(lead_admin, second, [{"id": done.pk, "text": "Nirgendwohin"}])
    assert "Sackgasse" in text_of(response) and "Nirgendwohin" in text_of(response)
    # An unreachable question: a new one no answer leads to.
    response = admin_post(
        lead_admin, None, [{"text": "Ende", "services": [services[1].pk]}], text="Vergessene Frage?", key="vergessen"
    )
    assert "nicht erreichbar" in text_of(response) and "Vergessene Frage?" in text_of(response)
    assert not GuideQuestion.objects.filter(key="vergessen").exists()
    # Nothing changed.
    done.refresh_from_db()
    assert done.text == "Fertig" and done.next_question is None
    assert list(to_second.question.answers.values_list("text", flat=True)) == ["Weiter"]
    # A valid change is saved.
    response = admin_post(lead_admin, second, [{"id": done.pk, "text": "Fertig, danke", "services": [services[1].pk]}])
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.text == "Fertig, danke" and list(done.services.all()) == [services[1]]
