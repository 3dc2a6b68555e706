// The API reference (django-ninja's Swagger UI, bundled): started as ninja's own
// swagger-ui-init.js does, with deep links off — with them each operation's toggle button holds
// a link, a control inside a control that keyboards and screen readers cannot use well.
(function () {
  "use strict";
  var data = document.body.dataset;
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.deepLinking = false;
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  if (data.apiCsrf && data.csrfToken) {
    config.requestInterceptor = function (req) {
      req.headers["X-CSRFToken"] = data.csrfToken;
      return req;
    };
  }
  window.ui = SwaggerUIBundle(config);

  // What Swagger UI renders without a name or in the wrong outline, mended as it appears: the
  // dialog's close button (an icon only) gets a name; the groups' headings (h3 right under the
  // page's h1) are read as level 2.
  function mend(root) {
    root.querySelectorAll("button.close-modal:not([aria-label])").forEach(function (b) {
      b.setAttribute("aria-label", "Close");
    });
    root.querySelectorAll("h3.opblock-tag:not([aria-level])").forEach(function (h) {
      h.setAttribute("aria-level", "2");
    });
  }
  var target = document.getElementById("swagger-ui");
  new MutationObserver(function () { mend(target); }).observe(target, { childList: true, subtree: true });
  mend(target);
})();
