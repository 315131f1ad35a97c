/**
 * Where the services report what they reject or what goes wrong. Injectable so tests can check
 * that every rejection is logged and the Electron shell can route it to its own log.
 */
export interface ServiceLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: ServiceLogger = {
  info: (message) => console.info(`[convexnet] ${message}`),
  warn: (message) => console.warn(`[convexnet] ${message}`),
  error: (message) => console.error(`[convexnet] ${message}`),
};
