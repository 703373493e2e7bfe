// The event list and the article list: pages fetched with the API's cursor ("more" asks for the next).
import { filtersFor, getJSON } from "./api.js";
import { fmt, h } from "./dom.js";
import { href } from "./state.js";

async function paged(root, path, params, header, row) {
  const body = h("tbody");
  const table = h("table", { class: "rows" }, h("thead", {}, h("tr", {}, ...header.map((t) => h("th", { text: t })))), body);
  const more = h("button", { class: "more", type: "button", text: "more" });
  root.append(table, more);
  let cursor = null;
  const load = async () => {
    const page = await getJSON(path, { ...params, limit: 50, cursor });
    for (const item of page.data) body.append(row(item));
    cursor = page.next;
    more.hidden = !cursor;
    if (!body.children.length) body.append(h("tr", {}, h("td", { colspan: header.length, class: "muted", text: "Nothing matches these filters." })));
  };
  more.addEventListener("click", load);
  await load();
}

export async function events(root, state) {
  await paged(root, "/api/events", filtersFor("events", state.filters),
    ["date", "source", "event", "target", "place", "Goldstein", "evidence"],
    (e) => h("tr", { class: "event", "data-event": e.id },
      h("td", { text: e.date || "" }), h("td", { text: e.source_code || e.source_name || "" }),
      h("td", { text: `${e.cameo}${e.negated ? " (negated)" : ""}` }), h("td", { text: e.target_code || e.target_name || "" }),
      h("td", { text: e.place_name || "" }), h("td", { text: fmt(e.goldstein, 1) }),
      h("td", {}, e.sentence_text || "", " ", h("a", { class: "open", href: href({ view: "article", id: e.article_id, event: e.id }), text: "open" }))));
}

export async function articles(root, state) {
  await paged(root, "/api/articles", filtersFor("articles", state.filters), ["date", "title", "source", "characters"],
    (a) => h("tr", { class: "article-row" }, h("td", { text: a.date || "" }),
      h("td", {}, h("a", { href: href({ view: "article", id: a.id }), text: a.title || a.id })),
      h("td", { text: a.source || "" }), h("td", { text: a.chars })));
}

// the story layer: stories (near-duplicate articles) and merged events with the reports behind them
export async function stories(root, state) {
  await paged(root, "/api/stories", filtersFor("articles", state.filters), ["first date", "story", "articles", "sources", "reports"],
    (st) => h("tr", { class: "story-row" }, h("td", { text: st.first_date || "" }), h("td", { text: st.title || st.story }),
      h("td", { text: st.num_articles }), h("td", { text: st.num_sources }),
      h("td", {}, ...st.articles.map((a) => h("div", {}, h("a", { href: href({ view: "article", id: a.id }), text: a.title || a.id }),
        ` ${a.source || ""} ${a.date || ""}`)))));
}

export async function merged(root, state) {
  const detail = h("div", { "data-testid": "merged-mentions" });
  await paged(root, "/api/events/merged", filtersFor("events", state.filters),
    ["date", "source", "event", "target", "place", "mentions", "sources", "articles", ""],
    (m) => h("tr", { class: "merged-row", "data-merged": m.id },
      h("td", { text: m.date || "" }), h("td", { text: m.source_code || m.source_name || "" }), h("td", { text: m.cameo }),
      h("td", { text: m.target_code || m.target_name || "" }), h("td", { text: m.place_name || "" }),
      h("td", { text: m.num_mentions }), h("td", { text: m.num_sources }), h("td", { text: m.num_articles }),
      h("td", {}, h("button", { type: "button", class: "reports", text: "reports", onclick: () => reports(detail, m) }))));
  root.append(detail);
}

async function reports(detail, m) {
  const { mentions } = await getJSON(`/api/events/merged/${encodeURIComponent(m.id)}`);
  detail.replaceChildren(h("h3", { text: `${m.cameo} ${m.source_code || "?"} -> ${m.target_code || "-"}: ${mentions.length} mentions` }),
    ...mentions.map((x) => h("blockquote", { class: "mention" }, x.sentence_text || "", h("div", { class: "muted" },
      `${x.outlet || ""} ${x.article_date || ""} `, h("a", { href: href({ view: "article", id: x.article_id, event: x.id }), text: x.title || x.article_id })))));
  detail.scrollIntoView({ block: "start" });
}
