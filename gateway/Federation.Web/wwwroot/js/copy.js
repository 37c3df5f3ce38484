// A "copy" button beside an address: shown only where the browser can copy (without scripts the
// address is there to select by hand).
for (const button of document.querySelectorAll("button.app-copy")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.nextElementSibling;
  if (!field || !navigator.clipboard) {
    continue;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(field.value);
    if (status) {
      status.textContent = "Address copied.";
    }
  });
}
