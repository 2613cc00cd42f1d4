import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

// The app is static files: `vite build` writes dist/ (with .vite/manifest.json, which the bundle-size
// test reads to find the initial JavaScript, and sw.js, the service worker that makes it work
// offline). Workers are ES modules so they can share chunks.

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

/**
 * The Content-Security-Policy of the built app: everything from this origin only; WebAssembly
 * compilation for the worker kernel ('wasm-unsafe-eval', not 'unsafe-eval'); no inline script and
 * no inline style (Lit adopts constructable stylesheets, dynamic styles go through the CSSOM with
 * styleMap); images from data:/blob: for the favicon and PNG export; no plugins, no <base>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `vite dev` injects styles and talks to its HMR websocket: the same policy with those allowed. */
const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:* ws://localhost:*");

/** The policy as a <meta http-equiv> in the built index.html, for hosts that cannot send headers. */
function cspMeta(): Plugin {
  return {
    name: 'losslab-csp-meta',
    apply: 'build',
    // Right after <meta charset>: a policy in a <meta> governs only what comes after it.
    transformIndexHtml: (html) => html.replace(/<meta charset="utf-8" \/>/, `$&\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

/** Emits dist/sw.js: scripts/service-worker.js with the list of built files to precache and a version from their names (hashed). */
function serviceWorker(): Plugin {
  return {
    name: 'losslab-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = [...new Set(['./', 'index.html', ...Object.keys(bundle)])].filter((file) => !file.endsWith('.map') && !file.startsWith('.vite/') && file !== 'sw.js').sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const template = readFileSync(new URL('./scripts/service-worker.js', import.meta.url), 'utf8');
      const source = template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [cspMeta(), serviceWorker()],
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
    headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  server: {
    host: '127.0.0.1',
    headers: { ...isolation, 'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY },
  },
});
