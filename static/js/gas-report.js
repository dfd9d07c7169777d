// Field report form: one idempotency key per form, so a retried submission (double tap, a
// flaky mobile network) never opens a second case.
for (const input of document.querySelectorAll("input[data-idempotency]")) {
  if (!input.value) input.value = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
}

// The speed fields only for a speeding article (GAS-R38): the list comes from the catalogue.
const form = document.getElementById("report-form");
if (form) {
  const speeding = new Set((form.dataset.speedingArticles || "").split(" ").filter(Boolean));
  const article = form.querySelector("#id_article_code");
  const speedSection = form.querySelector("[data-speeding-only]");
  const toggle = () => {
    if (!article || !speedSection) return;
    const show = speeding.has(article.value);
    speedSection.hidden = !show;
    for (const input of speedSection.querySelectorAll("input")) input.disabled = !show;
  };
  if (article) article.addEventListener("change", toggle);
  toggle();
}

// "Use my location": the device's position becomes the pin (the map listens for urbis:place).
for (const button of document.querySelectorAll("[data-use-location]")) {
  const status = button.parentElement.querySelector("[data-location-status]");
  const say = (text) => { if (status) status.textContent = text; };
  button.addEventListener("click", () => {
    if (!navigator.geolocation) { say(button.dataset.failedText); return; }
    say(button.dataset.locatingText);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const map = document.getElementById("report-map");
        const detail = { lat: position.coords.latitude, lon: position.coords.longitude };
        if (map) map.dispatchEvent(new CustomEvent("urbis:place", { detail }));
        say("");
      },
      () => say(button.dataset.failedText),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  });
}
