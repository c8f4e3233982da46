"""Server tables (SQLAlchemy Core, portable between SQLite and PostgreSQL).

Times are ISO-8601 UTC text ending in Z: they sort as text on both engines and go on the wire as is.
Lists (tags, order items) are JSON text. Event bodies are the exact JSON sent to clients, so
catch-up joins stored bytes instead of re-encoding rows."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))

teams = Table(
    "teams",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    # 'off', 'confirm' (the agent must confirm a reply holding a sensitive word) or 'block' (refused)
    Column("sensitive_mode", String(16), nullable=False, default="confirm"),
    # SLA policy in seconds (0 = that clock off); defaults: 24 h response, 48 h solution
    Column("sla_first_response_s", Integer, nullable=False, default=24 * 3600),
    Column("sla_next_response_s", Integer, nullable=False, default=24 * 3600),
    Column("sla_resolution_s", Integer, nullable=False, default=48 * 3600),
    # routing: strategy (round_robin / sequential / least_load / fill_up), returning customers to their
    # owner first (within returning_days), overflow to another team after a wait, and the round-robin
    # pointer (who got the last conversation)
    Column("routing_strategy", String(16), nullable=False, default="least_load"),
    Column("returning_first", Boolean, nullable=False, default=True),
    Column("returning_days", Integer, nullable=False, default=7),
    Column("overflow_after_s", Integer, nullable=False, default=0),
    Column("overflow_team", String(64)),
    Column("rr_last_agent", Integer),
    Column("calendar_id", String(64)),  # working hours its SLA clocks run in; NULL: around the clock
    # a customer writing within this many days of the resolution reopens it; later, a new conversation
    Column("reopen_days", Integer, nullable=False, default=7),
    # a satisfaction score at or below this creates a follow-up (回访) for the lead; 0: never
    Column("followup_below", Integer, nullable=False, default=2),
)

# Business-hours calendars (cs_desk.domain.business_hours): hours JSON {"mon": [["09:00", "18:00"]], …},
# holidays JSON ["2026-10-01", …], local time at utc_offset_min.
calendars = Table(
    "calendars",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("utc_offset_min", Integer, nullable=False, default=480),
    Column("hours", Text, nullable=False),
    Column("holidays", Text, nullable=False, default="[]"),
)

# SLA policies by team, category and priority (NULL: any); the most specific match wins over the
# team's own seconds (teams.sla_*). escalate: JSON list of actions on a breach (notify_lead,
# raise_priority, reassign).
sla_policies = Table(
    "sla_policies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(64), ForeignKey("teams.id")),
    Column("category", String(16)),
    Column("priority", String(8)),
    Column("first_response_s", Integer, nullable=False),
    Column("next_response_s", Integer, nullable=False),
    Column("resolution_s", Integer, nullable=False),
    Column("calendar_id", String(64), ForeignKey("calendars.id")),
    Column("escalate", Text, nullable=False, default='["notify_lead", "raise_priority"]'),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("capacity", Integer, nullable=False, default=5),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", String(32), nullable=False),
    # presence: what everyone sees (offline while no socket is connected); presence_choice: what the
    # agent last chose (online / away / offline), restored when they connect again
    Column("presence", String(16), nullable=False, default="offline"),
    Column("presence_choice", String(16), nullable=False, default="online"),
    Column("online_since", String(32)),  # when presence last became online: round-robin order
    Column("rank", Integer, nullable=False, default=0),  # sequential assignment order, lower first
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("region", Text, nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("tags", Text, nullable=False, default="[]"),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("personality", String(16), nullable=False, default=""),  # cs_desk.domain.model.PERSONALITIES
)

orders = Table(
    "orders",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False, index=True),
    Column("total_cents", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("items", Text, nullable=False, default="[]"),
    Column("created_at", String(32), nullable=False),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False, index=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False, index=True),
    Column("assignee_id", Integer, ForeignKey("users.id")),
    Column("status", String(16), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("subject", Text, nullable=False, default=""),
    Column("tags", Text, nullable=False, default="[]"),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("last_message_at", String(32)),
    Column("last_message_preview", Text, nullable=False, default=""),
    Column("last_author_kind", String(16)),
    Column("message_count", Integer, nullable=False, default=0),
    Column("first_response_at", String(32)),
    Column("sla_kind", String(16)),
    Column("sla_due_at", String(32)),
    Column("sla_warn_at", String(32)),
    Column("resolved_at", String(32)),
    Column("csat_score", Integer),
    Column("csat_comment", Text),
    Column("owner_id", Integer),  # first responder (首问负责制), until resolved or explicitly transferred
    Column("waiting_since", String(32)),  # entered its team's queue unassigned (queue order, overflow)
    Column("assign_reason", Text),  # JSON {"steps": [...], "text": "..."}: why it went where it is
    Column("source", Text),  # JSON {"keyword", "landing_page", "origin_page"} from the channel
    # category and priority (cs_desk.domain.classify); classified: JSON {"by": "auto"|"agent", "words": [...],
    # "agent_id"}: the business words that decided it, or who chose it by hand (then it stays)
    Column("category", String(16), nullable=False, default="consultation"),
    Column("priority", String(8), nullable=False, default="normal"),
    Column("classified", Text),
    # the last SLA alert sent for the running clock: "warned:<kind>:<due>" or "breached:<kind>:<due>"
    Column("sla_stage", Text),
    # the satisfaction survey of the latest resolution: asked at, answered at (csat_score/_comment)
    Column("survey_sent_at", String(32)),
    Column("csat_at", String(32)),
    Index("ix_conversations_sla_warn", "sla_warn_at"),
)

# Every assignment, for "today's total" (fill-up), returning customers and, later, metrics.
assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", Integer, ForeignKey("conversations.id"), nullable=False, index=True),
    Column("agent_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("team_id", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("how", String(16), nullable=False),  # route / claim / assign / transfer
    Index("ix_assignments_agent_at", "agent_id", "at"),
)

# Advanced rules (高级分配), evaluated in position order for conversations arriving in team_id.
routing_rules = Table(
    "routing_rules",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("field", String(32), nullable=False),
    Column("op", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("to_team", String(64), ForeignKey("teams.id")),
    Column("to_agent", Integer, ForeignKey("users.id")),
)

messages = Table(
    "messages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("conversation_id", Integer, ForeignKey("conversations.id"), nullable=False),
    Column("author_kind", String(16), nullable=False),
    Column("author_id", Integer),
    Column("kind", String(16), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    # system messages: what happened, as data (JSON), so each client words it in its own language
    Column("meta", Text),
    Index("ix_messages_conv_time", "conversation_id", "created_at"),
)

snippets = Table(
    "snippets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("shortcut", String(64), nullable=False, unique=True),
    Column("category", Text, nullable=False, default=""),
    Column("team_id", String(64), ForeignKey("teams.id")),
)

# A customer's handle on each channel (Taobao nickname, WeChat id, web visitor id…): how the intake
# recognises a returning customer who left no e-mail or phone, and what the agent sees in the profile.
customer_identities = Table(
    "customer_identities",
    metadata,
    Column("channel", String(32), nullable=False),
    Column("handle", String(200), nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False, index=True),
    PrimaryKeyConstraint("channel", "handle"),
)

# Follow-ups (回访) for a team's lead: a low satisfaction score asks someone to call the customer back.
followups = Table(
    "followups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", Integer, ForeignKey("conversations.id"), nullable=False, index=True),
    Column("team_id", String(64), nullable=False),
    Column("reason", String(16), nullable=False),  # low_score
    Column("score", Integer),
    Column("comment", Text),
    Column("created_at", String(32), nullable=False),
    Column("done_at", String(32)),
    Column("done_by", Integer),
    Column("outcome", Text),  # what the lead noted when closing it
)

# Knowledge-base vocabulary for classifying conversations: business words (业务词) name a category,
# synonyms (同义词) map what customers write onto a standard word. team_id NULL: every team.
kb_words = Table(
    "kb_words",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("word", Text, nullable=False),
    Column("category", String(16), nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id")),
)

kb_synonyms = Table(
    "kb_synonyms",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("variant", Text, nullable=False),
    Column("standard", Text, nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id")),
)

sensitive_words = Table(
    "sensitive_words",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("word", Text, nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id")),  # NULL: every team
)

# Columns added after a table first shipped: create_all() makes missing tables only, so an older data
# directory gets these with ALTER TABLE ADD COLUMN (additive only; Alembic takes over with PostgreSQL
# deployments).
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "teams": ("sensitive_mode", "sla_first_response_s", "sla_next_response_s", "sla_resolution_s",
              "routing_strategy", "returning_first", "returning_days", "overflow_after_s", "overflow_team",
              "rr_last_agent", "calendar_id", "reopen_days", "followup_below"),
    "users": ("presence", "presence_choice", "online_since", "rank"),
    "messages": ("meta",),
    "customers": ("personality",),
    "conversations": ("sla_kind", "sla_due_at", "sla_warn_at", "resolved_at", "csat_score", "csat_comment",
                      "owner_id", "waiting_since", "assign_reason", "source", "category", "priority", "classified", "sla_stage",
                      "survey_sent_at", "csat_at"),
}

# team_id NULL: every user sees the event; ADMIN_ONLY: only admins (customers with no conversation yet).
ADMIN_ONLY = "*admin"

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("team_id", String(64)),
    Column("kind", String(32), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_events_team_seq", "team_id", "seq"),
)

# Customer files (cs_desk.server.files): stored content-addressed under the data directory; a file is
# readable by the teams in file_teams (the uploading channel's team, and later those of the
# conversations it is attached to).
files = Table(
    "files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("mime", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("width", Integer),
    Column("height", Integer),
    Column("thumb", Boolean, nullable=False, default=False),
    Column("created_at", String(32), nullable=False),
)

file_teams = Table(
    "file_teams",
    metadata,
    Column("sha256", String(64), ForeignKey("files.sha256"), nullable=False),
    Column("team_id", String(64), nullable=False),
    PrimaryKeyConstraint("sha256", "team_id"),
)

# Files attached to messages (the message event's meta carries the same list, for clients).
message_files = Table(
    "message_files",
    metadata,
    Column("message_id", String(36), nullable=False),
    Column("conversation_id", Integer, nullable=False, index=True),
    Column("sha256", String(64), ForeignKey("files.sha256"), nullable=False),
    Column("name", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("message_id", "position"),
)

# An agent's uploads: the SHA-256 of the bytes the workstation sent (and named in its queued message)
# → the stored file, which differs for images because they are re-encoded without their metadata.
file_uploads = Table(
    "file_uploads",
    metadata,
    Column("user_id", Integer, nullable=False),
    Column("sent_sha256", String(64), nullable=False),
    Column("sha256", String(64), ForeignKey("files.sha256"), nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("user_id", "sent_sha256"),
)

# Who uploaded a file through a channel: "key:<api key hash>" (the intake API) or
# "visitor:<widget key hash>:<handle>" (a web-chat visitor). A customer's message may name only files
# its own sender uploaded, or files already in the conversation: a hash alone opens nothing.
file_owners = Table(
    "file_owners",
    metadata,
    Column("owner", String(200), nullable=False),
    Column("sha256", String(64), ForeignKey("files.sha256"), nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("owner", "sha256"),
)

# The team-metrics fold as of a log position (cs_desk.domain.metrics_state), so a starting server
# reads the log after it instead of all of it. A cache: dropping the row only costs a rebuild.
metrics_snapshots = Table(
    "metrics_snapshots",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("body", LargeBinary, nullable=False),  # zlib-compressed JSON
    Column("created_at", String(32), nullable=False),
)

mutations = Table(
    "mutations",
    metadata,
    Column("client_id", String(36), nullable=False),
    Column("n", BigInteger, nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("result", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("client_id", "n"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

# Web-chat widgets (public id → the widget's own intake key) and their anonymous visitors.
widgets = Table(
    "widgets",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("key_hash", String(64), ForeignKey("api_keys.key_hash"), nullable=False),
    Column("created_at", String(32), nullable=False),
)

visitors = Table(
    "visitors",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("widget_id", String(32), ForeignKey("widgets.id"), nullable=False),
    Column("handle", String(40), nullable=False),  # the customer's identity on the widget's channel
    Column("created_at", String(32), nullable=False),
)

# Outgoing webhooks per channel, and their deliveries (an outbox: written with the reply, sent after).
webhooks = Table(
    "webhooks",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("url", Text, nullable=False),
    Column("secret", String(64), nullable=False),  # HMAC key; the database file is owner-only
    Column("created_at", String(32), nullable=False),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", String(32), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("delivered_at", String(32)),
    Column("last_error", Text),
    Index("ix_webhook_deliveries_due", "delivered_at", "next_at"),
)

intake_requests = Table(
    "intake_requests",
    metadata,
    Column("key_hash", String(64), nullable=False),
    Column("idempotency_key", String(200), nullable=False),
    Column("result", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("key_hash", "idempotency_key"),
)
