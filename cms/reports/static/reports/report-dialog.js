// Spelling error reports: a reader selects text and presses Ctrl+Enter (Cmd+Enter on a Mac), or taps
// "Report a typo" on a touch screen, and confirms in a dialog what goes to the editors.
// Pages carry no per-reader data (they may be cached), so the CSRF token is fetched when needed.

const SELECTION_LIMIT = 300;
const CONTEXT_CHARS = 120;
const QUOTE_CONTEXT_CHARS = 70;

const STRINGS = {
  en: {
    title: "Spelling error report",
    intro: "The following text will be sent to our editors:",
    comment: "Comment or correct spelling",
    optional: "(optional)",
    email: "Your email, to hear when it is fixed",
    emailHint: "We write once, when the error is fixed, and then erase the address. Only our editors see it.",
    trap: "Leave this field empty",
    send: "Send",
    cancel: "Cancel",
    close: "Close",
    sending: "Sending…",
    thanks: "Thank you! Our editors will look at it.",
    noSelection: "Please select the text with the error first, then press Ctrl+Enter.",
    noSelectionTouch: "Please select the text with the error first, then tap “Report a typo”.",
    tooLong: "You selected {n} characters. Please select at most 300: just the words with the error.",
    network: "The report could not be sent: the connection failed.",
    failed: "The report could not be sent.",
    tryAgain: "Please try again.",
    noRetry: "Sending it again will not help.",
    touchButton: "Report a typo",
    codes: {
      rate_limited: "You have sent many reports in a short time. Please try again in {m} minutes.",
    },
  },
  ru: {
    title: "Сообщение об ошибке",
    intro: "Этот текст будет отправлен редакции:",
    comment: "Комментарий или правильное написание",
    optional: "(необязательно)",
    email: "Ваш email, чтобы узнать об исправлении",
    emailHint: "Мы напишем один раз, когда ошибку исправят, и удалим адрес. Его видит только редакция.",
    trap: "Оставьте это поле пустым",
    send: "Отправить",
    cancel: "Отмена",
    close: "Закрыть",
    sending: "Отправляем…",
    thanks: "Спасибо! Редакция посмотрит.",
    noSelection: "Сначала выделите текст с ошибкой, затем нажмите Ctrl+Enter.",
    noSelectionTouch: "Сначала выделите текст с ошибкой, затем нажмите «Сообщить об ошибке».",
    tooLong: "Выделено {n} символов. Выделите не больше 300 — только слова с ошибкой.",
    network: "Не удалось отправить сообщение: нет связи с сервером.",
    failed: "Не удалось отправить сообщение.",
    tryAgain: "Попробуйте ещё раз.",
    noRetry: "Повторная отправка не поможет.",
    touchButton: "Сообщить об ошибке",
    codes: {
      rate_limited: "Вы отправили много сообщений за короткое время. Попробуйте снова через {m} мин.",
      not_on_page: "Этого текста нет на странице. Если страница только что изменилась, обновите её и попробуйте снова.",
      no_page: "Сообщения об ошибках можно отправлять только со страниц интервью.",
      csrf: "Проверка безопасности не прошла. Обновите страницу и попробуйте снова.",
      automated: "Сообщение похоже на автоматическое и не принято.",
      invalid_selection: "Выделите текст с ошибкой — не больше 300 символов.",
      invalid_comment: "Комментарий должен быть короче 1000 символов.",
      invalid_email: "Проверьте адрес email или оставьте поле пустым.",
      unavailable: "Сайт ненадолго недоступен, сообщение не сохранено. Попробуйте через минуту.",
    },
  },
};

const collapse = (text) => text.replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "").replace(/\s+/g, " ");
const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function isEditable(node) {
  const target = node instanceof Element ? node : node?.parentElement;
  return Boolean(target?.closest("input, textarea, select, [contenteditable], dialog"));
}

// Keep whole words at the cut, so the context reads naturally.
function tail(text, size) {
  if (text.length <= size) return text;
  const cut = text.slice(-size);
  const space = cut.indexOf(" ");
  return space >= 0 && space < cut.length - 1 ? cut.slice(space) : cut;
}

function head(text, size) {
  if (text.length <= size) return text;
  const cut = text.slice(0, size);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? cut.slice(0, space + 1) : cut;
}

// Return the text of a range as the reader sees it: the selection's rendering leaves out hidden
// and unselectable text (such as a question's "#" link), which Range.toString() would keep.
function renderedText(range) {
  const selection = window.getSelection();
  const saved = [];
  for (let i = 0; i < selection.rangeCount; i += 1) saved.push(selection.getRangeAt(i).cloneRange());
  selection.removeAllRanges();
  selection.addRange(range.cloneRange());
  const text = selection.toString();
  selection.removeAllRanges();
  for (const kept of saved) selection.addRange(kept);
  return text;
}

// Return what the reader selected, with its context and block, or null for no usable selection.
function readSelection(range) {
  if (!range || range.collapsed) return null;
  const raw = renderedText(range);
  const text = collapse(raw).trim();
  if (!text || isEditable(range.commonAncestorContainer)) return null;
  const startElement = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
  const endElement = range.endContainer instanceof Element ? range.endContainer : range.endContainer.parentElement;
  const startBlock = startElement?.closest("[data-block]");
  const block = startBlock && startBlock === endElement?.closest("[data-block]") ? startBlock : null;
  // Context comes from the interview's body where the selection is in it, so page furniture stays out.
  const common = range.commonAncestorContainer;
  const commonElement = common instanceof Element ? common : common.parentElement;
  const scope = commonElement?.closest(".interview__body, article, main") || document.body;
  const before = document.createRange();
  const after = document.createRange();
  before.selectNodeContents(scope);
  after.selectNodeContents(scope);
  if (scope.contains(range.startContainer)) before.setEnd(range.startContainer, range.startOffset);
  else before.collapse(true);
  if (scope.contains(range.endContainer)) after.setStart(range.endContainer, range.endOffset);
  else after.collapse(false);
  // Spaces trimmed off the selection belong to the context: they tell a whole word from part of one.
  const leading = raw.match(/^\s*/)[0];
  const trailing = raw.match(/\s*$/)[0];
  return {
    selection: text,
    length: text.length,
    context_before: tail(collapse(renderedText(before) + leading).trimStart(), CONTEXT_CHARS),
    context_after: head(collapse(trailing + renderedText(after)).trimEnd(), CONTEXT_CHARS),
    block: block ? Number(block.dataset.block) || null : null,
  };
}

class ReportDialog {
  constructor({ reportUrl, tokenUrl, strings }) {
    this.reportUrl = reportUrl;
    this.tokenUrl = tokenUrl;
    this.t = strings;
    this.token = null;
    this.report = null;
    this.range = null;
    this.previousFocus = null;
    this.build();
  }

  build() {
    const t = this.t;
    this.heading = element("h2", { id: "report-dialog-title", class: "report-dialog__title", text: t.title });
    this.intro = element("p", { id: "report-dialog-intro", class: "report-dialog__intro", text: t.intro });
    this.before = element("span", { class: "report-dialog__context" });
    this.mark = element("mark", { class: "report-dialog__selection" });
    this.after = element("span", { class: "report-dialog__context" });
    this.quote = element("blockquote", { class: "report-dialog__quote" }, this.before, this.mark, this.after);
    this.comment = element("textarea", {
      id: "report-dialog-comment",
      name: "comment",
      rows: "3",
      maxlength: "1000",
    });
    this.email = element("input", {
      id: "report-dialog-email",
      name: "email",
      type: "email",
      autocomplete: "email",
      maxlength: "254",
      "aria-describedby": "report-dialog-email-hint",
    });
    this.trap = element("input", { name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
    this.compose = element(
      "div",
      { class: "report-dialog__compose" },
      this.intro,
      this.quote,
      element(
        "label",
        { for: "report-dialog-comment", class: "report-dialog__label" },
        t.comment + " ",
        element("span", { class: "report-dialog__optional", text: t.optional }),
      ),
      this.comment,
      element(
        "label",
        { for: "report-dialog-email", class: "report-dialog__label" },
        t.email + " ",
        element("span", { class: "report-dialog__optional", text: t.optional }),
      ),
      this.email,
      element("p", { id: "report-dialog-email-hint", class: "report-dialog__hint", text: t.emailHint }),
      element("div", { class: "report-dialog__trap", "aria-hidden": "true" }, element("label", {}, t.trap + " ", this.trap)),
    );
    this.status = element("p", { id: "report-dialog-status", class: "report-dialog__status", role: "status" });
    this.sendButton = element("button", { type: "submit", class: "report-dialog__send", text: t.send });
    this.cancelButton = element("button", { type: "button", class: "report-dialog__cancel", text: t.cancel });
    this.form = element(
      "form",
      { class: "report-dialog__form", novalidate: true },
      this.heading,
      this.compose,
      this.status,
      element("div", { class: "report-dialog__actions" }, this.sendButton, this.cancelButton),
    );
    this.dialog = element(
      "dialog",
      { class: "report-dialog", "aria-labelledby": "report-dialog-title", "aria-describedby": "report-dialog-intro" },
      this.form,
    );
    document.body.append(this.dialog);

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.cancelButton.addEventListener("click", () => this.dialog.close());
    this.dialog.addEventListener("close", () => this.restore());
    this.dialog.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !this.sendButton.hidden) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    // A click on the backdrop (outside the form) closes the dialog, as Cancel does.
    this.dialog.addEventListener("click", (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
  }

  open(range, { touch = false } = {}) {
    if (this.dialog.open) return;
    this.previousFocus = document.activeElement;
    this.range = range ? range.cloneRange() : null;
    const report = readSelection(range);
    this.setStatus("");
    if (!report) {
      this.showMessage(touch ? this.t.noSelectionTouch : this.t.noSelection);
    } else if (report.length > SELECTION_LIMIT) {
      this.showMessage(format(this.t.tooLong, { n: report.length }));
    } else {
      this.report = { ...report, page: window.location.pathname };
      delete this.report.length;
      this.before.textContent = (report.context_before.length > QUOTE_CONTEXT_CHARS ? "…" : "") + tail(report.context_before, QUOTE_CONTEXT_CHARS);
      this.mark.textContent = report.selection;
      this.after.textContent = head(report.context_after, QUOTE_CONTEXT_CHARS) + (report.context_after.length > QUOTE_CONTEXT_CHARS ? "…" : "");
      this.comment.value = "";
      this.trap.value = "";
      this.setMode("compose");
    }
    this.dialog.showModal();
    (this.compose.hidden ? this.cancelButton : this.comment).focus();
  }

  showMessage(message) {
    this.report = null;
    this.setMode("message");
    this.setStatus(message);
  }

  setMode(mode) {
    const composing = mode === "compose";
    this.compose.hidden = !composing;
    this.sendButton.hidden = !composing;
    this.sendButton.disabled = false;
    this.cancelButton.textContent = composing ? this.t.cancel : this.t.close;
    this.dialog.setAttribute("aria-describedby", composing ? "report-dialog-intro" : "report-dialog-status");
  }

  setStatus(message, kind = "") {
    this.status.textContent = message;
    this.status.className = "report-dialog__status" + (kind ? ` report-dialog__status--${kind}` : "");
    this.status.hidden = !message;
  }

  async csrfToken(renew = false) {
    if (!this.token || renew) {
      const response = await fetch(this.tokenUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
      this.token = (await response.json()).csrfToken;
    }
    return this.token;
  }

  async post(payload, renewToken = false) {
    const response = await fetch(this.reportUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": await this.csrfToken(renewToken) },
      body: JSON.stringify(payload),
    });
    let data = {};
    try {
      data = await response.json();
    } catch {
      // A proxy's HTML error page: the status code still tells what happened.
    }
    if (response.status === 403 && data.code === "csrf" && !renewToken) return this.post(payload, true);
    return { response, data };
  }

  async send() {
    if (!this.report || this.sendButton.disabled) return;
    this.sendButton.disabled = true;
    this.setStatus(this.t.sending);
    const payload = { ...this.report, comment: this.comment.value, email: this.email.value.trim(), website: this.trap.value };
    let result;
    try {
      result = await this.post(payload);
    } catch {
      this.sendButton.disabled = false;
      this.setStatus(`${this.t.network} ${this.t.tryAgain}`, "error");
      return;
    }
    const { response, data } = result;
    if (response.ok) {
      this.report = null;
      this.setMode("done");
      this.setStatus(this.t.thanks, "done");
      this.cancelButton.focus();
      return;
    }
    const retry = data.retry ?? response.status >= 500;
    const minutes = Math.max(1, Math.ceil(Number(response.headers.get("Retry-After") || 60) / 60));
    const local = this.t.codes[data.code];
    const message = local ? format(local, { m: minutes }) : data.error || this.t.failed;
    this.sendButton.disabled = !retry;
    this.sendButton.hidden = !retry;
    // The server's messages say what to do; a bare failure gets told whether to try again.
    const advice = local || data.error ? "" : ` ${retry ? this.t.tryAgain : this.t.noRetry}`;
    this.setStatus(message + advice, "error");
  }

  restore() {
    const previous = this.previousFocus;
    if (previous && previous.isConnected && previous !== document.body && typeof previous.focus === "function") {
      previous.focus();
    }
    if (this.range) {
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(this.range);
    }
    this.previousFocus = null;
  }
}

class TouchButton {
  constructor(dialog, label) {
    this.dialog = dialog;
    this.range = null;
    this.button = element("button", { type: "button", class: "report-typo-button", text: label, hidden: true });
    document.body.append(this.button);
    // Keep the reader's selection: a tap on the button must not clear it first.
    this.button.addEventListener("pointerdown", (event) => event.preventDefault());
    this.button.addEventListener("click", () => {
      this.button.hidden = true;
      this.dialog.open(this.range, { touch: true });
    });
    let timer;
    document.addEventListener("selectionchange", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update(), 120);
    });
    window.addEventListener("scroll", () => this.place(), { passive: true });
    window.addEventListener("resize", () => this.place());
  }

  update() {
    const selection = window.getSelection();
    const range = selection.rangeCount ? selection.getRangeAt(0) : null;
    if (this.dialog.dialog.open || !readSelection(range)) {
      this.button.hidden = true;
      return;
    }
    this.range = range.cloneRange();
    this.button.hidden = false;
    this.place();
  }

  // Fixed at the bottom edge of the window, or the top one when the selection is down there, so
  // the button never covers the selected lines (nor the text just after them, which the reader
  // may be checking). Kept in place as the page scrolls.
  place() {
    if (this.button.hidden || !this.range) return;
    const box = this.range.getBoundingClientRect();
    const margin = 12;
    const height = this.button.offsetHeight;
    const viewport = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    const width = document.documentElement.clientWidth;
    this.button.style.left = `${Math.max(margin, (width - this.button.offsetWidth) / 2)}px`;
    const bottom = viewport - height - margin;
    this.button.style.top = `${box.bottom + margin < bottom ? bottom : margin}px`;
  }
}

function start() {
  const script = document.querySelector("script[data-report-url][data-token-url]");
  if (!script || typeof HTMLDialogElement !== "function") return;
  const language = (document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  const strings = STRINGS[language] || STRINGS.en;
  const dialog = new ReportDialog({ reportUrl: script.dataset.reportUrl, tokenUrl: script.dataset.tokenUrl, strings });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (dialog.dialog.open || isEditable(event.target)) return;
    event.preventDefault();
    const selection = window.getSelection();
    dialog.open(selection.rangeCount ? selection.getRangeAt(0) : null);
  });
  if (navigator.maxTouchPoints > 0 || window.matchMedia("(pointer: coarse)").matches) {
    new TouchButton(dialog, strings.touchButton);
    // The footer then speaks of the button rather than of Ctrl+Enter (site.css).
    document.documentElement.classList.add("has-report-button");
  }
}

start();
