import type { Session } from 'electron';
import { withContentSecurityPolicy } from './csp-headers';

/**
 * Session-wide hardening: the app asks for no permission (camera, notifications, clipboard
 * reads, devices ...), so every request and every check is denied; every document response gets
 * the app's Content-Security-Policy header (index.html also carries it as a meta tag, for
 * Electron versions that do not run webRequest for file://).
 */
export function secureSession(session: Session, policy: string): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = withContentSecurityPolicy(details.resourceType, details.responseHeaders, policy);
    callback(responseHeaders === undefined ? {} : { responseHeaders });
  });
}
