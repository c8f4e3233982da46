"""Exports as the monitor runs them: a page of rows per turn of the event loop, so a long export
(100,000 conversations) keeps the window responsive, shows its progress and can be cancelled (the
half-written file is removed). Conversations come from the local cache, so an export works offline;
metrics come from the figures on screen."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from cs_desk.store import monitor_repo
from cs_desk.views.desk import Desk
from cs_desk.views.export_files import writer_for

PAGE = 2000


class ExportJob(QObject):
    progress = Signal(int, int)  # rows written, rows in all
    finished = Signal(str)  # the file
    failed = Signal(str)  # why

    def __init__(self, path: Path, headers: Sequence[str], pages: Iterator[list[Sequence[Any]]], total: int,
                 sheet: str = "Sheet1", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.total, self.done = path, total, 0
        self._headers, self._pages, self._sheet = headers, pages, sheet
        self._writer: Any = None
        self._cancelled = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        try:
            self._writer = writer_for(self.path, self._headers, self._sheet)
        except OSError as exc:
            self.failed.emit(str(exc))
            return
        self.progress.emit(0, self.total)
        self._timer.start()

    def cancel(self) -> None:
        self._cancelled = True
        self._stop(remove=True)

    def _step(self) -> None:
        try:
            page = next(self._pages, None)
            if page is None:
                self._stop(remove=False)
                self.finished.emit(str(self.path))
                return
            self._writer.rows(page)
        except Exception as exc:  # disk full, file taken away, a bad row: say so, leave no half file
            self._stop(remove=True)
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.done += len(page)
        self.progress.emit(self.done, max(self.total, self.done))

    def _stop(self, remove: bool) -> None:
        self._timer.stop()
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.close()
            self._writer = None
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()


def conversation_pages(desk: Desk, start: str, end: str) -> tuple[int, Iterator[list[Sequence[Any]]]]:
    me = desk.store.me()
    assert me is not None
    conn = desk.store.conn
    total = monitor_repo.count_conversations_between(conn, me, start, end)

    def pages() -> Iterator[list[Sequence[Any]]]:
        after = 0
        while True:
            rows = monitor_repo.conversations_between(conn, me, start, end, after, PAGE)
            if not rows:
                return
            after = rows[-1][0]
            yield [(*r[:-1], ", ".join(_tags(r[-1]))) for r in rows]
    return total, pages()


def _tags(text: str) -> list[str]:
    try:
        tags = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(t) for t in tags] if isinstance(tags, list) else []


def export_conversations(desk: Desk, path: Path, start: str, end: str, headers: Sequence[str],
                         parent: QObject | None = None) -> ExportJob:
    total, pages = conversation_pages(desk, start, end)
    return ExportJob(path, headers, pages, total, "conversations", parent)


def export_rows(path: Path, headers: Sequence[str], rows: list[Sequence[Any]], sheet: str,
                parent: QObject | None = None) -> ExportJob:
    def pages() -> Iterator[list[Sequence[Any]]]:
        for i in range(0, len(rows), PAGE):
            yield rows[i:i + PAGE]
    return ExportJob(path, headers, pages(), len(rows), sheet, parent)


CONVERSATION_COLUMNS = monitor_repo.EXPORT_COLUMNS
