// Starts the app: imports the JS glue that wasm-bindgen generated and runs it
// on the wasm. Their hashed names come from the <meta> that trunk writes (see
// `pattern_script` in Trunk.toml). Being an external file, not an inline
// script, it runs under a Content-Security-Policy of `script-src 'self'`.
const names = document.querySelector('meta[name="lockscope-wasm"]').dataset;
const { default: init } = await import(names.js);
await init({ module_or_path: names.wasm });
