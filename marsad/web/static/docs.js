// The API docs page (/docs): Swagger UI vendored from npm (swagger-ui-dist, pinned in
// web/assets/package-lock.json), reading marsad's own /openapi.json - nothing from a CDN.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,        // the public validator badge would call swagger.io
    tryItOutEnabled: false,
  });
})();
