// comlink ships its Node adapter as an .mjs file without an exports map, so TypeScript finds no
// types for the path Node needs (TS7016). These are the types of the .d.ts next to it (which
// TypeScript reads as CommonJS, so its default export cannot simply be re-exported).

declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { NodeEndpoint } from 'comlink/dist/esm/node-adapter.js';
  export type { NodeEndpoint };
  /** Wraps a worker_threads Worker or MessagePort as a comlink Endpoint. */
  export default function nodeEndpoint(endpoint: NodeEndpoint): Endpoint;
}
