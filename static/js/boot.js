// Inlined into every page's <head> (templates/base.html), allowed by its hash in the CSP: starts
// the app's scripts and links the manifest (the browser then fetches it and its install icons)
// once the page has been painted, so on a slow phone network the words come first. Until then
// every form still works, posted as a plain form.
let started = false;
const start = () => {
  if (started) return;
  started = true;
  const root = document.documentElement.dataset;
  const manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = root.manifest;
  document.head.append(manifest);
  const htmx = document.createElement('script');
  htmx.src = root.htmx;
  document.head.append(htmx);
  import(root.app);
};
const soon = () => setTimeout(start, 0);
// The browser says when the first words were painted; without that, two frames after the load.
const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
  if (painted()) soon();
  else new PerformanceObserver((list, observer) => { if (painted()) { observer.disconnect(); soon(); } })
    .observe({type: 'paint'});
} else if (document.readyState === 'complete') {
  requestAnimationFrame(() => requestAnimationFrame(soon));
} else {
  window.addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(soon)), {once: true});
}
setTimeout(start, 2000);   // a page opened out of sight is not painted: never wait longer
