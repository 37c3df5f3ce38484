// Follows the matrix live (an enhancement: without scripts the page is complete, and reloading it
// shows the newest figures). On each change the server sends, the figures are fetched again as
// HTML and put in place; the "as of" line counts the seconds since the newest event.
const figures = document.getElementById("matrix-figures");
const freshness = document.getElementById("freshness");

function ago(asOf) {
  const seconds = Math.max(0, Math.round((Date.now() - asOf) / 1000));
  return seconds < 120 ? `${seconds} s ago` : seconds < 7200 ? `${Math.floor(seconds / 60)} min ago` : `${Math.floor(seconds / 3600)} h ago`;
}

function tick() {
  const asOf = Date.parse(freshness?.dataset.asOf ?? "");
  const text = freshness?.querySelector(".app-freshness__ago");
  if (text && !Number.isNaN(asOf)) {
    text.textContent = ago(asOf);
  }
}

async function refresh() {
  const response = await fetch(location.href, { headers: { Accept: "text/html" } });
  if (!response.ok) {
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const newFigures = page.getElementById("matrix-figures");
  const newFreshness = page.getElementById("freshness");
  if (newFigures && newFreshness) {
    figures.innerHTML = newFigures.innerHTML;
    freshness.innerHTML = newFreshness.innerHTML;
    freshness.dataset.asOf = newFreshness.dataset.asOf;
  }
}

if (figures?.dataset.changes) {
  let pending = null;
  const changes = new EventSource(figures.dataset.changes);
  changes.addEventListener("cells", () => {
    // Changes close together are fetched once.
    pending ??= setTimeout(() => { pending = null; refresh(); }, 200);
  });
}
setInterval(tick, 1000);
