/**
 * A deliberately small DOM for running the storefront block's script under vitest without a
 * browser (none is installed offline). It parses the HTML the stand-in renders for the block and
 * implements only what assets/return-portal.js uses: querySelector(All) with simple selectors,
 * templates, form controls, events with bubbling, focus, custom-element upgrade. If the script
 * starts using more of the DOM, extend this file — a missing API fails loudly, not silently.
 */

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const RAW_TEXT = new Set(["script", "style", "textarea"]);
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};
const decode = (s: string) =>
  s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        )
      : (ENTITIES[e] ?? m),
  );

export class MiniText {
  parentNode: MiniElement | MiniFragment | null = null;
  constructor(public data: string) {}
  get textContent() {
    return this.data;
  }
  cloneNode() {
    return new MiniText(this.data);
  }
}

type Child = MiniElement | MiniText;
type Listener = (event: MiniEvent) => void;

export class MiniEvent {
  target: MiniElement | null = null;
  currentTarget: MiniElement | null = null;
  defaultPrevented = false;
  readonly bubbles: boolean;
  constructor(
    public readonly type: string,
    init: { bubbles?: boolean } = {},
  ) {
    this.bubbles = init.bubbles ?? false;
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
}

// ---- selectors: compound (tag, #id, .class, [attr], [attr="v"]), descendant combinator, comma lists
interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attrs: Array<{ name: string; value?: string }>;
}
function parseCompound(text: string): Compound {
  const c: Compound = { classes: [], attrs: [] };
  const re =
    /^([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]/g;
  let consumed = 0;
  for (let m; (m = re.exec(text));) {
    if (m.index !== consumed) break;
    consumed = re.lastIndex;
    if (m[1]) c.tag = m[1].toLowerCase();
    else if (m[2]) c.id = m[2];
    else if (m[3]) c.classes.push(m[3]);
    else c.attrs.push({ name: m[4]!.toLowerCase(), value: m[5] ?? m[6] ?? m[7] });
  }
  if (consumed !== text.length) throw new Error(`mini-dom: unsupported selector "${text}"`);
  return c;
}
function matchesCompound(el: MiniElement, c: Compound): boolean {
  if (c.tag && el.tagName.toLowerCase() !== c.tag) return false;
  if (c.id && el.getAttribute("id") !== c.id) return false;
  const classes = (el.getAttribute("class") ?? "").split(/\s+/);
  if (c.classes.some((k) => !classes.includes(k))) return false;
  return c.attrs.every(
    (a) =>
      el.hasAttribute(a.name) && (a.value === undefined || el.getAttribute(a.name) === a.value),
  );
}
function matches(el: MiniElement, selector: string): boolean {
  return selector.split(",").some((group) => {
    const parts = group
      .trim()
      .split(/\s+(?![^[]*\])/)
      .map(parseCompound);
    if (!matchesCompound(el, parts[parts.length - 1]!)) return false;
    let i = parts.length - 2;
    for (let node = el.parentElement; node && i >= 0; node = node.parentElement)
      if (matchesCompound(node, parts[i]!)) i--;
    return i < 0;
  });
}

abstract class MiniParent {
  childNodes: Child[] = [];
  get children(): MiniElement[] {
    return this.childNodes.filter((n): n is MiniElement => n instanceof MiniElement);
  }
  get firstElementChild(): MiniElement | null {
    return this.children[0] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(value: string) {
    this.replaceChildren(new MiniText(String(value)));
  }
  append(...nodes: Array<Child | string>) {
    for (const n of nodes) {
      const node = typeof n === "string" ? new MiniText(n) : n;
      if (node.parentNode)
        node.parentNode.childNodes = node.parentNode.childNodes.filter((c) => c !== node);
      node.parentNode = this as unknown as MiniElement;
      this.childNodes.push(node);
    }
  }
  replaceChildren(...nodes: Array<Child | string>) {
    this.childNodes.forEach((c) => (c.parentNode = null));
    this.childNodes = [];
    this.append(...nodes);
  }
  *descendants(): Generator<MiniElement> {
    for (const child of this.children) {
      yield child;
      yield* child.descendants();
    }
  }
  querySelectorAll(selector: string): MiniElement[] {
    return [...this.descendants()].filter((el) => matches(el, selector));
  }
  querySelector(selector: string): MiniElement | null {
    for (const el of this.descendants()) if (matches(el, selector)) return el;
    return null;
  }
}

export class MiniFragment extends MiniParent {
  parentNode = null;
  cloneNode(): MiniFragment {
    const f = new MiniFragment();
    f.append(...this.childNodes.map((c) => c.cloneNode(true)));
    return f;
  }
}

export class MiniElement extends MiniParent {
  parentNode: MiniElement | MiniFragment | null = null;
  attributes = new Map<string, string>();
  listeners = new Map<string, Listener[]>();
  ownerDocument!: MiniDocument;
  content?: MiniFragment;
  private _checked?: boolean;
  private _value?: string;

  constructor(public tagName: string) {
    super();
    this.tagName = tagName.toUpperCase();
    if (this.tagName === "TEMPLATE") this.content = new MiniFragment();
  }

  get parentElement(): MiniElement | null {
    return this.parentNode instanceof MiniElement ? this.parentNode : null;
  }
  get previousElementSibling(): MiniElement | null {
    const siblings = this.parentNode?.children ?? [];
    return siblings[siblings.indexOf(this) - 1] ?? null;
  }
  getAttribute(name: string) {
    return this.attributes.get(name.toLowerCase()) ?? null;
  }
  setAttribute(name: string, value: unknown) {
    this.attributes.set(name.toLowerCase(), String(value));
  }
  removeAttribute(name: string) {
    this.attributes.delete(name.toLowerCase());
  }
  hasAttribute(name: string) {
    return this.attributes.has(name.toLowerCase());
  }
  private flag(name: string, on: boolean) {
    if (on) this.setAttribute(name, "");
    else this.removeAttribute(name);
  }
  get id() {
    return this.getAttribute("id") ?? "";
  }
  set id(v: string) {
    this.setAttribute("id", v);
  }
  get hidden() {
    return this.hasAttribute("hidden");
  }
  set hidden(v: boolean) {
    this.flag("hidden", !!v);
  }
  get disabled() {
    return this.hasAttribute("disabled");
  }
  set disabled(v: boolean) {
    this.flag("disabled", !!v);
  }
  get name() {
    return this.getAttribute("name") ?? "";
  }
  set name(v: string) {
    this.setAttribute("name", v);
  }
  get type() {
    return (
      this.getAttribute("type") ?? (this.tagName === "BUTTON" ? "submit" : "text")
    ).toLowerCase();
  }
  get htmlFor() {
    return this.getAttribute("for") ?? "";
  }
  set htmlFor(v: string) {
    this.setAttribute("for", v);
  }
  get href() {
    return this.getAttribute("href") ?? "";
  }
  set href(v: string) {
    this.setAttribute("href", v);
  }
  get src() {
    return this.getAttribute("src") ?? "";
  }
  set src(v: string) {
    this.setAttribute("src", v);
  }
  get dataset(): Record<string, string> {
    const attr = (prop: string) => `data-${prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return new Proxy({} as Record<string, string>, {
      get: (_, prop: string) => this.getAttribute(attr(prop)) ?? undefined,
      set: (_, prop: string, value) => {
        this.setAttribute(attr(prop), value);
        return true;
      },
    });
  }
  get checked() {
    return this._checked ?? this.hasAttribute("checked");
  }
  set checked(v: boolean) {
    this._checked = !!v;
    if (v && this.type === "radio" && this.name) {
      let root: MiniParent = this.parentNode ?? this;
      while (root instanceof MiniElement && root.parentNode) root = root.parentNode;
      for (const other of root.querySelectorAll(`input[type="radio"][name="${this.name}"]`))
        if (other !== this) other._checked = false;
    }
  }
  get options(): MiniElement[] {
    return this.querySelectorAll("option");
  }
  get value(): string {
    if (this.tagName === "SELECT") {
      const options = this.options;
      const chosen =
        options.find((o) => o._checked) ??
        options.find((o) => o.hasAttribute("selected")) ??
        options[0];
      return chosen ? chosen.value : "";
    }
    if (this.tagName === "OPTION") return this.getAttribute("value") ?? this.textContent;
    if (this.tagName === "TEXTAREA") return this._value ?? this.textContent;
    return (
      this._value ??
      this.getAttribute("value") ??
      (this.type === "radio" || this.type === "checkbox" ? "on" : "")
    );
  }
  set value(v: string) {
    if (this.tagName === "SELECT") {
      for (const o of this.options) o._checked = o.value === String(v);
      return;
    }
    if (this.tagName === "OPTION") this.setAttribute("value", v);
    else this._value = String(v);
  }
  cloneNode(deep = false): MiniElement {
    const el = new MiniElement(this.tagName);
    el.ownerDocument = this.ownerDocument;
    this.attributes.forEach((v, k) => el.attributes.set(k, v));
    if (deep) el.append(...this.childNodes.map((c) => c.cloneNode(true)));
    if (this.content && deep) el.content = this.content.cloneNode();
    return el;
  }
  remove() {
    if (this.parentNode)
      this.parentNode.childNodes = this.parentNode.childNodes.filter((c) => c !== this);
    this.parentNode = null;
  }
  closest(selector: string): MiniElement | null {
    if (matches(this, selector)) return this;
    return this.parentElement?.closest(selector) ?? null;
  }
  focus() {
    this.ownerDocument.activeElement = this;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatchEvent(event: MiniEvent): boolean {
    event.target = this;
    const path: MiniElement[] = [this];
    if (event.bubbles) for (let p = this.parentElement; p; p = p.parentElement) path.push(p);
    for (const el of path) {
      event.currentTarget = el;
      for (const l of el.listeners.get(event.type) ?? []) l.call(el, event);
    }
    return !event.defaultPrevented;
  }
  /** Test helper: outerHTML-ish dump for debugging failures. */
  toString(): string {
    return `<${this.tagName.toLowerCase()}${[...this.attributes].map(([k, v]) => ` ${k}="${v}"`).join("")}>`;
  }
}

export class MiniDocument {
  activeElement: MiniElement | null = null;
  documentElement: { lang: string };
  constructor(lang = "en") {
    this.documentElement = { lang };
  }
  createElement(tag: string) {
    const el = new MiniElement(tag);
    el.ownerDocument = this;
    return el;
  }
}

/** Parses an HTML fragment into a container element. Expects well-formed markup (our own). */
export function parseHtml(html: string, doc: MiniDocument): MiniElement {
  const root = doc.createElement("div");
  const stack: MiniParent[] = [root];
  const top = () => stack[stack.length - 1]!;
  const re =
    /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>|[^<]+|</gi;
  for (let m; (m = re.exec(html));) {
    const [token, endTag, startTag, attrText] = m;
    if (token.startsWith("<!")) continue;
    if (endTag) {
      const name = endTag.toUpperCase();
      const idx = stack.findLastIndex((n) => n instanceof MiniElement && n.tagName === name);
      if (idx > 0) stack.length = idx;
      // a </template> closes its content fragment, which sits above the template element
      if (name === "TEMPLATE" && top() instanceof MiniFragment) stack.pop();
      continue;
    }
    if (startTag) {
      const el = doc.createElement(startTag);
      for (const a of (attrText ?? "").matchAll(
        /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
      )) {
        el.setAttribute(a[1]!, decode(a[2] ?? a[3] ?? a[4] ?? ""));
      }
      top().append(el);
      const tag = startTag.toLowerCase();
      if (VOID.has(tag)) continue;
      if (RAW_TEXT.has(tag)) {
        const end = html.toLowerCase().indexOf(`</${tag}`, re.lastIndex);
        const text = html.slice(re.lastIndex, end < 0 ? html.length : end);
        if (text) el.append(new MiniText(tag === "textarea" ? decode(text) : text));
        re.lastIndex = end < 0 ? html.length : html.indexOf(">", end) + 1;
        continue;
      }
      if (tag === "template") {
        stack.push(el, el.content!);
        continue;
      }
      stack.push(el);
      continue;
    }
    top().append(new MiniText(decode(token)));
  }
  const setDoc = (p: MiniParent) => {
    for (const el of p.descendants()) {
      el.ownerDocument = doc;
      if (el.content) setDoc(el.content);
    }
  };
  setDoc(root);
  return root;
}

export interface ElementRegistry {
  get(name: string): unknown;
  define(name: string, ctor: new () => MiniElement): void;
  defined: Map<string, new () => MiniElement>;
}

export function createRegistry(): ElementRegistry {
  const defined = new Map<string, new () => MiniElement>();
  return {
    defined,
    get: (name) => defined.get(name),
    define(name, ctor) {
      if (defined.has(name)) throw new Error(`NotSupportedError: ${name} has already been defined`);
      defined.set(name, ctor);
    },
  };
}

/** Upgrades matching elements in `root` to the defined class and runs connectedCallback. */
export function upgrade(root: MiniElement, registry: ElementRegistry) {
  for (const [name, ctor] of registry.defined) {
    for (const el of root.querySelectorAll(name)) {
      Object.setPrototypeOf(el, ctor.prototype);
      (el as MiniElement & { connectedCallback?: () => void }).connectedCallback?.();
    }
  }
}

export class MiniOption extends MiniElement {
  constructor(text?: unknown, value?: unknown) {
    super("option");
    if (text !== undefined) this.append(new MiniText(String(text)));
    if (value !== undefined) this.setAttribute("value", String(value));
  }
}
