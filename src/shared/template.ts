/**
 * A text's `{name}` places filled from `params`; a place with no parameter stays as written. The
 * web's catalogs (web/src/i18n/i18n.tsx#format) and the server's first screen of a plan's page
 * (http/first-screen.ts), which words the same texts, fill them alike.
 */
export function fillTemplate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
