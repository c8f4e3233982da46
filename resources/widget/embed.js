// One script tag on the shop's page: <script src="https://DESK/widget/embed.js" data-widget="w_…" async></script>
// Adds a chat button; the chat itself runs in an iframe from the desk's own origin, so the shop's page
// and the chat cannot reach into each other. Tells the chat where the visitor came from (landing page,
// the page they opened it on, a search keyword from ?kw= or the referrer) for routing.
"use strict";
(function () {
  const me = document.currentScript;
  if (!me) return;
  const base = new URL(me.src).origin;
  const widget = me.dataset.widget || "";
  const first = sessionStorage.getItem("csd-landing") || location.href;
  sessionStorage.setItem("csd-landing", first);
  const kw = new URLSearchParams(location.search).get("kw") || me.dataset.keyword || "";
  const zh = (navigator.language || "").toLowerCase().startsWith("zh");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = zh ? "在线客服" : "Chat";
  button.setAttribute("style", "position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;" +
    "border:0;border-radius:24px;background:#0b6f86;color:#fff;font:15px system-ui,sans-serif;cursor:pointer;" +
    "box-shadow:0 2px 8px rgba(0,0,0,.25)");
  let frame = null;
  button.addEventListener("click", () => {
    if (frame) { frame.hidden = !frame.hidden; return; }
    const q = new URLSearchParams({ w: widget, landing: first, origin: location.href, kw });
    if (me.dataset.region) q.set("region", me.dataset.region);
    frame = document.createElement("iframe");
    frame.src = `${base}/widget/?${q}`;
    frame.title = button.textContent;
    frame.setAttribute("style", "position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(380px,calc(100vw - 40px));" +
      "height:min(560px,calc(100vh - 100px));border:1px solid #d0d4d9;border-radius:12px;background:#fff;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.2)");
    document.body.appendChild(frame);
  });
  document.body.appendChild(button);
})();
