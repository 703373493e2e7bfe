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

// the story layer's tables, when the store has them: every column as stored (the layer defines them)
export function layer(path) {
  return async (root) => {
    const first = await getJSON(path, { limit: 50 });
    const columns = first.data.length ? Object.keys(first.data[0]) : ["(empty)"];
    await paged(root, path, {}, columns, (row) => h("tr", { class: "layer-row" },
      ...columns.map((c) => h("td", { text: typeof row[c] === "object" && row[c] !== null ? JSON.stringify(row[c]) : row[c] ?? "" }))));
  };
}
