// The app's entry: defines <ll-app> (and, through it, every element), and in a production build
// registers the service worker that keeps the app working offline (dist/sw.js, see vite.config.ts).
import './components/ll-app.js';

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }).catch((error: unknown) => console.warn('losslab: offline mode unavailable:', error));
  });
}
