<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentChoiceModel</name>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="77"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="77"/>
        <source>Team</source>
        <translation>组</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="77"/>
        <source>Presence</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="77"/>
        <source>Open now</source>
        <translation>当前接待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="80"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="80"/>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="80"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/transfer_targets.py" line="90"/>
        <source>%1 (you)</source>
        <translation>%1（我）</translation>
    </message>
</context>
<context>
    <name>AssignReason</name>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="19"/>
        <source>source keyword</source>
        <translation>来源关键词</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="20"/>
        <source>landing page</source>
        <translation>着陆页</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="21"/>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="22"/>
        <source>page</source>
        <translation>来源页面</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="23"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="25"/>
        <source>rule %1 “%2” → %3</source>
        <translation>规则 %1“%2”→ %3</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="28"/>
        <source>%1 had %2 of %3</source>
        <translation>%1 当前接待 %2/%3</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="30"/>
        <source>%1 not available, so the team decides</source>
        <translation>%1 暂不可接待，由组内分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="32"/>
        <source>returning customer: back to %1</source>
        <translation>回头客：分给上次接待的 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="36"/>
        <source>least load: %1 had %2 of %3</source>
        <translation>负载分配：%1 当前接待 %2/%3</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="39"/>
        <source>fill-up: %1 had %2 today</source>
        <translation>补齐分配：%1 今日已接待 %2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="42"/>
        <source>in order: %1 was first with room</source>
        <translation>顺序分配：%1 排在最前且有空位</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="44"/>
        <source>round robin: %1&apos;s turn</source>
        <translation>轮流分配：轮到 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="46"/>
        <source>nobody online with room: waiting in the queue</source>
        <translation>暂无空闲客服在线：排队等待中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/assign_reason.py" line="48"/>
        <source>waiting to be claimed</source>
        <translation>等待客服认领</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/attachment_strip.py" line="53"/>
        <source>%1 · %2 · double-click to open</source>
        <translation>%1 · %2 · 双击打开</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../cs_desk/views/attachments.py" line="90"/>
        <source>Offline: this file was not opened before</source>
        <translation>离线：这个文件之前没有打开过</translation>
    </message>
</context>
<context>
    <name>CacheProblem</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/cache_problem.py" line="12"/>
        <source>Local cache</source>
        <translation>本地缓存</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/cache_problem.py" line="14"/>
        <source>The local cache cannot be opened:
{path}
({reason})

cs_desk can put this file aside (it is kept, renamed, for a repair) and start a new cache: everything synced comes back from the server after you log in. Changes that were not sent yet stay in the old file.</source>
        <translation>无法打开本地缓存：
{path}
（{reason}）

cs_desk 可以把这个文件移到一边（改名保留，以便修复），并新建一个缓存：登录后，已同步的内容会从服务器重新同步下来。尚未发送的更改仍留在旧文件中。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/cache_problem.py" line="22"/>
        <source>The local cache cannot be opened:
{path}
({reason})</source>
        <translation>无法打开本地缓存：
{path}
（{reason}）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/cache_problem.py" line="29"/>
        <source>Start a new cache</source>
        <translation>新建缓存</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <location filename="../../cs_desk/views/names.py" line="36"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="37"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="38"/>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="39"/>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="40"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="41"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/category_picker.py" line="28"/>
        <location filename="../../cs_desk/ui/conversation/category_picker.py" line="48"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/category_picker.py" line="29"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/category_picker.py" line="43"/>
        <source>Category: chosen by an agent</source>
        <translation>分类：由客服选定</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/category_picker.py" line="46"/>
        <source>Category: from the customer&apos;s words %1</source>
        <translation>分类：根据客户用语 %1</translation>
    </message>
</context>
<context>
    <name>CollisionBanner</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="43"/>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="45"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="44"/>
        <source>%1 and %n others</source>
        <translation>
            <numerusform>%1等%n人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="45"/>
        <source>%1 and %2</source>
        <translation>%1和%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="52"/>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="52"/>
        <source>%1 are typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="55"/>
        <source>%1 is viewing</source>
        <translation>%1 正在查看</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="55"/>
        <source>%1 are viewing</source>
        <translation>%1 正在查看</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="62"/>
        <source>%1 is typing a reply too</source>
        <translation>%1 也在输入回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/collision_banner.py" line="62"/>
        <source>%1 are typing a reply too</source>
        <translation>%1 也在输入回复</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="131"/>
        <source>Reply… (Enter to send, Shift+Enter for a new line, / for snippets)</source>
        <translation>回复…（Enter 发送，Shift+Enter 换行，/ 插入快捷回复）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="132"/>
        <source>Enter or Ctrl+Enter: send · Shift+Enter: new line
/ at the start of a word: insert a snippet
For a plain /: type // or press Esc in the snippet list
Esc: back to the queue</source>
        <translation>Enter 或 Ctrl+Enter：发送 · Shift+Enter：换行
词首输入 /：插入快捷回复
要输入 / 本身：连按 // 或在快捷回复列表中按 Esc
Esc：回到会话队列</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="139"/>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="140"/>
        <source>Only your team sees internal notes</source>
        <translation>只有本组同事能看到内部备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="141"/>
        <source>Snippets</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="142"/>
        <source>Attach…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="143"/>
        <source>Attach images or PDF files (or paste / drop them into the reply box)</source>
        <translation>添加图片或 PDF 文件（也可以粘贴或拖入回复框）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="144"/>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="197"/>
        <source>Attach files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="146"/>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="207"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="178"/>
        <source>At most %1 files go with one message</source>
        <translation>一条消息最多带 %1 个文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="199"/>
        <source>Images and PDF (*.jpg *.jpeg *.png *.gif *.webp *.pdf);;All files (*)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.gif *.webp *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/composer.py" line="207"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
</context>
<context>
    <name>ConnectionSegment</name>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="28"/>
        <source>Offline — changes are kept and sent later</source>
        <translation>离线 — 操作已保存，联网后自动发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="29"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="30"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="31"/>
        <source>Catching up…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="32"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/connection.py" line="33"/>
        <source>Logged out — log in again</source>
        <translation>已退出登录 — 请重新登录</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="74"/>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="76"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="80"/>
        <source>Transfer…</source>
        <translation>转接…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="81"/>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="248"/>
        <source>Hand this conversation to another agent or team, with a reason</source>
        <translation>将此会话转接给其他客服或其他组，并说明原因</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="87"/>
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="107"/>
        <source>Select a conversation in the queue</source>
        <translation>请在左侧队列中选择一个会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="154"/>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="154"/>
        <source>Pending</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="154"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="222"/>
        <source>Unknown customer</source>
        <translation>未知客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="224"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="226"/>
        <source>Assignee: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="228"/>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="231"/>
        <source>Waiting: %1 of %2 in the queue</source>
        <translation>排队中：第 %1 位，共 %2 位</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="236"/>
        <source>Routing: %1</source>
        <translation>分配依据：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="249"/>
        <source>Only the assigned agent or a team lead can transfer this conversation</source>
        <translation>只有当前接待客服或组长可以转接此会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/conversation_pane.py" line="258"/>
        <source>Nobody (back to the team queue)</source>
        <translation>无人（退回组内队列）</translation>
    </message>
</context>
<context>
    <name>ConversationsModel</name>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="154"/>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="154"/>
        <source>Pending</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="155"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="160"/>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
</context>
<context>
    <name>CustomerPresenter</name>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="54"/>
        <source>Web</source>
        <translation>网页</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="55"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="56"/>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="57"/>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="58"/>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="59"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="311"/>
        <source>A customer needs a name.</source>
        <translation>客户姓名不能为空。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="313"/>
        <source>At most %1 characters.</source>
        <translation>最多 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="321"/>
        <source>A tag can have at most %1 characters.</source>
        <translation>标签最多 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>CustomerSidebar</name>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="54"/>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="183"/>
        <source>No customer selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="72"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="87"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="87"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="87"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="88"/>
        <source>Add e-mail</source>
        <translation>添加邮箱</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="88"/>
        <source>Add phone</source>
        <translation>添加电话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="88"/>
        <source>Add region</source>
        <translation>添加地区</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="94"/>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="96"/>
        <source>Personality</source>
        <translation>性格类型</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="103"/>
        <source>No orders</source>
        <translation>暂无订单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="104"/>
        <source>Copy order number</source>
        <translation>复制订单号</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="105"/>
        <source>No conversations</source>
        <translation>暂无会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="107"/>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="112"/>
        <source>Click to open</source>
        <translation>点击打开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="109"/>
        <source>No ratings yet</source>
        <translation>暂无评价</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="110"/>
        <source>No files</source>
        <translation>没有文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="120"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="121"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="122"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="123"/>
        <source>Recent orders</source>
        <translation>最近订单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="124"/>
        <source>Conversations</source>
        <translation>历史会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="125"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="126"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="184"/>
        <source>This customer is not in the local cache yet</source>
        <translation>本地缓存中暂无该客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="196"/>
        <source>Customer since %1</source>
        <translation>注册于 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="207"/>
        <source>Tags (%1)</source>
        <translation>标签（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="208"/>
        <source>Recent orders (%1)</source>
        <translation>最近订单（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="209"/>
        <source>Conversations (%1)</source>
        <translation>历史会话（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="210"/>
        <source>Satisfaction (%1)</source>
        <translation>满意度（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/customer_sidebar.py" line="214"/>
        <source>Average %1 / 5 %2 from %3 ratings</source>
        <translation>平均 %1 / 5 %2（共 %3 条评价）</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="43"/>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="156"/>
        <source>reply: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="156"/>
        <source>note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="159"/>
        <source>add tag %1</source>
        <translation>添加标签 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="159"/>
        <source>remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="161"/>
        <source>set status %1</source>
        <translation>设置状态 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="163"/>
        <source>edit customer %1</source>
        <translation>修改客户 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="165"/>
        <source>set presence %1</source>
        <translation>设置状态 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="167"/>
        <source>transfer: %1</source>
        <translation>转接：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/desk.py" line="169"/>
        <source>assignment</source>
        <translation>分配</translation>
    </message>
</context>
<context>
    <name>EditableLine</name>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="101"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="158"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="159"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>FileViewer</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="38"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="49"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="49"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="49"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="49"/>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="50"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="51"/>
        <source>Open with…</source>
        <translation>用其他程序打开…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="52"/>
        <source>Opens a copy in the program your computer uses for this type</source>
        <translation>用电脑上处理此类文件的程序打开一份副本</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="86"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="90"/>
        <source>%1 (%2): save it, or open it with another program</source>
        <translation>%1（%2）：可另存，或用其他程序打开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="95"/>
        <source>This image cannot be shown (damaged, or too large to decode safely)</source>
        <translation>无法显示这张图片（已损坏，或太大无法安全解码）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="128"/>
        <source>Save file</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/file_viewer.py" line="142"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>FollowupBar</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/followup_bar.py" line="24"/>
        <source>What came of the call?</source>
        <translation>回访结果如何？</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/followup_bar.py" line="26"/>
        <source>Close follow-up</source>
        <translation>完成回访</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/followup_bar.py" line="47"/>
        <source>Follow-up (回访): the customer rated the service %1/5</source>
        <translation>待回访：客户对服务评分 %1/5</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/followup_bar.py" line="49"/>
        <source>: “%1”</source>
        <translation>：“%1”</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="13"/>
        <source>Log in to cs_desk</source>
        <translation>登录 cs_desk</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="27"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="31"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="32"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="33"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="41"/>
        <source>The server address starts with ws:// or wss://</source>
        <translation>服务器地址须以 ws:// 或 wss:// 开头</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/login_dialog.py" line="44"/>
        <source>Enter your user name and password</source>
        <translation>请输入用户名和密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="76"/>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="77"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="78"/>
        <source>Go to queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="79"/>
        <source>Go to reply</source>
        <translation>转到回复框</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="80"/>
        <source>Insert snippet…</source>
        <translation>插入快捷回复…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="81"/>
        <source>Team board</source>
        <translation>团队看板</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="82"/>
        <source>Queue, promises at risk and agents of your team (team leads)</source>
        <translation>本组的排队、即将超时的承诺和客服状态（组长）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="83"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="84"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="85"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="93"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="158"/>
        <source>Team board: a promise was broken</source>
        <translation>团队看板：有会话已超时</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="159"/>
        <source>Team board: the queue is long</source>
        <translation>团队看板：排队过长</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/main_window.py" line="195"/>
        <source>(%1 unread) %2</source>
        <translation>（%1 条未读）%2</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="48"/>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="50"/>
        <source>Not sent: %1 — click to retry</source>
        <translation>未发送：%1 — 点击重试</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="51"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/delegates/message_delegate.py" line="58"/>
        <source>Internal note · %1</source>
        <translation>内部备注 · %1</translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="141"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="142"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="167"/>
        <source>Satisfaction survey sent to the customer</source>
        <translation>已向客户发送满意度调查</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="169"/>
        <source>The customer rated the service %1/5</source>
        <translation>客户对服务评分 %1/5</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="171"/>
        <source>Low score (%1/5): a follow-up call is due from the team lead</source>
        <translation>低分（%1/5）：需要组长回访</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="175"/>
        <source>%1 closed the follow-up: %2</source>
        <translation>%1 完成了回访：%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="181"/>
        <source>SLA warning: %1 is due at %2</source>
        <translation>SLA 预警：%1 将于 %2 到期</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="182"/>
        <source>SLA breached: %1 was due at %2</source>
        <translation>SLA 已超时：%1 应于 %2 完成</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="187"/>
        <source>team lead notified</source>
        <translation>已通知组长</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="189"/>
        <source>priority raised to %1</source>
        <translation>优先级升为%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="192"/>
        <source>reassigned to %1</source>
        <translation>已改派给 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="192"/>
        <source>nobody else was free to take it</source>
        <translation>暂无其他空闲客服可接手</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="173"/>
        <location filename="../../cs_desk/views/message_model.py" line="203"/>
        <source>A colleague</source>
        <translation>一位同事</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="118"/>
        <source>Attachment: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="214"/>
        <source>%1 transferred this conversation from %2 to %3 (%4): %5</source>
        <translation>%1 将此会话从 %2 转接给 %3（%4），转接原因：%5</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="216"/>
        <source>%1 transferred this conversation from %2 to the %3 queue: %4</source>
        <translation>%1 将此会话从 %2 转接到 %3 队列，转接原因：%4</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="219"/>
        <source>%1 transferred this conversation to %2 (%3): %4</source>
        <translation>%1 将此会话转接给 %2（%3），转接原因：%4</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/message_model.py" line="220"/>
        <source>%1 transferred this conversation to the %2 queue: %3</source>
        <translation>%1 将此会话转接到 %2 队列，转接原因：%3</translation>
    </message>
</context>
<context>
    <name>MetricsCharts</name>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="72"/>
        <source>Satisfaction by day</source>
        <translation>每日满意度</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="72"/>
        <source>Average score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="74"/>
        <source>SLA attainment by day</source>
        <translation>每日 SLA 达成率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="74"/>
        <source>Promises kept (%)</source>
        <translation>承诺达成（%）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="82"/>
        <source>Conversations per hour and agents staffed</source>
        <translation>每小时会话量与在岗客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="93"/>
        <source>Conversations per day</source>
        <translation>每日会话量</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="93"/>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="129"/>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="96"/>
        <source>Agents staffed (average)</source>
        <translation>在岗客服（平均）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="127"/>
        <source>First response times</source>
        <translation>首次响应时间分布</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_charts.py" line="171"/>
        <source>%1 (nothing in this range)</source>
        <translation>%1（此范围内无数据）</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="44"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="44"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="44"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="45"/>
        <source>Custom range</source>
        <translation>自定义范围</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="53"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="53"/>
        <source>By agent</source>
        <translation>按客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="53"/>
        <source>By team</source>
        <translation>按团队</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="54"/>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="54"/>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="57"/>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="62"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="77"/>
        <source>Export figures…</source>
        <translation>导出指标…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="78"/>
        <source>Export conversations…</source>
        <translation>导出会话…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="79"/>
        <source>The conversations created in the chosen range, from this computer&apos;s copy (works offline)</source>
        <translation>所选范围内创建的会话，取自本机缓存（离线也可导出）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="157"/>
        <source>Live · computed %1</source>
        <translation>实时 · 计算于 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="159"/>
        <source>Not live: figures as of %1</source>
        <translation>非实时：数据截至 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="161"/>
        <source>No figures yet: they come from the server when you are online</source>
        <translation>暂无数据：联网后由服务器提供</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="165"/>
        <source>The server did not answer: %1</source>
        <translation>服务器未给出结果：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="171"/>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="192"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="173"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="173"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="191"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="191"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="206"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/metrics_panel.py" line="212"/>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>MetricsTable</name>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="40"/>
        <source>Conversations</source>
        <translation>会话量</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="41"/>
        <source>Per hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="42"/>
        <source>First response (median)</source>
        <translation>首次响应（中位数）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="43"/>
        <source>First response (p90)</source>
        <translation>首次响应（P90）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="44"/>
        <source>Handling time (average)</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="45"/>
        <source>Resolution time (median)</source>
        <translation>解决时长（中位数）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="46"/>
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="47"/>
        <source>First-contact resolution</source>
        <translation>首次接触解决率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="48"/>
        <source>Reopen rate</source>
        <translation>重开率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="49"/>
        <source>Satisfaction (average)</source>
        <translation>满意度（平均）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="50"/>
        <source>Satisfied (4–5)</source>
        <translation>满意（4–5 分）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="51"/>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="52"/>
        <source>SLA attainment</source>
        <translation>SLA 达成率</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="60"/>
        <location filename="../../cs_desk/views/metrics_table.py" line="66"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="69"/>
        <location filename="../../cs_desk/views/metrics_table.py" line="70"/>
        <source>Selection</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="69"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="69"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="70"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/metrics_table.py" line="70"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
</context>
<context>
    <name>NoteBox</name>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="193"/>
        <source>Internal note about this customer (only agents see it)</source>
        <translation>客户备注（仅客服可见）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="196"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="197"/>
        <source>Save the note (Ctrl+Enter)</source>
        <translation>保存备注（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/fields.py" line="237"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../cs_desk/ui/notifier.py" line="57"/>
        <source>New conversation assigned to you: %1</source>
        <translation>新会话已分配给您：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/notifier.py" line="58"/>
        <source>%n conversations assigned to you</source>
        <translation>
            <numerusform>%n 个会话已分配给您</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/notifier.py" line="81"/>
        <source>SLA breached: %1 (%2)</source>
        <translation>SLA 已超时：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/notifier.py" line="83"/>
        <source>%n SLA breaches</source>
        <translation>
            <numerusform>%n 个会话 SLA 已超时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="134"/>
        <source>Unpaid</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="134"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="134"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="135"/>
        <source>Delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="135"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="136"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>OutboxSegment</name>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23"/>
        <source>Outbox: %n</source>
        <translation>
            <numerusform>待发送：%n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="23"/>
        <source>All sent</source>
        <translation>已全部发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="31"/>
        <source>Nothing waiting</source>
        <translation>没有待发送的内容</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="33"/>
        <source>Waiting: %1</source>
        <translation>待发送：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/outbox.py" line="35"/>
        <source>Not sent: %1 (%2) — retry</source>
        <translation>未发送：%1（%2）— 重试</translation>
    </message>
</context>
<context>
    <name>OutgoingFiles</name>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="34"/>
        <source>%1 is empty</source>
        <translation>%1 是空文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="36"/>
        <location filename="../../cs_desk/views/outgoing_files.py" line="55"/>
        <source>%1 is %2 MB; at most 10 MB can be sent</source>
        <translation>%1 有 %2 MB，最多只能发送 10 MB</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="37"/>
        <source>%1: only JPEG, PNG, GIF and WebP images and PDF files can be sent</source>
        <translation>%1：只能发送 JPEG、PNG、GIF、WebP 图片和 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="43"/>
        <source>%1 cannot be read as an image, or is too large to open</source>
        <translation>%1 无法作为图片读取，或者尺寸太大无法打开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="58"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="65"/>
        <source>The pasted image is empty</source>
        <translation>粘贴的图片是空的</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/outgoing_files.py" line="66"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
</context>
<context>
    <name>PendingFiles</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/pending_files.py" line="43"/>
        <source>Click to remove this file from the reply</source>
        <translation>点击即可从回复中移除此文件</translation>
    </message>
</context>
<context>
    <name>Personality</name>
    <message>
        <location filename="../../cs_desk/views/names.py" line="67"/>
        <source>Not judged yet</source>
        <translation>尚未判断</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="68"/>
        <source>Friendly</source>
        <translation>友善型</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="69"/>
        <source>Dominant</source>
        <translation>独断型</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="70"/>
        <source>Analytical</source>
        <translation>分析型</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="71"/>
        <source>Self-centred</source>
        <translation>自我型</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="79"/>
        <source>Tolerant and loyal. Give the best service; do not relax because they are patient.</source>
        <translation>随和宽容、忠诚度高。提供最好的服务，不因对方的宽容和理解而放松对自己的要求。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="81"/>
        <source>Confident, wants respect and quick results, complains often. Handle with care, meet their requests where you can, make them feel respected.</source>
        <translation>自信果断、需要被尊重，投诉较多。小心应对，尽可能满足其要求，让其有被尊重的感觉。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="84"/>
        <source>Logical and reasonable. Explain the facts and offer a fair, reasoned solution.</source>
        <translation>讲道理、逻辑性强。说明事实，给出公正合理的解决方案和解释。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="86"/>
        <source>Puts their own interest first. State clearly what you can do and keep to the rules.</source>
        <translation>以自我为中心。清楚说明能做到什么，坚持规则。</translation>
    </message>
</context>
<context>
    <name>PersonalityPicker</name>
    <message>
        <location filename="../../cs_desk/ui/customer/personality_picker.py" line="24"/>
        <source>How this customer likes to be served</source>
        <translation>这位客户希望被如何对待</translation>
    </message>
</context>
<context>
    <name>PresenceSegment</name>
    <message>
        <location filename="../../cs_desk/ui/statusbar/presence.py" line="56"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/presence.py" line="56"/>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/presence.py" line="56"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/presence.py" line="86"/>
        <source>Your presence, as colleagues see it: %1</source>
        <translation>你的状态（同事看到的）：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/presence.py" line="89"/>
        <source>(not connected)</source>
        <translation>（未连接）</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../cs_desk/views/names.py" line="48"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="49"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="50"/>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="51"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="214"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="183"/>
        <location filename="../../cs_desk/views/queue_model.py" line="198"/>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="187"/>
        <source>%1 was due %2</source>
        <translation>%1已于 %2 到期</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="187"/>
        <source>%1 due %2</source>
        <translation>%1将于 %2 到期</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="190"/>
        <source>Due soon</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="213"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="213"/>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="213"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="213"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="214"/>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="214"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="216"/>
        <source>Time left until the promised reply or resolution</source>
        <translation>SLA 剩余时间（距承诺的回复或解决时限）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="218"/>
        <source>Category and priority: higher priority is served first</source>
        <translation>分类与优先级：优先级高的先接待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/queue_model.py" line="259"/>
        <source>%1 · priority %2</source>
        <translation>%1 · 优先级：%2</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="55"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="55"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="55"/>
        <source>Team</source>
        <translation>本组</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="55"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="56"/>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="59"/>
        <source>Search customers and messages (Ctrl+F)</source>
        <translation>搜索客户和消息（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="62"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="63"/>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="64"/>
        <source>Pending</source>
        <translation>待回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="163"/>
        <source>Any channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/queue/queue_panel.py" line="164"/>
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>SatisfactionModel</name>
    <message>
        <location filename="../../cs_desk/views/customer_presenter.py" line="181"/>
        <source>No comment</source>
        <translation>无评语</translation>
    </message>
</context>
<context>
    <name>SegmentBadge</name>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="37"/>
        <source>Important value</source>
        <translation>重要价值客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="38"/>
        <source>Important development</source>
        <translation>重要发展客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="39"/>
        <source>Important retention</source>
        <translation>重要保持客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="40"/>
        <source>Important win-back</source>
        <translation>重要挽留客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="41"/>
        <source>General value</source>
        <translation>一般价值客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="42"/>
        <source>General development</source>
        <translation>一般发展客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="43"/>
        <source>General retention</source>
        <translation>一般保持客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="44"/>
        <source>General win-back</source>
        <translation>一般挽留客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="45"/>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="53"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="53"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="55"/>
        <source>Value segment (RFM)</source>
        <translation>价值分层（RFM）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="56"/>
        <source>Recent (an order in the last %1 days): %2</source>
        <translation>近期消费（%1 天内有订单）：%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="58"/>
        <source>Frequent (%1 orders or more): %2</source>
        <translation>消费频次高（%1 单及以上）：%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="60"/>
        <source>High value (%1 or more in total): %2</source>
        <translation>消费金额高（累计 %1 及以上）：%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="62"/>
        <source>Cancelled and refunded orders do not count.</source>
        <translation>已取消和已退款的订单不计入。</translation>
    </message>
</context>
<context>
    <name>SensitiveBar</name>
    <message>
        <location filename="../../cs_desk/ui/conversation/sensitive_bar.py" line="60"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/sensitive_bar.py" line="72"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/sensitive_bar.py" line="74"/>
        <source>Your team does not allow sending: %1 — please rephrase</source>
        <translation>本组不允许发送敏感词：%1，请修改后再发</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/sensitive_bar.py" line="77"/>
        <source>Contains a sensitive word: %1 — edit it, or press Send again to send anyway</source>
        <translation>含有敏感词：%1。请修改，或再次点击发送以仍然发送</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/conversation/sensitive_bar.py" line="79"/>
        <source>Contains sensitive words: %1 — edit them, or press Send again to send anyway</source>
        <translation>含有敏感词：%1。请修改，或再次点击发送以仍然发送</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../cs_desk/gui.py" line="142"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/gui.py" line="143"/>
        <source>%n change(s) are not sent yet. Logging out deletes this computer&apos;s copy of your work, and they will be lost. Stay logged in until they are sent (the status bar shows when), or log out anyway?</source>
        <translation>
            <numerusform>还有 %n 项改动没有发出。退出登录会删除本机上的工作数据，这些改动将会丢失。建议保持登录，等它们发出后再退出（状态栏会显示），仍要现在退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/gui.py" line="212"/>
        <source>No system keyring: you will log in again next time</source>
        <translation>未找到系统钥匙串：下次需要重新登录</translation>
    </message>
    <message>
        <location filename="../../cs_desk/gui.py" line="255"/>
        <source>Your session ended. Log in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="24"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="26"/>
        <source>Used at the next login</source>
        <translation>下次登录时生效</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="28"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="32"/>
        <source>Notify me of conversations assigned to me</source>
        <translation>有会话分配给我时通知我</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="36"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="42"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="43"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/settings_dialog.py" line="44"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
</context>
<context>
    <name>SlaKind</name>
    <message>
        <location filename="../../cs_desk/views/names.py" line="58"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="59"/>
        <source>Next response</source>
        <translation>再次响应</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="60"/>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/views/names.py" line="62"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
</context>
<context>
    <name>SlaSegment</name>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="84"/>
        <source>No deadlines</source>
        <translation>暂无时限</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="85"/>
        <source>None of your open conversations has a running SLA clock</source>
        <translation>你的未解决会话都没有正在计时的 SLA</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="94"/>
        <source>Next breach: %1 · #%2</source>
        <translation>下一个超时：%1 · #%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="96"/>
        <source>Overdue: %1 · #%2</source>
        <translation>已超时：%1 · #%2</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="98"/>
        <source>%1 for conversation #%2, due %3. Click to open it.</source>
        <translation>会话 #%2 的%1将于 %3 到期。点击打开。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="106"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="106"/>
        <source>Next response</source>
        <translation>下次响应</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="107"/>
        <source>Resolution</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/statusbar/sla.py" line="107"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
</context>
<context>
    <name>SnippetPicker</name>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="154"/>
        <source>Insert snippet</source>
        <translation>插入快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="159"/>
        <source>Search snippets by title, text or shortcut</source>
        <translation>搜索快捷回复：标题、内容或快捷码</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="163"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="193"/>
        <source>The chosen snippet shows here, filled in for this conversation</source>
        <translation>选中的快捷回复会显示在这里，并已填入当前会话的信息</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="199"/>
        <source>↑↓ choose · Enter insert · Esc close</source>
        <translation>↑↓ 选择 · Enter 插入 · Esc 关闭</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="365"/>
        <source>First %n snippets</source>
        <translation>
            <numerusform>前 %n 条快捷回复</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="368"/>
        <source>1 snippet</source>
        <translation>1 条快捷回复</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="368"/>
        <source>%n snippets</source>
        <translation>
            <numerusform>%n 条快捷回复</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="377"/>
        <source>No snippets yet. Your team lead adds them on the server.</source>
        <translation>还没有快捷回复，请联系组长在服务端添加。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="379"/>
        <source>No snippets in this category match “%1”</source>
        <translation>该分类下没有与“%1”匹配的快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="381"/>
        <source>No snippets match “%1”</source>
        <translation>没有与“%1”匹配的快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="383"/>
        <source>No snippets in this category</source>
        <translation>该分类下暂无快捷回复</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="390"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="391"/>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="427"/>
        <source>No value for %1: fill it in before sending</source>
        <translation>%1 没有可填入的值，发送前请手动补全</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="430"/>
        <source>Unknown placeholder %1: left as written</source>
        <translation>未知变量 %1，将原样保留</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="469"/>
        <source>the customer&apos;s name</source>
        <translation>顾客姓名</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="469"/>
        <source>your display name</source>
        <translation>你的客服昵称</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="470"/>
        <source>the customer&apos;s latest order number</source>
        <translation>顾客最近一笔订单号</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/snippets/snippet_picker.py" line="471"/>
        <source>Placeholders are filled for the open conversation:</source>
        <translation>变量会按当前会话自动填入：</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <location filename="../../cs_desk/ui/customer/tag_chips.py" line="33"/>
        <source>Remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <location filename="../../cs_desk/ui/customer/tag_chips.py" line="55"/>
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/tag_chips.py" line="56"/>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
</context>
<context>
    <name>TeamBoard</name>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="54"/>
        <source>Team board</source>
        <translation>团队看板</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="63"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="63"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="63"/>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="67"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="63"/>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="63"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="64"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="67"/>
        <source>Presence</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="67"/>
        <source>Load</source>
        <translation>接待量</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="67"/>
        <source>Resolved today</source>
        <translation>今日解决</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="68"/>
        <source>First response today</source>
        <translation>今日首次响应</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="69"/>
        <source>Drag a conversation onto an agent to reassign it</source>
        <translation>把会话拖到客服上即可改派</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="70"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="71"/>
        <source>Whisper…</source>
        <translation>悄悄话…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="72"/>
        <source>An internal note the agent sees and the customer never does</source>
        <translation>内部备注：客服可见，顾客永远看不到</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="73"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="74"/>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="78"/>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="82"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="79"/>
        <source> waiting</source>
        <translation> 人等待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="83"/>
        <source> min wait</source>
        <translation> 分钟等待</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="85"/>
        <source>Alert (tray and red count) when this many wait, or the longest wait reaches this; 0 switches it off</source>
        <translation>等待人数达到此数，或最长等待达到此时长时提醒（托盘消息和红色计数）；0 为关闭</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="89"/>
        <source>Set capacity</source>
        <translation>设置接待上限</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="90"/>
        <source>Set away</source>
        <translation>设为离开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="91"/>
        <source>Back online</source>
        <translation>恢复在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="94"/>
        <source>Selected agent:</source>
        <translation>所选客服：</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="98"/>
        <source>Selected conversation:</source>
        <translation>选中的会话：</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="105"/>
        <source>Alert at</source>
        <translation>提醒条件</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="107"/>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="115"/>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="125"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="228"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="229"/>
        <source> · longest %1</source>
        <translation> · 最长等待 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="119"/>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="233"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="236"/>
        <source>Offline: figures as of %1</source>
        <translation>离线：数据截至 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="237"/>
        <source>Breached (%1)</source>
        <translation>已超时（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="238"/>
        <source>At risk (%1)</source>
        <translation>即将超时（%1）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="243"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="243"/>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="243"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="262"/>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/monitor/team_board.py" line="263"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="53"/>
        <source>Transfer conversation #%1</source>
        <translation>转接会话 #%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="60"/>
        <source>To an agent</source>
        <translation>转接给客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="61"/>
        <source>To a team&apos;s queue</source>
        <translation>转接到组队列</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="68"/>
        <source>Filter agents by name or team</source>
        <translation>按姓名或组筛选客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="89"/>
        <source>“Open now” counts the open conversations assigned to the agent; it is known only for teams whose queue you see</source>
        <translation>“当前接待”为该客服名下未解决的会话数，仅对你能看到队列的组显示</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="93"/>
        <source>Choose a team…</source>
        <translation>选择组…</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="98"/>
        <source>Why are you transferring? The next owner reads this (e.g. refund needs the after-sales team)</source>
        <translation>为什么转接？接手的同事会看到（例如：退款需售后组处理）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="111"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="123"/>
        <source>Reason (required)</source>
        <translation>转接原因（必填）</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="155"/>
        <source>now with %1</source>
        <translation>当前接待：%1</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="157"/>
        <source>now unassigned in %1</source>
        <translation>当前在 %1 队列，未分配</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="197"/>
        <source>Choose the agent to transfer to</source>
        <translation>请选择要转接的客服</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="199"/>
        <source>Choose the team to transfer to</source>
        <translation>请选择要转接的组</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="202"/>
        <source>Say why you transfer the conversation</source>
        <translation>请填写转接原因</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/transfer_dialog.py" line="204"/>
        <source>The reason is too long: %1 characters, at most %2</source>
        <translation>转接原因过长：%1 个字，最多 %2 个字</translation>
    </message>
</context>
<context>
    <name>ValueTiles</name>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="97"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="98"/>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="99"/>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="100"/>
        <source>Chats</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="101"/>
        <source>Conversations with this customer</source>
        <translation>与该客户的会话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="110"/>
        <source>%1 counted orders of %2 placed</source>
        <translation>有效订单 %1 单，共下单 %2 单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="116"/>
        <source>No counted order yet</source>
        <translation>暂无有效订单</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/customer/value_badge.py" line="119"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>WhisperDialog</name>
    <message>
        <location filename="../../cs_desk/ui/dialogs/whisper_dialog.py" line="18"/>
        <source>Whisper to the agent of #%1</source>
        <translation>给 #%1 的客服发悄悄话</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/whisper_dialog.py" line="24"/>
        <source>An internal note: the agent sees it in the conversation, the customer never does.</source>
        <translation>内部备注：客服会在会话中看到，顾客永远看不到。</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/whisper_dialog.py" line="28"/>
        <source>e.g. offer the 20 yuan coupon, the parcel was lost by the courier</source>
        <translation>例如：快递丢件了，给顾客一张 20 元优惠券</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/whisper_dialog.py" line="35"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../cs_desk/ui/dialogs/whisper_dialog.py" line="48"/>
        <source>Write the note first</source>
        <translation>请先写备注</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="16"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="18"/>
        <location filename="../../cs_desk/views/timefmt.py" line="22"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="21"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cs_desk/views/timefmt.py" line="23"/>
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
</context>
</TS>
