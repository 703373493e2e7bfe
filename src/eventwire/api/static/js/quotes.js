// The quotes browser: speakers by number of quotes; a speaker's quotes with their article.
import { filtersFor, getJSON } from "./api.js";
import { h } from "./dom.js";
import { go, href } from "./state.js";

export async function render(root, state) {
  const filters = filtersFor("quotes", state.filters);
  const { data: speakers } = await getJSON("/api/stats/speakers", { ...filters, speaker: undefined, limit: 200 });
  const chosen = state.filters.speaker;
  const list = h("ul", { class: "plain", "data-testid": "speakers" }, ...speakers.map((sp) => h("li", {
    class: chosen === sp.speaker_name ? "active" : "", "data-speaker": sp.speaker_name,
    onclick: () => go({ speaker: sp.speaker_name }),
  }, `${sp.speaker_name} `, h("span", { class: "muted", text: `${sp.speaker_code || ""} ${sp.count}` }))));
  const quotes = h("div", { "data-testid": "quotes" });
  root.append(h("div", { class: "split" }, list, quotes));
  const page = await getJSON("/api/quotes", { ...filters, limit: 100 });
  if (!page.data.length) quotes.append(h("p", { class: "muted", text: "No quotes match these filters." }));
  for (const q of page.data) {
    quotes.append(h("blockquote", { class: "quote" }, q.text,
      h("div", { class: "muted" }, `${q.speaker_name || "unattributed"} (${q.kind}) `,
        h("a", { href: href({ view: "article", id: q.article_id }), text: q.title || q.article_id }))));
  }
}
