// A map of event places: world land outline (world-atlas TopoJSON, decoded here) in an equirectangular
// projection, a circle per place sized by its events and coloured by their mean Goldstein value.
import { filtersFor, getJSON } from "./api.js";
import { fmt, goldsteinColour, h, s, title } from "./dom.js";
import { go } from "./state.js";

const W = 960, H = 480;
let landPath = null;

const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((90 - lat) / 180) * H;

// TopoJSON arcs are delta-encoded, quantised positions; a negative index ~i is arc i reversed
function decode(topology) {
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indexes) => {
    const points = [];
    for (const i of indexes) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  let d = "";
  for (const geometry of topology.objects.land.geometries) {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
    for (const polygon of polygons) {
      for (const indexes of polygon) {
        let previous = null;
        for (const [lon, lat] of ring(indexes)) {
          // a jump across the antimeridian starts a new subpath instead of a line across the map
          const move = previous === null || Math.abs(lon - previous) > 180;
          d += `${move ? "M" : "L"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
          previous = lon;
        }
        d += "Z";
      }
    }
  }
  return d;
}

export async function render(root, state) {
  if (landPath === null) {
    const response = await fetch("/static/vendor/world-atlas/land-110m.json");
    landPath = decode(await response.json());
  }
  const { data } = await getJSON("/api/stats/places", filtersFor("events", state.filters));
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, "data-testid": "map" },
    s("path", { class: "land", d: landPath }));
  const most = Math.max(1, ...data.map((p) => p.count));
  for (const p of data) {
    svg.append(s("circle", {
      class: "place", cx: px(p.lon), cy: py(p.lat), r: 3 + 12 * Math.sqrt(p.count / most), fill: goldsteinColour(p.goldstein),
      "data-place": p.place_name, onclick: () => go({ view: "events", place: p.place_name }),
    }, title(`${p.place_name}${p.place_country ? ` (${p.place_country})` : ""}: ${p.count} events, mean Goldstein ${fmt(p.goldstein)}`)));
  }
  root.append(h("div", { class: "legend" }, h("span", { text: `${data.length} places; circle area: events; colour: mean Goldstein; click a place for its events` })), svg);
}
