<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Composer</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="48" />
        <source>Reply… (Enter to send, Shift+Enter for a new line, / for snippets)</source>
        <translation>回复…（Enter 发送，Shift+Enter 换行，/ 插入快捷回复）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="52" />
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="53" />
        <source>Only your team sees internal notes</source>
        <translation>只有本组同事能看到内部备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="54" />
        <source>Snippets</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="55" />
        <location filename="../../cs_desk/ui/conversation/composer.py" line="73" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="73" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
</context>
<context>
    <name>ConnectionSegment</name>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="28" />
        <source>Offline — changes are kept and sent later</source>
        <translation>离线 — 操作已保存，联网后自动发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="29" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="30" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="31" />
        <source>Catching up…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="32" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="33" />
        <source>Logged out — log in again</source>
        <translation>已退出登录 — 请重新登录</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="52" />
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="54" />
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="62" />
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="70" />
        <source>Select a conversation in the queue</source>
        <translation>请在左侧队列中选择一个会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98" />
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98" />
        <source>Pending</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="98" />
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="120" />
        <source>Unknown customer</source>
        <translation>未知客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="122" />
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="124" />
        <source>Assignee: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="126" />
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="140" />
        <source>Nobody (back to the team queue)</source>
        <translation>无人（退回组内队列）</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="34" />
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="84" />
        <source>reply: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="84" />
        <source>note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="87" />
        <source>add tag %1</source>
        <translation>添加标签 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="87" />
        <source>remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="89" />
        <source>set status %1</source>
        <translation>设置状态 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="91" />
        <source>edit customer %1</source>
        <translation>修改客户 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="93" />
        <source>assignment</source>
        <translation>分配</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="12" />
        <source>Log in to cs_desk</source>
        <translation>登录 cs_desk</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="23" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="27" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="28" />
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="29" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="37" />
        <source>The server address starts with ws:// or wss://</source>
        <translation>服务器地址须以 ws:// 或 wss:// 开头</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="40" />
        <source>Enter your user name and password</source>
        <translation>请输入用户名和密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="68" />
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="69" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="70" />
        <source>Go to queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="71" />
        <source>Go to reply</source>
        <translation>转到回复框</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="72" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="73" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="74" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="81" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="140" />
        <source>(%1 unread) %2</source>
        <translation>（%1 条未读）%2</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="47" />
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="49" />
        <source>Not sent: %1 — click to retry</source>
        <translation>未发送：%1 — 点击重试</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="50" />
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="55" />
        <source>Internal note · %1</source>
        <translation>内部备注 · %1</translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="121" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="122" />
        <source>Agent</source>
        <translation>客服</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../cs_desk/ui/notifier.py" line="49" />
        <source>New conversation assigned to you: %1</source>
        <translation>新会话已分配给您：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/notifier.py" line="50" />
        <source>%n conversations assigned to you</source>
        <translation><numerusform>%n 个会话已分配给您</numerusform></translation>
    </message>
</context>
<context>
    <name>OutboxSegment</name>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23" />
        <source>Outbox: %n</source>
        <translation><numerusform>待发送：%n</numerusform></translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23" />
        <source>All sent</source>
        <translation>已全部发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="31" />
        <source>Nothing waiting</source>
        <translation>没有待发送的内容</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="33" />
        <source>Waiting: %1</source>
        <translation>待发送：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="35" />
        <source>Not sent: %1 (%2) — retry</source>
        <translation>未发送：%1（%2）— 重试</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127" />
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="127" />
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="128" />
        <source>Unread</source>
        <translation>未读</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33" />
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33" />
        <source>Team</source>
        <translation>本组</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="33" />
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="36" />
        <source>Search customers and messages (Ctrl+F)</source>
        <translation>搜索客户和消息（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="39" />
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="40" />
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="41" />
        <source>Pending</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="93" />
        <source>Any channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="94" />
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="24" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="26" />
        <source>Used at the next login</source>
        <translation>下次登录时生效</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="28" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="32" />
        <source>Notify me of conversations assigned to me</source>
        <translation>有会话分配给我时通知我</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="36" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="42" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="43" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="44" />
        <source>Font size</source>
        <translation>字号</translation>
    </message>
</context>
<context>
    <name>s.window</name>
    <message>
        <location filename="../../cs_desk/gui.py" line="147" />
        <source>No system keyring: you will log in again next time</source>
        <translation>系统没有密钥环：下次启动需要重新登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/gui.py" line="160" />
        <source>Your session ended. Log in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="16" />
        <source>%n s</source>
        <translation><numerusform>%n 秒</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="18" />
        <location filename="../../cs_desk/views/timefmt.py" line="22" />
        <source>%n min</source>
        <translation><numerusform>%n 分钟</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="21" />
        <source>%n h</source>
        <translation><numerusform>%n 小时</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="23" />
        <source>%n d</source>
        <translation><numerusform>%n 天</numerusform></translation>
    </message>
</context>
</TS>