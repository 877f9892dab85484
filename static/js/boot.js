// Inlined into every page's <head> (templates/base.html), allowed by its hash in the CSP: starts
// the app's scripts once the page has been painted, so on a slow phone network the words come
// first. Until then every form still works, posted as a plain form.
let started = false;
const start = () => {
  if (started) return;
  started = true;
  const root = document.documentElement.dataset;
  const htmx = document.createElement('script');
  htmx.src = root.htmx;
  document.head.append(htmx);
  import(root.app);
};
// The second frame's callback runs once the first frame has been painted.
const afterPaint = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start, 0)));
if (document.readyState === 'complete') afterPaint();
else window.addEventListener('load', afterPaint, {once: true});
setTimeout(start, 2000);   // a page opened out of sight gets no frames: never wait longer
