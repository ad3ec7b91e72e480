"""Maximum-weight assignment between two small sets (the Hungarian method with potentials).

Used to pair system events with gold events (R5). The matrices are tiny (a report's events),
so a plain O(n³) implementation serves; it follows the classic shortest-augmenting-path
formulation (Kuhn–Munkres with row and column potentials), whose tie-breaking the reference
scorer shares, so that both choose the same pairs when several pairings weigh the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a pairing that maximises the summed weight; each row and column used once.

    Rows and columns are padded to a square with weight 0; pairs of weight 0 are left out.
    """
    if not weights or not weights[0]:
        return []
    rows, cols = len(weights), len(weights[0])
    size = max(rows, cols)
    top = max(max(row) for row in weights)

    def weight(i: int, j: int) -> int:
        return weights[i][j] if i < rows and j < cols else 0

    cost = [[top - weight(i, j) for j in range(size)] for i in range(size)]
    owner = _min_cost_assignment(cost)
    pairs = [(owner[j] - 1, j - 1) for j in range(1, size + 1) if owner[j]]
    return [(i, j) for i, j in pairs if weight(i, j) > 0]


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    """For each column j (1-based), the 1-based row assigned to it in a minimum-cost perfect matching.

    Rows are added one at a time; each addition grows a shortest augmenting path (Dijkstra on
    reduced costs `cost - u - v`) until it reaches a free column, then flips the path.
    """
    n = len(cost)
    u = [0.0] * (n + 1)  # row potentials
    v = [0.0] * (n + 1)  # column potentials
    owner = [0] * (n + 1)  # owner[j]: row matched to column j; column 0 holds the row being added
    previous = [0] * (n + 1)  # previous column on the augmenting path
    for row in range(1, n + 1):
        owner[0] = row
        column = _grow_path(cost, u, v, owner, previous)
        while column:  # flip the augmenting path back to the virtual column 0
            before = previous[column]
            owner[column] = owner[before]
            column = before
    return owner


def _grow_path(cost: list[list[int]], u: list[float], v: list[float], owner: list[int], previous: list[int]) -> int:
    """Extend the tree from the row in owner[0] until it reaches a free column, which is returned."""
    n = len(cost)
    slack = [math.inf] * (n + 1)
    visited = [False] * (n + 1)
    column = 0
    while True:
        visited[column] = True
        row, delta, nearest = owner[column], math.inf, 0
        for j in range(1, n + 1):
            if visited[j]:
                continue
            reduced = cost[row - 1][j - 1] - u[row] - v[j]
            if reduced < slack[j]:
                slack[j], previous[j] = reduced, column
            if slack[j] < delta:
                delta, nearest = slack[j], j
        for j in range(n + 1):
            if visited[j]:
                u[owner[j]] += delta
                v[j] -= delta
            else:
                slack[j] -= delta
        column = nearest
        if owner[column] == 0:
            return column
