// Balai's own accessibility checker (WCAG 2.1 AA rules that a machine can check), run in the
// page by the browser tests as the body of a function. Returns an array of sentences, one per
// problem, naming the element (tag, id, name, class and the start of its text).
const problems = [];
const name = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += "#" + el.id;
  if (el.getAttribute("name")) s += "[name=" + el.getAttribute("name") + "]";
  const cls = (el.getAttribute("class") || "").trim();
  if (cls) s += "." + cls.split(/\s+/).join(".");
  const t = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return t ? s + " \"" + t + "\"" : s;
};
const visible = (el) => {
  const st = getComputedStyle(el);
  return st.display !== "none" && st.visibility !== "hidden" && el.getClientRects().length > 0;
};
// Text a sighted user cannot see: the `.visually-hidden` pattern (1×1 px, clipped) and the
// skip link parked above the page until it gets focus. Contrast does not apply to it.
const offscreen = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1) return true;
  for (let e = el; e; e = e.parentElement) {
    const st = getComputedStyle(e);
    if (st.clipPath === "inset(50%)" || st.clip === "rect(0px, 0px, 0px, 0px)") return true;
  }
  return r.bottom + window.scrollY < 0 || r.right + window.scrollX < 0;
};
const byId = (i) => document.getElementById(i);
const accName = (el) => {
  const lb = el.getAttribute("aria-labelledby");
  if (lb) return lb.split(/\s+/).map((i) => (byId(i) || {}).textContent || "").join(" ").trim();
  return (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || el.value || "").trim()
    || Array.from(el.querySelectorAll("img[alt]")).map((i) => i.alt).join(" ").trim();
};

// 3.1.1 Language of page; 3.1.2 Language of parts (well-formed codes).
if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(document.documentElement.lang || "")) problems.push("html has no valid lang attribute");
for (const el of document.querySelectorAll("body [lang]")) {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(el.getAttribute("lang"))) problems.push("invalid lang=\"" + el.getAttribute("lang") + "\" on " + name(el));
}
// 2.4.2 Page titled.
if (!document.title.trim()) problems.push("the page has no title");
// 1.3.1 / 2.4.1 Landmarks: one main region.
const mains = document.querySelectorAll("main,[role=main]");
if (mains.length !== 1) problems.push("the page should have exactly one main landmark, found " + mains.length);
// 1.3.1 Headings: exactly one h1, no skipped levels.
const hs = Array.from(document.querySelectorAll("h1,h2,h3,h4,h5,h6")).filter(visible);
const h1s = hs.filter((h) => h.tagName === "H1");
if (h1s.length !== 1) problems.push("the page should have exactly one h1, found " + h1s.length + (h1s.length ? ": " + h1s.map(name).join(", ") : ""));
let prev = 0;
for (const h of hs) {
  const lvl = +h.tagName[1];
  if (prev && lvl > prev + 1) problems.push("heading level skipped (h" + prev + " then h" + lvl + ") at " + name(h));
  if (!h.textContent.trim()) problems.push("empty heading " + name(h));
  prev = lvl;
}
// 1.1.1 Non-text content.
for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push("image without alt: " + (img.getAttribute("src") || ""));
for (const svg of document.querySelectorAll("svg[role=img]")) if (!accName(svg) && !svg.querySelector("title")) problems.push("svg image without a name: " + name(svg));
// 1.3.1 / 4.1.2 Form controls have labels. A title attribute is a valid (if weak) name, per
// technique H65, so it is accepted.
for (const c of document.querySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),select,textarea")) {
  const label = c.id && document.querySelector("label[for='" + CSS.escape(c.id) + "']");
  const labelled = (label && label.textContent.trim()) || (c.closest("label") && c.closest("label").textContent.trim())
    || (c.getAttribute("aria-label") || "").trim() || (c.getAttribute("aria-labelledby") && accName(c)) || (c.getAttribute("title") || "").trim();
  if (!labelled) problems.push("form control without a label: " + name(c));
}
for (const l of document.querySelectorAll("label[for]")) {
  const t = byId(l.getAttribute("for"));
  if (!t) problems.push("label points to no element: for=" + l.getAttribute("for") + " " + name(l));
  else if (!/^(INPUT|SELECT|TEXTAREA|METER|PROGRESS|OUTPUT|BUTTON)$/.test(t.tagName)) problems.push("label points to a " + t.tagName.toLowerCase() + ", not a control: " + name(l));
}
// 1.3.1 A group of radio buttons sits in a fieldset with a legend (or a named radiogroup).
const radioGroups = new Map();
for (const r of document.querySelectorAll("input[type=radio][name]")) radioGroups.set(r.name, (radioGroups.get(r.name) || []).concat([r]));
for (const [n, rs] of radioGroups) {
  if (rs.length < 2) continue;
  const fs = rs[0].closest("fieldset");
  const rg = rs[0].closest("[role=radiogroup]");
  if (!(fs && fs.querySelector("legend") && fs.querySelector("legend").textContent.trim()) && !(rg && accName(rg))) problems.push("radio buttons " + n + " are not grouped in a fieldset with a legend");
}
// 1.3.1 / 4.1.2 ARIA references point to elements that exist.
for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
  for (const el of document.querySelectorAll("[" + attr + "]")) {
    for (const i of el.getAttribute(attr).split(/\s+/).filter(Boolean)) if (!byId(i)) problems.push(attr + " points to missing id " + i + " on " + name(el));
  }
}
// 2.4.4 / 4.1.2 Links and buttons have names.
for (const a of document.querySelectorAll("a[href]")) if (visible(a) && !accName(a)) problems.push("link without text: " + a.getAttribute("href"));
for (const b of document.querySelectorAll("button,input[type=submit],input[type=button]")) if (visible(b) && !accName(b)) problems.push("button without a name: " + name(b));
// 2.4.1 In-page links (the skip link) lead somewhere.
for (const a of document.querySelectorAll("a[href^='#']")) {
  const id = decodeURIComponent(a.getAttribute("href").slice(1));
  if (id && !byId(id)) problems.push("in-page link to a missing target: " + name(a));
}
// 1.3.1 Data tables have header cells.
for (const t of document.querySelectorAll("table:not([role=presentation]):not([role=none])")) if (!t.querySelector("th")) problems.push("table without header cells: " + name(t));
// 4.1.1 Unique ids.
const seen = new Set();
for (const el of document.querySelectorAll("[id]")) { if (seen.has(el.id)) problems.push("duplicate id " + el.id); seen.add(el.id); }
// 4.1.2 iframes have titles.
for (const f of document.querySelectorAll("iframe")) if (!(f.getAttribute("title") || "").trim()) problems.push("iframe without a title: " + (f.getAttribute("src") || ""));

// 1.4.3 Contrast (minimum) for text on an opaque background.
const rgba = (s) => { const v = (s.match(/[\d.]+/g) || []).map(Number); return v.length === 3 ? v.concat([1]) : v; };
const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const blend = (top, a, under) => top.map((c, i) => c * a + under[i] * (1 - a));
// The colour behind `el`: its own or the nearest ancestor's opaque background, with
// translucent layers above it blended in. `null` when an image or gradient is in the way:
// its colours are unknown, so the text cannot be judged either way.
const bgOf = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const st = getComputedStyle(e);
    if (st.backgroundImage && st.backgroundImage !== "none") return null;
    const c = rgba(st.backgroundColor);
    if (c.length !== 4 || c[3] === 0) continue;
    if (c[3] >= 1) { let bg = c.slice(0, 3); for (const l of layers.reverse()) bg = blend(l.slice(0, 3), l[3], bg); return bg; }
    layers.push(c);
  }
  let bg = [255, 255, 255];
  for (const l of layers.reverse()) bg = blend(l.slice(0, 3), l[3], bg);
  return bg;
};
const opacityOf = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity); return o; };
const hex = (c) => "#" + c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
for (const el of document.querySelectorAll("body *")) {
  if (!visible(el) || el.closest("svg,option")) continue;
  const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || offscreen(el)) continue;
  // WCAG 1.4.3 exempts inactive (disabled) controls.
  if (el.closest(":disabled,[aria-disabled=true]")) continue;
  const st = getComputedStyle(el);
  const bg = bgOf(el);
  if (!bg) continue;
  const c = rgba(st.color);
  const fg = blend(c.slice(0, 3), c[3] * opacityOf(el), bg);
  const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  const ratio = (l1 + 0.05) / (l2 + 0.05);
  const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  const need = large ? 3 : 4.5;
  if (ratio < need) problems.push("low contrast " + ratio.toFixed(2) + ":1 (needs " + need + ":1; " + hex(fg) + " on " + hex(bg) + ") at " + name(el));
}

// 1.4.10 Reflow: nothing wider than the viewport. Names the innermost elements that stick out
// (an element inside a box that scrolls sideways on its own, like a wide table, is allowed).
const vw = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > vw + 1) {
  // Inside a box that scrolls or clips sideways, an element cannot widen the page, unless it is
  // positioned (absolute, fixed) against a containing block outside that box: then it escapes.
  const scrollsOwn = (el) => {
    const pos = getComputedStyle(el).position;
    let escaping = pos === "absolute" || pos === "fixed";
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const st = getComputedStyle(e);
      const clips = ["auto", "scroll", "hidden", "clip"].includes(st.overflowX);
      if (escaping) {
        const containing = st.transform !== "none" || (pos === "absolute" && st.position !== "static");
        if (!containing) continue;
        escaping = false;
      }
      if (clips) return true;
    }
    return false;
  };
  // Hidden text counts here: a `.visually-hidden` span pushed past the edge scrolls the page too.
  const wide = Array.from(document.querySelectorAll("body *")).filter((el) => visible(el) && el.getBoundingClientRect().right + window.scrollX > vw + 1 && !scrollsOwn(el));
  const innermost = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
  const named = innermost.slice(0, 5).map((el) => name(el) + " (right edge " + Math.round(el.getBoundingClientRect().right + window.scrollX) + "px)");
  problems.push("the page scrolls sideways at " + vw + "px (content " + document.documentElement.scrollWidth + "px wide)" + (named.length ? ": " + named.join("; ") : ""));
}

// 2.4.7 Focus visible: every focusable control shows an outline or a shadow when focused from
// the keyboard. `:focus-visible` matches programmatic focus once the page is in keyboard
// modality, which the test harness establishes by pressing a key before running this checker.
const focusables = Array.from(document.querySelectorAll("a[href],button,input:not([type=hidden]),select,textarea,summary,[tabindex]:not([tabindex='-1'])"))
  .filter((el) => visible(el) && !el.disabled);
const before = document.activeElement;
const sx = window.scrollX, sy = window.scrollY;
for (const el of focusables) {
  const plain = getComputedStyle(el);
  const [o0, s0, b0, c0] = [plain.outlineStyle + plain.outlineWidth, plain.boxShadow, plain.backgroundColor, plain.borderColor];
  el.focus({ preventScroll: true });
  // Only judge what the browser itself treats as keyboard focus (after the harness pressed a
  // key, that is every control); otherwise no indicator is expected.
  if (document.activeElement !== el || !el.matches(":focus-visible")) continue;
  const f = getComputedStyle(el);
  const outline = f.outlineStyle !== "none" && parseFloat(f.outlineWidth) > 0;
  const changed = f.outlineStyle + f.outlineWidth !== o0 || f.boxShadow !== s0 || f.backgroundColor !== b0 || f.borderColor !== c0;
  if (!(outline || changed)) problems.push("no visible focus indicator on " + name(el));
}
if (before && before.focus) before.focus({ preventScroll: true }); else if (document.activeElement) document.activeElement.blur();
window.scrollTo(sx, sy);
return problems;
