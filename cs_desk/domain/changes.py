"""What an operation or a synced page changed, so views refresh only that (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    conversations: set[int] = field(default_factory=set)
    messages: set[str] = field(default_factory=set)
    customers: set[int] = field(default_factory=set)
    removed_conversations: set[int] = field(default_factory=set)
    orders: bool = False
    snippets: bool = False
    sensitive_words: bool = False
    agents: bool = False
    teams: bool = False
    outbox: bool = False
    notices: bool = False
    reset: bool = False  # a snapshot replaced the cache: reload everything

    def merge(self, other: Changes) -> Changes:
        self.conversations |= other.conversations
        self.messages |= other.messages
        self.customers |= other.customers
        self.removed_conversations |= other.removed_conversations
        for name in ("orders", "snippets", "sensitive_words", "agents", "teams", "outbox", "notices",
                     "reset"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        return self

    def __bool__(self) -> bool:
        return bool(self.conversations or self.messages or self.customers or self.removed_conversations
                    or self.orders or self.snippets or self.sensitive_words or self.agents or self.teams or self.outbox
                    or self.notices or self.reset)
