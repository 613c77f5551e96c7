"""Where each person sits in the view: communities first, then a force layout inside each.

Gephi users read a network by its communities, so they are found first
(Louvain modularity, networkx, seeded) and each is laid out on its own
(Fruchterman–Reingold, seeded) in a disc whose area grows with its people.
The discs are then placed by a force layout of the communities themselves
(joined by how many pairs run between them), stretched to the canvas's
aspect ratio and pushed apart until no two overlap: the page opens as
separate, readable groups that fill the screen instead of one hairball.
Everything is seeded, so the same graph is laid out the same way every time.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

ASPECT = 1.8                # width ÷ height of the network canvas on a common laptop screen, below the bar and time strip
_SEED = 7
_SPACING = 90.0             # disc radius per √(people): room for a label beside each
_DISC_GAP = 60.0            # empty space between two communities' discs
_ITERATIONS = {0: 60, 300: 40}   # Fruchterman–Reingold steps inside one community, fewer for big ones
_PUSH_ROUNDS = 120          # rounds of pulling the discs in and pushing overlapping ones apart
_STRETCH_ROUNDS = 40        # rounds of squeezing a picture that is still too tall
_PULL = 0.03                # how far a round pulls each disc towards the middle


@dataclass(frozen=True, slots=True)
class Layout:
    positions: dict[str, tuple[float, float]]   # person IRI → canvas position
    community: dict[str, int]                   # person IRI → community number, 0 the largest


def _iterations(people: int) -> int:
    return next(n for floor, n in sorted(_ITERATIONS.items(), reverse=True) if people >= floor)


def _radius(size: int) -> float:
    return _SPACING * math.sqrt(size)


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities, largest first, each sorted; weights are the pair's interactions."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=_SEED) if graph.number_of_edges() else \
        [{node} for node in graph.nodes]
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))


def _disc_layout(graph: nx.Graph, members: list[str]) -> dict[str, tuple[float, float]]:
    """One community around (0, 0), inside its disc."""
    radius = _radius(len(members))
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if len(members) == 2:
        return {members[0]: (-radius / 2, 0.0), members[1]: (radius / 2, 0.0)}
    sub = nx.Graph()   # a copy in sorted order: a subgraph view may list its nodes in set order, which changes per process
    sub.add_nodes_from(members)
    sub.add_edges_from(graph.subgraph(members).edges(data=True))
    positions = nx.spring_layout(sub, seed=_SEED, iterations=_iterations(len(members)), scale=radius, weight="weight")
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _push_apart(centres: list[list[float]], radii: list[float], sideways: bool = False) -> None:
    """Move overlapping discs apart along the line between them (or `sideways` only), the smaller one further."""
    for i in range(len(centres)):
        for j in range(i + 1, len(centres)):
            dx, dy = centres[j][0] - centres[i][0], centres[j][1] - centres[i][1]
            distance = math.hypot(dx, dy)
            overlap = radii[i] + radii[j] - distance
            if overlap <= 0:
                continue
            if distance < 1e-6:
                dx, dy, distance = math.cos(i + j), math.sin(i + j), 1.0
            share = radii[i] ** 2 / (radii[i] ** 2 + radii[j] ** 2)   # j's part of the move
            ux, uy = dx / distance, dy / distance
            if sideways:
                ux, uy, overlap = (1.0 if dx >= 0 else -1.0), 0.0, math.sqrt((radii[i] + radii[j]) ** 2 - dy * dy) - abs(dx)
            centres[i][0] -= ux * overlap * (1 - share)
            centres[i][1] -= uy * overlap * (1 - share)
            centres[j][0] += ux * overlap * share
            centres[j][1] += uy * overlap * share


def _aspect(centres: list[list[float]], radii: list[float]) -> float:
    left = min(x - r for (x, _), r in zip(centres, radii))
    right = max(x + r for (x, _), r in zip(centres, radii))
    top = min(y - r for (_, y), r in zip(centres, radii))
    bottom = max(y + r for (_, y), r in zip(centres, radii))
    return (right - left) / max(bottom - top, 1.0)


def _disc_centres(graph: nx.Graph, groups: list[list[str]]) -> list[tuple[float, float]]:
    """A force layout of the communities, stretched to the canvas and pushed apart until no discs overlap."""
    if len(groups) <= 1:
        return [(0.0, 0.0)] * len(groups)
    which = {node: k for k, group in enumerate(groups) for node in group}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for first, second in graph.edges:
        a, b = which[first], which[second]
        if a != b:
            weight = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=weight + 1)
    radii = [_radius(len(group)) + _DISC_GAP / 2 for group in groups]
    spread = math.sqrt(sum(r * r for r in radii)) * 1.6
    start = nx.spring_layout(between, seed=_SEED, weight="weight", scale=spread)
    stretch = math.sqrt(ASPECT)
    centres = [[float(start[k][0]) * stretch, float(start[k][1]) / stretch] for k in range(len(groups))]
    for _ in range(_PUSH_ROUNDS):
        for centre in centres:   # a pull to the middle, stronger up and down than sideways: the picture takes the canvas's shape
            centre[0] *= 1 - _PULL / ASPECT
            centre[1] *= 1 - _PULL
        _push_apart(centres, radii)
    for _ in range(_STRETCH_ROUNDS):   # still too tall for the canvas: squeeze up and down, make room sideways
        if _aspect(centres, radii) >= ASPECT:
            break
        for centre in centres:
            centre[1] *= 0.93
        for _ in range(4):
            _push_apart(centres, radii, sideways=True)
    return [(x, y) for x, y in centres]


def layout(people: list[str], pairs: dict[tuple[str, str], int]) -> Layout:
    """Positions and communities of `people`, joined by `pairs` (pair → interactions)."""
    graph = nx.Graph()
    graph.add_nodes_from(people)
    graph.add_weighted_edges_from((first, second, math.log2(1 + count)) for (first, second), count in pairs.items())
    groups = communities(graph)
    centres = _disc_centres(graph, groups)
    positions: dict[str, tuple[float, float]] = {}
    community: dict[str, int] = {}
    for k, (group, (cx, cy)) in enumerate(zip(groups, centres)):
        for node, (dx, dy) in _disc_layout(graph, group).items():
            positions[node] = (round(cx + dx), round(cy + dy))
            community[node] = k
    return Layout(positions, community)
