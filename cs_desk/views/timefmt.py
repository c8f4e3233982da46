"""Local, translated renderings of server UTC times."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from cs_desk.domain.clock import parse_iso


def duration(seconds: float) -> str:
    """Compact, e.g. '45 s', '12 min', '3 h 5 min', '2 d'."""
    s = max(0, int(seconds))
    if s < 60:
        return QCoreApplication.translate("timefmt", "%n s", None, s)
    if s < 3600:
        return QCoreApplication.translate("timefmt", "%n min", None, s // 60)
    if s < 86400:
        h, m = divmod(s // 60, 60)
        hours = QCoreApplication.translate("timefmt", "%n h", None, h)
        return hours + (" " + QCoreApplication.translate("timefmt", "%n min", None, m) if m and h < 10 else "")
    return QCoreApplication.translate("timefmt", "%n d", None, s // 86400)


def since(iso: str | None, now: datetime | None = None) -> float | None:
    if not iso:
        return None
    now = now or datetime.now(UTC)
    return (now - parse_iso(iso)).total_seconds()


def local_time(iso: str | None, with_date: bool = True) -> str:
    """A server UTC time shown in the user's time zone and locale format."""
    if not iso:
        return ""
    dt = parse_iso(iso)
    q = QDateTime.fromSecsSinceEpoch(int(dt.timestamp()), QTimeZone.utc()).toLocalTime()
    fmt = QLocale.FormatType.ShortFormat
    return QLocale().toString(q, fmt) if with_date else QLocale().toString(q.time(), fmt)
