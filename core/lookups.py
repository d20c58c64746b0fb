"""Integer lookups that find nothing for a number no column can hold, instead of failing.

Django answers `id=<21 digits>` on an integer column with "no row" (IntegerFieldOverflow), but
not `id__in=[…]` nor a foreign key `role=<21 digits>`: SQLite raises OverflowError for them, so
a hostile number in a form's multiple choice or an admin filter became a server error. These
lookups drop what does not fit (and, for `__in`, what is no number), for every query of every app.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _bounds(lookup, connection) -> tuple[int | None, int | None]:
    field = lookup.lhs.output_field
    field = getattr(field, "target_field", None) or field
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # not an integer column
        return None, None


def _fits(value, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def _is_number(field, value) -> bool:
    if value is None or hasattr(value, "resolve_expression") or hasattr(value, "_meta"):
        return True
    try:
        field.get_prep_value(value)
    except (TypeError, ValueError):
        return False
    return True


class _InRange:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = _bounds(self, connection)
            self.rhs = [value for value in self.rhs if _fits(value, low, high)]
        return super().process_rhs(compiler, connection)


class IntegerIn(_InRange, In):
    """`id__in=[…]` without the numbers the column cannot hold (none left: no row).

    A value that is no number at all matches no row either: the admin's autocomplete widget
    looks up whatever was posted (`owner=abc`) with `id__in` to show it again with the form's
    error, and Django raised ValueError there.
    """

    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and not isinstance(self.rhs, (str, bytes)):
            self.rhs = [value for value in self.rhs if _is_number(self.lhs.output_field, value)]
        return super().get_prep_lookup()


class ForeignKeyIn(_InRange, RelatedIn):
    """`role__in=[…]` likewise."""


class ForeignKeyExact(RelatedExact):
    """`role=<number>`: a number the column cannot hold matches no row."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not _fits(self.rhs, *_bounds(self, connection)):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerIn)
    ForeignKey.register_lookup(ForeignKeyIn)
    ForeignKey.register_lookup(ForeignKeyExact)
