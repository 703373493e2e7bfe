// The dashboard's state lives in the URL: the view, the shared filters and the open article, so any view
// can be bookmarked and shared.
export const FILTERS = ["actor", "source", "target", "root", "since", "until", "place", "q", "speaker"];
const OWN = ["view", "id", "event"];

export function read() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  return { view: params.get("view") || "timeline", id: params.get("id"), event: params.get("event"), filters };
}

export function href(changes, keepFilters = true) {
  const current = read();
  const params = new URLSearchParams();
  const merged = { view: current.view, ...(keepFilters ? current.filters : {}), ...changes };
  for (const key of [...OWN, ...FILTERS]) {
    if (merged[key] !== undefined && merged[key] !== null && merged[key] !== "") params.set(key, merged[key]);
  }
  return `?${params}`;
}

export function go(changes, keepFilters = true) {
  history.pushState(null, "", href(changes, keepFilters));
  window.dispatchEvent(new Event("eventwire:navigate"));
}
