// The dashboard: shared filters in the URL, one view at a time, every figure from the JSON API.
import { loadMeta } from "./api.js";
import * as article from "./article.js";
import { h } from "./dom.js";
import * as lists from "./lists.js";
import * as map from "./map.js";
import * as network from "./network.js";
import * as quotes from "./quotes.js";
import { FILTERS, go, read } from "./state.js";
import * as timeline from "./timeline.js";

const VIEWS = {
  timeline: timeline.render, network: network.render, map: map.render, quotes: quotes.render,
  events: lists.events, articles: lists.articles, article: article.render,
  stories: lists.stories, merged: lists.merged,
};
const form = document.getElementById("filters");
const status = document.getElementById("status");
let rendering = 0;

function fillForm(state) {
  for (const key of FILTERS) {
    if (form.elements[key]) form.elements[key].value = state.filters[key] || "";
  }
  for (const link of document.querySelectorAll("#views a")) {
    link.classList.toggle("active", link.dataset.view === state.view);
    link.href = `?${new URLSearchParams({ ...state.filters, view: link.dataset.view })}`;
  }
}

async function show() {
  const state = read();
  const mine = ++rendering;
  fillForm(state);
  const root = document.getElementById("view");
  root.replaceChildren();
  root.dataset.view = state.view;
  root.dataset.ready = "false";
  status.className = "";
  status.textContent = "loading...";
  try {
    await (VIEWS[state.view] || VIEWS.timeline)(root, state);
    if (mine !== rendering) return;
    status.textContent = Object.keys(state.filters).length
      ? `filters: ${Object.entries(state.filters).map(([k, v]) => `${k}=${v}`).join(", ")}` : "";
  } catch (error) {
    if (mine !== rendering) return;
    status.className = "error";
    status.textContent = error.code ? `${error.message}` : `error: ${error.message}`;
  } finally {
    if (mine === rendering) root.dataset.ready = "true";
  }
}

async function start() {
  const meta = await loadMeta();
  document.getElementById("store-info").textContent =
    `${meta.counts.articles} articles, ${meta.counts.events} events, ${meta.counts.quotes} quotes (${meta.backend}, eventwire ${meta.eventwire})`;
  // the story layer's views appear only where the store holds it (meta.features)
  for (const link of document.querySelectorAll("#views a[data-layer]")) link.hidden = !meta.features[link.dataset.layer];
  const roots = form.elements.root;
  for (const [code, name] of Object.entries(meta.roots)) roots.append(h("option", { value: code, text: `${code} ${name}` }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const changes = {};
    for (const key of FILTERS) if (form.elements[key]) changes[key] = form.elements[key].value.trim();
    const view = read().view === "article" ? "events" : read().view;
    go({ ...changes, view, id: "", event: "" });
  });
  document.getElementById("clear").addEventListener("click", () => go({ view: read().view === "article" ? "timeline" : read().view }, false));
  document.getElementById("views").addEventListener("click", (event) => {
    const link = event.target.closest("a[data-view]");
    if (!link) return;
    event.preventDefault();
    go({ view: link.dataset.view, id: "", event: "" });
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("main a[href^='?']");
    if (!link || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    history.pushState(null, "", link.getAttribute("href"));
    show();
  });
  window.addEventListener("popstate", show);
  window.addEventListener("eventwire:navigate", show);
  await show();
}

start();
