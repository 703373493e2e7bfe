// Swagger UI over this server's OpenAPI schema (no inline script: the page's CSP allows none)
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
