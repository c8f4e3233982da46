"""Loads cs_desk's translation and Qt's own for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cs_desk import resources

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str = "") -> str:
    """Installs translators for `language` ('' = the system's). Returns the language in use."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = language or ("zh_CN" if QLocale.system().name().startswith("zh") else "en")
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return lang
    QLocale.setDefault(QLocale(lang))
    ours = QTranslator(app)
    if ours.load(str(resources.path("i18n", f"cs_desk_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
