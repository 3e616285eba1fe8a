// Offline stand-in for App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js), demo
// and test mode only. Implements the subset the app uses, over the stand-in admin frame's
// postMessage protocol (simulator/README.md): window.shopify.idToken/toast/loading/modal/saveBar,
// the fetch patch that adds `Authorization: Bearer <session token>` to same-origin requests (and
// retries once on X-Shopify-Retry-Invalid-Session-Request), the bounce page (`shopify-reload`),
// window.open(url, "_top") → top-level redirect, <ui-nav-menu>/<ui-title-bar> announced to the frame.
(function () {
  "use strict";
  if (window.shopify && window.shopify.__standin) return;
  var script = document.currentScript;
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var standInOrigin = script && script.src ? new URL(script.src).origin : "";
  var params = new URLSearchParams(location.search);
  var embedded = window.parent !== window;
  var parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) || "*";
  var cfg = {
    apiKey: apiKey,
    shop: params.get("shop") || "",
    host: params.get("host") || "",
    locale: params.get("locale") || "en",
  };
  var EMBED_PARAMS = ["embedded", "shop", "host", "locale"];

  // Outside the admin frame: go to the stand-in's admin, which embeds this page (as App Bridge does).
  if (!embedded && cfg.shop && standInOrigin && !params.has("shopify-reload")) {
    var handle = cfg.shop.replace(/\.myshopify\.com$/, "");
    var inner = new URL(location.href);
    ["embedded", "shop", "host", "id_token", "hmac", "timestamp", "session", "locale"].forEach(
      function (k) {
        inner.searchParams.delete(k);
      },
    );
    location.replace(
      standInOrigin +
        "/store/" +
        encodeURIComponent(handle) +
        "/apps/" +
        encodeURIComponent(apiKey) +
        inner.pathname +
        inner.search,
    );
    return;
  }

  function post(message) {
    if (embedded) window.parent.postMessage(message, parentOrigin);
  }

  // ---- session tokens
  var cached = null;
  var seq = 0;
  var pending = {};
  function expOf(token) {
    try {
      return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp || 0;
    } catch {
      return 0;
    }
  }
  function fresh(token) {
    return token && expOf(token) - 10 > Date.now() / 1000;
  }
  var initial = params.get("id_token");
  if (fresh(initial)) cached = initial;
  function idToken() {
    if (fresh(cached)) return Promise.resolve(cached);
    if (!embedded)
      return Promise.reject(new Error("App Bridge stand-in: not inside the admin frame"));
    return new Promise(function (resolve, reject) {
      var id = ++seq;
      pending[id] = { resolve: resolve, reject: reject };
      post({ type: "standin:id_token:request", requestId: id });
      setTimeout(function () {
        if (pending[id]) {
          delete pending[id];
          reject(new Error("App Bridge stand-in: no session token from the admin frame"));
        }
      }, 5000);
    });
  }

  // ---- fetch: add the session token to same-origin requests
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (new URL(request.url).origin !== location.origin || request.headers.has("Authorization")) {
      return originalFetch(request);
    }
    function send() {
      return idToken().then(function (token) {
        var copy = request.clone();
        var headers = new Headers(copy.headers);
        headers.set("Authorization", "Bearer " + token);
        return originalFetch(new Request(copy, { headers: headers }));
      });
    }
    return send().then(function (response) {
      if (response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
        cached = null;
        return send();
      }
      return response;
    });
  };

  // ---- bounce page: /auth/session-token?shopify-reload=<url>
  if (params.has("shopify-reload")) {
    idToken().then(function (token) {
      var target = new URL(params.get("shopify-reload"), location.href);
      if (target.origin !== location.origin) return;
      target.searchParams.set("id_token", token);
      location.replace(target.href);
    });
  }

  // ---- window.open(url, "_top"): exit the iframe
  var originalOpen = window.open;
  window.open = function (url, target, features) {
    if (target === "_top" || target === "_parent") {
      post({ type: "standin:redirect", url: new URL(String(url), location.href).href });
      return null;
    }
    return originalOpen.call(window, url, target, features);
  };

  // ---- UI elements
  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu,ui-title-bar,ui-modal:not([open]),ui-save-bar:not([open]){display:none!important}" +
    "ui-modal[open]{position:fixed;inset:0;z-index:1000;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}" +
    "ui-modal[open]>.standin-modal{background:#fff;border-radius:12px;min-width:320px;max-width:90vw;max-height:90vh;overflow:auto;padding:16px;box-shadow:0 8px 32px rgba(0,0,0,.3)}" +
    "ui-save-bar[open]{position:fixed;top:0;left:0;right:0;z-index:999;display:flex;gap:8px;justify-content:flex-end;align-items:center;padding:8px 16px;background:#1a1a1a;color:#fff}";
  (document.head || document.documentElement).appendChild(style);

  function define(name, proto) {
    if (!window.customElements || customElements.get(name)) return;
    class StandInElement extends HTMLElement {}
    Object.getOwnPropertyNames(proto).forEach(function (k) {
      Object.defineProperty(StandInElement.prototype, k, Object.getOwnPropertyDescriptor(proto, k));
    });
    customElements.define(name, StandInElement);
  }
  var toggler = {
    show: function () {
      this.setAttribute("open", "");
      this.dispatchEvent(new Event("show"));
      return Promise.resolve();
    },
    hide: function () {
      if (!this.hasAttribute("open")) return Promise.resolve();
      this.removeAttribute("open");
      this.dispatchEvent(new Event("hide"));
      return Promise.resolve();
    },
    toggle: function () {
      return this.hasAttribute("open") ? this.hide() : this.show();
    },
  };
  define("ui-nav-menu", {
    connectedCallback: function () {
      schedule();
    },
  });
  define("ui-title-bar", {
    connectedCallback: function () {
      schedule();
    },
  });
  define("ui-save-bar", toggler);
  define("ui-modal", {
    get content() {
      if (!this._content) {
        this._content = document.createElement("div");
        this._content.className = "standin-modal";
        this.appendChild(this._content);
      }
      return this._content;
    },
    show: toggler.show,
    hide: toggler.hide,
    toggle: toggler.toggle,
  });
  function byId(id) {
    var el = document.getElementById(id);
    if (!el) return Promise.reject(new Error("No element with id " + id));
    return el.toggle
      ? el
      : Promise.reject(new Error("Element " + id + " is not a modal or save bar"));
  }
  function call(method) {
    return function (id) {
      var el = byId(id);
      return el instanceof Promise ? el : el[method]();
    };
  }

  // ---- announce nav, title and location to the frame
  var timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(announce, 30);
  }
  var lastNav = "";
  var lastTitle = null;
  function announce() {
    var menu = document.querySelector("ui-nav-menu");
    var links = menu
      ? Array.prototype.map.call(menu.querySelectorAll("a[href]"), function (a) {
          return {
            label: a.textContent.trim(),
            href: a.getAttribute("href"),
            rel: a.getAttribute("rel") || undefined,
          };
        })
      : [];
    var navJson = JSON.stringify(links);
    if (navJson !== lastNav) {
      lastNav = navJson;
      post({ type: "standin:nav", links: links });
    }
    var bar = document.querySelector("ui-title-bar:not(ui-modal ui-title-bar)");
    var title = bar ? bar.getAttribute("title") || "" : "";
    if (title !== lastTitle) {
      lastTitle = title;
      post({ type: "standin:title", title: title });
    }
  }
  function announceLocation() {
    var url = new URL(location.href);
    EMBED_PARAMS.concat(["id_token", "_data"]).forEach(function (k) {
      url.searchParams.delete(k);
    });
    post({ type: "standin:location", path: url.pathname + url.search });
  }
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(this, arguments);
      announceLocation();
      schedule();
      return result;
    };
  });
  window.addEventListener("popstate", announceLocation);
  if (window.MutationObserver) {
    new MutationObserver(schedule).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }

  // ---- messages from the frame
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent) return;
    var m = e.data;
    if (!m || typeof m.type !== "string") return;
    if (m.type === "standin:id_token" && pending[m.requestId]) {
      var p = pending[m.requestId];
      delete pending[m.requestId];
      if (m.token) {
        cached = m.token;
        p.resolve(m.token);
      } else p.reject(new Error(m.error || "no token"));
    } else if (m.type === "standin:config") {
      cfg.shop = m.shop || cfg.shop;
      cfg.host = m.host || cfg.host;
      cfg.locale = m.locale || cfg.locale;
    } else if (m.type === "standin:navigate" && typeof m.href === "string") {
      post({ type: "standin:navigate:ack", href: m.href });
      var link = document.querySelector(
        'ui-nav-menu a[href="' + m.href.replace(/"/g, '\\"') + '"]',
      );
      if (link) {
        link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
      } else {
        var target = new URL(m.href, location.href);
        EMBED_PARAMS.forEach(function (k) {
          if (cfg[k] || params.get(k))
            target.searchParams.set(k, k === "embedded" ? "1" : cfg[k] || params.get(k));
        });
        location.assign(target.href);
      }
    }
  });

  var toastSeq = 0;
  window.shopify = {
    __standin: true,
    config: cfg,
    origin: parentOrigin,
    environment: { embedded: embedded, mobile: false, pos: false },
    idToken: idToken,
    toast: {
      show: function (message, options) {
        options = options || {};
        post({
          type: "standin:toast",
          message: String(message),
          isError: !!options.isError,
          duration: options.duration,
        });
        return "toast-" + ++toastSeq;
      },
      hide: function () {},
    },
    loading: function (on) {
      post({ type: "standin:loading", on: on !== false });
    },
    modal: { show: call("show"), hide: call("hide"), toggle: call("toggle") },
    saveBar: {
      show: call("show"),
      hide: call("hide"),
      toggle: call("toggle"),
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
    user: function () {
      return Promise.resolve({ accountAccess: "Account owner" });
    },
    resourcePicker: function () {
      return Promise.resolve(undefined);
    },
    scopes: {
      query: function () {
        return Promise.resolve({ granted: [], required: [], optional: [] });
      },
      request: function () {
        return Promise.resolve({
          result: "granted-all",
          detail: { granted: [], required: [], optional: [] },
        });
      },
      revoke: function () {
        return Promise.resolve({ detail: { granted: [], required: [], optional: [] } });
      },
    },
  };

  post({ type: "standin:ready" });
  announceLocation();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", schedule);
  else schedule();
})();
