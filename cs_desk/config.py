"""Settings declared once: key, type and default, stored with QSettings. `VERSION` and `_upgrade`
carry old settings forward when a key changes meaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from cs_desk import APP_NAME

VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any


SERVER_URL = Setting("login/server_url", str, "ws://127.0.0.1:8765/sync")
USER = Setting("login/user", str, "")
CACHE = Setting("login/cache", str, "")
LANGUAGE = Setting("ui/language", str, "")  # "" follows the system; "en" or "zh_CN"
NOTIFICATIONS = Setting("ui/notifications", bool, True)
FONT_SIZE = Setting("ui/font_size", int, 0)  # 0: the platform default
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
STATE = Setting("window/state", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
BOARD_QUEUE_ALERT = Setting("board/queue_alert", int, 5)  # waiting conversations that alert the lead
BOARD_WAIT_ALERT_MIN = Setting("board/wait_alert_min", int, 5)  # or a wait this long

ALL = (SERVER_URL, USER, CACHE, LANGUAGE, NOTIFICATIONS, FONT_SIZE, GEOMETRY, STATE, SPLITTER, BOARD_QUEUE_ALERT,
       BOARD_WAIT_ALERT_MIN)


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(APP_NAME, APP_NAME)
        self._upgrade()

    def _upgrade(self) -> None:
        have = int(self.q.value("meta/version", 0) or 0)
        # version 0 → 1: nothing to move yet; later upgrades go here, one step per version.
        if have != VERSION:
            self.q.setValue("meta/version", VERSION)

    def get(self, s: Setting) -> Any:
        value = self.q.value(s.key, s.default)
        if value is None:
            return s.default
        if s.type is bool and isinstance(value, str):  # some backends keep bools as text
            return value.lower() in ("1", "true", "yes")
        try:
            return s.type(value)
        except (TypeError, ValueError):
            return s.default

    def set(self, s: Setting, value: Any) -> None:
        self.q.setValue(s.key, value)
