// Headway's only script besides htmx. No inline handlers: the CSP forbids them.
(function () {
  "use strict";
  // Confirm destructive buttons: <button data-confirm="Delete this account?">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // Keyboard: "/" focuses the page's search box, "n" follows the page's "new" link.
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/") {
      var search = document.querySelector("[data-search]");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === "n") {
      var create = document.querySelector("[data-shortcut-new]");
      if (create) { event.preventDefault(); create.click(); }
    }
  });
  // Auto-submit filter selects: <select data-autosubmit>
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
})();
