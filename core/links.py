"""Links that higher apps add to the pages of lower ones, e.g. "Templates and forms" on the process map.

A page names a place ("process_map"); an app registers a link to one of its own pages there
from its AppConfig.ready(). The page's template shows them with {% links "place" as links %}.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url_name: str  # the registering app's own URL name
    order: int = 100


_links: dict[str, dict[str, Link]] = {}


def register(place: str, key: str, link: Link) -> None:
    """Add a link to a place (idempotent per key)."""
    _links.setdefault(place, {})[key] = link


def links(place: str) -> list[Link]:
    return sorted(_links.get(place, {}).values(), key=lambda link: link.order)
