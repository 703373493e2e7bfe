// The actor network: dyads as edges weighted by their event count and coloured by mean Goldstein; a
// small force layout of our own, seeded, so the same data draws the same picture.
import { filtersFor, getJSON } from "./api.js";
import { fmt, goldsteinColour, h, s, title } from "./dom.js";
import { go } from "./state.js";

const W = 960, H = 560, STEPS = 300, GRAVITY = 0.6;

function random(seed) {
  let t = seed >>> 0;
  return () => { t = (t * 1664525 + 1013904223) >>> 0; return t / 4294967296; };
}

function layout(nodes, edges) {
  const rand = random(nodes.length * 7919 + edges.length);
  for (const n of nodes) { n.x = W / 2 + (rand() - 0.5) * W * 0.6; n.y = H / 2 + (rand() - 0.5) * H * 0.6; }
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.6;
  for (let step = 0; step < STEPS; step++) {
    const heat = 0.1 * (1 - step / STEPS) * W;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01, d = Math.hypot(dx, dy);
        const f = (k * k) / d;
        a.dx += (dx / d) * f; a.dy += (dy / d) * f; b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const dx = e.a.x - e.b.x, dy = e.a.y - e.b.y, d = Math.hypot(dx, dy) || 0.01;
      const f = (d * d) / k;
      e.a.dx -= (dx / d) * f; e.a.dy -= (dy / d) * f; e.b.dx += (dx / d) * f; e.b.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      // gravity toward the centre keeps separate components on the canvas, not pressed to its edges
      n.dx -= (n.x - W / 2) * GRAVITY;
      n.dy -= (n.y - H / 2) * GRAVITY * (W / H);
      const d = Math.hypot(n.dx, n.dy) || 1, m = Math.min(d, heat);
      n.x = Math.max(30, Math.min(W - 90, n.x + (n.dx / d) * m));
      n.y = Math.max(20, Math.min(H - 20, n.y + (n.dy / d) * m));
    }
  }
}

export async function render(root, state) {
  const { data } = await getJSON("/api/stats/dyads", { ...filtersFor("events", state.filters), limit: 150 });
  if (!data.length) return root.append(h("p", { class: "muted", text: "No dyads (events with a coded source and target) match these filters." }));
  const byCode = new Map();
  const node = (code, name) => {
    if (!byCode.has(code)) byCode.set(code, { code, name, count: 0 });
    const n = byCode.get(code);
    return n;
  };
  const edges = data.map((d) => {
    const a = node(d.source_code, d.source_name), b = node(d.target_code, d.target_name);
    a.count += d.count; b.count += d.count;
    return { a, b, ...d };
  });
  const nodes = [...byCode.values()];
  layout(nodes, edges);
  const most = Math.max(...edges.map((e) => e.count));
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, "data-testid": "network" });
  for (const e of edges) {
    const width = 1 + (5 * e.count) / most;
    svg.append(s("line", {
      class: "edge", x1: e.a.x, y1: e.a.y, x2: e.b.x, y2: e.b.y, stroke: goldsteinColour(e.goldstein),
      "stroke-width": width, "stroke-opacity": 0.8, "data-source": e.source_code, "data-target": e.target_code,
      onclick: () => go({ view: "events", source: e.source_code, target: e.target_code, actor: "" }),
    }, title(`${e.source_code} -> ${e.target_code}: ${e.count} events, mean Goldstein ${fmt(e.goldstein)}`)));
  }
  for (const n of nodes) {
    const r = 4 + Math.sqrt(n.count) * 1.5;
    svg.append(s("g", { class: "node", "data-code": n.code, onclick: () => go({ actor: n.code, source: "", target: "" }) },
      s("circle", { cx: n.x, cy: n.y, r, fill: "#fff", stroke: "#1d232a", "stroke-width": 1.2 }),
      s("text", { x: n.x + r + 2, y: n.y + 4, text: n.code }),
      title(`${n.code} (${n.name || ""}): ${n.count} events in these dyads`)));
  }
  root.append(h("div", { class: "legend" }, h("span", { text: "edge width: events; colour: mean Goldstein, red conflict .. blue cooperation; click an edge for its events, a node to filter by the actor" })), svg);
}
