// The shell's small behaviours (no inline script: the CSP forbids it).
// - the language <select> submits its form on change (the submit button stays for no-JS use);
// - the menu toggle on narrow screens;
// - a form's error summary takes the focus, so a screen reader reads it and Tab reaches its links.
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.requestSubmit());
  const button = select.form.querySelector(".lang-submit");
  if (button) button.classList.add("visually-hidden");
}

const toggle = document.querySelector("[data-nav-toggle]");
if (toggle) {
  const nav = document.getElementById(toggle.getAttribute("aria-controls"));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("open", !open);
  });
}

// htmx sends the CSRF token from the cookie-less form token on the page.
document.body.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

const summary = document.querySelector("[data-error-summary]");
if (summary) summary.focus();
