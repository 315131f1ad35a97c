// Module hooks (registered with module.register) that resolve 'electron' to the recording
// stand-in, so the built main bundle's `import ... from "electron"` works under plain Node.
const fakeElectron = new URL('./fake-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fakeElectron, shortCircuit: true };
  return nextResolve(specifier, context);
}
