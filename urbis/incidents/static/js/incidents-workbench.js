// The analyst's workbench: one map with a switchable layer, and two Chart.js charts.
// Data come from the workbench's own JSON endpoints (no inline script, CSP).
/* global L, Chart */

const element = document.querySelector("[data-incidents-map]");
const status = document.querySelector("[data-layer-status]");
const say = (text) => { if (status) status.textContent = text; };

const GI_COLOURS = { 3: "#b2182b", 2: "#ef8a62", 1: "#fddbc7", 0: "#f7f7f7", "-1": "#d1e5f0", "-2": "#67a9cf", "-3": "#2166ac" };

function rampColour(value, max) {
  const t = max > 0 ? Math.min(1, value / max) : 0;
  const r = Math.round(255 * Math.min(1, 0.3 + t));
  const g = Math.round(220 * (1 - t));
  return `rgb(${r},${g},60)`;
}

function styleFor(kind, features) {
  if (kind === "gistar") {
    return (f) => ({ weight: 0, fillOpacity: f.properties.class === 0 ? 0.05 : 0.65, fillColor: GI_COLOURS[String(f.properties.class)] });
  }
  if (kind === "kde") {
    const max = Math.max(0, ...features.map((f) => f.properties.density));
    return (f) => ({ weight: 0, fillOpacity: 0.6, fillColor: rampColour(f.properties.density, max) });
  }
  if (kind === "forecast") {
    return () => ({ weight: 1, color: "#6a1b9a", fillOpacity: 0.4, fillColor: "#ab47bc" });
  }
  if (kind === "choropleth") {
    const max = Math.max(0, ...features.map((f) => f.properties.rate || 0));
    return (f) => ({ color: "#1f5f8b", weight: 1, fillOpacity: 0.6, fillColor: rampColour(f.properties.rate || 0, max) });
  }
  return undefined;
}

function tooltip(kind, p) {
  if (kind === "gistar") return `n=${p.count} z=${p.z} p(FDR)=${p.p_fdr !== null ? p.p_fdr.toFixed(4) : "–"} class ${p.class}`;
  if (kind === "kde") return `${p.density} / km²`;
  if (kind === "forecast") return `#${p.rank} risk ${p.risk}`;
  if (kind === "choropleth") return `${p.name}: ${p.count} (${p.rate === null ? "–" : p.rate.toFixed(2)} / 1,000)`;
  return p.count > 1 ? `${p.count}` : "1";
}

async function fetchJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

if (element && window.L) {
  const [lat, lon] = (element.dataset.center || "51.0259,4.4776").split(",").map(Number);
  const map = L.map(element, { center: [lat, lon], zoom: 13 });
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  let current = null;
  let kind = "points";
  const load = async () => {
    say(element.dataset.textLoading || "…");
    const layerKind = kind.startsWith("choropleth") ? "choropleth" : kind;
    let query = element.dataset.query || "";
    if (kind === "choropleth-dwellings") query += (query ? "&" : "") + "per=dwellings";
    if (kind === "points") query += (query ? "&" : "") + `zoom=${map.getZoom()}`;
    const url = element.dataset.layerUrl.replace("KIND", layerKind) + (query ? `?${query}` : "");
    try {
      const data = await fetchJson(url);
      const features = data.geojson.features;
      if (current) current.remove();
      current = L.geoJSON(data.geojson, {
        style: styleFor(layerKind, features),
        pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: f.properties.count > 1 ? 8 + Math.min(18, Math.sqrt(f.properties.count) * 2) : 5, color: "#1f5f8b", fillOpacity: 0.6 }),
        onEachFeature: (f, l) => l.bindTooltip(tooltip(layerKind, f.properties), { sticky: true }),
      }).addTo(map);
      element.dataset.layer = layerKind;
      element.dataset.features = String(features.length);
      let text = `${features.length}`;
      if (layerKind === "gistar") text = `${data.hotspots} ${element.dataset.textHotspots || "hotspots"}`;
      say(text);
      if (layerKind === "forecast") showBacktest(data.backtest);
    } catch (error) {
      say(String(error));
    }
  };
  document.querySelectorAll("[data-layer-switch] input").forEach((input) => {
    input.addEventListener("change", () => { kind = input.value; load(); });
  });
  map.on("zoomend", () => { if (kind === "points") load(); });
  load();
}

function showBacktest(backtest) {
  const box = document.querySelector("[data-forecast-summary]");
  if (!box) return;
  if (!backtest) { box.textContent = ""; return; }
  const pct = (v) => (v === null ? "–" : (100 * v).toFixed(1) + " %");
  const fmt = (v) => (v === null ? "–" : Number(v).toFixed(2));
  box.textContent = `${box.dataset.textBacktest}: ${backtest.hit_rate.map(pct).join(" / ")}; PAI ${backtest.pai.map(fmt).join(" / ")} (n=${backtest.test_events})`;
}

async function charts() {
  if (!window.Chart) return;
  const series = document.getElementById("series-chart");
  if (series) {
    const data = await fetchJson(series.dataset.chartUrl);
    new Chart(series, { type: "bar", data: { labels: data.labels, datasets: [{ label: series.dataset.label, data: data.counts, backgroundColor: "#1f5f8b" }] }, options: { animation: false, locale: document.documentElement.lang || "nl" } });
    series.dataset.rendered = "true";
  }
  const weekhour = document.getElementById("weekhour-chart");
  if (weekhour) {
    const data = await fetchJson(weekhour.dataset.chartUrl);
    const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}h`);
    new Chart(weekhour, {
      type: "line",
      data: { labels: hours, datasets: data.weights.map((row, i) => ({ label: data.days[i], data: row, borderWidth: 1, pointRadius: 0 })) },
      options: { animation: false, locale: document.documentElement.lang || "nl" },
    });
    weekhour.dataset.rendered = "true";
  }
}
charts();
