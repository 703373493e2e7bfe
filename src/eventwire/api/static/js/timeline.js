// Events per day, stacked by QuadClass, with the day's mean Goldstein value as a line (right axis).
import { filtersFor, getJSON } from "./api.js";
import { fmt, h, s, title } from "./dom.js";
import { go } from "./state.js";

const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const W = 960, H = 320, M = { top: 16, right: 44, bottom: 36, left: 44 };
const DAY = 86400000, TICKS = 5;

export async function render(root, state) {
  const { data } = await getJSON("/api/stats/timeline", filtersFor("events", state.filters));
  if (!data.length) return root.append(h("p", { class: "muted", text: "No dated events match these filters." }));
  const days = new Map();
  for (const row of data) {
    const day = days.get(row.date) || { date: row.date, quads: {}, count: 0, sum: 0 };
    day.quads[row.quad] = row.count;
    day.count += row.count;
    day.sum += row.goldstein * row.count;
    days.set(row.date, day);
  }
  const list = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  const first = Date.parse(list[0].date), last = Date.parse(list[list.length - 1].date);
  const span = Math.max(1, Math.round((last - first) / DAY) + 1);
  const innerW = W - M.left - M.right, innerH = H - M.top - M.bottom;
  const barW = Math.max(1, innerW / span - 1);
  const x = (date) => M.left + (Math.round((Date.parse(date) - first) / DAY) / span) * innerW;
  const most = Math.max(...list.map((d) => d.count));
  const y = (n) => M.top + innerH - (n / most) * innerH;
  const g = (v) => M.top + innerH / 2 - (v / 10) * (innerH / 2);
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, "data-testid": "timeline" });
  svg.append(s("line", { x1: M.left, x2: W - M.right, y1: M.top + innerH, y2: M.top + innerH, stroke: "#5b6670" }));
  svg.append(s("text", { x: 4, y: M.top + 4, text: String(most) }), s("text", { x: 4, y: M.top + innerH, text: "0" }));
  svg.append(s("text", { x: W - M.right + 4, y: M.top + 8, text: "+10" }), s("text", { x: W - M.right + 4, y: M.top + innerH, text: "-10" }));
  svg.append(s("line", { x1: M.left, x2: W - M.right, y1: g(0), y2: g(0), stroke: "#d5dbe0", "stroke-dasharray": "3 3" }));
  for (const day of list) {
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = day.quads[quad] || 0;
      if (!n) continue;
      const bar = s("rect", {
        class: `q${quad} bar`, x: x(day.date), width: barW, y: y(base + n), height: y(base) - y(base + n),
        "data-date": day.date, "data-quad": quad,
        onclick: () => go({ view: "events", since: day.date, until: day.date }),
      }, title(`${day.date}: ${n} ${QUADS[quad]}`));
      svg.append(bar);
      base += n;
    }
  }
  const points = list.map((d) => `${x(d.date) + barW / 2},${g(d.sum / d.count)}`).join(" ");
  svg.append(s("polyline", { points, fill: "none", stroke: "#222", "stroke-width": 1.5, "data-testid": "goldstein-line" }));
  for (const d of list) {
    svg.append(s("circle", { cx: x(d.date) + barW / 2, cy: g(d.sum / d.count), r: 2.5, fill: "#222" },
      title(`${d.date}: mean Goldstein ${fmt(d.sum / d.count)} over ${d.count} events`)));
  }
  const ticks = span > 1 ? TICKS : 1;
  for (let i = 0; i < ticks; i++) {
    const date = new Date(first + Math.round(((span - 1) * i) / Math.max(1, ticks - 1)) * DAY).toISOString().slice(0, 10);
    svg.append(s("text", { x: x(date), y: H - 12, "text-anchor": i === 0 ? "start" : i === ticks - 1 ? "end" : "middle", text: date }));
  }
  const legend = h("div", { class: "legend" }, ...Object.entries(QUADS).map(([q, name]) => h("span", { class: `q${q}`, text: `${q} ${name}` })),
    h("span", { class: "gs", text: "mean Goldstein (right axis)" }));
  root.append(legend, svg, h("p", { class: "muted", text: `${list.reduce((n, d) => n + d.count, 0)} events on ${list.length} days; click a bar to list that day's events.` }));
}
