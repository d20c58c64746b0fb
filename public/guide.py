"""The guide to the right service: a tree of questions, checked before it is saved, and walked by address.

A walk is the list of answer ids chosen so far (`?weg=3.7`): every answer must belong to the
question reached before it, so a forged or outdated path ends the walk (404), and the path in the
address makes each step a plain link that the back button and a shared link repeat.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from public.models import GuideAnswer, GuideQuestion

MAX_DEPTH = 20  # longer paths are refused without a lookup; a checked tree has no cycle


@dataclass
class Tree:
    """What the check needs: questions by id (with their text), the first one, and each question's answers."""

    questions: dict[int, str]
    start: int | None
    # question id → [(answer text, next question id or None, has services)]
    answers: dict[int, list[tuple[str, int | None, bool]]] = field(default_factory=dict)


def stored_tree(*, replacing: int | None = None, with_answers=None, start: int | None | bool = False) -> Tree:
    """The tree as stored, optionally with one question's answers replaced by those a form submits
    (``with_answers``) and a different first question (``start``): what the tree would be after the save."""
    questions = dict(GuideQuestion.objects.values_list("pk", "text"))
    first = GuideQuestion.objects.filter(is_start=True).values_list("pk", flat=True).first()
    tree = Tree(questions=questions, start=first if start is False else start)
    with_services = set(GuideAnswer.services.through.objects.values_list("guideanswer_id", flat=True))
    for pk, question_id, text, next_id in GuideAnswer.objects.values_list("pk", "question_id", "text", "next_question_id"):
        if question_id == replacing:
            continue
        tree.answers.setdefault(question_id, []).append((text, next_id, pk in with_services))
    if replacing is not None:
        tree.answers[replacing] = list(with_answers or [])
    return tree


def problems(tree: Tree) -> list[str]:
    """Why the tree cannot be walked: no first question, dead ends, unreachable questions, cycles (German)."""
    found = []
    if not tree.questions:
        return found
    if tree.start is None:
        return [_("Mark one question as the first question.")]
    for question_id, text in tree.questions.items():
        answers = tree.answers.get(question_id, [])
        if not answers:
            found.append(_("Dead end: the question “%(question)s” has no answer.") % {"question": text})
        for answer, next_id, has_services in answers:
            if next_id is None and not has_services:
                found.append(
                    _("Dead end: the answer “%(answer)s” to “%(question)s” leads neither to a question nor to a service.")
                    % {"answer": answer, "question": text}
                )
    # Depth-first from the first question: a question met again on the current path is a cycle.
    reached, on_path, cycles = set(), [], set()

    def visit(question_id: int) -> None:
        on_path.append(question_id)
        reached.add(question_id)
        for _answer, next_id, _services in tree.answers.get(question_id, []):
            if next_id is None:
                continue
            if next_id in on_path:
                cycles.add(next_id)
            elif next_id not in reached:
                visit(next_id)
        on_path.pop()

    visit(tree.start)
    for question_id in sorted(cycles):
        found.append(
            _("Cycle: the question “%(question)s” can be reached again from its own answers.")
            % {"question": tree.questions.get(question_id, "?")}
        )
    for question_id, text in tree.questions.items():
        if question_id not in reached:
            found.append(_("Unreachable: no answer leads to the question “%(question)s”.") % {"question": text})
    return found


@dataclass
class Step:
    question: GuideQuestion
    answer: GuideAnswer


@dataclass
class Walk:
    steps: list[Step]  # questions answered so far, with the answer chosen
    question: GuideQuestion | None  # the question to answer now, or None at a result
    answers: list[GuideAnswer]  # its answers
    services: list  # the result: public texts (released ones only)
    path: str  # the answers so far, for links


def parse_path(value: str | None) -> list[int] | None:
    """The answer ids of ``?weg=3.7.12``; None for anything else (a forged path)."""
    if not value:
        return []
    parts = value.split(".")
    if len(parts) > MAX_DEPTH or not all(part.isdigit() and len(part) <= 9 for part in parts):
        return None
    return [int(part) for part in parts]


def walk(path: list[int]) -> Walk | None:
    """Follow the path from the first question (five queries); None if it does not fit the tree."""
    questions = {question.pk: question for question in GuideQuestion.objects.all()}
    start = next((question for question in questions.values() if question.is_start), None)
    if start is None:
        return None
    answers: dict[int, list[GuideAnswer]] = {}
    by_id: dict[int, GuideAnswer] = {}
    answers_with_services = GuideAnswer.objects.prefetch_related(
        "services__published_version", Prefetch("services__translations", to_attr="prefetched_translations")
    ).order_by("question", "position", "pk")
    for answer in answers_with_services:
        answers.setdefault(answer.question_id, []).append(answer)
        by_id[answer.pk] = answer
    steps, question = [], start
    for index, answer_id in enumerate(path):
        answer = by_id.get(answer_id)
        if question is None or answer is None or answer.question_id != question.pk:
            return None
        steps.append(Step(question, answer))
        if answer.next_question_id is None:
            if index != len(path) - 1:
                return None  # a result ends the walk
            released = [text for text in answer.services.all() if text.published_version_id]
            return Walk(steps, None, [], released, ".".join(map(str, path)))
        question = questions.get(answer.next_question_id)
    return Walk(steps, question, answers.get(question.pk, []), [], ".".join(map(str, path)))
