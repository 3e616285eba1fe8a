/* Gifts for <return-portal>: the buyer's "This was a gift" (no refund options) and the
   recipient's lookup by postcode (answer: giftRecipient, no prices). Server: app/domain/gift.ts. */
// prettier-ignore
(() => {
const W = window.customElements;
if (!W) return;
W.whenDefined('return-portal').then(() => {
  const P = W.get('return-portal').prototype;
  if (P.xg) return;
  P.xg = 1;
  const wrap = (name, fn) => { const orig = P[name]; P[name] = function (...a) { return fn.call(this, orig.bind(this), ...a); }; };
  const radios = (el) => Array.from(el.e.lines.querySelectorAll('[data-res]'));
  const recv = (el) => !!(el.e.recvBox && el.e.recvBox.checked);

  wrap('sync', function (sync) {
    const e = this.e, on = !!(e.giftBox && e.giftBox.checked), you = !!(this.d && this.d.giftRecipient);
    if (e.postcodeField) e.postcodeField.hidden = !recv(this);
    if (e.emailField) e.emailField.hidden = recv(this);
    if (e.giftBox) e.giftBox.disabled = you;
    if (e.giftYouHint) { e.giftYouHint.hidden = !you; e.giftHint.hidden = you; }
    if (e.giftFields) e.giftFields.hidden = !on;
    for (const r of radios(this)) {
      if (r.dataset.res !== 'REFUND') continue;
      const input = r.querySelector('input');
      r.hidden = on;
      input.disabled = on;
      if (on && input.checked) {
        const other = r.parentNode.querySelector('[data-res]:not([data-res="REFUND"]) input');
        if (other) other.checked = true;
      }
    }
    sync();
  });

  wrap('lookup', function (lookup, form) {
    if (!recv(this)) return lookup(form);
    const order = form.querySelector('[name="order"]'), pc = form.querySelector('[name="postcode"]');
    const body = new URLSearchParams({ order: order.value.trim(), postcode: pc.value.trim() });
    if (!body.get('order')) return this.invalid(order, this.t.orderRequired);
    if (!body.get('postcode')) return this.invalid(pc, pc.dataset.err);
    this.run(form, this.t.looking, async () => this.show(await this.call('/api/lookup', { method: 'POST', body })));
  });

  wrap('show', function (show, d) {
    if (this.e.giftBox) this.e.giftBox.checked = !!d.giftRecipient;
    show(d);
  });

  wrap('body', function (body, form, strict) {
    const b = body(form, strict), e = this.e;
    if (!b || !e.giftBox || !e.giftBox.checked) return b;
    const email = e.giftEmail.value.trim();
    if (strict && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return this.invalid(e.giftEmail, e.giftEmail.dataset.err);
    const addressLines = e.giftAddress ? e.giftAddress.value.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 8) : [];
    b.gift = { recipientName: e.giftName.value.trim() || null, recipientEmail: email, addressLines };
    return b;
  });
});
})();
