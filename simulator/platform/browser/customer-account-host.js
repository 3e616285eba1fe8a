/* The stand-in's customer-account host, inside one target's iframe (see ../customer-accounts.ts).
   1. The `shopify` global a customer account UI extension gets: sessionToken.get() (minted by the
      stand-in for the signed-in customer, cached until shortly before exp), orderId (order
      action targets) / the `order` signal (Order status targets) / returnId,
      localization.extensionLanguage, i18n.translate from the extension's own locale files
      ({{name}} placeholders, en.default.json fallback), i18n.formatDate/formatNumber, close().
   2. Light look-alikes of the Polaris web components the extension uses (s-button, s-select…):
      same tag names, attributes, `value`/`checked`/`values` properties and `change` events, so
      the real bundle renders and can be clicked through. Not Shopify's look, only its contract. */
(() => {
  const cfg = window.__CUSTOMER_ACCOUNT_HOST__;
  const post = (msg) => { if (parent !== window) parent.postMessage(msg, location.origin); };

  // ---- the shopify global -------------------------------------------------------------------
  let cached = null;
  const lookup = (tree, key) => key.split('.').reduce((n, k) => (n && typeof n === 'object' ? n[k] : undefined), tree);
  const signal = (value) => ({ value, subscribe: (fn) => (fn(value), () => {}) });
  window.shopify = {
    extension: { target: cfg.target, apiVersion: '2026-07' },
    // As Shopify does: the order action targets get orderId, Order status targets the order signal.
    orderId: cfg.target.startsWith('customer-account.order.action.') ? cfg.orderId || undefined : undefined,
    order: cfg.target.startsWith('customer-account.order-status.') && cfg.orderId ? signal({ id: cfg.orderId }) : undefined,
    returnId: cfg.returnId || undefined,
    sessionToken: {
      async get() {
        if (cached && cached.exp - 30 > Date.now() / 1000) return cached.token;
        const res = await fetch(cfg.tokenUrl, { credentials: 'same-origin', cache: 'no-store' });
        if (!res.ok) throw new Error('No session token (signed out?)');
        const { token } = await res.json();
        const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        cached = { token, exp: claims.exp };
        return token;
      },
    },
    localization: { language: signal({ isoCode: cfg.locale }), extensionLanguage: signal({ isoCode: cfg.locale }), country: signal(undefined) },
    i18n: {
      translate(key, values = {}) {
        const template = lookup(cfg.messages, key) ?? lookup(cfg.fallback, key);
        if (typeof template !== 'string') return key;
        return template.replace(/{{\s*(\w+)\s*}}/g, (_, name) => String(values[name] ?? ''));
      },
      formatDate: (d, o = {}) => new Intl.DateTimeFormat(cfg.locale, { timeZone: 'UTC', ...o }).format(d),
      formatNumber: (n, o = {}) => new Intl.NumberFormat(cfg.locale, o).format(n),
      formatCurrency: (n, o = {}) => new Intl.NumberFormat(cfg.locale, { style: 'currency', ...o }).format(n),
    },
    close: () => post({ type: 'close-action' }),
    toast: { show: (message) => console.info('[toast]', message) },
  };

  // Keep the parent's iframe as tall as the content.
  new ResizeObserver(() => post({ type: 'resize', height: document.documentElement.scrollHeight })).observe(document.documentElement);

  // The menu item target: a button without href opens the extension's action modal.
  if (cfg.target === 'customer-account.order.action.menu-item.render') {
    document.addEventListener('click', (e) => {
      const button = e.target.closest && e.target.closest('s-button');
      if (button && !button.getAttribute('href') && !button.hasAttribute('disabled')) post({ type: 'open-action', orderId: cfg.orderId });
    });
  }

  // ---- web component look-alikes --------------------------------------------------------------
  const css = `
    :host{box-sizing:border-box}
    button{font:inherit;border-radius:8px;padding:8px 14px;border:1px solid #c9c9c9;background:#fff;cursor:pointer;width:100%}
    button.primary{background:#1f5199;border-color:#1f5199;color:#fff;font-weight:600}
    button:disabled{opacity:.5;cursor:not-allowed}
    label{display:block;font-size:13px;color:#444;margin-bottom:2px}
    select,input[type=number]{font:inherit;width:100%;padding:7px 8px;border:1px solid #c9c9c9;border-radius:8px;box-sizing:border-box;background:#fff}`;
  const attach = (el, html) => {
    const root = el.shadowRoot || el.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${css}</style>${html}`;
    return root;
  };
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const fire = (el) => el.dispatchEvent(new Event('change'));
  const truthy = (el, name) => el.hasAttribute(name) && el.getAttribute(name) !== 'false';

  class Simple extends HTMLElement {
    static get observedAttributes() { return this.attrs || []; }
    connectedCallback() { this.render(); }
    attributeChangedCallback() { if (this.isConnected) this.render(); }
  }
  const define = (tag, cls) => { if (!customElements.get(tag)) customElements.define(tag, cls); };

  define('s-stack', class extends Simple {
    static attrs = ['direction', 'gap', 'justifycontent', 'alignitems'];
    render() {
      const inline = this.getAttribute('direction') === 'inline';
      const gap = { 'small-300': 4, 'small-200': 8, small: 10, base: 16, large: 24 }[this.getAttribute('gap')] ?? (inline ? 8 : 12);
      const justify = this.getAttribute('justifycontent') || 'flex-start';
      attach(this, `<style>:host{display:flex;flex-direction:${inline ? 'row' : 'column'};gap:${gap}px;justify-content:${justify};align-items:${inline ? this.getAttribute('alignitems') || 'baseline' : 'stretch'};flex-wrap:${inline ? 'wrap' : 'nowrap'}}</style><slot></slot>`);
    }
  });
  define('s-text', class extends Simple {
    static attrs = ['type', 'color', 'tone'];
    render() {
      const strong = this.getAttribute('type') === 'strong';
      const color = this.getAttribute('tone') === 'critical' ? '#b42318' : this.getAttribute('color') === 'subdued' ? '#666' : 'inherit';
      attach(this, `<style>:host{font-weight:${strong ? 600 : 'inherit'};color:${color}}</style><slot></slot>`);
    }
  });
  define('s-paragraph', class extends Simple { render() { attach(this, `<style>:host{display:block;margin:0}</style><slot></slot>`); } });
  define('s-heading', class extends Simple { render() { attach(this, `<style>:host{display:block;font-weight:700;font-size:17px}</style><slot></slot>`); } });
  define('s-section', class extends Simple {
    static attrs = ['heading'];
    render() {
      const h = this.getAttribute('heading');
      attach(this, `<style>:host{display:block;border:1px solid #e3e3e3;border-radius:10px;padding:12px 14px}h3{margin:0 0 8px;font-size:15px}</style>${h ? `<h3>${esc(h)}</h3>` : ''}<slot></slot>`);
    }
  });
  define('s-badge', class extends Simple {
    static attrs = ['tone'];
    render() {
      const tone = this.getAttribute('tone');
      const bg = tone === 'critical' ? '#fde8e7' : tone === 'neutral' ? '#ececec' : '#e4efff';
      attach(this, `<style>:host{display:inline-block;background:${bg};border-radius:999px;padding:1px 10px;font-size:13px;font-weight:600}</style><slot></slot>`);
    }
  });
  define('s-banner', class extends Simple {
    static attrs = ['tone', 'heading'];
    render() {
      const tone = this.getAttribute('tone') || 'info';
      const colors = { critical: ['#fde8e7', '#b42318'], success: ['#e3f6e9', '#1a7f43'], warning: ['#fff4d6', '#8a6100'], info: ['#e8f1fd', '#1f5199'] }[tone] || ['#e8f1fd', '#1f5199'];
      const h = this.getAttribute('heading');
      attach(this, `<style>:host{display:block;background:${colors[0]};border-left:4px solid ${colors[1]};border-radius:8px;padding:10px 14px}strong{display:block;margin-bottom:4px}</style><div role="${tone === 'critical' ? 'alert' : 'status'}">${h ? `<strong>${esc(h)}</strong>` : ''}<slot></slot></div>`);
    }
  });
  define('s-spinner', class extends Simple {
    render() { attach(this, `<style>:host{display:block;color:#666}</style><span role="status">${esc(this.getAttribute('accessibilitylabel') || '…')}</span>`); }
  });
  define('s-unordered-list', class extends Simple { render() { attach(this, `<style>:host{display:block;margin:0;padding-left:20px}</style><slot></slot>`); } });
  define('s-list-item', class extends Simple { render() { attach(this, `<style>:host{display:list-item}</style><slot></slot>`); } });
  define('s-link', class extends Simple {
    static attrs = ['href', 'target'];
    render() { attach(this, `<a href="${esc(this.getAttribute('href'))}" target="${esc(this.getAttribute('target') || '_top')}" rel="noopener"><slot></slot></a>`); }
  });
  define('s-button', class extends Simple {
    static attrs = ['variant', 'disabled', 'loading', 'href'];
    render() {
      const off = truthy(this, 'disabled') || truthy(this, 'loading');
      attach(this, `<style>:host{display:inline-block}</style><button part="button" class="${this.getAttribute('variant') === 'primary' ? 'primary' : ''}" ${off ? 'disabled' : ''} aria-busy="${truthy(this, 'loading')}"><slot></slot></button>`);
    }
    connectedCallback() {
      super.connectedCallback();
      // A disabled button swallows clicks, as Shopify's does.
      this.addEventListener('click', (e) => { if (truthy(this, 'disabled') || truthy(this, 'loading')) e.stopImmediatePropagation(); }, true);
    }
  });

  // Form controls keep their own value and announce changes with a `change` event on the host.
  define('s-checkbox', class extends Simple {
    static attrs = ['disabled'];
    get checked() { return !!this._checked; }
    set checked(v) { this._checked = !!v; if (this._input) this._input.checked = this._checked; }
    render() {
      const root = attach(this, `<style>:host{display:block}label{display:flex;gap:8px;align-items:flex-start;font-size:15px;color:inherit;cursor:pointer}input{margin-top:4px}</style><label><input type="checkbox"><span><slot></slot></span></label>`);
      this._input = root.querySelector('input');
      this._input.checked = this.checked;
      this._input.disabled = truthy(this, 'disabled');
      this._input.addEventListener('change', () => { this._checked = this._input.checked; fire(this); });
    }
  });

  class Listed extends Simple {
    connectedCallback() {
      super.connectedCallback();
      this._mo = new MutationObserver(() => this.render());
      this._mo.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
    }
    disconnectedCallback() { if (this._mo) this._mo.disconnect(); }
  }
  define('s-option', class extends HTMLElement {});
  define('s-choice', class extends HTMLElement {});
  define('s-select', class extends Listed {
    static attrs = ['label', 'placeholder', 'disabled'];
    get value() { return this._value ?? ''; }
    set value(v) { this._value = v ?? ''; if (this._select) this._select.value = this._value; }
    render() {
      const id = this._id || (this._id = `s${Math.random().toString(36).slice(2)}`);
      const options = [...this.querySelectorAll('s-option')]
        .map((o) => `<option value="${esc(o.getAttribute('value'))}" ${truthy(o, 'disabled') ? 'disabled' : ''}>${esc(o.textContent)}</option>`)
        .join('');
      const placeholder = this.getAttribute('placeholder');
      const root = attach(this, `<style>:host{display:block}</style><label for="${id}">${esc(this.getAttribute('label'))}</label><select id="${id}">${placeholder ? `<option value="" disabled>${esc(placeholder)}</option>` : ''}${options}</select>`);
      this._select = root.querySelector('select');
      this._select.value = this.value;
      this._select.addEventListener('change', () => { this._value = this._select.value; fire(this); });
    }
  });
  define('s-number-field', class extends Simple {
    static attrs = ['label', 'min', 'max', 'step'];
    get value() { return this._value ?? ''; }
    set value(v) { this._value = String(v ?? ''); if (this._input) this._input.value = this._value; }
    render() {
      const id = this._id || (this._id = `n${Math.random().toString(36).slice(2)}`);
      const a = (n) => (this.hasAttribute(n) ? `${n}="${esc(this.getAttribute(n))}"` : '');
      const root = attach(this, `<style>:host{display:block;max-width:220px}</style><label for="${id}">${esc(this.getAttribute('label'))}</label><input id="${id}" type="number" ${a('min')} ${a('max')} ${a('step')}>`);
      this._input = root.querySelector('input');
      this._input.value = this.value;
      this._input.addEventListener('change', () => { this._value = this._input.value; fire(this); });
    }
  });
  define('s-choice-list', class extends Listed {
    static attrs = ['label'];
    get values() { return this._values ?? []; }
    set values(v) { this._values = Array.isArray(v) ? v : []; this.render(); }
    render() {
      const name = this._name || (this._name = `c${Math.random().toString(36).slice(2)}`);
      const choices = [...this.querySelectorAll('s-choice')]
        .map((c) => {
          const value = c.getAttribute('value');
          const on = this.values.includes(value);
          return `<label style="display:flex;gap:8px;font-size:15px;color:inherit"><input type="radio" name="${name}" value="${esc(value)}" ${on ? 'checked' : ''} ${truthy(c, 'disabled') ? 'disabled' : ''}>${esc(c.textContent)}</label>`;
        })
        .join('');
      const root = attach(this, `<style>:host{display:block}fieldset{border:0;padding:0;margin:0;display:grid;gap:6px}legend{font-size:13px;color:#444;margin-bottom:4px}</style><fieldset><legend>${esc(this.getAttribute('label'))}</legend>${choices}</fieldset>`);
      root.querySelectorAll('input').forEach((input) =>
        input.addEventListener('change', () => { this._values = [input.value]; fire(this); }),
      );
    }
  });
  // Text area, date field and drop zone (photos and home pickup): same contract, plain inputs.
  const field = (el, id, control) => `<style>:host{display:block}textarea,input{font:inherit;width:100%;padding:7px 8px;border:1px solid #c9c9c9;border-radius:8px;box-sizing:border-box;background:#fff}.err{color:#b42318;font-size:13px}</style><label for="${id}">${esc(el.getAttribute('label'))}</label>${control}${el.getAttribute('error') ? `<div class="err" role="alert">${esc(el.getAttribute('error'))}</div>` : ''}`;
  const uid = (el, p) => el._id || (el._id = `${p}${Math.random().toString(36).slice(2)}`);
  define('s-text-area', class extends Simple {
    static attrs = ['label', 'rows', 'error'];
    get value() { return this._value ?? ''; }
    set value(v) { this._value = String(v ?? ''); if (this._input) this._input.value = this._value; }
    render() {
      const id = uid(this, 't');
      const root = attach(this, field(this, id, `<textarea id="${id}" rows="${esc(this.getAttribute('rows') || 2)}"></textarea>`));
      this._input = root.querySelector('textarea');
      this._input.value = this.value;
      this._input.addEventListener('change', () => { this._value = this._input.value; fire(this); });
    }
  });
  // Text and e-mail fields (a gift's recipient): plain inputs, same contract.
  const lineField = (type) => class extends Simple {
    static attrs = ['label', 'error', 'required'];
    get value() { return this._value ?? ''; }
    set value(v) { this._value = String(v ?? ''); if (this._input) this._input.value = this._value; }
    render() {
      const id = uid(this, 'f');
      const root = attach(this, field(this, id, `<input id="${id}" type="${type}" ${truthy(this, 'required') ? 'required' : ''}>`));
      this._input = root.querySelector('input');
      this._input.value = this.value;
      this._input.addEventListener('change', () => { this._value = this._input.value; fire(this); });
    }
  };
  define('s-text-field', lineField('text'));
  define('s-email-field', lineField('email'));
  define('s-date-field', class extends Simple {
    static attrs = ['label', 'allow', 'error'];
    get value() { return this._value ?? ''; }
    set value(v) { this._value = String(v ?? ''); if (this._input) this._input.value = this._value; }
    render() {
      const id = uid(this, 'd');
      // allow="start--end" (Shopify's syntax) becomes min/max.
      const [min, max] = (this.getAttribute('allow') || '').split('--').map((x) => x.trim());
      const root = attach(this, field(this, id, `<input id="${id}" type="date" ${min ? `min="${esc(min)}"` : ''} ${max ? `max="${esc(max)}"` : ''}>`));
      this._input = root.querySelector('input');
      this._input.value = this.value;
      this._input.addEventListener('change', () => { this._value = this._input.value; fire(this); });
    }
  });
  define('s-drop-zone', class extends Simple {
    static attrs = ['label', 'accept', 'multiple', 'error', 'disabled'];
    constructor() { super(); this.ondroprejected = null; } // so Preact listens to `droprejected`
    get files() { return this._files ?? []; }
    get value() { return this._files && this._files.length ? `C:\\fakepath\\${this._files[0].name}` : ''; }
    set value(v) { if (!v) this._files = []; }
    render() {
      const id = uid(this, 'f');
      const accept = this.getAttribute('accept') || '';
      const root = attach(this, field(this, id, `<input id="${id}" type="file" ${accept ? `accept="${esc(accept)}"` : ''} ${truthy(this, 'multiple') ? 'multiple' : ''} ${truthy(this, 'disabled') ? 'disabled' : ''}>`));
      const input = root.querySelector('input');
      input.addEventListener('change', () => {
        const types = accept.split(',').map((x) => x.trim()).filter(Boolean);
        const all = [...input.files];
        const ok = all.filter((f) => !types.length || types.includes(f.type));
        input.value = '';
        if (ok.length < all.length) this.dispatchEvent(new Event('droprejected'));
        if (!ok.length) return;
        this._files = ok;
        fire(this);
      });
    }
  });
  define('s-customer-account-action', class extends Simple {
    static attrs = ['heading'];
    render() {
      attach(this, `<style>:host{display:block}header{padding:16px 20px;border-bottom:1px solid #e3e3e3;display:flex;justify-content:space-between;align-items:center}
        h2{margin:0;font-size:18px}.body{padding:16px 20px;max-height:70vh;overflow:auto}footer{display:flex;justify-content:flex-end;gap:8px;padding:12px 20px;border-top:1px solid #e3e3e3}
        .x{border:0;background:none;font-size:22px;cursor:pointer;width:auto;padding:0 4px}</style>
        <header><h2>${esc(this.getAttribute('heading'))}</h2><button class="x" aria-label="Close">×</button></header>
        <div class="body"><slot></slot></div><footer><slot name="secondary-actions"></slot><slot name="primary-action"></slot></footer>`);
      this.shadowRoot.querySelector('.x').addEventListener('click', () => window.shopify.close());
    }
  });
})();
