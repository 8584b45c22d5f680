// Offer existing tags for the last comma-separated entry of a tag field.
// The field stays a plain text input, so the form works without this script.
(function () {
  "use strict";

  function lastTerm(value) {
    const parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function attach(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let controller = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const term = lastTerm(input.value);
      if (term.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", signal: controller.signal })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) {
            const head = input.value.slice(0, input.value.lastIndexOf(",") + 1);
            const prefix = head ? head.trimEnd() + " " : "";
            list.replaceChildren(...data.tags.map(function (name) {
              const option = document.createElement("option");
              option.value = prefix + (name.includes(",") || name.includes(" ") ? '"' + name + '"' : name);
              return option;
            }));
          })
          .catch(function () { /* A failed suggestion leaves the field as it is. */ });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  });
})();
