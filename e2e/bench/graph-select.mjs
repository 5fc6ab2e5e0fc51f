// Selecting in the dependency graph of a big lock: the time from a click on a box to the
// frame that paints its highlight (the box marked selected, the paths to it lit), measured
// in the page: from just before the click is dispatched, to the first animation frame after
// the mark is set, plus the task that frame's paint runs before. Each view the lock can
// show whole: by source (where a big lock starts) and every node. Also the time from
// "Show the graph" to the picture on screen (the graph's wasm loaded, its layout and the drawing).
//   node graph-select.mjs URL RUNS
import { chromium } from '@playwright/test';

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 11);

const browser = await chromium.launch({
  executablePath: process.env.LOCKSCOPE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.getByRole('treeitem').first().waitFor();
// The analyses of a big lock take the page for a moment once they come: measure after.
await page.waitForFunction(() => !document.body.innerText.includes('Looking for duplicates…'), null, { timeout: 60_000 });
const graph = page.getByRole('region', { name: 'Dependency graph' });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const report = (what, values) =>
  console.log(`${what} (ms): ${values.map((t) => t.toFixed(0)).join(' ')}\n  median ${median(values).toFixed(1)} ms`);

// From the click on "Show the graph" to the picture's boxes painted.
const opened = await page.evaluate(async () => {
  const start = performance.now();
  [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show the graph').click();
  while (!document.querySelector('[data-node]')) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - start;
});
console.log(`"Show the graph" -> picture painted: ${opened.toFixed(0)} ms`);

for (const view of ['By source', 'Whole graph']) {
  await graph.getByRole('button', { name: view }).click();
  await graph.locator('[data-node]').first().waitFor();
  const boxes = await graph.locator('[data-node]').count();
  // Boxes spread over the picture, a different one each run (never the root: it has no line).
  const times = await page.evaluate(async (runs) => {
    const boxes = [...document.querySelectorAll('[data-node]')].slice(1);
    const times = [];
    for (let run = 0; run < runs; run++) {
      const box = boxes[Math.floor(((run + 0.5) * boxes.length) / runs)];
      const start = performance.now();
      box.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      while (box.getAttribute('aria-current') !== 'true') await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      times.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 50));
    }
    return times;
  }, runs);
  report(`select in the graph, ${view.toLowerCase()} (${boxes} boxes): click -> highlight painted`, times);
}
await browser.close();
