"""How much of a chain depends on each of its links: plain graph functions, no database.

Both the hand-curated chains (a dozen links) and the listed-company product graph (tens of
thousands of products) rank gaps with these functions, so the rule is the same everywhere:

* the **upstream closure** of a root is every node reachable from it through "is supplied by"
  edges, breadth first, each node at its shortest depth;
* a node's **dependents** are the nodes of the chain that consume it directly or through other
  nodes (the root included); a gap that many links depend on ranks first.

Reachability is propagated with Python integers used as bit sets until nothing changes, which
handles cycles (the product graph has some) and costs a few big-integer ORs per edge.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def upstream_closure(
    root: Node, suppliers_of: Mapping[Node, Iterable[Node]], max_depth: int | None = None
) -> dict[Node, int]:
    """Every node that supplies ``root`` directly or indirectly, with its shortest depth."""
    depth = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if max_depth is not None and depth[node] >= max_depth:
            continue
        for supplier in suppliers_of.get(node, ()):
            if supplier not in depth:
                depth[supplier] = depth[node] + 1
                queue.append(supplier)
    return depth


def dependents(
    nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]
) -> dict[Node, frozenset[Node]]:
    """For each node, the other nodes that consume it directly or transitively.

    ``edges`` are ``(supplier, consumer)`` pairs; edges touching nodes outside ``nodes`` are
    ignored, so the answer stays inside the chain being analysed.
    """
    order, reach = _reach(nodes, edges)
    return {
        node: frozenset(order[bit] for bit in _bits(reach[position]) if bit != position)
        for position, node in enumerate(order)
    }


def dependent_counts(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> dict[Node, int]:
    """Like :func:`dependents`, but only the numbers (cheap on large graphs)."""
    order, reach = _reach(nodes, edges)
    return {node: reach[position].bit_count() - 1 for position, node in enumerate(order)}


def weighted_dependence(
    nodes: Iterable[Node],
    edges: Iterable[tuple[Node, Node]],
    weight: Callable[[Node], float],
) -> dict[Node, float]:
    """The sum of ``weight`` over each node's dependents."""
    return {
        node: float(sum(weight(other) for other in others))
        for node, others in dependents(nodes, edges).items()
    }


def _reach(
    nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]
) -> tuple[list[Node], list[int]]:
    """Each node's set of consumers (itself included) as a bit set over ``order``."""
    order = list(dict.fromkeys(nodes))
    index = {node: position for position, node in enumerate(order)}
    inside = [(index[s], index[c]) for s, c in edges if s in index and c in index and s != c]
    reach = [1 << position for position in range(len(order))]
    changed = True
    while changed:
        changed = False
        for supplier, consumer in inside:
            merged = reach[supplier] | reach[consumer]
            if merged != reach[supplier]:
                reach[supplier] = merged
                changed = True
    return order, reach


def _bits(value: int) -> Iterable[int]:
    position = 0
    while value:
        if value & 1:
            yield position
        value >>= 1
        position += 1
