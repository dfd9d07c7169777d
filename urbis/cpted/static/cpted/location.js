// Location picker for a CPTED project: click to add points; one point is a Point, three or
// more make a Polygon. The GeoJSON goes into the form's location field (the server validates).
/* global L */

const input = document.querySelector("[data-location-input]");
const element = document.querySelector("[data-location-map]");

if (input && element && window.L) {
  const [lat, lon] = (element.dataset.center || "51.0259,4.4776").split(",").map(Number);
  const map = L.map(element, { center: [lat, lon], zoom: 15 });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  }
  let points = [];
  let layer = null;

  const draw = () => {
    if (layer) layer.remove();
    if (!points.length) { input.value = ""; return; }
    let geometry;
    if (points.length < 3) {
      const [plat, plon] = points[points.length - 1];
      geometry = { type: "Point", coordinates: [plon, plat] };
    } else {
      const ring = points.map(([plat, plon]) => [plon, plat]);
      geometry = { type: "Polygon", coordinates: [[...ring, ring[0]]] };
    }
    layer = L.geoJSON(geometry).addTo(map);
    input.value = JSON.stringify(geometry);
  };

  try {
    const existing = input.value ? JSON.parse(input.value) : null;
    if (existing && existing.type === "Point") points = [[existing.coordinates[1], existing.coordinates[0]]];
    if (existing && existing.type === "Polygon") points = existing.coordinates[0].slice(0, -1).map(([x, y]) => [y, x]);
    draw();
    if (layer) map.fitBounds(layer.getBounds(), { maxZoom: 17 });
  } catch (error) {
    // Leave the text as typed: the server reports what is wrong with it.
  }
  map.on("click", (event) => { points.push([event.latlng.lat, event.latlng.lng]); draw(); });
  const clear = document.querySelector("[data-location-clear]");
  if (clear) clear.addEventListener("click", () => { points = []; draw(); });
}
