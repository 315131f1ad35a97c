// Build configuration of the three processes. Each section names its input explicitly because the
// owner fixed the folder names (src-main, src-renderer) rather than electron-vite's defaults.
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { metaContentSecurityPolicy } from './src-main/electron/content-security-policy';

// index.html carries the production Content-Security-Policy. The dev server injects CSS as inline
// <style> elements, which that policy blocks, so only `electron-vite dev` serves the page with the
// development policy; builds keep index.html's policy untouched.
function developmentCspPlugin(): Plugin {
  return {
    name: 'convexnet:development-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i,
        `$1${metaContentSecurityPolicy({ development: true })}$2`,
      );
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // The training and data workers (out/main/train-worker.js, out/main/data-worker.js, found
          // by src-main/services/worker-entry.ts) and web mode (out/main/web.js, run by `npm run web`).
          'train-worker': resolve(__dirname, 'src-main/workers/train-worker.ts'),
          'data-worker': resolve(__dirname, 'src-main/workers/data-worker.ts'),
          web: resolve(__dirname, 'src-main/web/web-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot be ES modules: force CommonJS output.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue(), developmentCspPlugin()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
