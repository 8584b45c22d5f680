// Who else has this interview open, and whether it was saved since this form was opened.
// Every 15 seconds the page tells the server it is open (POST …/presence/, see
// interviews/presence.py) and shows what the answer says, before the editor saves.

const EVERY_MS = 15_000;

const form = document.getElementById("interview_form");
const versionField = form && form.querySelector('input[name="edit_version"]');
const token = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
if (form && versionField && versionField.value && token && /\/change\/$/.test(location.pathname)) {
  watch(form, Number(versionField.value), token.value);
}

function watch(form, version, csrf) {
  const url = new URL("../presence/", location.href);
  const notice = document.createElement("div");
  notice.className = "editing-notice presence-notice";
  notice.setAttribute("role", "status");
  notice.setAttribute("aria-live", "polite");
  notice.hidden = true;
  form.before(notice);
  let shown = "";

  function show(state) {
    const lines = state.others.map((other) => ({
      text: `${other.name} has this interview open since ${other.since_clock}.`,
    }));
    if (state.version > version) {
      const who = state.saved_by_you ? "You" : state.saved_by || "Someone";
      const where = state.saved_by_you ? " in another tab or window" : "";
      lines.push({
        text: `${who} saved a newer version${where} at ${state.saved_clock} — your save will be refused; `,
        link: "open the new version",
        warning: true,
      });
    }
    const key = JSON.stringify(lines);
    if (key === shown) return;
    shown = key;
    notice.replaceChildren(
      ...lines.map((line) => {
        const paragraph = document.createElement("p");
        paragraph.textContent = line.text;
        if (line.link) {
          const link = document.createElement("a");
          link.href = location.pathname;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = line.link;
          paragraph.append(link, " (in a new tab, so what you typed here stays).");
        }
        return paragraph;
      }),
    );
    notice.classList.toggle("editing-notice--warning", lines.some((line) => line.warning));
    notice.hidden = lines.length === 0;
  }

  async function beat() {
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      });
      if (response.ok) show(await response.json());
    } catch {
      // Offline for a moment: the next beat tries again.
    }
  }

  beat();
  setInterval(beat, EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") beat();
  });
}
