// One article: its text with actors, events, quotes, dates and places highlighted, each event linked to
// its evidence sentence (click an event: its sentence is marked and scrolled to; the URL keeps it).
import { getJSON } from "./api.js";
import { fmt, h } from "./dom.js";
import { href } from "./state.js";

const LAYERS = ["actor", "event", "quote", "date", "place"];

function spans(article) {
  const out = [];
  for (const actor of article.actors) {
    for (const m of actor.mentions) out.push({ layer: "actor", start: m.start_char, end: m.end_char, tip: `${actor.name} ${actor.code || ""}` });
  }
  for (const e of article.events) {
    out.push({ layer: "event", start: e.trigger_start_char, end: e.trigger_end_char, event: e.id,
      tip: `${e.cameo} ${e.source_code || "?"} -> ${e.target_code || "-"} (Goldstein ${fmt(e.goldstein, 1)})` });
  }
  for (const q of article.quotes) out.push({ layer: "quote", start: q.start_char, end: q.end_char, tip: `quote: ${q.speaker_name || "unattributed"}` });
  for (const d of article.dates) out.push({ layer: "date", start: d.start_char, end: d.end_char, tip: `date ${d.value || ""}` });
  for (const p of article.places) out.push({ layer: "place", start: p.start_char, end: p.end_char, tip: `${p.name} ${p.country || ""}` });
  return out.filter((sp) => Number.isInteger(sp.start) && sp.end > sp.start);
}

function textWithHighlights(article) {
  const text = article.text, marks = spans(article);
  const sentences = article.sentences.map(([start, end], i) => ({ start, end, i }));
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  for (const sn of sentences) { cuts.add(sn.start); cuts.add(sn.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const container = h("div", { class: "article-text", "data-testid": "article-text" });
  let holder = container, current = null;
  for (let k = 0; k < points.length - 1; k++) {
    const a = points[k], b = points[k + 1];
    const sentence = sentences.find((sn) => sn.start <= a && b <= sn.end);
    if ((sentence || null) !== current) {
      current = sentence || null;
      holder = current ? h("span", { class: "sentence", id: `s-${current.i}`, "data-sentence": current.i }) : container;
      if (current) container.append(holder);
    }
    const covering = marks.filter((m) => m.start <= a && b <= m.end);
    const piece = text.slice(a, b);
    if (!covering.length) { holder.append(piece); continue; }
    const event = covering.find((m) => m.event);
    holder.append(h("span", {
      class: [...new Set(covering.map((m) => `hl-${m.layer}`))].join(" "),
      title: covering.map((m) => m.tip).join("\n"), "data-event": event ? event.event : null, text: piece,
    }));
  }
  return container;
}

function focus(root, article, eventId) {
  for (const el of root.querySelectorAll(".focus")) el.classList.remove("focus");
  const event = article.events.find((e) => e.id === eventId);
  if (!event) return;
  const sentence = root.querySelector(`#s-${event.sentence}`);
  const item = root.querySelector(`li[data-event="${CSS.escape(event.id)}"]`);
  if (item) item.classList.add("focus");
  if (sentence) { sentence.classList.add("focus"); sentence.scrollIntoView({ block: "center" }); }
  history.replaceState(null, "", href({ view: "article", id: article.id, event: event.id }));
}

export async function render(root, state) {
  if (!state.id) return root.append(h("p", { class: "muted", text: "Open an article from the event or article list." }));
  const article = await getJSON(`/api/articles/${encodeURIComponent(state.id)}`);
  const text = textWithHighlights(article);
  const toggles = h("div", { class: "toggles legend" }, ...LAYERS.map((layer) => h("label", {},
    h("input", { type: "checkbox", checked: "", "data-layer": layer, onchange: (ev) => text.classList.toggle(`off-${layer}`, !ev.target.checked) }),
    h("span", { class: `hl-${layer}`, text: `${layer}s` }))));
  const events = h("ol", { "data-testid": "article-events" }, ...article.events.map((e) => h("li", { "data-event": e.id },
    h("a", { class: "to-sentence", onclick: () => focus(root, article, e.id),
      text: `${e.cameo} ${e.source_name || e.source_code || "?"} -> ${e.target_name || e.target_code || "-"}: "${e.trigger_text}"${e.negated ? " (negated)" : ""}` }))));
  const quotes = h("ol", {}, ...article.quotes.map((q) => h("li", { text: `${q.speaker_name || "unattributed"}: ${q.text.slice(0, 120)}` })));
  const places = h("ol", {}, ...article.places.map((p) => h("li", { text: `${p.name}${p.country ? ` (${p.country})` : ""}` })));
  const side = h("div", { class: "side" }, h("h3", { text: `Events (${article.events.length})` }), events,
    h("h3", { text: `Quotes (${article.quotes.length})` }), quotes, h("h3", { text: `Places (${article.places.length})` }), places);
  const header = h("div", {}, h("h2", { text: article.title || article.id }),
    h("p", { class: "muted", text: [article.date, article.source, article.url].filter(Boolean).join(" · ") }));
  root.append(header, toggles, h("div", { class: "article" }, text, side));
  text.addEventListener("click", (ev) => {
    const id = ev.target instanceof Element ? ev.target.getAttribute("data-event") : null;
    if (id) focus(root, article, id);
  });
  if (state.event) focus(root, article, state.event);
}
