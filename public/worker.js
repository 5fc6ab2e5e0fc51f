// Starts one of the page's helpers in its Web Worker (src/workers.rs): the page names the
// helper in the address, `worker.js?analysis-worker`; this runs the helper's glue, a classic
// script that wasm-bindgen wrote and trunk named after it, then the glue on its wasm. (Trunk's
// own loader shims pass the wasm's address alone, which wasm-bindgen warns about on every
// start.)
const helper = self.location.search.slice(1);
if (!/^[a-z]+(-[a-z]+)*$/.test(helper)) {
  throw new Error(`worker.js: no helper named "${helper}"`);
}
importScripts(`./${helper}.js`);
wasm_bindgen({ module_or_path: `./${helper}_bg.wasm` });
