"""Open review items shown on content pages, through one provider the law changes app registers.

Processes, steps, articles and documents carry a banner while a law change's review item on
them is open. Those apps sit below the law changes, so they ask here; lawchanges registers its
selector from its AppConfig.ready(). Without a provider (the app not installed) nothing is open.
"""

from collections.abc import Callable

# {kind: [object ids]} -> {(kind, object id): [open review items, oldest change first]}
Provider = Callable[[dict[str, list[int]]], dict[tuple[str, int], list]]

_provider: Provider | None = None


def register(provider: Provider) -> None:
    global _provider
    _provider = provider


def open_reviews_by_kind(wanted: dict[str, list[int]]) -> dict[tuple[str, int], list]:
    """{(kind, object id): open review items with their law change} for several kinds at once."""
    return _provider(wanted) if _provider is not None else {}


def open_reviews(*, kind: str, object_ids) -> dict[int, list]:
    """{object id: open review items} for content of one kind."""
    return {object_id: items for (_, object_id), items in open_reviews_by_kind({kind: list(object_ids)}).items()}
