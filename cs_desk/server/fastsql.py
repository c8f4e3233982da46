"""Hot-path statements run on the transaction's own DBAPI connection, with no SQL building or
compiling per call.

Measured here: a `message.send` through SQLAlchemy Core expressions cost ~1.4 ms, most of it
constructing and caching statements (12 per item); the same work as plain DBAPI calls is a fraction
of that. Only fixed SQL text lives here, written with `?` and turned into `%s` for psycopg; every
value is a bound parameter. The statements join the SQLAlchemy transaction already open on `conn`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection


class Row:
    """Attribute access over a fetched tuple, like a SQLAlchemy Row, for entities.*_dict()."""

    __slots__ = ("_values", "_index")

    def __init__(self, names: dict[str, int], values: Sequence[Any]) -> None:
        self._index = names
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[self._index[name]]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **changes: Any) -> Row:
        values = list(self._values)
        for k, v in changes.items():
            values[self._index[k]] = v
        return Row(self._index, values)


@lru_cache(maxsize=512)
def _for_pg(sql: str) -> str:
    return sql.replace("?", "%s")


class Raw:
    def __init__(self, conn: Connection) -> None:
        self.pg = conn.dialect.name == "postgresql"
        self.cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

    def _sql(self, sql: str) -> str:
        return _for_pg(sql) if self.pg else sql

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        self.cur.execute(self._sql(sql), params)
        return self.cur.rowcount

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.cur.executemany(self._sql(sql), list(rows))

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        self.cur.execute(self._sql(sql), params)
        return self.cur.fetchone()

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        self.cur.execute(self._sql(sql), params)
        values = self.cur.fetchone()
        if values is None:
            return None
        return Row(_names(tuple(d[0] for d in self.cur.description)), values)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self.cur.execute(self._sql(sql), params)
        index = _names(tuple(d[0] for d in self.cur.description))
        return [Row(index, v) for v in self.cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        r = self.one(sql, params)
        return None if r is None else r[0]


@lru_cache(maxsize=64)
def _names(columns: tuple[str, ...]) -> dict[str, int]:
    return {c: i for i, c in enumerate(columns)}


def raw(conn: Connection) -> Raw:
    """One Raw per SQLAlchemy connection and transaction (kept in conn.info, dropped at commit)."""
    r = conn.info.get("_raw")
    if r is None:
        r = Raw(conn)
        conn.info["_raw"] = r
    return r
