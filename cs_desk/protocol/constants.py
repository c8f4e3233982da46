"""Wire constants of csync.v1. docs/protocol.md is the human spec; change both together."""

VERSION = 1
SUBPROTOCOL = "csync.v1.json"
MAX_FRAME_BYTES = 1024 * 1024
PAGE_SIZE = 1000  # events per catch-up page
SNAPSHOT_PAGE_SIZE = 1000  # rows per snapshot page
MAX_MUTATIONS_PER_FRAME = 200
AUTH_TIMEOUT_S = 5.0
PING_INTERVAL_S = 20.0
PING_TIMEOUT_S = 20.0
MAX_CONNECTIONS_PER_USER = 5

# Close codes (RFC 6455 private range 4000-4999). The close reason repeats the error code.
CLOSE_PROTOCOL = 4000  # a frame before/instead of hello, or a malformed hello
CLOSE_AUTH_FAILED = 4001  # wrong user/password, unknown, expired or revoked token
CLOSE_AUTH_TIMEOUT = 4002  # no hello within AUTH_TIMEOUT_S
CLOSE_TOO_MANY = 4003  # more than MAX_CONNECTIONS_PER_USER for this user
CLOSE_UNSUPPORTED_VERSION = 4010
CLOSE_SERVER_SHUTDOWN = 1001  # going away
CLOSE_TOO_BIG = 1009  # frame above MAX_FRAME_BYTES (sent by the websocket layer)

# Error codes carried by `error` frames and in `rejected` results.
E_BAD_JSON = "bad_json"
E_BAD_FRAME = "bad_frame"
E_UNKNOWN_TYPE = "unknown_type"
E_BINARY = "binary_not_supported"
E_AUTH = "auth_failed"
E_FORBIDDEN = "forbidden"
E_CONFLICT = "conflict"
E_NOT_FOUND = "not_found"
E_INVALID = "invalid"
E_TOO_MANY = "too_many_connections"
E_AUTH_TIMEOUT = "auth_timeout"
E_AUTH_THROTTLED = "auth_throttled"  # too many wrong passwords for a name or from an address
E_UNSUPPORTED_VERSION = "unsupported_version"
E_CLIENT_ID_IN_USE = "client_id_in_use"
E_SENSITIVE = "sensitive_word"  # a reply holding a word the team blocks

ACTIVITY_TTL_S = 60.0  # a colleague's "viewing"/"typing" is forgotten this long after its last frame
