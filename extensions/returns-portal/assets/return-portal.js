/* <return-portal> enhances blocks/return-portal.liquid; fetches nothing until the shopper submits.
   Contract, size budget: ../README.md (theme-check allows 10 000 bytes). */
// prettier-ignore
(() => {
if (!window.customElements || customElements.get('return-portal')) return;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const $ = (root, sel) => root.querySelector(sel);
const $$ = (root, sel) => Array.from(root.querySelectorAll(sel));
const F = (root, name) => $(root, `[data-f="${name}"]`);
const picked = (list) => list.find((x) => x.checked);

class ReturnPortal extends HTMLElement {
  connectedCallback() {
    if (this.t) return;
    this.e = {};
    $$(this, '[data-r]').forEach((el) => (this.e[el.dataset.r] = el));
    this.t = JSON.parse(this.e.i18n.textContent);
    this.loc = this.dataset.locale || document.documentElement.lang || 'en';
    this.base = this.dataset.proxy || '/apps/returns';
    this.bid = this.dataset.bid;
    this.addEventListener('submit', (e) => {
      e.preventDefault();
      this.clear(e.target);
      e.target === this.e.lookup ? this.lookup(e.target) : this.create(e.target);
    });
    this.addEventListener('change', () => this.sync());
    this.addEventListener('click', (e) => e.target.closest('[data-back]') ? this.reset() : e.target.closest('[data-pv]') && this.preview());
  }

  say(msg, isError) {
    this.e.error.textContent = isError ? msg : '';
    this.e.status.textContent = isError ? '' : msg;
  }

  clear(form) { $$(form, '[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid')); }

  invalid(el, msg) {
    if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
    this.say(msg, true);
  }

  async call(path, init) {
    init.headers = { Accept: 'application/json', 'Accept-Language': this.loc, ...init.headers };
    let res, data = null;
    try { res = await fetch(this.base + path, init); } catch { throw new Error(this.t.network); }
    try { data = await res.json(); } catch {}
    if (!res.ok || !data || !data.ok) throw new Error((data && data.error && data.error.message) || this.t.generic);
    return data;
  }

  post(path, body) {
    return this.call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  }

  // One request at a time; button disabled, progress announced.
  async run(form, msg, work) {
    if (this.busy) return;
    const button = $(form, '[type="submit"]');
    this.busy = button.disabled = true;
    this.say(msg);
    try { await work(); } catch (e) { this.say(e.message, true); }
    this.busy = button.disabled = false;
  }

  lookup(form) {
    const order = $(form, '[name="order"]'), email = $(form, '[name="email"]');
    const body = new URLSearchParams({ order: order.value.trim() });
    if (!body.get('order')) return this.invalid(order, this.t.orderRequired);
    if (email) {
      const m = email.value.trim();
      if (!EMAIL.test(m)) return this.invalid(email, m ? this.t.emailInvalid : this.t.emailRequired);
      body.set('email', m);
    }
    this.run(form, this.t.looking, async () => this.show(await this.call('/api/lookup', { method: 'POST', body })));
  }

  // Clones a <template>: unique ids, labels pointed at them.
  clone(name, key) {
    const node = this.e[name].content.cloneNode(true).firstElementChild;
    $$(node, 'input,select,textarea').forEach((el, i) => (el.id = `rp-${this.bid}-${key}-${i}`));
    $$(node, 'label').forEach((label) => {
      const target = label.dataset.for ? F(node, label.dataset.for) : label.previousElementSibling;
      if (target) label.htmlFor = target.id;
    });
    return node;
  }

  show(d) {
    const t = this.t, p = d.policy || {}, all = d.methods || [];
    const required = all.filter((m) => m.required), methods = required.length ? required : all;
    this.d = d;
    this.e.orderHeading.textContent = t.order.replace('%N', d.order.name);
    this.e.lines.replaceChildren(...d.order.lines.map((line, i) => this.line(line, i, d.reasons || [], p)));
    this.e.methodList.replaceChildren(...methods.map((m, i) => {
      const node = this.clone('tMethod', 'm' + i), input = F(node, 'm');
      input.name = 'method-' + this.bid;
      input.value = m.code;
      input.checked = methods.length === 1;
      F(node, 'mn').textContent = m.name;
      F(node, 'mfee').textContent = m.feeFormatted ? t.fee.replace('%F', m.feeFormatted) : t.free;
      return node;
    }));
    this.e.methods.hidden = !methods.length;
    this.e.eu.hidden = !p.euWithdrawal;
    this.e.lookup.hidden = this.e.done.hidden = true;
    this.e.select.hidden = false;
    this.say('');
    this.sync();
    this.e.orderHeading.focus();
  }

  line(l, i, reasons, p) {
    const node = this.clone('tLine', 'l' + i), f = (name) => F(node, name), t = this.t;
    node.dataset.i = i;
    f('title').textContent = l.title;
    f('meta').textContent = [l.variantTitle, l.unitPriceFormatted].filter(Boolean).join(' · ');
    if (l.imageUrl) { f('img').src = l.imageUrl; f('img').hidden = false; }
    if (!l.eligible || l.returnableQuantity < 1) {
      f('sel').disabled = true;
      f('inel').textContent = l.ineligibleMessage || t.notReturnable;
      f('inel').hidden = false;
    }
    for (let q = 1; q <= l.returnableQuantity; q++) f('qty').append(new Option(q, q));
    reasons.forEach((r) => f('reason').append(new Option(r.name, r.id)));
    $$(node, '[data-res]').forEach((el) => (l.resolutions || []).includes(el.dataset.res) || el.remove());
    $$(node, '[data-f="res"]').forEach((radio, k) => {
      radio.name = `res-${this.bid}-${i}`;
      radio.checked = !k;
    });
    if (f('bonus') && p.storeCreditBonusPercent > 0) f('bonus').textContent = t.bonus.replace('%P', p.storeCreditBonusPercent);
    (l.exchangeVariants || []).forEach((v) => {
      const option = new Option(v.available ? v.title : `${v.title} – ${t.soldOut}`, v.id);
      option.disabled = !v.available;
      f('ex').append(option);
    });
    return node;
  }

  res(node) {
    const radio = picked($$(node, '[data-f="res"]'));
    return radio ? radio.value : null;
  }

  // Options of selected lines, exchange picker, store-credit consent.
  sync() {
    let credit = false;
    $$(this.e.lines, '[data-line]').forEach((node) => {
      const on = F(node, 'sel').checked, res = this.res(node);
      F(node, 'opts').hidden = !on;
      F(node, 'exw').hidden = !(on && res === 'EXCHANGE');
      credit = credit || (on && res === 'STORE_CREDIT');
    });
    this.e.consent.hidden = !credit;
  }

  // strict (submit): stop at the first gap; preview: skip gaps.
  body(form, strict) {
    const t = this.t, lines = [];
    for (const node of $$(this.e.lines, '[data-line]')) {
      if (!F(node, 'sel').checked) continue;
      const reason = F(node, 'reason'), ex = F(node, 'ex'), res = this.res(node);
      if (strict && !reason.value) return this.invalid(reason, t.reasonRequired);
      if (res === 'EXCHANGE' && !ex.value) { if (strict) return this.invalid(ex, t.variantRequired); continue; }
      lines.push({
        fulfillmentLineItemId: this.d.order.lines[node.dataset.i].fulfillmentLineItemId,
        quantity: Number(F(node, 'qty').value),
        reasonId: reason.value || null,
        note: F(node, 'note').value.trim(),
        resolution: res,
        exchangeVariantId: res === 'EXCHANGE' ? ex.value : null,
      });
    }
    if (!lines.length) return strict && this.invalid($$(form, '[data-f="sel"]').find((c) => !c.disabled), t.noItems);
    const methods = $$(form, '[data-f="m"]'), method = picked(methods) || (!strict && methods[0]);
    if (methods.length && !method) return this.invalid(methods[0], t.methodRequired);
    const consent = this.e.consentBox, needsConsent = !this.e.consent.hidden;
    if (strict && needsConsent && !consent.checked) return this.invalid(consent, t.consentRequired);
    return {
      orderId: this.d.order.id,
      lookupToken: this.d.lookupToken,
      method: method ? method.value : null,
      lines,
      storeCreditConsent: needsConsent && (consent.checked || !strict),
      locale: this.loc,
    };
  }

  create(form) {
    const body = this.body(form, true);
    if (body) this.run(form, this.t.submitting, async () => this.done((await this.post('/api/returns', body)).return));
  }

  // Computed by the server code that files the return.
  async preview() {
    const body = this.body(this.e.select), box = this.e.preview;
    box.hidden = true;
    if (body) try {
      const d = await this.post('/api/preview', body);
      box.textContent = d.text;
      box.hidden = false;
    } catch (e) { this.say(e.message, true); }
  }

  done(ret) {
    this.e.rma.textContent = ret.rma;
    this.e.returnStatus.textContent = (this.t.statuses || {})[ret.status] || ret.status;
    // Worded on the server per resolution and method.
    this.e.eta.textContent = [ret.next, ret.eta].filter(Boolean).join(' ');
    this.e.guide.textContent = ret.guideText || '';
    this.e.slip.hidden = !ret.slipUrl;
    if (ret.slipUrl) this.e.slip.href = ret.slipUrl;
    this.e.track.href = ret.statusUrl;
    this.e.select.hidden = true;
    this.e.done.hidden = false;
    this.say('');
    this.e.doneHeading.focus();
  }

  reset() {
    this.e.select.hidden = this.e.done.hidden = true;
    this.e.lookup.hidden = false;
    this.say('');
    $(this.e.lookup, '[name="order"]').focus();
  }
}

customElements.define('return-portal', ReturnPortal);
})();
