<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Composer</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="48"/>
        <source>Reply… (Enter to send, Shift+Enter for a new line, / for snippets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="52"/>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="53"/>
        <source>Only your team sees internal notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="54"/>
        <source>Snippets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="55"/>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="73"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="73"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionSegment</name>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="28"/>
        <source>Offline — changes are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="29"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="30"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="31"/>
        <source>Catching up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="32"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="33"/>
        <source>Logged out — log in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="52"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="54"/>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="62"/>
        <source>Add tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="70"/>
        <source>Select a conversation in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="120"/>
        <source>Unknown customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="122"/>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="124"/>
        <source>Assignee: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="126"/>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="140"/>
        <source>Nobody (back to the team queue)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="34"/>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="84"/>
        <source>reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="84"/>
        <source>note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="87"/>
        <source>add tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="87"/>
        <source>remove tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="89"/>
        <source>set status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="91"/>
        <source>edit customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="93"/>
        <source>assignment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="12"/>
        <source>Log in to cs_desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="23"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="27"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="28"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="29"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="37"/>
        <source>The server address starts with ws:// or wss://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="40"/>
        <source>Enter your user name and password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="68"/>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="69"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="70"/>
        <source>Go to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="71"/>
        <source>Go to reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="72"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="73"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="74"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="81"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="140"/>
        <source>(%1 unread) %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="47"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="49"/>
        <source>Not sent: %1 — click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="50"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="55"/>
        <source>Internal note · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="121"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="122"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../cs_desk/ui/notifier.py" line="49"/>
        <source>New conversation assigned to you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/notifier.py" line="50"/>
        <source>%n conversations assigned to you</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxSegment</name>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23"/>
        <source>Outbox: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23"/>
        <source>All sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="31"/>
        <source>Nothing waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="33"/>
        <source>Waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="35"/>
        <source>Not sent: %1 (%2) — retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="128"/>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33"/>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33"/>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="36"/>
        <source>Search customers and messages (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="39"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="40"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="41"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="93"/>
        <source>Any channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="94"/>
        <source>Any tag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="24"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="26"/>
        <source>Used at the next login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="28"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="32"/>
        <source>Notify me of conversations assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="36"/>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="42"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="43"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="44"/>
        <source>Font size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s.window</name>
    <message>
        <location filename="../../cs_desk/gui.py" line="147"/>
        <source>No system keyring: you will log in again next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cs_desk/gui.py" line="160"/>
        <source>Your session ended. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="16"/>
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="18"/>
        <location filename="../../cs_desk/views/timefmt.py" line="22"/>
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="21"/>
        <source>%n h</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="23"/>
        <source>%n d</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
