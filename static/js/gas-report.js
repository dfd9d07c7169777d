// Field report form: one idempotency key per form, so a retried submission (double tap, a
// flaky mobile network) never opens a second case.
for (const input of document.querySelectorAll("input[data-idempotency]")) {
  if (!input.value) input.value = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
}
