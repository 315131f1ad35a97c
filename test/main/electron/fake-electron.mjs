// A recording stand-in for the 'electron' module, so the built main bundle can run under plain
// Node (no Electron binary can be downloaded here). It implements just what the shell calls and
// records it; the smoke test's runner drives it (ready, clicks, close) and reports the record.
import { EventEmitter } from 'node:events';

export const record = {
  singleInstanceLockRequests: 0,
  appName: null,
  windows: [],
  handlers: new Map(),
  removedHandlers: [],
  builtMenus: [],
  applicationMenu: null,
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  devicePermissionHandler: null,
  headersReceivedListener: null,
  openedExternally: [],
  errorBoxes: [],
  openDialogs: [],
  messageBoxes: [],
  exitCode: null,
  quitted: false,
};

class FakeApp extends EventEmitter {
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  #ready = false;
  #readyResolvers = [];

  requestSingleInstanceLock() {
    record.singleInstanceLockRequests++;
    return process.env.FAKE_ELECTRON_SECOND_INSTANCE !== '1';
  }
  setName(name) {
    record.appName = name;
  }
  getName() {
    return record.appName ?? 'Electron';
  }
  getVersion() {
    return '0.0.0-fake';
  }
  getPath(name) {
    if (name !== 'userData') throw new Error(`fake electron: getPath(${name}) is not expected`);
    const dir = process.env.FAKE_ELECTRON_USER_DATA;
    if (!dir) throw new Error('fake electron: FAKE_ELECTRON_USER_DATA is not set');
    return dir;
  }
  isReady() {
    return this.#ready;
  }
  whenReady() {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyResolvers.push(resolve));
  }
  /** Called by the runner once the main module has run, as Electron would. */
  makeReady() {
    this.#ready = true;
    this.emit('ready');
    for (const resolve of this.#readyResolvers.splice(0)) resolve();
  }
  addRecentDocument() {}
  clearRecentDocuments() {}
  quit() {
    const before = cancellableEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const willQuit = cancellableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    record.quitted = true;
    this.emit('quit', {}, 0);
  }
  exit(code = 0) {
    record.exitCode = code;
    record.quitted = true;
  }
}

function cancellableEvent(extra = {}) {
  return {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  sent = [];
  windowOpenHandler = null;
  constructor(owner) {
    super();
    this.owner = owner;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, message) {
    this.sent.push({ channel, message: structuredClone(message) });
  }
  isDestroyed() {
    return this.owner.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static windows = [];
  destroyed = false;
  loads = [];
  constructor(options) {
    super();
    this.options = structuredClone(options);
    this.webContents = new FakeWebContents(this);
    BrowserWindow.windows.push(this);
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return BrowserWindow.windows.filter((window) => !window.destroyed);
  }
  loadFile(path) {
    this.loads.push({ kind: 'file', target: path });
    return Promise.resolve();
  }
  loadURL(url) {
    this.loads.push({ kind: 'url', target: url });
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized === true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  getNormalBounds() {
    return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width, height: this.options.height };
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    const event = cancellableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

export const ipcMain = {
  handle(channel, listener) {
    // Electron throws on a second handler for one channel.
    if (record.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.handlers.set(channel, listener);
  },
  removeHandler(channel) {
    record.removedHandlers.push(channel);
    record.handlers.delete(channel);
  },
};

function checkTemplate(items, path) {
  if (!Array.isArray(items)) throw new TypeError(`Invalid template for Menu: ${path} is not an array`);
  for (const item of items) {
    if (item.label === undefined && item.role === undefined && item.type === undefined) {
      throw new TypeError(`Invalid template for MenuItem under ${path}: must have at least one of label, role or type`);
    }
    if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError(`click of ${item.label} is not a function`);
    if (item.submenu !== undefined) checkTemplate(item.submenu, `${path} > ${item.label ?? item.role}`);
  }
}

export const Menu = {
  buildFromTemplate(template) {
    checkTemplate(template, 'menu');
    const menu = { template };
    record.builtMenus.push(menu);
    return menu;
  },
  setApplicationMenu(menu) {
    record.applicationMenu = menu;
  },
};

export const dialog = {
  showOpenDialog(...args) {
    record.openDialogs.push(args.at(-1));
    const path = process.env.FAKE_ELECTRON_OPEN_PATH;
    return Promise.resolve(path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] });
  },
  showMessageBox(...args) {
    record.messageBoxes.push(args.at(-1));
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showErrorBox(title, content) {
    record.errorBoxes.push({ title, content });
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      record.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      record.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler) {
      record.devicePermissionHandler = handler;
    },
    webRequest: {
      onHeadersReceived(filterOrListener, maybeListener) {
        record.headersReceivedListener = maybeListener ?? filterOrListener;
      },
    },
  },
};

export const shell = {
  openExternal(url) {
    record.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const screen = {
  getAllDisplays() {
    return [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  },
};

export default { app, BrowserWindow, ipcMain, Menu, dialog, session, shell, screen };
