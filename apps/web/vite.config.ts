import { defineConfig } from 'vite';

// The app is static files: `vite build` writes dist/ (with .vite/manifest.json, which the bundle-size
// test reads to find the initial JavaScript). Workers are ES modules so they can share chunks.

/**
 * Cross-origin isolation: with these headers the page gets SharedArrayBuffer, and the pool stops a
 * cancelled sweep's running chunks with a shared flag (keeping every run they finished) instead of
 * terminating their workers. Serve dist/ with the same headers to keep that; without them the app
 * still works, and Cancel loses the runs of the chunks in flight.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  build: {
    target: 'es2022',
    manifest: true,
    sourcemap: true,
    // Fail loudly rather than inline a worker as a data: URL.
    assetsInlineLimit: 4096,
  },
  worker: {
    format: 'es',
  },
  preview: {
    host: '127.0.0.1',
    headers: isolation,
  },
  server: {
    host: '127.0.0.1',
    headers: isolation,
  },
});
