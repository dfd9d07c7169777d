// Knox run progress: polls the job's state until it is done or failed, then reloads the page
// (which then shows the table or the reason).
const box = document.querySelector("[data-knox-job]");
if (box && (box.dataset.status === "queued" || box.dataset.status === "running")) {
  const bar = box.querySelector("[data-progress]");
  const message = box.querySelector("[data-knox-message]");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
      const data = await response.json();
      if (bar) { bar.max = data.total || 1; bar.value = data.done; }
      if (message) message.textContent = `${data.done} / ${data.total} ${data.message || ""}`;
      if (data.status === "done" || data.status === "failed") { window.location.reload(); return; }
    } catch (error) {
      if (message) message.textContent = String(error);
    }
    window.setTimeout(poll, 1000);
  };
  poll();
}
