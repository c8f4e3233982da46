"""Server, user and password. The password goes to the sync engine's memory, never to disk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget


class LoginDialog(QDialog):
    def __init__(self, server_url: str = "", user: str = "", message: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to cs_desk"))
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("ws://server:8765/sync")
        # a whole wss://desk.example-shop.cn/sync address fits without scrolling
        self.server.setMinimumWidth(self.server.fontMetrics().horizontalAdvance("x" * 42))
        self.user = QLineEdit(user, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(message, self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may carry a server's error text
        self.message.setStyleSheet("color: #c62828;")
        self.message.setVisible(bool(message))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)
        form.addRow(buttons)
        (self.password if user else self.user).setFocus()

    def _accept(self) -> None:
        url = self.server.text().strip()
        if not url.startswith(("ws://", "wss://")):
            self._error(self.tr("The server address starts with ws:// or wss://"))
            return
        if not self.user.text().strip() or not self.password.text():
            self._error(self.tr("Enter your user name and password"))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def values(self) -> tuple[str, str, str]:
        return self.server.text().strip(), self.user.text().strip(), self.password.text()
