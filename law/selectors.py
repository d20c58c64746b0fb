"""Reads of the law app."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from law.models import Law, Norm


def laws_with_counts():
    return Law.objects.annotate(norm_count=Count("norms", filter=~Q(norms__number=""))).order_by("jurisdiction", "abbreviation")


def law_for_page(*, key: str) -> tuple[Law, Norm | None]:
    """The law and its norm standing for the law as a whole (if anything cites it so)."""
    law = get_object_or_404(Law, key=key)
    return law, law.norms.filter(number="").first()


def norm_for_page(*, law_key: str, number: str) -> Norm:
    return get_object_or_404(Norm.objects.select_related("law"), law__key=law_key, number=number.lower())
