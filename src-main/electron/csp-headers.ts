/**
 * Puts the app's Content-Security-Policy on document responses (main frame and sub frames),
 * replacing any policy the response already had, whatever the header's letter case.
 */

export type ResponseHeaders = Record<string, string | string[]>;

const DOCUMENT_TYPES = new Set(['mainFrame', 'subFrame']);

export const CSP_HEADER = 'Content-Security-Policy';

export function withContentSecurityPolicy(resourceType: string, headers: ResponseHeaders | undefined, policy: string): ResponseHeaders | undefined {
  if (!DOCUMENT_TYPES.has(resourceType)) return undefined;
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) result[name] = value;
  }
  result[CSP_HEADER] = [policy];
  return result;
}
