// Starts the app: runs the JS glue that wasm-bindgen generated, a classic script that
// defines `wasm_bindgen`, on the wasm. Their hashed names come from the <meta> that
// trunk writes (see `pattern_script` in Trunk.toml). Being an external file, not an
// inline script, it runs under a Content-Security-Policy of `script-src 'self'`.
const names = document.querySelector('meta[name="lockscope-wasm"]').dataset;
const glue = document.createElement('script');
glue.src = names.js;
glue.onload = () => wasm_bindgen({ module_or_path: names.wasm });
document.head.append(glue);
