// The stand-in's Shopify-admin frame (runs in the top window around the embedded app).
// Answers the App Bridge shim's postMessage protocol (see simulator/README.md):
// session tokens, nav menu, title, toasts, loading, location, navigation and top-level redirects.
(function () {
  "use strict";
  var cfg = window.__STANDIN_FRAME__;
  var frame = document.getElementById("app-iframe");
  var nav = document.getElementById("standin-app-nav");
  var title = document.getElementById("standin-title");
  var toasts = document.getElementById("standin-toasts");
  var loading = document.getElementById("standin-loading");
  var links = [];
  var currentPath = cfg.initialPath;

  function fetchToken() {
    return fetch(cfg.tokenUrl, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json();
      })
      .then(function (j) {
        return j.token;
      });
  }

  function post(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, cfg.appOrigin);
  }

  function appUrlFor(href, token) {
    var url = new URL(href, cfg.appUrl);
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", cfg.shop);
    url.searchParams.set("host", cfg.host);
    url.searchParams.set("locale", cfg.locale);
    url.searchParams.set("id_token", token);
    return url.href;
  }

  function reloadFrame(href) {
    fetchToken().then(function (token) {
      frame.src = appUrlFor(href, token);
    });
  }

  function navigate(href) {
    var acked = false;
    var onAck = function (e) {
      if (
        e.source === frame.contentWindow &&
        e.data &&
        e.data.type === "standin:navigate:ack" &&
        e.data.href === href
      )
        acked = true;
    };
    window.addEventListener("message", onAck);
    post({ type: "standin:navigate", href: href });
    setTimeout(function () {
      window.removeEventListener("message", onAck);
      if (!acked) reloadFrame(href);
    }, 600);
  }

  function samePath(a, b) {
    return a.split("?")[0].replace(/\/$/, "") === b.split("?")[0].replace(/\/$/, "");
  }

  function renderNav() {
    nav.textContent = "";
    links.forEach(function (link) {
      if (link.rel === "home") return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.textContent = link.label;
      a.href = cfg.adminBase + link.href;
      if (samePath(link.href, currentPath)) a.setAttribute("aria-current", "page");
      a.addEventListener("click", function (e) {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(link.href);
      });
      li.appendChild(a);
      nav.appendChild(li);
    });
    var home = links.filter(function (l) {
      return l.rel === "home";
    })[0];
    var appLink = document.getElementById("standin-app-link");
    if (home) appLink.href = cfg.adminBase + home.href;
  }

  function toast(message, isError, duration) {
    var el = document.createElement("div");
    el.className = "toast" + (isError ? " toast--error" : "");
    el.setAttribute("role", isError ? "alert" : "status");
    el.textContent = message;
    toasts.appendChild(el);
    setTimeout(function () {
      el.remove();
    }, duration || 5000);
  }

  document.getElementById("standin-app-link").addEventListener("click", function (e) {
    var home = links.filter(function (l) {
      return l.rel === "home";
    })[0];
    e.preventDefault();
    navigate(home ? home.href : cfg.appHome);
  });

  window.addEventListener("message", function (e) {
    if (e.source !== frame.contentWindow || e.origin !== cfg.appOrigin) return;
    var m = e.data;
    if (!m || typeof m.type !== "string" || m.type.indexOf("standin:") !== 0) return;
    switch (m.type) {
      case "standin:ready":
        post({
          type: "standin:config",
          shop: cfg.shop,
          host: cfg.host,
          locale: cfg.locale,
          apiKey: cfg.apiKey,
        });
        break;
      case "standin:id_token:request":
        fetchToken().then(
          function (token) {
            post({ type: "standin:id_token", requestId: m.requestId, token: token });
          },
          function (err) {
            post({ type: "standin:id_token", requestId: m.requestId, error: String(err) });
          },
        );
        break;
      case "standin:nav":
        links = Array.isArray(m.links)
          ? m.links.filter(function (l) {
              return l && typeof l.href === "string";
            })
          : [];
        renderNav();
        break;
      case "standin:title":
        title.textContent = m.title || cfg.appName;
        document.title = (m.title ? m.title + " · " : "") + cfg.appName + " · " + cfg.shopName;
        break;
      case "standin:toast":
        toast(String(m.message || ""), !!m.isError, m.duration);
        break;
      case "standin:loading":
        loading.hidden = !m.on;
        break;
      case "standin:location":
        if (typeof m.path === "string" && m.path.charAt(0) === "/") {
          currentPath = m.path;
          history.replaceState(null, "", cfg.adminBase + m.path);
          renderNav();
        }
        break;
      case "standin:redirect":
        if (typeof m.url === "string") {
          var target = new URL(m.url, cfg.appUrl);
          if (target.protocol === "http:" || target.protocol === "https:")
            window.location.href = target.href;
        }
        break;
    }
  });
})();
