"""Suppression over a tree of units (``groups_suppress_tree``): differencing through a parent,
hidden subtrees, and properties on random trees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integriteit.medewerkersonderzoek.analysis.groups import groups_suppress_tree


def _children(parent: dict[str, str | None], node: str | None) -> list[str]:
    return [child for child, up in parent.items() if up == node]


def test_differencing_through_a_parent_is_stopped() -> None:
    """Directorate D (40) has units a (25), b (11) and c (4). Showing D, a and b would give
    c = D - a - b; b must be hidden too, so the remainder mixes b and c."""
    sizes = {"D": 40, "a": 25, "b": 11, "c": 4}
    parent: dict[str, str | None] = {"D": None, "a": "D", "b": "D", "c": "D"}
    hidden = groups_suppress_tree(sizes, parent, 10)
    assert hidden == {"b", "c"}
    remainder = sizes["D"] - sum(sizes[n] for n in ("a", "b", "c") if n not in hidden)
    assert remainder == 15 and remainder != sizes["c"]
    # Primary suppression alone would have left the attack open:
    assert sizes["D"] - sizes["a"] - sizes["b"] == sizes["c"]


def test_differencing_through_the_grandparent_is_stopped() -> None:
    """Ministry M (100) = directorates X (94) + Y (6). Y is hidden, so X must be too (or
    Y = M - X); and X's units must be hidden, or X = u + v would give Y again."""
    sizes = {"M": 100, "X": 94, "Y": 6, "u": 50, "v": 44, "y1": 6}
    parent: dict[str, str | None] = {
        "M": None,
        "X": "M",
        "Y": "M",
        "u": "X",
        "v": "X",
        "y1": "Y",
    }
    hidden = groups_suppress_tree(sizes, parent, 10)
    assert {"X", "Y", "u", "v", "y1"} <= hidden
    assert "M" not in hidden
    visible_sum_under_m = sum(sizes[n] for n in sizes if n not in hidden and _depth(parent, n) >= 1)
    assert visible_sum_under_m == 0  # nothing below M to subtract from it


def _depth(parent: dict[str, str | None], node: str) -> int:
    depth = 0
    while (up := parent.get(node)) is not None:
        node, depth = up, depth + 1
    return depth


def test_everything_under_a_hidden_node_is_hidden() -> None:
    sizes = {"R": 200, "A": 8, "a1": 5, "a2": 3, "B": 192, "b1": 100, "b2": 92, "b21": 92}
    parent: dict[str, str | None] = {
        "R": None,
        "A": "R",
        "a1": "A",
        "a2": "A",
        "B": "R",
        "b1": "B",
        "b2": "B",
        "b21": "b2",
    }
    hidden = groups_suppress_tree(sizes, parent, 10)
    assert {"A", "a1", "a2"} <= hidden
    for node in sizes:
        up = parent[node]
        while up is not None:
            if up in hidden:
                assert node in hidden, (node, up)
            up = parent[up]


def test_tree_minimum_is_never_below_five() -> None:
    sizes = {"R": 30, "a": 26, "b": 4}
    hidden = groups_suppress_tree(sizes, {"R": None, "a": "R", "b": "R"}, 2)
    assert hidden == {"a", "b"}  # 4 < 5, and a is pulled along


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, str | None]]:
    """A forest of up to 25 nodes; leaves get a size, every inner node the sum of its
    children (units inside directorates inside ministries)."""
    count = draw(st.integers(min_value=1, max_value=25))
    parent: dict[str, str | None] = {}
    for i in range(count):
        up = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=i - 1))) if i else None
        parent[f"n{i}"] = None if up is None else f"n{up}"
    sizes: dict[str, int] = {}
    for i in reversed(range(count)):
        node = f"n{i}"
        kids = _children(parent, node)
        sizes[node] = (
            sum(sizes[k] for k in kids) if kids else draw(st.integers(min_value=1, max_value=40))
        )
    return sizes, parent


@settings(max_examples=300, deadline=None)
@given(tree=trees(), minimum=st.integers(min_value=0, max_value=20))
def test_no_small_node_visible_and_no_hidden_child_derivable(
    tree: tuple[dict[str, int], dict[str, str | None]], minimum: int
) -> None:
    sizes, parent = tree
    effective = max(minimum, 5)
    hidden = groups_suppress_tree(sizes, parent, minimum)
    # No node under the minimum is ever visible.
    assert all(sizes[node] >= effective for node in sizes if node not in hidden)
    # Below a hidden node everything is hidden.
    for child, up in parent.items():
        if up is not None and up in hidden:
            assert child in hidden
    # For every visible node (and for the top level, whose total is the overall total), the
    # hidden children together are 0 or at least the minimum: the node minus its visible
    # children never isolates a small hidden group.
    nodes: list[str | None] = [None, *(n for n in sizes if n not in hidden)]
    for node in nodes:
        kids = _children(parent, node)
        hidden_sum = sum(sizes[k] for k in kids if k in hidden)
        all_hidden = bool(kids) and all(k in hidden for k in kids)
        assert hidden_sum == 0 or hidden_sum >= effective or (node is None and all_hidden)
