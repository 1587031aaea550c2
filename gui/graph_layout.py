"""Where each node of a computational graph sits: a column (how deep it is) and a row.

The loss graph puts part A above the shared blocks and part B below them, as the seed
draws its two parts; y sits where its two uses are. The chain of three neurons reads
left to right, each neuron's weight below it. Any other graph gets columns by depth
and rows by part, in the order its nodes come.
"""
from engine.comp_graph import INPUT, LOSS, PART_A, PART_B, SHARED

LOSS_PLACES = {
    "w": (0, 1.4), "x": (0, 2.6), "u": (1, 2), "b": (1, 3.2), "z": (2, 2),
    "m": (3, 1), "e": (4, 1), "s": (5, 1), "p": (6, 1), "log_p": (7, 1),
    "y_log_p": (8, 1), "A": (9, 1),
    "e_z": (3, 3), "s_z": (4, 3), "q": (5, 3), "log_q": (6, 3),
    "y": (7, 2), "one_minus_y": (7, 4), "ybar_log_q": (8, 3), "B": (9, 3),
    "l": (10, 2),
}
# Each neuron with its weight below it, wide apart so that each title has room.
CHAIN_PLACES = {
    "x": (0, 1), "w1": (0, 2), "h": (1.6, 1), "w2": (1.6, 2), "g": (3.2, 1), "t": (3.2, 2),
    "f": (4.8, 1),
}
LOSS_GROUPS = (
    (PART_A, "part A = \u2212y log p"),
    (PART_B, "part B = \u2212(1 \u2212 y) log(1 \u2212 p)"),
    (SHARED, "z = w x + b"),
    (LOSS, "l = A + B"),
)


def places(graph):
    """{name: (column, row)}, numbers that the canvas scales to pixels."""
    names = {node.name for node in graph.nodes}
    for known in (LOSS_PLACES, CHAIN_PLACES):
        if set(known) == names:
            return dict(known)
    depth = graph.depth()
    used, found = {}, {}
    for node in graph.nodes:
        column = depth[node.name]
        row = used.get(column, -1) + 1
        used[column] = row
        found[node.name] = (column, row)
    return found


def groups(graph):
    """[(title, [names])]: the boxes drawn around a part's nodes (inputs in none)."""
    parts = []
    for node in graph.nodes:
        if node.part != INPUT and node.part not in parts:
            parts.append(node.part)
    titles = dict(LOSS_GROUPS) if graph.output == "l" else {}
    found = []
    for part in parts:
        members = [n for n in graph.nodes if n.part == part]
        alone = f"{part}: {members[0].formula}" if len(members) == 1 else part
        found.append((titles.get(part, alone), [n.name for n in members]))
    return found
