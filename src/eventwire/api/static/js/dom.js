// Small DOM helpers: elements are built with textContent only (no innerHTML), so no stored text can run.
const SVG_NS = "http://www.w3.org/2000/svg";

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

// Goldstein -10 (conflict, red) .. 0 (grey) .. +10 (cooperation, blue)
export function goldsteinColour(value) {
  const t = Math.max(-1, Math.min(1, (value || 0) / 10));
  const grey = [150, 150, 150], red = [203, 24, 29], blue = [33, 113, 181];
  const end = t < 0 ? red : blue, k = Math.abs(t);
  const c = grey.map((g, i) => Math.round(g + (end[i] - g) * k));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function title(text) {
  return s("title", { text });
}

export function fmt(value, digits = 2) {
  return value === null || value === undefined ? "" : Number(value).toFixed(digits);
}
