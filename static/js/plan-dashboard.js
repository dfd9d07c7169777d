// The mayor's dashboard: one line chart per indicator (measured value, target, benchmark),
// from the canvas's data-indicator-chart attribute (no inline script: the CSP forbids it).
// Numbers on the axis and in the tooltips follow the page's language (<html lang>).
/* global Chart */
const locale = document.documentElement.lang || "nl";

for (const canvas of document.querySelectorAll("canvas[data-indicator-chart]")) {
  if (!window.Chart) break;
  const data = JSON.parse(canvas.dataset.indicatorChart);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.names.value, data: data.values, borderColor: "#1f5f8b", backgroundColor: "#1f5f8b", spanGaps: true },
        { label: data.names.target, data: data.targets, borderColor: "#2e7d32", backgroundColor: "#2e7d32", borderDash: [6, 4], stepped: true, spanGaps: true, pointStyle: "triangle" },
        { label: data.names.benchmark, data: data.benchmarks, borderColor: "#b26a00", backgroundColor: "#b26a00", showLine: false, pointStyle: "rectRot", pointRadius: 6 },
      ],
    },
    options: {
      locale,
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: Boolean(data.unit), text: data.unit } } },
    },
  });
  canvas.dataset.rendered = "true";
}
