// Unsaved edits on an interview's change page (see interviews/admin_editing.py):
// - a status button with nothing typed opens its confirmation directly; with something typed it
//   submits the form, which the server saves before the move is confirmed;
// - leaving the page with unsaved changes asks first;
// - every 30 seconds (and when the tab is hidden) unsaved edits are kept in localStorage, keyed by
//   the interview and the version the form was opened at, and offered back on return;
// - a successful save clears them.
// Without this script the form still saves, and the status buttons still save first.

const PREFIX = "meridian-autosave:interview:";
const SUBMITTED = "meridian-autosave:submitted";
const EVERY_MS = 30_000;
// Not the editor's typing: the form's token and version, the formsets' counters, the buttons.
const SKIP = /^(csrfmiddlewaretoken|edit_version|_.*)$|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

const form = document.getElementById("interview_form");
const versionField = form && form.querySelector('input[name="edit_version"]');
const match = location.pathname.match(/\/([^/]+)\/change\/$/);
if (form && versionField && versionField.value && match) {
  start(form, match[1], Number(versionField.value));
}

function fields(form) {
  const data = [];
  for (const [name, value] of new FormData(form)) {
    if (!SKIP.test(name) && typeof value === "string") data.push([name, value]);
  }
  return data;
}

function clock(time) {
  const at = new Date(time);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function drafts(id) {
  const found = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key.startsWith(`${PREFIX}${id}:`)) continue;
    const draft = read(key);
    if (draft && Array.isArray(draft.fields)) found.push({ key, ...draft });
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

function start(form, id, version) {
  const key = `${PREFIX}${id}:${version}`;
  // After a refused save the form shows what was typed, which the database does not have yet.
  const refused = document.querySelector(".errornote, .errorlist") !== null;
  let baseline = refused ? null : JSON.stringify(fields(form));
  let kept = null;
  let submitting = false;

  const current = () => JSON.stringify(fields(form));
  const dirty = () => baseline === null || current() !== baseline;

  function keep() {
    if (submitting || !dirty()) return;
    const now = current();
    if (now === kept) return;
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), version, fields: JSON.parse(now) }));
      kept = now;
    } catch {
      // Storage full or refused: the warning on leaving still protects the edits.
    }
  }

  let touched = false;
  form.addEventListener("input", (event) => {
    if (event.isTrusted) touched = true;
  });
  forgetSaved(id, version, refused);
  offer(form, id, version, current, () => {
    touched = true;
  });
  if (refused) keep();

  // Other scripts (the rich-text editors, prepopulated fields) may rewrite values as they start.
  window.addEventListener("load", () => {
    if (baseline !== null && !touched) baseline = current();
  });

  setInterval(keep, EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") keep();
  });
  window.addEventListener("pagehide", keep);

  form.addEventListener("submit", () => {
    keep();
    submitting = true;
    sessionStorage.setItem(SUBMITTED, JSON.stringify({ id, version }));
  });

  window.addEventListener("beforeunload", (event) => {
    if (submitting || !dirty()) return;
    keep();
    event.preventDefault();
    event.returnValue = "";
  });

  // A status button with nothing to save goes straight to its confirmation: no empty revision.
  for (const button of document.querySelectorAll('button[name="_transition"][data-href]')) {
    button.addEventListener("click", (event) => {
      if (dirty()) return;
      event.preventDefault();
      submitting = true;
      location.assign(button.dataset.href);
    });
  }
}

// The form was sent from this tab and the interview has a newer version now: it was saved.
function forgetSaved(id, version, refused) {
  let sent = null;
  try {
    sent = JSON.parse(sessionStorage.getItem(SUBMITTED));
  } catch {
    sent = null;
  }
  if (!sent || String(sent.id) !== String(id) || refused) return;
  if (version > sent.version) {
    localStorage.removeItem(`${PREFIX}${id}:${sent.version}`);
    sessionStorage.removeItem(SUBMITTED);
  }
}

function offer(form, id, version, current, restored) {
  const [latest, ...older] = drafts(id);
  for (const draft of older) localStorage.removeItem(draft.key);
  if (!latest) return;
  if (JSON.stringify(latest.fields) === current()) {
    localStorage.removeItem(latest.key); // saved after all: nothing to give back
    return;
  }
  const notice = document.createElement("div");
  notice.className = "editing-notice editing-notice--warning autosave-offer";
  notice.setAttribute("role", "region");
  notice.setAttribute("aria-label", "Unsaved edits");
  const question = document.createElement("p");
  question.textContent = `Restore your unsaved edits from ${clock(latest.savedAt)}?`;
  notice.append(question);
  if (latest.version !== version) {
    const older = document.createElement("p");
    older.textContent =
      "They were made on an older version of this interview, saved since: restoring puts them " +
      "over the current text, field by field.";
    notice.append(older);
  }
  const actions = document.createElement("p");
  const restore = button("Restore", () => {
    apply(form, latest.fields);
    restored();
    question.textContent = "Your unsaved edits are back in the form. Save to keep them.";
    actions.remove();
  });
  const discard = button("Discard", () => {
    localStorage.removeItem(latest.key);
    notice.remove();
  });
  actions.append(restore, discard);
  notice.append(actions);
  form.before(notice);
}

function button(label, action) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "button";
  element.textContent = label;
  element.addEventListener("click", action);
  return element;
}

function apply(form, saved) {
  const values = new Map();
  for (const [name, value] of saved) {
    if (!values.has(name)) values.set(name, []);
    values.get(name).push(value);
  }
  const used = new Map();
  for (const element of form.elements) {
    const name = element.name;
    if (!name || SKIP.test(name) || element.type === "file") continue;
    const wanted = values.get(name);
    if (element.type === "checkbox" || element.type === "radio") {
      if (!wanted && element.type === "radio") continue;
      element.checked = (wanted ?? []).includes(element.value);
    } else if (element.tagName === "SELECT" && element.multiple) {
      if (!wanted) continue;
      for (const option of element.options) option.selected = wanted.includes(option.value);
    } else {
      if (!wanted) continue;
      const index = used.get(name) ?? 0;
      if (index >= wanted.length) continue;
      element.value = wanted[index];
      used.set(name, index + 1);
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}
