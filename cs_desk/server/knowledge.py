"""Knowledge-base vocabulary the classifier reads: business words (业务词, word → category) and
synonyms (同义词, how customers say a standard word), for all teams or one. `try_text` is the
handbook's answer test (应答测试): what a sample question would be classified as, and why."""

from __future__ import annotations

from sqlalchemy import Connection, select

from cs_desk.domain.classify import CATEGORIES, Classification, classify
from cs_desk.server import schema
from cs_desk.server.classification import lexicon
from cs_desk.server.eventlog import EventWriter

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
    sid = int(conn.execute(schema.kb_synonyms.insert().values(variant=variant, standard=standard, team_id=team_id))
              .inserted_primary_key[0])
    # clients search snippets with synonyms too (退钱 finds the 退款 answers)
    ev = EventWriter(conn)
    ev.emit("kb_synonym", sid, synonym_dict(sid, variant, standard, team_id), [team_id])
    ev.flush()
    return sid


def synonym_dict(sid: int, variant: str, standard: str, team_id: str | None, deleted: bool = False) -> dict:
    d = {"id": sid, "variant": variant, "standard": standard, "team_id": team_id}
    return {**d, "deleted": True} if deleted else d


def remove_synonym(conn: Connection, variant: str, team_id: str | None = None) -> int:
    s = schema.kb_synonyms.c
    rows = conn.execute(select(schema.kb_synonyms).where(
        s.variant == variant.strip(), s.team_id.is_(None) if team_id is None else s.team_id == team_id)).all()
    ev = EventWriter(conn)
    for r in rows:
        conn.execute(schema.kb_synonyms.delete().where(s.id == r.id))
        ev.emit("kb_synonym", r.id, synonym_dict(r.id, r.variant, r.standard, r.team_id, deleted=True), [r.team_id])
    ev.flush()
    return len(rows)


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


# --- snippets (knowledge-base answers agents insert with / or Ctrl+Shift+K) --------------------------


def set_snippet(conn: Connection, shortcut: str, title: str, body: str, category: str = "",
                team_id: str | None = None) -> int:
    """Creates the snippet with this shortcut, or replaces its text. Placeholders such as
    {customer_name} are filled in by the client when the agent inserts it."""
    from cs_desk.server import entities

    shortcut = _word(shortcut.lstrip("/"), "shortcut")
    if not title.strip() or len(title) > 200:
        raise ValueError("a snippet title has 1 to 200 characters")
    if not body.strip() or len(body) > 5000:
        raise ValueError("a snippet body has 1 to 5000 characters")
    if len(category) > 50:
        raise ValueError("a snippet category has at most 50 characters")
    _team(conn, team_id)
    s = schema.snippets.c
    row = conn.execute(select(schema.snippets).where(s.shortcut == shortcut)).first()
    values = {"title": title.strip(), "body": body, "category": category.strip(), "team_id": team_id}
    ev = EventWriter(conn)
    if row is not None and row.team_id != team_id:
        # moving to another team: the old team's clients must drop it
        ev.emit("snippet", row.id, {**entities.snippet_dict(row), "deleted": True}, [row.team_id])
    if row is None:
        sid = int(conn.execute(schema.snippets.insert().values(shortcut=shortcut, **values)).inserted_primary_key[0])
    else:
        sid = row.id
        conn.execute(schema.snippets.update().where(s.id == sid).values(**values))
    new = conn.execute(select(schema.snippets).where(s.id == sid)).first()
    ev.emit("snippet", sid, entities.snippet_dict(new), [team_id])
    ev.flush()
    return sid


def remove_snippet(conn: Connection, shortcut: str) -> int:
    from cs_desk.server import entities

    s = schema.snippets.c
    row = conn.execute(select(schema.snippets).where(s.shortcut == shortcut.lstrip("/").strip())).first()
    if row is None:
        return 0
    conn.execute(schema.snippets.delete().where(s.id == row.id))
    ev = EventWriter(conn)
    ev.emit("snippet", row.id, {**entities.snippet_dict(row), "deleted": True}, [row.team_id])
    ev.flush()
    return 1
