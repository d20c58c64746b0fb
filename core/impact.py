"""The registry of impact sources: what cites a norm, asked when a law change is recorded.

Each app whose content cites norms registers a source in its AppConfig.ready(): processes
and steps (processes), articles (knowledge), reading paths (onboarding). The law changes
(lawchanges) ask every registered source through analyse() without importing any of them.
A source finds the affected items for a list of norms; sources that open review items get
one per item when the change is recorded, the others (reading paths) only count.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Affected:
    kind: str
    object_id: int
    title: str
    url: str
    reasons: list[str] = field(default_factory=list)
    owner: object = None
    role: object = None
    parent_id: int | None = None  # e.g. the process of a step


@dataclass(frozen=True)
class ImpactSource:
    kind: str
    find: Callable[[list, "Impact"], list[Affected]]
    describe: Callable[[list[Affected]], str]
    opens_review_items: bool = True
    adapted_result: Callable[[int], str] | None = None
    order: int = 100


@dataclass
class Impact:
    norms: list
    groups: dict[str, list[Affected]] = field(default_factory=dict)

    def items(self, kind: str) -> list[Affected]:
        return self.groups.get(kind, [])

    @property
    def review_items(self) -> list[Affected]:
        return [item for source in sources() if source.opens_review_items for item in self.items(source.kind)]

    @property
    def summary(self) -> str:
        """E.g. „7 Schritte in 4 Prozessen, 3 Artikel, 2 Einarbeitungspfade“."""
        parts = [source.describe(self.items(source.kind)) for source in sources() if self.items(source.kind)]
        return ", ".join(parts) if parts else _("Nothing in the process database cites these norms.")

    @property
    def is_empty(self) -> bool:
        return not any(self.groups.values())


_sources: dict[str, ImpactSource] = {}


def register(source: ImpactSource) -> None:
    _sources[source.kind] = source


def sources() -> list[ImpactSource]:
    return sorted(_sources.values(), key=lambda s: s.order)


def source(kind: str) -> ImpactSource | None:
    return _sources.get(kind)


def analyse(norms) -> Impact:
    """Everything that cites the norms, per registered source; each item once with all its reasons."""
    impact = Impact(norms=list(norms))
    for registered in sources():
        impact.groups[registered.kind] = registered.find(impact.norms, impact)
    return impact


def merge(found: dict[int, Affected], key: int, make: Callable[[], Affected], reason: str) -> None:
    """Add a reason to an item, creating it on first sight (no double count)."""
    item = found.get(key)
    if item is None:
        item = found[key] = make()
    if reason not in item.reasons:
        item.reasons.append(reason)
