// Rich text in a block: django-prose-editor's ProseMirror bundle, started without an import map
// and without Tiptap's injected <style> element, which the Content-Security-Policy refuses.
// The schema holds what interviews.text keeps on save (p, br, strong, em, a, ul, ol, li), so
// what is pasted from Word or Google Docs arrives reduced to that.
import {
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Extension,
  Gapcursor,
  HardBreak,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  pm,
  Text,
} from "../../django_prose_editor/editor.js"

const SCHEMES = /^(https?:|mailto:)/i
const INSERTION = /\{[^{}<>]+\}/g

// Editorial insertions ({in Ukraine}) are marked while editing, as the page marks them.
const Insertions = Extension.create({
  name: "insertions",
  addProseMirrorPlugins() {
    const find = (doc) => {
      const found = []
      doc.descendants((node, pos) => {
        if (!node.isText) return
        for (const match of node.text.matchAll(INSERTION)) {
          const from = pos + match.index
          found.push(
            pm.view.Decoration.inline(from, from + match[0].length, {
              class: "editor-insertion",
            }),
          )
        }
      })
      return pm.view.DecorationSet.create(doc, found)
    }
    return [
      new pm.state.Plugin({
        state: {
          init: (_, state) => find(state.doc),
          apply: (tr, old) => (tr.docChanged ? find(tr.doc) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state)
          },
        },
      }),
    ]
  },
})

// Under the page's CSP the browser applies no style attribute, not even in pasted HTML, so
// Google Docs' bold and italic (styles on spans, all inside a <b> that is not bold) would come
// out all bold. Read the attributes' text here and turn them into tags before ProseMirror parses.
function declarations(node) {
  const found = {}
  for (const part of node.getAttribute("style").split(";")) {
    const [name, ...value] = part.split(":")
    if (value.length) found[name.trim().toLowerCase()] = value.join(":").trim().toLowerCase()
  }
  return found
}

function stylesToTags(html) {
  const doc = new DOMParser().parseFromString(html, "text/html")
  for (const node of [...doc.body.querySelectorAll("[style]")].reverse()) {
    const style = declarations(node)
    const weight = style["font-weight"] || ""
    const bold = weight === "bold" || weight === "bolder" || Number.parseInt(weight, 10) >= 600
    const italic = style["font-style"] === "italic"
    const notBold = (node.tagName === "B" || node.tagName === "STRONG") && (weight === "normal" || weight === "400")
    node.removeAttribute("style")
    if (notBold) {
      node.replaceWith(...node.childNodes)
      continue
    }
    for (const [wanted, tag] of [
      [italic && node.tagName !== "I" && node.tagName !== "EM", "em"],
      [bold && node.tagName !== "B" && node.tagName !== "STRONG", "strong"],
    ]) {
      if (!wanted) continue
      const wrapper = doc.createElement(tag)
      wrapper.append(...node.childNodes)
      node.append(wrapper)
    }
  }
  return doc.body.innerHTML
}

const extensions = () => [
  Document,
  Paragraph,
  Text,
  HardBreak,
  Bold,
  Italic,
  Link.configure({
    enableTarget: false,
    autolink: true,
    protocols: [],
    defaultProtocol: "https",
    isAllowedUri: (url) => SCHEMES.test(url),
  }),
  BulletList,
  OrderedList,
  ListItem,
  History,
  Dropcursor,
  Gapcursor,
  Menu,
  Insertions,
]

function labelFor(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  const block = textarea.closest(".block-form")
  const kind = block?.dataset.kind
  const name = label ? label.textContent.replace(/:\s*$/, "") : "Text"
  return kind ? `${name} of the ${kind}` : name
}

/** Turn the textarea into an editor; the textarea keeps the HTML that is sent. */
export function attachEditor(textarea) {
  if (textarea.closest(".prose-editor") || textarea.id.includes("__prefix__")) return null
  const wrapper = document.createElement("div")
  wrapper.className = "prose-editor"
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new Editor({
    element: wrapper,
    extensions: extensions(),
    content: textarea.value,
    injectCSS: false,
    editorProps: {
      transformPastedHTML: stylesToTags,
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": labelFor(textarea),
      },
    },
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = /^<(\w+)><\/\1>$/.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
  textarea.editor = editor
  return editor
}

export function attachEditors(root) {
  for (const textarea of root.querySelectorAll("textarea[data-rich-text]")) {
    attachEditor(textarea)
  }
}

attachEditors(document)
document.addEventListener("formset:added", (event) => attachEditors(event.target))
