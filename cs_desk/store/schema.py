"""Client cache schema, migrated by PRAGMA user_version. Append a migration, never edit one."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the first cache layout
    """
    -- server_row: the last state the server sent (JSON), kept under the optimistic columns so a
    -- refused change can be undone exactly.
    CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE teams(id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '');
    CREATE TABLE agents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, display_name TEXT NOT NULL,
        team_id TEXT NOT NULL, role TEXT NOT NULL, capacity INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        server_row TEXT);
    CREATE TABLE orders(id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL, total_cents INTEGER NOT NULL,
        status TEXT NOT NULL, items TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL);
    CREATE INDEX orders_customer ON orders(customer_id, created_at);
    CREATE TABLE conversations(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, team_id TEXT NOT NULL,
        assignee_id INTEGER, status TEXT NOT NULL, channel TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        last_message_at TEXT, last_message_preview TEXT NOT NULL DEFAULT '', last_author_kind TEXT,
        message_count INTEGER NOT NULL DEFAULT 0, first_response_at TEXT,
        unread INTEGER NOT NULL DEFAULT 0, server_row TEXT);
    CREATE INDEX conversations_queue ON conversations(status, team_id, assignee_id, last_message_at);
    CREATE INDEX conversations_customer ON conversations(customer_id);
    -- state: pending (in the outbox) / sent / failed (error says why); server rows are always sent.
    CREATE TABLE messages(id TEXT PRIMARY KEY, conversation_id INTEGER NOT NULL, author_kind TEXT NOT NULL,
        author_id INTEGER, kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'sent', error TEXT);
    CREATE INDEX messages_conv ON messages(conversation_id, created_at);
    CREATE TABLE snippets(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
        shortcut TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', team_id TEXT);
    -- AUTOINCREMENT: n is never reused, even after rows are acked and deleted.
    CREATE TABLE outbox(n INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, args TEXT NOT NULL,
        created_at TEXT NOT NULL);
    -- refusals of mutations that have no message row to carry them (tags, status, ...)
    CREATE TABLE notices(id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, op TEXT NOT NULL,
        code TEXT NOT NULL, reason TEXT NOT NULL, args TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0);

    -- trigram finds Chinese and Latin substrings of 3+ characters; shorter queries use LIKE.
    CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='rowid',
        tokenize='trigram');
    CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body); END;
    CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body); END;
    CREATE TRIGGER messages_au AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
        INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body); END;

    CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, phone, region, note, tags,
        content='customers', content_rowid='id', tokenize='trigram');
    CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, name, email, phone, region, note, tags)
        VALUES (new.id, new.name, new.email, new.phone, new.region, new.note, new.tags); END;
    CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, region, note, tags)
        VALUES ('delete', old.id, old.name, old.email, old.phone, old.region, old.note, old.tags); END;
    CREATE TRIGGER customers_au AFTER UPDATE OF name, email, phone, region, note, tags ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, region, note, tags)
        VALUES ('delete', old.id, old.name, old.email, old.phone, old.region, old.note, old.tags);
        INSERT INTO customers_fts(rowid, name, email, phone, region, note, tags)
        VALUES (new.id, new.name, new.email, new.phone, new.region, new.note, new.tags); END;

    CREATE VIRTUAL TABLE snippets_fts USING fts5(title, body, shortcut, category,
        content='snippets', content_rowid='id', tokenize='trigram');
    CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN
        INSERT INTO snippets_fts(rowid, title, body, shortcut, category)
        VALUES (new.id, new.title, new.body, new.shortcut, new.category); END;
    CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN
        INSERT INTO snippets_fts(snippets_fts, rowid, title, body, shortcut, category)
        VALUES ('delete', old.id, old.title, old.body, old.shortcut, old.category); END;
    CREATE TRIGGER snippets_au AFTER UPDATE ON snippets BEGIN
        INSERT INTO snippets_fts(snippets_fts, rowid, title, body, shortcut, category)
        VALUES ('delete', old.id, old.title, old.body, old.shortcut, old.category);
        INSERT INTO snippets_fts(rowid, title, body, shortcut, category)
        VALUES (new.id, new.title, new.body, new.shortcut, new.category); END;
    """,
    # 2: SLA deadlines, satisfaction and presence from the server; sensitive words per team
    """
    ALTER TABLE conversations ADD COLUMN sla_due_at TEXT;
    ALTER TABLE conversations ADD COLUMN sla_kind TEXT;
    ALTER TABLE conversations ADD COLUMN sla_warn_at TEXT;
    ALTER TABLE conversations ADD COLUMN resolved_at TEXT;
    ALTER TABLE conversations ADD COLUMN csat_score INTEGER;
    ALTER TABLE conversations ADD COLUMN csat_comment TEXT;
    ALTER TABLE conversations ADD COLUMN owner_id INTEGER;
    ALTER TABLE conversations ADD COLUMN waiting_since TEXT;
    ALTER TABLE conversations ADD COLUMN assign_reason TEXT;
    ALTER TABLE conversations ADD COLUMN source TEXT;
    CREATE INDEX conversations_sla ON conversations(team_id, sla_due_at);
    CREATE INDEX conversations_mine_sla ON conversations(assignee_id, sla_due_at);
    -- newest first: a 1-2 character search (LIKE, trigram cannot) walks this and stops at its page
    CREATE INDEX messages_time ON messages(created_at);
    ALTER TABLE agents ADD COLUMN presence TEXT NOT NULL DEFAULT 'offline';
    ALTER TABLE teams ADD COLUMN sensitive_mode TEXT NOT NULL DEFAULT 'confirm';
    CREATE TABLE sensitive_words(id INTEGER PRIMARY KEY, word TEXT NOT NULL, team_id TEXT);
    ALTER TABLE messages ADD COLUMN meta TEXT;
    ALTER TABLE customers ADD COLUMN identities TEXT NOT NULL DEFAULT '{}';
    -- the customer index learns the channel handles (agents search a Taobao nickname or WeChat id)
    DROP TRIGGER customers_ai;
    DROP TRIGGER customers_ad;
    DROP TRIGGER customers_au;
    DROP TABLE customers_fts;
    CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, phone, region, note, tags, identities,
        content='customers', content_rowid='id', tokenize='trigram');
    CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, name, email, phone, region, note, tags, identities)
        VALUES (new.id, new.name, new.email, new.phone, new.region, new.note, new.tags, new.identities); END;
    CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, region, note, tags, identities)
        VALUES ('delete', old.id, old.name, old.email, old.phone, old.region, old.note, old.tags, old.identities); END;
    CREATE TRIGGER customers_au AFTER UPDATE OF name, email, phone, region, note, tags, identities ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, region, note, tags, identities)
        VALUES ('delete', old.id, old.name, old.email, old.phone, old.region, old.note, old.tags, old.identities);
        INSERT INTO customers_fts(rowid, name, email, phone, region, note, tags, identities)
        VALUES (new.id, new.name, new.email, new.phone, new.region, new.note, new.tags, new.identities); END;
    INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
    """,
    # 3: category and priority (cs_desk.domain.classify), and what decided them
    """
    ALTER TABLE conversations ADD COLUMN category TEXT NOT NULL DEFAULT 'consultation';
    ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
    ALTER TABLE conversations ADD COLUMN classified TEXT;
    ALTER TABLE customers ADD COLUMN personality TEXT NOT NULL DEFAULT '';
    ALTER TABLE conversations ADD COLUMN survey_sent_at TEXT;
    ALTER TABLE conversations ADD COLUMN csat_at TEXT;
    CREATE TABLE followups(id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL, team_id TEXT NOT NULL,
        reason TEXT NOT NULL, score INTEGER, comment TEXT, created_at TEXT NOT NULL, done_at TEXT,
        done_by INTEGER, outcome TEXT, server_row TEXT);
    CREATE INDEX followups_conv ON followups(conversation_id);
    CREATE TABLE kb_synonyms(id INTEGER PRIMARY KEY, variant TEXT NOT NULL, standard TEXT NOT NULL, team_id TEXT);
    """,
    # 4: the last team metrics the server answered, per question, to show offline with their time
    """
    CREATE TABLE metrics_cache(key TEXT PRIMARY KEY, data BLOB NOT NULL, as_of TEXT NOT NULL);
    """,
    # 5: customer files fetched from the server (thumbnails and full files), least recently used first out
    """
    CREATE TABLE file_cache(sha256 TEXT NOT NULL, kind TEXT NOT NULL, data BLOB NOT NULL, size INTEGER NOT NULL,
        used_at TEXT NOT NULL, PRIMARY KEY (sha256, kind));
    CREATE INDEX file_cache_used ON file_cache(used_at);
    """,
    # 6: files the agent attached to a queued message, with their bytes, until the message is sent
    # (uploaded: the server's answer once the upload went through, so it is not uploaded twice)
    """
    CREATE TABLE outbox_files(sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, mime TEXT NOT NULL,
        size INTEGER NOT NULL, width INTEGER, height INTEGER, thumb INTEGER NOT NULL DEFAULT 0,
        data BLOB NOT NULL, uploaded TEXT, created_at TEXT NOT NULL);
    """,
]
