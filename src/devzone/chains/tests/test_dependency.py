"""The graph rules every gap ranking uses, on graphs small enough to check by hand."""

from devzone.chains.dependency import dependent_counts, dependents, upstream_closure

# cells → battery → vehicle ← motor ← control; control → vehicle
EDGES = [("cell", "battery"), ("battery", "vehicle"), ("motor", "vehicle"),
         ("control", "motor"), ("control", "vehicle")]  # fmt: skip
SUPPLIERS = {"battery": ["cell"], "vehicle": ["battery", "motor", "control"], "motor": ["control"]}


def test_closure_gives_each_node_its_shortest_depth():
    assert upstream_closure("vehicle", SUPPLIERS) == {
        "vehicle": 0, "battery": 1, "motor": 1, "control": 1, "cell": 2,
    }  # fmt: skip


def test_closure_stops_at_the_depth_limit():
    assert set(upstream_closure("vehicle", SUPPLIERS, max_depth=1)) == {
        "vehicle", "battery", "motor", "control",
    }  # fmt: skip


def test_dependents_are_the_transitive_consumers():
    nodes = ["vehicle", "battery", "motor", "control", "cell"]
    found = dependents(nodes, EDGES)
    assert found["cell"] == {"battery", "vehicle"}
    assert found["control"] == {"motor", "vehicle"}
    assert found["vehicle"] == frozenset()
    assert dependent_counts(nodes, EDGES) == {k: len(v) for k, v in found.items()}


def test_cycles_terminate_and_edges_outside_the_nodes_are_ignored():
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("x", "a")]
    assert dependent_counts(["a", "b", "c"], edges) == {"a": 2, "b": 2, "c": 2}
