/* "This was a gift" for <return-portal>: the buyer gives the recipient's name and e-mail; the
   recipient gets a gift card (or the exchange) and the buyer is never refunded, so refund
   options are hidden while it is ticked. The server checks all of it again (app/domain/gift.ts). */
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

  wrap('sync', function (sync) {
    const e = this.e, on = !!(e.giftBox && e.giftBox.checked);
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

  wrap('body', function (body, form, strict) {
    const b = body(form, strict), e = this.e;
    if (!b || !e.giftBox || !e.giftBox.checked) return b;
    const email = e.giftEmail.value.trim();
    if (strict && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return this.invalid(e.giftEmail, e.giftEmail.dataset.err);
    b.gift = { recipientName: e.giftName.value.trim() || null, recipientEmail: email };
    return b;
  });
});
})();
