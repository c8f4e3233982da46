"""Knowledge-base vocabulary the classifier reads: business words (业务词, word → category) and
synonyms (同义词, how customers say a standard word), for all teams or one. `try_text` is the
handbook's answer test (应答测试): what a sample question would be classified as, and why."""

from __future__ import annotations

from sqlalchemy import Connection, select

from cs_desk.domain.classify import CATEGORIES, Classification, classify
from cs_desk.server import schema
from cs_desk.server.classification import lexicon

MAX_WORD_CHARS = 50


def _word(text: str, what: str) -> str:
    text = text.strip()
    if not text or len(text) > MAX_WORD_CHARS:
        raise ValueError(f"a {what} has 1 to {MAX_WORD_CHARS} characters")
    return text


def _team(conn: Connection, team_id: str | None) -> None:
    if team_id is not None and conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is None:
        raise ValueError(f"no team {team_id!r}")


def add_business_word(conn: Connection, word: str, category: str, team_id: str | None = None) -> int:
    word = _word(word, "business word")
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
    _team(conn, team_id)
    w = schema.kb_words.c
    same = select(w.id).where(w.word == word, w.team_id.is_(None) if team_id is None else w.team_id == team_id)
    if conn.execute(same).first() is not None:
        raise ValueError(f"{word!r} is a business word already; remove it first to change its category")
    return int(conn.execute(schema.kb_words.insert().values(word=word, category=category, team_id=team_id))
               .inserted_primary_key[0])


def remove_business_word(conn: Connection, word: str, team_id: str | None = None) -> int:
    w = schema.kb_words.c
    return conn.execute(schema.kb_words.delete().where(
        w.word == word.strip(), w.team_id.is_(None) if team_id is None else w.team_id == team_id)).rowcount


def add_synonym(conn: Connection, variant: str, standard: str, team_id: str | None = None) -> int:
    variant, standard = _word(variant, "synonym"), _word(standard, "standard word")
    if variant == standard:
        raise ValueError("a synonym differs from its standard word")
    _team(conn, team_id)
    s = schema.kb_synonyms.c
    same = select(s.id).where(s.variant == variant, s.team_id.is_(None) if team_id is None else s.team_id == team_id)
    if conn.execute(same).first() is not None:
        raise ValueError(f"{variant!r} is a synonym already")
    return int(conn.execute(schema.kb_synonyms.insert().values(variant=variant, standard=standard, team_id=team_id))
               .inserted_primary_key[0])


def remove_synonym(conn: Connection, variant: str, team_id: str | None = None) -> int:
    s = schema.kb_synonyms.c
    return conn.execute(schema.kb_synonyms.delete().where(
        s.variant == variant.strip(), s.team_id.is_(None) if team_id is None else s.team_id == team_id)).rowcount


def vocabulary(conn: Connection) -> list[tuple[str, str, str, str | None]]:
    """(kind, word, category or standard word, team) of every entry, business words first."""
    out: list[tuple[str, str, str, str | None]] = [
        ("word", r.word, r.category, r.team_id) for r in conn.execute(
            select(schema.kb_words).order_by(schema.kb_words.c.team_id, schema.kb_words.c.word))]
    out += [("synonym", r.variant, r.standard, r.team_id) for r in conn.execute(
        select(schema.kb_synonyms).order_by(schema.kb_synonyms.c.team_id, schema.kb_synonyms.c.variant))]
    return out


def try_text(conn: Connection, text: str, team_id: str) -> Classification:
    _team(conn, team_id)
    return classify(text, lexicon(conn, None, team_id))
