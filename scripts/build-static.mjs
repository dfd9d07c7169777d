// Copy the front-end libraries installed by npm into static/vendor (git-ignored).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "static", "vendor");
const modules = join(root, "node_modules");
const copies = [
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["chart.js/dist/chart.umd.js", "chartjs/chart.umd.js"],
  ["chart.js/dist/chart.umd.js.map", "chartjs/chart.umd.js.map"],
  // axe-core: the accessibility checker the browser tests run on every public page.
  ["axe-core/axe.min.js", "axe/axe.min.js"],
];
rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(vendor, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(modules, from), target, { recursive: true });
}
console.log(`static/vendor: ${copies.length} entries copied`);
