// Versus console: times in the viewer's time zone (UTC stays on hover), live countdowns to the page,
// and a gentle refresh of list pages. No library, no build step.
"use strict";

const parts = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" };
const thisYear = new Intl.DateTimeFormat(undefined, parts);
const otherYear = new Intl.DateTimeFormat(undefined, { ...parts, year: "numeric" });
const local = { format: (at) => (at.getFullYear() === new Date().getFullYear() ? thisYear : otherYear).format(at) };

function localiseTimes() {
  for (const node of document.querySelectorAll("time.local")) {
    const at = new Date(node.getAttribute("datetime"));
    if (!Number.isNaN(at.getTime())) {
      node.textContent = local.format(at);
      node.title = node.getAttribute("datetime").replace("T", " ").replace("Z", " UTC");
    }
  }
}

function left(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours > 0) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
}

let reloadScheduled = false;

function tick() {
  for (const node of document.querySelectorAll(".countdown[data-due]")) {
    const remaining = Number(node.dataset.due) - Date.now();
    node.textContent = remaining > 0 ? left(remaining) : "0m 00s (paging now)";
    if (remaining <= 0 && !reloadScheduled) {
      reloadScheduled = true;
      setTimeout(() => window.location.reload(), 3000);
    }
  }
}

function refreshLater() {
  const seconds = Number(document.body.dataset.refresh || 0);
  if (!seconds) return;
  setInterval(() => {
    const typing = document.activeElement && ["INPUT", "SELECT"].includes(document.activeElement.tagName);
    if (document.visibilityState === "visible" && !typing) window.location.reload();
  }, seconds * 1000);
}

document.addEventListener("DOMContentLoaded", () => {
  localiseTimes();
  tick();
  setInterval(tick, 1000);
  refreshLater();
});
