// Long copies of interview text take a source line with them: "Source: <title>, <address>".
// The article says what to append in data-source-title, data-source-url, data-copy-min and, in
// the page's language, data-source-label.

const article = document.querySelector("article[data-source-url]");

function inFormField(node) {
  const element = node instanceof Element ? node : node?.parentElement;
  return Boolean(element?.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
}

function selectedHtml(selection) {
  const holder = document.createElement("div");
  for (let i = 0; i < selection.rangeCount; i += 1) {
    holder.append(selection.getRangeAt(i).cloneContents());
  }
  // Links and images in the copy must still work when pasted elsewhere.
  for (const link of holder.querySelectorAll("a[href]")) link.href = new URL(link.getAttribute("href"), document.baseURI).href;
  for (const image of holder.querySelectorAll("img[src]")) image.src = new URL(image.getAttribute("src"), document.baseURI).href;
  return holder.innerHTML;
}

function sourceHtml(label, title, url) {
  const line = document.createElement("p");
  const link = document.createElement("a");
  link.href = url;
  link.textContent = url;
  line.append(`${label}: ${title}, `, link);
  return line.outerHTML;
}

function onCopy(event) {
  if (event.defaultPrevented || !event.clipboardData) return;
  if (inFormField(event.target) || inFormField(document.activeElement)) return;
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  let touchesArticle = false;
  for (let i = 0; i < selection.rangeCount; i += 1) {
    if (selection.getRangeAt(i).intersectsNode(article)) touchesArticle = true;
  }
  if (!touchesArticle) return;
  const text = selection.toString();
  const minChars = Number.parseInt(article.dataset.copyMin, 10) || 200;
  if (text.trim().length <= minChars) return;

  const { sourceTitle: title, sourceUrl: url } = article.dataset;
  const label = article.dataset.sourceLabel || "Source";
  event.clipboardData.setData("text/plain", `${text}\n\n${label}: ${title}, ${url}`);
  event.clipboardData.setData("text/html", selectedHtml(selection) + sourceHtml(label, title, url));
  event.preventDefault();
}

// Only public interview pages load this script, so copies in the admin are never touched.
if (article) {
  document.addEventListener("copy", onCopy);
}
