// Copy buttons for the republish page. Without JavaScript the code fields are still there to select.

async function copyText(field) {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    // No clipboard permission (or an older browser): fall back to the selection.
    field.focus();
    field.select();
    return document.execCommand("copy");
  }
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[role='status']");
  if (!field) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const copied = await copyText(field);
    if (status) status.textContent = copied ? "Copied." : "Select the text and copy it.";
  });
}
