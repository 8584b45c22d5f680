// The interview's blocks as an editor: each block shows the fields of its kind; blocks are
// added by kind (at the end or between two), moved with buttons or by dragging, deleted with
// an undo, collapsed to one line, and the questions are listed at the side to jump to.
// Without this script the stock inline form works as it is: every field shows. A new block's
// text gets its editor from editor-text.js, which listens for the rows Django's inlines add.

const KINDS = [
  ["question", "Question"],
  ["answer", "Answer"],
  ["paragraph", "Paragraph"],
  ["heading", "Heading"],
  ["quote", "Quote"],
  ["image", "Image"],
]
const KIND_NAMES = Object.fromEntries(KINDS)

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
    else node.setAttribute(key, value)
  }
  node.append(...children)
  return node
}

function button(label, props = {}) {
  return el("button", { type: "button", class: "block-button", ...props }, label)
}

function announce(group, message) {
  const status = group.querySelector(".block-editor__status")
  status.textContent = ""
  window.setTimeout(() => {
    status.textContent = message
  }, 50)
}

class BlockEditor {
  constructor(group) {
    this.group = group
    this.prefix = group.id.replace(/-group$/, "")
    this.template = group.querySelector(`#${this.prefix}-empty`)
    this.addLink = group.querySelector(".add-row a")
    group.classList.add("blocks-enhanced")
    this.buildChrome()
    this.sortByOrder()
    for (const row of this.rows()) this.enhance(row)
    this.refresh()
    group.closest("form").addEventListener("submit", () => this.beforeSubmit())
  }

  rows() {
    return [...this.group.querySelectorAll(".block-form:not(.empty-form)")]
  }

  liveRows() {
    return this.rows().filter((row) => !row.classList.contains("is-deleted"))
  }

  buildChrome() {
    const fieldset = this.group.querySelector("fieldset")
    const heading = fieldset.querySelector(".inline-heading")
    const tools = el(
      "div",
      { class: "block-editor__tools" },
      button("Collapse all", { onclick: () => this.collapseAll(true) }),
      button("Expand all", { onclick: () => this.collapseAll(false) }),
      el("span", { class: "block-editor__hint" }, "Ctrl+B bold, Ctrl+I italic, Ctrl+K link; {braces} mark an insertion."),
    )
    heading.after(tools)
    this.status = el("p", { class: "block-editor__status visually-hidden", role: "status" })
    tools.after(this.status)

    this.nav = el("nav", { class: "block-editor__nav", "aria-label": "Questions" })
    this.navList = el("ol")
    this.nav.append(el("h3", {}, "Questions"), this.navList)
    fieldset.before(this.nav)

    // The chooser of a new block's kind, shown where the block is to go.
    this.chooser = el("div", { class: "block-chooser", role: "group", "aria-label": "Kind of the new block", hidden: "" })
    for (const [kind, name] of KINDS) {
      this.chooser.append(button(name, { "data-kind": kind, onclick: () => this.add(kind) }))
    }
    this.chooser.append(button("Cancel", { class: "block-button block-chooser__cancel", onclick: () => this.closeChooser() }))
    this.chooser.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.closeChooser()
    })

    this.end = el("div", { class: "block-editor__end" }, button("Add a block", { class: "block-button block-add", onclick: (event) => this.openChooser(null, event.currentTarget) }))
    const addRow = this.group.querySelector(".add-row")
    ;(addRow || this.template || fieldset.lastChild).before(this.end)
    if (addRow) addRow.hidden = true
  }

  enhance(row) {
    if (row.dataset.enhanced) return
    row.dataset.enhanced = "1"
    const head = row.querySelector(".block-form__head")
    const kindSelect = row.querySelector("select[name$='-kind']")
    const order = row.querySelector("input[name$='-order']")
    if (order) {
      order.type = "hidden"
      order.closest(".form-row")?.classList.add("block-form__order")
    }
    const label = head.querySelector(".inline_label")
    const number = el("span", { class: "block-form__title" })
    label.replaceWith(number)
    head.querySelector("b")?.remove()
    row._title = number
    if (kindSelect) {
      row.dataset.kind = kindSelect.value
      const kindLabel = row.querySelector(`label[for="${kindSelect.id}"]`)
      kindLabel?.classList.add("visually-hidden")
      const kindBox = el("span", { class: "block-form__kind" })
      if (kindLabel) kindBox.append(kindLabel)
      kindBox.append(kindSelect)
      kindSelect.closest(".form-row")?.remove()
      head.prepend(kindBox)
      kindSelect.addEventListener("change", () => {
        row.dataset.kind = kindSelect.value
        this.refresh()
      })
    }
    const handle = el("span", { class: "block-form__handle", draggable: "true", title: "Drag to move", "aria-hidden": "true" }, "⠿")
    head.prepend(handle)
    this.dragging(row, handle)

    const summary = el("span", { class: "block-form__summary" })
    const toggle = button("Collapse", { class: "block-button block-form__toggle", "aria-expanded": "true" })
    toggle.addEventListener("click", () => this.collapse(row, !row.classList.contains("is-collapsed")))
    const up = button("↑", { class: "block-button block-form__up", "aria-label": "Move up", title: "Move up" })
    const down = button("↓", { class: "block-button block-form__down", "aria-label": "Move down", title: "Move down" })
    up.addEventListener("click", () => this.move(row, -1, up))
    down.addEventListener("click", () => this.move(row, 1, down))
    const remove = button("Delete", { class: "block-button block-form__delete" })
    remove.addEventListener("click", () => this.remove(row, true))
    const actions = el("span", { class: "block-form__actions" }, toggle, up, down, remove)
    head.append(summary, actions)
    row._summary = summary
    row._toggle = toggle

    // Django's own controls: the delete box and, for new rows, its "Remove" link.
    const deleteBox = head.querySelector(".delete")
    if (deleteBox) deleteBox.hidden = true
    for (const link of head.querySelectorAll(".inline-deletelink")) link.parentElement.hidden = true

    const undo = el(
      "p",
      { class: "block-form__undo" },
      el("span", { class: "block-form__undo-text" }, "Block deleted; it goes when you save. "),
      button("Undo", { onclick: () => this.remove(row, false) }),
    )
    row.append(undo)

    const insert = button("Insert a block here", { class: "block-button block-insert", onclick: (event) => this.openChooser(row, event.currentTarget) })
    row.prepend(el("div", { class: "block-form__insert" }, insert))
    row.addEventListener("input", () => this.summarise(row))
  }

  summarise(row) {
    const kind = row.dataset.kind
    let text = ""
    if (kind === "image") {
      text = row.querySelector("input[name$='-caption']")?.value || "(no caption)"
    } else {
      const editor = row.querySelector(".ProseMirror")
      text = editor ? editor.textContent : row.querySelector("textarea[name$='-text']")?.value || ""
      text = text.replace(/<[^>]*>/g, " ")
    }
    text = text.replace(/\s+/g, " ").trim()
    row._summary.textContent = text.length > 110 ? `${text.slice(0, 110)}…` : text
    return text
  }

  refresh() {
    this.navList.replaceChildren()
    let questions = 0
    const rows = this.liveRows()
    rows.forEach((row, index) => {
      const kind = row.dataset.kind
      row._title.textContent = `${index + 1}`
      const text = this.summarise(row)
      const speaker = row.querySelector("select[name$='-speaker']")
      if (speaker && kind !== "answer" && !row.classList.contains("has_original")) speaker.value = ""
      row.querySelector(".block-form__up").disabled = index === 0
      row.querySelector(".block-form__down").disabled = index === rows.length - 1
      if (kind === "question") {
        questions += 1
        const link = el("a", { href: `#${row.id}` }, text.length > 60 ? `${text.slice(0, 60)}…` : text || `Question ${questions}`)
        link.addEventListener("click", (event) => {
          event.preventDefault()
          this.collapse(row, false)
          row.scrollIntoView({ block: "start" })
          row.querySelector(".ProseMirror")?.focus()
        })
        this.navList.append(el("li", {}, link))
      }
      const textLabel = row.querySelector(".ProseMirror")
      if (textLabel) textLabel.setAttribute("aria-label", `Text of the ${(KIND_NAMES[kind] || "block").toLowerCase()} ${index + 1}`)
    })
    this.nav.hidden = questions === 0
  }

  collapse(row, collapsed) {
    row.classList.toggle("is-collapsed", collapsed)
    row._toggle.textContent = collapsed ? "Expand" : "Collapse"
    row._toggle.setAttribute("aria-expanded", String(!collapsed))
  }

  collapseAll(collapsed) {
    for (const row of this.rows()) this.collapse(row, collapsed)
    announce(this.group, collapsed ? "All blocks collapsed." : "All blocks expanded.")
  }

  move(row, step, focusAfter) {
    const rows = this.liveRows()
    const index = rows.indexOf(row)
    const other = rows[index + step]
    if (!other) return
    if (step < 0) other.before(row)
    else other.after(row)
    this.refresh()
    const target = focusAfter.disabled ? row.querySelector(step < 0 ? ".block-form__down" : ".block-form__up") : focusAfter
    target.focus()
    announce(this.group, `Block moved to place ${index + step + 1} of ${rows.length}.`)
  }

  dragging(row, handle) {
    handle.addEventListener("dragstart", (event) => {
      this.dragged = row
      row.classList.add("is-dragged")
      event.dataTransfer.effectAllowed = "move"
      event.dataTransfer.setData("text/plain", row.id)
      event.dataTransfer.setDragImage(row, 20, 20)
    })
    handle.addEventListener("dragend", () => {
      row.classList.remove("is-dragged")
      for (const other of this.rows()) other.classList.remove("drop-before", "drop-after")
      this.dragged = null
    })
    row.addEventListener("dragover", (event) => {
      if (!this.dragged || this.dragged === row) return
      event.preventDefault()
      const box = row.getBoundingClientRect()
      const before = event.clientY < box.top + box.height / 2
      row.classList.toggle("drop-before", before)
      row.classList.toggle("drop-after", !before)
    })
    row.addEventListener("dragleave", () => row.classList.remove("drop-before", "drop-after"))
    row.addEventListener("drop", (event) => {
      if (!this.dragged || this.dragged === row) return
      event.preventDefault()
      const before = row.classList.contains("drop-before")
      row.classList.remove("drop-before", "drop-after")
      if (before) row.before(this.dragged)
      else row.after(this.dragged)
      const moved = this.dragged
      this.refresh()
      announce(this.group, `Block moved to place ${this.liveRows().indexOf(moved) + 1}.`)
    })
  }

  remove(row, deleting) {
    const box = row.querySelector("input[name$='-DELETE']")
    if (box) box.checked = deleting
    row.classList.toggle("is-deleted", deleting)
    this.refresh()
    if (deleting) {
      row.querySelector(".block-form__undo button").focus()
      announce(this.group, "Block deleted. Undo is next to where it was.")
    } else {
      row.querySelector(".block-form__delete").focus()
      announce(this.group, "Block restored.")
    }
  }

  openChooser(row, opener) {
    this.insertBefore = row
    this.opener = opener
    if (row) row.querySelector(".block-form__insert").after(this.chooser)
    else this.end.append(this.chooser)
    this.chooser.hidden = false
    this.chooser.querySelector("button").focus()
  }

  closeChooser() {
    this.chooser.hidden = true
    this.opener?.focus()
  }

  add(kind) {
    const before = this.insertBefore
    this.chooser.hidden = true
    this.group.append(this.chooser)
    const added = new Promise((resolve) => {
      this.group.addEventListener("formset:added", (event) => resolve(event.target), { once: true })
    })
    this.addLink.click()
    added.then((row) => {
      const kindSelect = row.querySelector("select[name$='-kind']")
      kindSelect.value = kind
      row.dataset.kind = kind
      if (before) before.before(row)
      else this.end.before(row)
      this.enhance(row)
      this.refresh()
      const first = kind === "image" ? row.querySelector("input[type=file]") : row.querySelector(".ProseMirror")
      first?.focus()
      announce(this.group, `${KIND_NAMES[kind]} added at place ${this.liveRows().indexOf(row) + 1}.`)
    })
  }

  beforeSubmit() {
    // Order numbers follow the blocks on screen; a block keeps its number where it can, so an
    // unmoved block is not saved again.
    let previous = -1
    for (const row of this.rows()) {
      const order = row.querySelector("input[name$='-order']")
      if (!order) continue
      const value = Number.parseInt(order.value, 10)
      if (Number.isNaN(value) || value <= previous) order.value = String(previous + 1)
      previous = Number.parseInt(order.value, 10)
    }
    // New blocks deleted before their first save are dropped with Django's "Remove" link, which
    // numbers the forms again in the page's order: put them back in the order of their numbers.
    const unsaved = this.rows().filter((row) => row.classList.contains("is-deleted") && !row.querySelector("input[name$='-DELETE']"))
    if (!unsaved.length) return
    const index = (row) => Number.parseInt(row.id.slice(this.prefix.length + 1), 10)
    for (const row of this.rows().sort((a, b) => index(a) - index(b))) this.end.before(row)
    for (const row of unsaved) row.querySelector(".inline-deletelink")?.click()
  }

  sortByOrder() {
    // After a refused save the forms come back in the formset's order; show them in the blocks'.
    const order = (row) => Number.parseInt(row.querySelector("input[name$='-order']")?.value, 10)
    const rows = this.rows()
    const sorted = [...rows].sort((a, b) => (order(a) || 0) - (order(b) || 0))
    if (sorted.some((row, i) => row !== rows[i])) for (const row of sorted) this.end.before(row)
  }
}

// The stock admin widgets on this page give screen readers no name: the expert table's
// inputs (named by their column), the autocomplete boxes and the date and time of publishing.
function nameStockWidgets(root = document) {
  for (const table of root.querySelectorAll(".tabular table")) {
    const headers = [...table.querySelectorAll("thead th")]
    for (const header of headers) {
      if (!header.textContent.trim()) header.append(el("span", { class: "visually-hidden" }, "Entry"))
    }
    for (const row of table.querySelectorAll("tbody tr.form-row")) {
      for (const cell of row.querySelectorAll("td")) {
        const column = headers[cell.cellIndex]?.textContent.trim()
        for (const input of cell.querySelectorAll("input:not([type=hidden]), textarea, select")) {
          if (column && !input.labels?.length) input.setAttribute("aria-label", column)
        }
      }
    }
  }
  for (const combobox of root.querySelectorAll(".select2-selection[role=combobox]")) {
    const select = combobox.closest(".select2")?.previousElementSibling
    const label = select && document.querySelector(`label[for="${select.id}"]`)
    const rendered = combobox.querySelector(".select2-selection__rendered")
    if (label) {
      label.id ||= `${select.id}-label`
      combobox.setAttribute("aria-labelledby", label.id)
      rendered?.setAttribute("aria-labelledby", label.id)
    } else if (select) {
      combobox.setAttribute("aria-label", select.closest("td")?.dataset.label || "Expert")
    }
  }
  for (const [id, name] of [["id_publish_at_0", "Publish date"], ["id_publish_at_1", "Publish time"]]) {
    document.getElementById(id)?.setAttribute("aria-label", name)
  }
}

function start() {
  for (const group of document.querySelectorAll(".block-editor")) new BlockEditor(group)
  nameStockWidgets()
  document.addEventListener("formset:added", (event) => window.setTimeout(() => nameStockWidgets(event.target.closest(".inline-group") || document)))
}

// Django's inlines.js adds its controls when the document is ready; start after it.
if (window.django?.jQuery) window.django.jQuery(start)
else document.addEventListener("DOMContentLoaded", start)
