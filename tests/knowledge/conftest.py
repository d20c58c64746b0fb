import pytest

from knowledge import services


@pytest.fixture
def make_article(editor, second_editor):
    """make_article(title, body, released=True, **kwargs): an article written by `editor`, released by `second_editor`."""

    def make(title="Fiktionsbescheinigung", body="Nach § 81 Abs. 4 AufenthG gilt der Titel fort.", released=True, **kwargs):
        article = services.article_create(author=editor, title=title, body=body, note="Erstfassung", **kwargs)
        if released:
            services.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
        article.refresh_from_db()
        return article

    return make
