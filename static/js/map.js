// Reusable map widget (templates/core/includes/map.html).
// Tiles are optional and configurable (URBIS_MAP_TILE_URL); the project's own GeoJSON layers
// are drawn whether or not any tile loads, so the map stays useful offline or when the tile
// server is blocked.
/* global L */

const statusText = (root, text) => {
  const status = root.parentElement.querySelector("[data-map-status]");
  if (status) status.textContent = text;
};

async function loadLayer(map, url, labelProperty) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = await response.json();
  const layer = L.geoJSON(data, {
    // Larger areas get a heavier outline so neighbourhoods stand out over their sectors.
    style: (feature) => {
      const kind = feature && feature.properties ? feature.properties.kind : "";
      return kind === "statistical_sector"
        ? { color: "#1f5f8b", weight: 1, dashArray: "4 3", fillOpacity: 0.05 }
        : { color: "#1f5f8b", weight: 3, fillOpacity: 0.1 };
    },
    onEachFeature: (feature, featureLayer) => {
      const label = feature.properties && feature.properties[labelProperty];
      if (label) featureLayer.bindTooltip(String(label), { sticky: true });
      if (feature.properties && feature.properties.url) {
        featureLayer.on("click", () => { window.location.href = feature.properties.url; });
      }
    },
  }).addTo(map);
  return layer;
}

// Pin picking: a click (or tap) on the map puts a marker there and writes its coordinates into
// the inputs whose ids data-pick-lat and data-pick-lon name (e.g. the field report form).
function enablePicking(element, map) {
  const latInput = document.getElementById(element.dataset.pickLat);
  const lonInput = document.getElementById(element.dataset.pickLon);
  if (!latInput || !lonInput) return;
  let marker = null;
  const place = (latlng) => {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
    latInput.value = latlng.lat.toFixed(6);
    lonInput.value = latlng.lng.toFixed(6);
  };
  if (latInput.value && lonInput.value) place(L.latLng(Number(latInput.value), Number(lonInput.value)));
  map.on("click", (event) => place(event.latlng));
  // Another widget (e.g. "use my location") places the pin: urbis:place with {lat, lon}.
  element.addEventListener("urbis:place", (event) => {
    const latlng = L.latLng(Number(event.detail.lat), Number(event.detail.lon));
    place(latlng);
    map.setView(latlng, Math.max(map.getZoom(), 16));
  });
}

async function initMap(element) {
  const [lat, lon] = (element.dataset.center || "51.0259,4.4776").split(",").map(Number);
  const map = L.map(element, { center: [lat, lon], zoom: Number(element.dataset.zoom || 13) });
  element.urbisMap = map;
  if (element.dataset.tiles) {
    const tiles = L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution || "",
    });
    let failed = 0;
    tiles.on("tileerror", () => {
      failed += 1;
      if (failed === 1) statusText(element, element.dataset.tilesFailedText || "Background map unavailable; showing Urbis layers only.");
    });
    tiles.addTo(map);
  }
  const urls = (element.dataset.layers || "").split(",").map((u) => u.trim()).filter(Boolean);
  const bounds = L.latLngBounds([]);
  let features = 0;
  for (const url of urls) {
    try {
      const layer = await loadLayer(map, url, element.dataset.labelProperty || "name");
      const layerBounds = layer.getBounds();
      if (layerBounds.isValid()) bounds.extend(layerBounds);
      features += layer.getLayers().length;
    } catch (error) {
      statusText(element, String(error));
    }
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  if (element.dataset.marker) {
    // A fixed pin (e.g. the place of a GAS ascertainment): "lat,lon".
    const [markerLat, markerLon] = element.dataset.marker.split(",").map(Number);
    L.marker([markerLat, markerLon]).addTo(map);
    map.setView([markerLat, markerLon], Math.max(map.getZoom(), 16));
  }
  if (element.dataset.pickLat && element.dataset.pickLon) enablePicking(element, map);
  element.dataset.features = String(features);
  element.dispatchEvent(new CustomEvent("urbis:map-ready", { bubbles: true, detail: { map, features } }));
}

for (const element of document.querySelectorAll("[data-map]")) {
  initMap(element);
}
