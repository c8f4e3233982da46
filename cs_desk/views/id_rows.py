"""The id side of the Anki-style models: rows are ids in display order, with their positions."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")


class IdRows(Generic[K]):
    """Mixed into a Qt model that keeps `_ids` (display order) and `_row_of` (id → row)."""

    _ids: list[K]
    _row_of: dict[K, int]

    def id_at(self, row: int) -> K | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, key: K) -> int | None:
        return self._row_of.get(key)

    def ids(self) -> list[K]:
        return list(self._ids)
