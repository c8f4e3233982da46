"""Tells the agent that the local cache cannot be opened, and offers to put it aside and start anew."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def cache_problem_box(path: str, reason: str, can_move_aside: bool, parent: QWidget | None = None) -> QMessageBox:
    """Yes: move the file aside and continue with a new cache; anything else: quit. With
    `can_move_aside` False (a cache from a newer version) the only way on is to update the app."""
    title = QCoreApplication.translate("CacheProblem", "Local cache")
    if can_move_aside:
        text = QCoreApplication.translate(
            "CacheProblem",
            "The local cache cannot be opened:\n{path}\n({reason})\n\n"
            "cs_desk can put this file aside (it is kept, renamed, for a repair) and start a new cache: "
            "everything synced comes back from the server after you log in. Changes that were not sent "
            "yet stay in the old file.").format(path=path, reason=reason)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close
    else:
        text = QCoreApplication.translate(
            "CacheProblem", "The local cache cannot be opened:\n{path}\n({reason})").format(path=path, reason=reason)
        buttons = QMessageBox.StandardButton.Close
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if can_move_aside:
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("CacheProblem", "Start a new cache"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box
