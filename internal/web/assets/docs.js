// The API reference: Swagger UI (vendored, pinned) over /openapi.yaml.
// The page's Content-Security-Policy lets it talk to its own origin only,
// so "Try it out" sends its requests to the server that serves this page,
// whatever server URL the document names, and no validator badge is asked
// of any other site.
'use strict';

window.addEventListener('DOMContentLoaded', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    validatorUrl: null,
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    queryConfigEnabled: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: (req) => {
      const u = new URL(req.url, window.location.href);
      if (u.origin !== window.location.origin) {
        req.url = window.location.origin + u.pathname + u.search;
      }
      return req;
    },
  });
});
