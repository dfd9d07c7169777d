// Survey trend chart: reads its data from the canvas's data-chart attribute (no inline script).
/* global Chart */
const locale = document.documentElement.lang || "nl";
const canvas = document.getElementById("survey-chart");
if (canvas && window.Chart) {
  const data = JSON.parse(canvas.dataset.chart);
  const names = data.names || {};
  const benchmark = data.labels.map((year) => (year in data.benchmark ? data.benchmark[year] : null));
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: names.share || "%", data: data.values, borderColor: "#1f5f8b", spanGaps: true },
        { label: names.low || "95% low", data: data.low, borderColor: "#9bb7cc", borderDash: [4, 3], pointRadius: 0 },
        { label: names.high || "95% high", data: data.high, borderColor: "#9bb7cc", borderDash: [4, 3], pointRadius: 0 },
        { label: names.benchmark || "benchmark", data: benchmark, borderColor: "#b26a00", showLine: false, pointStyle: "rectRot", pointRadius: 6 },
      ],
    },
    options: { locale, animation: false, scales: { y: { beginAtZero: true } } },
  });
  canvas.dataset.rendered = "true";
}
