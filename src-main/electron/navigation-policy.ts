/**
 * The app's window never navigates away from its page and never opens a child window. A link to
 * a web page is handed to the system browser instead; every other scheme (file:, javascript:,
 * custom protocols that could launch programs) is dropped. Returns the URL to open externally,
 * or null.
 */
export function externalBrowserUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  // Credentials in a link are a phishing pattern, not something a help link needs.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
