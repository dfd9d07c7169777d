// Long checkbox lists (partners, areas): a filter box that hides the options not matching what
// is typed; checked options always stay visible. Without JavaScript the box stays hidden and
// the whole list works. The shared field template marks the fieldset with data-checklist.
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

for (const fieldset of document.querySelectorAll("fieldset[data-checklist]")) {
  const filter = fieldset.querySelector("[data-checklist-filter]");
  if (!filter) continue;
  filter.closest(".checklist-filter").hidden = false;
  const options = [...fieldset.querySelectorAll(".checklist label")];
  filter.addEventListener("input", () => {
    const wanted = fold(filter.value.trim());
    for (const label of options) {
      const checked = label.querySelector("input")?.checked;
      label.parentElement.hidden = Boolean(wanted) && !checked && !fold(label.textContent).includes(wanted);
    }
  });
  // Enter in the filter box must not submit the form half-filled.
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
}

