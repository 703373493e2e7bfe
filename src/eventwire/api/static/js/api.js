// The API client: each endpoint gets only the filters its rows take (from /api/meta), errors shown as sent.
let meta = null;

export class ApiError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: "E036", message: `HTTP ${response.status}` };
    throw new ApiError(error.code, error.message);
  }
  return body;
}

export async function loadMeta() {
  meta = meta || await getJSON("/api/meta");
  return meta;
}

// the filters of `kind` (events, quotes, actors, articles) among those set
export function filtersFor(kind, filters) {
  const allowed = new Set((meta && meta.filters[kind]) || []);
  return Object.fromEntries(Object.entries(filters).filter(([key, value]) => allowed.has(key) && value));
}
