/* Photos and home pickup for <return-portal> (return-portal.js is at theme-check's size limit).
   Wraps the element's methods once it is defined: shows the photo field when the chosen reason
   needs one and the pickup fields for home pickup, checks them on submit, and sends photos
   shrunk in the browser (≤ 1600 px JPEG, which also drops their metadata). */
// prettier-ignore
(() => {
const W = window.customElements;
if (!W) return;
const F = (root, name) => root.querySelector(`[data-f="${name}"]`);
const lines = (el) => Array.from(el.e.lines.querySelectorAll('[data-line]'));
const day = (n) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

// Photo → data: URL; a file the browser cannot draw goes as it is (the server refuses it clearly).
const shrink = (file) => createImageBitmap(file).then((img) => {
  const k = Math.min(1, 1600 / Math.max(img.width, img.height)), c = document.createElement('canvas');
  c.width = Math.round(img.width * k);
  c.height = Math.round(img.height * k);
  c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
  return c.toDataURL('image/jpeg', 0.85);
}).catch(() => new Promise((ok) => { const r = new FileReader(); r.onload = () => ok(r.result); r.readAsDataURL(file); }));

W.whenDefined('return-portal').then(() => {
  const P = W.get('return-portal').prototype;
  if (P.xt) return;
  P.xt = 1;
  const wrap = (name, fn) => { const orig = P[name]; P[name] = function (...a) { return fn.call(this, orig.bind(this), ...a); }; };

  wrap('show', function (show, d) {
    const e = this.e;
    e.pickupAddress.value = (d.order.shippingAddressLines || []).join('\n');
    e.pickupFrom.min = e.pickupTo.min = e.pickupFrom.value = day(1);
    e.pickupTo.value = day(5);
    show(d);
  });

  wrap('sync', function (sync) {
    sync();
    if (!this.d) return;
    const need = (this.d.reasons || []).filter((r) => r.photoRequired).map((r) => r.id);
    lines(this).forEach((n) => (F(n, 'phw').hidden = !(F(n, 'sel').checked && need.includes(F(n, 'reason').value))));
    const m = this.e.methodList.querySelector('[data-f="m"]:checked');
    this.e.pickup.hidden = !(m && m.value === 'HOME_PICKUP');
  });

  // Filing (strict): photos where needed, at most 3; the pickup window for home pickup.
  wrap('body', function (body, form, strict) {
    const b = body(form, strict);
    if (!b) return b;
    const e = this.e, t = this.t, files = [];
    for (const n of lines(this)) {
      if (!F(n, 'sel').checked) continue;
      const input = F(n, 'ph'), list = F(n, 'phw').hidden ? [] : Array.from(input.files);
      if (strict && !F(n, 'phw').hidden && !list.length) return this.invalid(input, t.photoRequired);
      files.push(list);
    }
    if (strict && files.flat().length > 3) return this.invalid(null, t.photoMax);
    if (b.method === 'HOME_PICKUP') {
      if (strict && !(e.pickupFrom.value && e.pickupTo.value)) return this.invalid(e.pickupFrom, t.pickupDates);
      b.pickup = { addressLines: e.pickupAddress.value.split('\n'), dateFrom: e.pickupFrom.value, dateTo: e.pickupTo.value };
    }
    if (strict) this.files = files;
    return b;
  });

  wrap('post', async function (post, path, b) {
    if (path === '/api/returns' && this.files) {
      await Promise.all(b.lines.map(async (l, i) => (l.photos = await Promise.all((this.files[i] || []).map(shrink)))));
    }
    return post(path, b);
  });
});
})();
