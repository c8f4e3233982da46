// cs_desk web chat. Plain script, no build step, no third party. Everything a person typed is put on
// the page with textContent only, never as HTML. Unsent messages wait in localStorage with their id,
// so a network drop or a reload neither loses nor doubles them: the server acknowledges an id once.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const widget = params.get("w") || "";
  const zh = (params.get("lang") || navigator.language || "").toLowerCase().startsWith("zh");
  const T = zh ? {
    title: "在线客服", online: "已连接", offline: "连接中断，正在重连…", send: "发送", placeholder: "请输入消息…",
    intro: "开始咨询前，可留下称呼和订单号（选填）", name: "称呼", order: "订单号", start: "开始咨询",
    typing: (n) => `${n || "客服"} 正在输入…`, survey: "本次服务您满意吗？", comment: "还有什么想说的（选填）",
    rate: "提交评价", thanks: "感谢您的评价！", pending: "发送中", agent: "客服",
    errors: { rate_limited: "发送太频繁了，请稍候再试", too_long: "消息太长了（最多 2000 字）", empty: "不能发送空消息",
      too_large: "文件太大了（最多 10 MB）", unsupported_type: "只能发送图片（JPEG、PNG、GIF、WebP）或 PDF",
      too_many_pixels: "图片尺寸太大了", unreadable_image: "这张图片打不开", too_many_files: "本次会话的文件太多了",
      offline: "连接中断，稍后再发文件" },
    attach: "发送图片或文件", uploading: "正在上传…",
  } : {
    title: "Chat with us", online: "Connected", offline: "Connection lost, reconnecting…", send: "Send",
    placeholder: "Type a message…", intro: "Before we start: your name and order number (optional)", name: "Name",
    order: "Order number", start: "Start chat", typing: (n) => `${n || "An agent"} is typing…`,
    survey: "How satisfied are you with our service?", comment: "Anything else? (optional)", rate: "Send rating",
    thanks: "Thank you for your rating!", pending: "sending", agent: "Agent",
    errors: { rate_limited: "Too many messages, please wait a moment", too_long: "Message too long (2,000 characters at most)",
      empty: "An empty message is not sent", too_large: "File too large (10 MB at most)",
      unsupported_type: "Only images (JPEG, PNG, GIF, WebP) and PDF files can be sent", too_many_pixels: "The image is too large",
      unreadable_image: "This image cannot be opened", too_many_files: "Too many files in this chat",
      offline: "Not connected: send the file again in a moment" },
    attach: "Send a photo or file", uploading: "uploading…",
  };
  const $ = (id) => document.getElementById(id);
  const store = {
    get: (k, d) => { try { const v = localStorage.getItem(`csd:${widget}:${k}`); return v === null ? d : JSON.parse(v); } catch (e) { return d; } },
    set: (k, v) => { try { localStorage.setItem(`csd:${widget}:${k}`, JSON.stringify(v)); } catch (e) { /* private mode */ } },
  };
  let ws = null, backoff = 500, typingTimer = null, score = 0;
  const shown = new Map(); // message id → list item
  let outbox = store.get("outbox", []); // [{id, body}] not yet acknowledged

  document.documentElement.lang = zh ? "zh-CN" : "en";
  document.title = T.title;
  $("title").textContent = T.title;
  $("send").textContent = T.send;
  $("attach").textContent = "📎";
  $("attach").title = T.attach;
  $("attach").setAttribute("aria-label", T.attach);
  $("input").placeholder = T.placeholder;
  $("prechat-intro").textContent = T.intro;
  $("name-label").textContent = T.name;
  $("order-label").textContent = T.order;
  $("start").textContent = T.start;
  $("survey-question").textContent = T.survey;
  $("survey-comment").placeholder = T.comment;
  $("survey-send").textContent = T.rate;
  for (let i = 1; i <= 5; i++) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = "★"; b.setAttribute("role", "radio"); b.setAttribute("aria-checked", "false");
    b.setAttribute("aria-label", String(i)); b.dataset.score = String(i);
    b.addEventListener("click", () => { score = i; for (const s of $("stars").children) s.setAttribute("aria-checked", String(Number(s.dataset.score) <= i)); });
    $("stars").appendChild(b);
  }

  function showError(text) {
    $("error").textContent = text || "";
    $("error").hidden = !text;
  }

  function render(m, pending) {
    let li = shown.get(m.id);
    if (!li) {
      li = document.createElement("li");
      const meta = document.createElement("span"); meta.className = "meta";
      const bubble = document.createElement("span"); bubble.className = "bubble";
      li.append(meta, bubble);
      $("messages").appendChild(li);
      shown.set(m.id, li);
    }
    li.className = (m.from === "me" ? "me" : "agent") + (pending ? " pending" : "");
    li.dataset.id = m.id;
    const when = m.at ? new Date(m.at).toLocaleTimeString(zh ? "zh-CN" : "en", { hour: "2-digit", minute: "2-digit" }) : "";
    li.firstChild.textContent = m.from === "me" ? (pending ? T.pending : when) : `${m.name || T.agent} ${when}`;
    const bubble = li.querySelector(".bubble");
    bubble.textContent = m.body; // text, never HTML
    if (m.files && m.files.length) {
      const names = m.files.map((f) => "📎 " + (typeof f === "string" ? f : (f && f.name) || "")).join("\n");
      bubble.textContent = m.body ? m.body + "\n" + names : names;
      if (!pending) showImages(li, m.files); // a file not yet on a sent message is not served
    }
    $("messages").scrollTop = $("messages").scrollHeight;
  }

  // Thumbnails of the photos in this chat (the customer's own, the size chart an agent sent back),
  // fetched with the visitor token into blob: URLs; a click opens the whole file.
  async function fileBlob(sha, thumb) {
    const token = store.get("token", null);
    if (!token || !/^[0-9a-f]{64}$/.test(sha)) return null;
    const res = await fetch(`/widget/file/${sha}${thumb ? "/thumb" : ""}?w=${encodeURIComponent(widget)}`,
      { headers: { Authorization: `Bearer ${token}` } });
    return res.ok ? URL.createObjectURL(await res.blob()) : null;
  }

  function showImages(li, files) {
    if (li.querySelector(".files")) return;
    const box = document.createElement("span"); box.className = "files";
    for (const f of files) {
      if (!f || typeof f !== "object" || !f.sha256 || !f.thumbnail) continue;
      const img = document.createElement("img");
      img.alt = f.name || ""; img.title = f.name || ""; img.className = "thumb";
      img.addEventListener("click", async () => { const url = await fileBlob(f.sha256, false); if (url) window.open(url, "_blank", "noopener"); });
      box.appendChild(img);
      fileBlob(f.sha256, true).then((url) => { if (url) img.src = url; }).catch(() => {});
    }
    if (box.childElementCount) li.appendChild(box);
  }

  function send(frame) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  function flush() {
    for (const m of outbox) send({ t: "say", id: m.id, body: m.body, files: m.files || [] });
  }

  function connect() {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/visitor`;
    ws = new WebSocket(url);
    ws.onopen = () => {
      backoff = 500;
      const profile = store.get("profile", {});
      send({
        t: "hello", widget, token: store.get("token", null), name: profile.name || "", order: profile.order || "",
        region: params.get("region") || "",
        source: { keyword: params.get("kw") || "", landing_page: params.get("landing") || document.referrer || "",
          origin_page: params.get("origin") || "" },
      });
    };
    ws.onmessage = (ev) => {
      let f; try { f = JSON.parse(ev.data); } catch (e) { return; }
      if (f.t === "welcome") {
        store.set("token", f.token);
        $("status").textContent = T.online;
        for (const m of f.messages) render(m, false);
        outbox = outbox.filter((m) => !shown.has(m.id) || shown.get(m.id).classList.contains("pending"));
        for (const m of outbox) render({ id: m.id, from: "me", body: m.body, files: m.files }, true);
        state(f.conversation);
        flush();
      } else if (f.t === "ack") {
        if (f.id === "survey") { $("survey").hidden = true; $("thanks").textContent = T.thanks; $("thanks").hidden = false; return; }
        const m = outbox.find((x) => x.id === f.id);
        outbox = outbox.filter((x) => x.id !== f.id);
        store.set("outbox", outbox);
        if (m) render({ id: f.id, from: "me", body: m.body, files: m.files, at: new Date().toISOString() }, false);
      } else if (f.t === "message") {
        $("typing").hidden = true;
        render(f, false);
      } else if (f.t === "state") {
        state(f.conversation);
      } else if (f.t === "typing") {
        $("typing").textContent = T.typing(f.name);
        $("typing").hidden = false;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => { $("typing").hidden = true; }, 6000);
      } else if (f.t === "error") {
        showError(T.errors[f.code] || f.message);
      }
    };
    ws.onclose = (ev) => {
      $("status").textContent = T.offline;
      if (ev.code === 1008 && /token/.test(ev.reason)) store.set("token", null); // a token the server no longer knows
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    };
  }

  function state(conv) {
    const due = !!(conv && conv.survey);
    $("survey").hidden = !due;
    if (due) $("thanks").hidden = true;
  }

  $("composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const body = $("input").value;
    if (!body.trim()) { showError(T.errors.empty); return; }
    if (body.length > 2000) { showError(T.errors.too_long); return; }
    showError("");
    const m = { id: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()), body };
    outbox.push(m);
    store.set("outbox", outbox);
    render({ id: m.id, from: "me", body }, true);
    $("input").value = "";
    send({ t: "say", id: m.id, body });
  });
  // Files: the button, a drop on the chat, or a paste. Each is uploaded first (the server checks and
  // stores it), then one message names them all, with whatever was typed.
  async function sendFiles(list) {
    const token = store.get("token", null);
    if (!list.length) return;
    if (!token || !ws || ws.readyState !== WebSocket.OPEN) { showError(T.errors.offline); return; }
    showError("");
    $("status").textContent = T.uploading;
    const sent = [];
    for (const file of list) {
      let res, body;
      try {
        res = await fetch(`/widget/upload?w=${encodeURIComponent(widget)}`, { method: "POST", body: file,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/octet-stream" } });
        body = await res.json();
      } catch (e) { showError(T.errors.offline); break; }
      if (!res.ok) { showError(T.errors[body.error] || body.message || String(res.status)); continue; }
      sent.push({ sha256: body.sha256, name: file.name || "image", thumbnail: !!body.thumbnail });
    }
    $("status").textContent = ws && ws.readyState === WebSocket.OPEN ? T.online : T.offline;
    if (!sent.length) return;
    const text = $("input").value.slice(0, 2000);
    const m = { id: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()), body: text, files: sent };
    outbox.push(m);
    store.set("outbox", outbox);
    render({ id: m.id, from: "me", body: m.body, files: sent }, true);
    $("input").value = "";
    send({ t: "say", id: m.id, body: m.body, files: sent });
  }
  $("attach").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", () => { sendFiles(Array.from($("file").files)); $("file").value = ""; });
  $("chat").addEventListener("dragover", (ev) => { ev.preventDefault(); });
  $("chat").addEventListener("drop", (ev) => { ev.preventDefault(); sendFiles(Array.from(ev.dataTransfer.files || [])); });
  $("input").addEventListener("paste", (ev) => {
    const pasted = Array.from((ev.clipboardData && ev.clipboardData.files) || []);
    if (pasted.length) { ev.preventDefault(); sendFiles(pasted); }
  });
  $("input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); $("composer").requestSubmit(); }
  });
  $("prechat").addEventListener("submit", (ev) => {
    ev.preventDefault();
    store.set("profile", { name: $("name").value.trim(), order: $("order").value.trim() });
    $("prechat").hidden = true;
    if (ws) ws.close(); // say hello again with the profile
  });
  $("survey").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!score) return;
    send({ t: "survey", score, comment: $("survey-comment").value });
  });
  if (!store.get("token", null) && !store.get("profile", null) && params.get("prechat") !== "0") $("prechat").hidden = false;
  connect();
})();
