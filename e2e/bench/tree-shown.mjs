// Time from navigation to the tree on screen, measured in the page with the Performance
// API: the app leaves the mark `lockscope:tree-shown` once the tree's first lines are laid
// out and `lockscope:tree-complete` once all of them are; a mark's startTime counts from
// the navigation. Each run is a fresh context: a first visit. Then, once the analyses are
// in, how fast the tree answers: each keystroke of a filter typed letter by letter, and
// "Expand all" on the collapsed tree, each from the event to the next frame painted.
//   node tree-shown.mjs URL LOCK_PATH RUNS
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [url, lockPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 11);
const nodes = Object.keys(JSON.parse(readFileSync(lockPath, 'utf8')).nodes).length;

async function waitForServer() {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no server at ${url}`);
}

await waitForServer();
const browser = await chromium.launch({
  executablePath: process.env.LOCKSCOPE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const times = [];
const complete = [];
const typing = [];
const expanding = [];
let rows = 0;
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  for (const [name, into] of [['lockscope:tree-shown', times], ['lockscope:tree-complete', complete]]) {
    const handle = await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark)[0]?.startTime,
      name,
      { timeout: 30_000 },
    );
    into.push(await handle.jsonValue());
  }
  rows = await page.locator('[role=treeitem]').count();
  await page.waitForFunction(() => !document.querySelector('[data-testid=findings]')?.textContent.includes('Checking'));
  const answers = await page.evaluate(async () => {
    // From the event to the frame that shows its effect: a task after the next animation
    // frame runs once that frame is painted.
    const timed = async (act) => {
      const start = performance.now();
      act();
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - start;
    };
    const field = document.getElementById('filter');
    const keystrokes = [];
    for (const text of ['n', 'ni', 'nix', 'nixp', 'nixpk', 'nixpkg', 'nixpkgs', '']) {
      keystrokes.push(await timed(() => {
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }));
    }
    const button = (name) => [...document.querySelectorAll('.tree-tools button')].find((b) => b.textContent === name);
    await timed(() => button('Collapse all').click());
    const expand = await timed(() => button('Expand all').click());
    return { keystrokes, expand };
  });
  typing.push(...answers.keystrokes);
  expanding.push(answers.expand);
  await context.close();
}
await browser.close();

const report = (what, values, target) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${what}, ${values.length} times (ms): ${values.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`  median ${median.toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms${target}`);
};
console.log(`lock: ${lockPath} (${nodes} nodes, ${rows} tree lines)`);
report('navigation -> tree shown (its first lines)', times, ' (target: under 300 ms)');
report('navigation -> every line of the tree drawn', complete, '');
report('filter keystroke answered (painted), 8 keystrokes a run', typing, ' (target: under 100 ms)');
report('"Expand all" answered (painted)', expanding, ' (target: under 100 ms)');
