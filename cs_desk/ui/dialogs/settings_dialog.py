"""Settings a person changes: server, language, notifications, font size."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cs_desk import config
from cs_desk.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, settings: config.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.server = QLineEdit(settings.get(config.SERVER_URL), self)
        self.server.setToolTip(self.tr("Used at the next login"))
        self.language = QComboBox(self)
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(config.LANGUAGE))))
        self.notifications = QCheckBox(self.tr("Notify me of conversations assigned to me"), self)
        self.notifications.setChecked(settings.get(config.NOTIFICATIONS))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(0, 28)
        self.font_size.setSpecialValueText(self.tr("Default"))
        self.font_size.setValue(settings.get(config.FONT_SIZE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.notifications)
        form.addRow(buttons)

    def _save(self) -> None:
        s = self.settings
        s.set(config.SERVER_URL, self.server.text().strip())
        s.set(config.LANGUAGE, self.language.currentData())
        s.set(config.NOTIFICATIONS, self.notifications.isChecked())
        s.set(config.FONT_SIZE, self.font_size.value())
        self.accept()
