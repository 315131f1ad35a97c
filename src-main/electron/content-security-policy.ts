/**
 * The renderer's Content-Security-Policy, declared once. Main sends it as a response header and
 * the renderer's index.html carries the same policy in a meta tag, because a header is not
 * honoured on every Electron version for file:// pages; the build config relaxes the meta tag
 * only on the development server. Start from `default-src 'none'` and allow what the app needs:
 * its own scripts and styles, data: images and fonts (Vite inlines small assets as data: URLs),
 * and connections to its own origin (web mode's HTTP + WebSocket; 'self' covers ws: in CSP3).
 */

export interface CspOptions {
  /** The Vite dev server injects CSS as inline <style> elements, so styles need 'unsafe-inline'. */
  readonly development: boolean;
}

/** Directive name -> sources, in the order they are written out. */
export function contentSecurityPolicyDirectives(options: CspOptions): ReadonlyArray<readonly [string, readonly string[]]> {
  return [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', options.development ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    // Ignored (with a console warning) when delivered in a meta tag; meaningful in the header.
    ['frame-ancestors', ["'none'"]],
  ];
}

/** The policy for a response header. */
export function contentSecurityPolicy(options: CspOptions): string {
  return contentSecurityPolicyDirectives(options)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy for index.html's meta tag: the header policy minus what a meta tag cannot carry. */
export function metaContentSecurityPolicy(options: CspOptions): string {
  return contentSecurityPolicyDirectives(options)
    .filter(([name]) => name !== 'frame-ancestors')
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The exact meta tag index.html carries (production policy). */
export function contentSecurityPolicyMetaTag(options: CspOptions): string {
  return `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy(options)}" />`;
}
