// Headway's only script besides htmx. No inline handlers: the CSP forbids them.
// Every page works without it; it adds keyboard and screen-reader comforts on top.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Confirm destructive buttons: <button data-confirm="Delete this account?">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // --- Popovers and the compact navigation -------------------------------------------------
  // A popover is a <details data-popover> (the user menu, an agenda item's snooze choices): a
  // disclosure that works without script; Escape closes it and gives focus back to its
  // summary, and a click elsewhere closes it.
  var POPOVERS = "details[data-popover][open], details.agenda-snooze[open]";

  function closePopover(details, focusSummary) {
    details.open = false;
    var summary = details.querySelector("summary");
    if (focusSummary && summary) summary.focus();
  }

  // The menu button (hidden without script, when the navigation simply wraps): it shows and
  // hides the navigation on narrow screens, saying so with aria-expanded.
  function navToggle() { return document.querySelector(".nav-toggle"); }
  function setNav(open, focusToggle) {
    var toggle = navToggle();
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (focusToggle) toggle.focus();
  }
  function initNav() {
    var toggle = navToggle();
    if (!toggle) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      setNav(toggle.getAttribute("aria-expanded") !== "true", false);
    });
  }

  document.addEventListener("click", function (event) {
    document.querySelectorAll(POPOVERS).forEach(function (details) {
      if (!details.contains(event.target)) closePopover(details, false);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var inside = event.target.closest && event.target.closest(POPOVERS);
    var open = inside || document.querySelector(POPOVERS);
    if (open) {
      event.preventDefault();
      closePopover(open, true);
      return;
    }
    var toggle = navToggle();
    if (toggle && toggle.getAttribute("aria-expanded") === "true") {
      var nav = document.getElementById(toggle.getAttribute("aria-controls"));
      var focusWasIn = nav && nav.contains(document.activeElement);
      setNav(false, focusWasIn || document.activeElement === toggle);
    }
  });

  // --- Keyboard shortcuts ----------------------------------------------------------------------
  // "/" focuses the page's search box, "n" follows the page's "new" link.
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

  // --- Scroll containers -----------------------------------------------------------------------
  // A table or chart wider than the screen scrolls inside its box; when it does, the box is a
  // named region that takes keyboard focus, so its hidden part can be scrolled to with the arrow
  // keys (WCAG 2.1.1, 1.4.10). Any box of the page that scrolls sideways counts, whichever module
  // drew it; its name is its caption, else the heading of its section.
  function scrollerName(box) {
    var caption = box.querySelector("caption, svg > title");
    var words = caption ? caption.textContent.trim() : "";
    if (!words) {
      var section = box.closest("section, .panel");
      var heading = section && section.querySelector("h2, h3");
      words = heading ? heading.textContent.trim() : "";
    }
    return (words || "Wide content") + " (scrolls sideways)";
  }
  function markScrollers() {
    var main = document.getElementById("main");
    if (!main) return;
    var names = {};
    main.querySelectorAll("*").forEach(function (box) {
      var marked = box.hasAttribute("data-scroll-region");
      var style = window.getComputedStyle(box);
      var scrollable = style.overflowX === "auto" || style.overflowX === "scroll";
      var scrolls = scrollable && box.scrollWidth > box.clientWidth;
      if (scrolls && !marked && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-region", "");
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); box.setAttribute("data-scroll-role", ""); }
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          var name = scrollerName(box);
          names[name] = (names[name] || 0) + 1;
          if (names[name] > 1) name = name.replace(" (scrolls", " " + names[name] + " (scrolls");
          box.setAttribute("aria-label", name);
          box.setAttribute("data-scroll-label", "");
        }
      } else if (!scrolls && marked) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-region");
        if (box.hasAttribute("data-scroll-role")) { box.removeAttribute("role"); box.removeAttribute("data-scroll-role"); }
        if (box.hasAttribute("data-scroll-label")) { box.removeAttribute("aria-label"); box.removeAttribute("data-scroll-label"); }
      } else if (marked && box.hasAttribute("data-scroll-label")) {
        names[box.getAttribute("aria-label")] = 1;
      }
    });
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(markScrollers, 150);
  });

  // --- Feedback while a request runs -----------------------------------------------------------
  var live = null;
  function announce(text) {
    live = live || document.getElementById("live-status");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // htmx: the region being updated is aria-busy and the form's buttons are disabled until the
  // answer comes (the values were collected before htmx:beforeRequest, so the pressed button's
  // name and value still travel).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var target = event.detail.target;
    var buttons = [];
    if (elt.tagName === "FORM") {
      buttons = Array.prototype.slice.call(elt.querySelectorAll("button, input[type=submit]"));
    } else if (elt.tagName === "BUTTON") {
      buttons = [elt];
    }
    var submitter = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent &&
      event.detail.requestConfig.triggeringEvent.submitter;
    buttons.forEach(function (b) { if (!b.disabled) { b.disabled = true; b.setAttribute("data-busy-disabled", ""); } });
    if (submitter) submitter.classList.add("is-busy");
    else if (buttons[0]) buttons[0].classList.add("is-busy");
    if (target) target.setAttribute("aria-busy", "true");
    elt.htmxBusy = { buttons: buttons, target: target };
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var busy = event.detail.elt.htmxBusy;
    if (!busy) return;
    busy.buttons.forEach(function (b) {
      if (b.hasAttribute("data-busy-disabled")) { b.disabled = false; b.removeAttribute("data-busy-disabled"); }
      b.classList.remove("is-busy");
    });
    if (busy.target) busy.target.removeAttribute("aria-busy");
    event.detail.elt.htmxBusy = null;
  });

  // A slow download (the pictogram PDF): <a href="…" data-busy-label="Preparing the PDF…">.
  // The file is fetched here so the link can say it is working and when it is done; anything
  // but a file (an error page) is opened as a plain link would be.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-busy-label]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (!window.fetch || !window.URL || !URL.createObjectURL) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    var label = link.innerHTML;
    link.setAttribute("aria-busy", "true");
    link.setAttribute("aria-disabled", "true");
    link.classList.add("is-busy");
    link.textContent = link.getAttribute("data-busy-label");
    announce(link.getAttribute("data-busy-label"));
    function done(text) {
      link.innerHTML = label;
      link.removeAttribute("aria-busy");
      link.removeAttribute("aria-disabled");
      link.classList.remove("is-busy");
      if (text) announce(text);
    }
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      var disposition = response.headers.get("Content-Disposition") || "";
      if (!response.ok || disposition.indexOf("attachment") === -1) throw new Error("not a file");
      var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      var name = match ? decodeURIComponent(match[1]) : "";
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = document.createElement("a");
        a.href = url;
        a.download = name || "download";
        document.body.appendChild(a);
        a.click();
        a.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        done((link.getAttribute("data-done-label") || "Download ready") + (name ? ": " + name : "."));
      });
    }).catch(function () {
      done("");
      window.location.href = link.href;
    });
  });

  // --- Focus after an htmx update --------------------------------------------------------------
  // The element that had focus is usually replaced by the update, which would drop focus to the
  // page body (and a keyboard user back to the top). The new content names where focus goes
  // with data-focus (after Done: its Undo button; otherwise the notice saying what happened, or
  // the first field in error); failing that, the first control of the updated part.
  var FOCUSABLE = "button:not([disabled]), a[href], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary";
  document.addEventListener("htmx:afterSettle", function (event) {
    markScrollers();
    var marked = document.querySelector("[data-focus]");
    var lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
    if (marked) {
      if (!marked.matches(FOCUSABLE) && !marked.hasAttribute("tabindex")) marked.setAttribute("tabindex", "-1");
      marked.removeAttribute("data-focus");
      marked.focus();
      return;
    }
    if (!lost) return;
    var target = event.detail.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target || !target.isConnected) target = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : null;
    if (!target) return;
    var control = target.matches(FOCUSABLE) ? target : target.querySelector(FOCUSABLE);
    if (control) { control.focus(); return; }
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  });

  function init() {
    initNav();
    markScrollers();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // Back to a page from the browser's cache: nothing is still busy.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[aria-busy=true]").forEach(function (el) { el.removeAttribute("aria-busy"); });
  });
})();
