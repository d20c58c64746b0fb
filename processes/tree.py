"""Access to the process-map tree. The only module that knows the tree is stored with django-mptt."""

from dataclasses import dataclass, field

from processes.models import Category


@dataclass
class TreeNode:
    category: Category
    children: list["TreeNode"] = field(default_factory=list)


def category_tree() -> list[TreeNode]:
    """All categories as nested nodes in map order, from one query."""
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for category in Category.objects.order_by("tree_id", "lft"):
        node = TreeNode(category)
        nodes[category.pk] = node
        parent = nodes.get(category.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def ancestors(category: Category, *, include_self: bool = False) -> list[Category]:
    """The path from the root down to the category.

    Uses parents already loaded with select_related("category__parent__parent") and
    queries only for what is deeper than that.
    """
    path = [category] if include_self else []
    node = category
    while node.parent_id is not None:
        if not Category.parent.is_cached(node):
            return list(category.get_ancestors(include_self=include_self))
        node = node.parent
        path.insert(0, node)
    return path
