"""Layer rules import-linter cannot state: views hold no widgets, ui holds no SQL, nothing shows rich text."""

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "cs_desk"


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_views_import_no_widgets():
    bad = {p.name: m for p in (PKG / "views").rglob("*.py") for m in imports(p) if m.startswith("PySide6.QtWidgets")}
    assert bad == {}


def test_ui_has_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[^\n]*\b(FROM|INTO|SET|WHERE)\b")
    bad = [p.name for p in (PKG / "ui").rglob("*.py") if sql.search(p.read_text())]
    assert bad == []


def test_no_rich_text_for_user_data():
    bad = [p.name for p in (PKG / "ui").rglob("*.py") if re.search(r"setHtml\(|TextFormat\.RichText|insertHtml\(",
                                                                 p.read_text())]
    assert bad == []
