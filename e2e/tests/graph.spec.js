// The dependency graph: drawn only when asked for, its boxes and edges exactly the engine's
// (`lockscope graph --format dot`, parsed here), the selection shared with the tree both
// ways, the keyboard, the views by source and around the selection, and the SVG download.
// Screenshots, light and dark, go to the test's output directory.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { corpusTest, expect, expectConsoleErrors, openSite, pasteLock, corpus, repoRoot, test } from './lockscope.js';

/** `lockscope graph --format dot` of a lock's text, parsed: nodes (key, label lines) and edges. */
function engineGraph(lockText, bySource = false) {
  const file = test.info().outputPath('graph-input.lock');
  writeFileSync(file, lockText);
  const args = ['run', '--quiet', '--locked', '-p', 'lockscope-cli', '--', 'graph', '--format', 'dot'];
  const cli = spawnSync('cargo', [...args, ...(bySource ? ['--by-source'] : []), file], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(cli.status, cli.stderr).toBe(0);
  return parseDot(cli.stdout);
}

/** A small parser for the DOT the CLI writes: one statement a line, every id quoted. */
function parseDot(text) {
  const string = '"((?:[^"\\\\]|\\\\.)*)"';
  const node = new RegExp(`^  ${string} \\[label=${string}\\];$`);
  const edge = new RegExp(`^  ${string} -> ${string} \\[label=${string}(, style=dashed)?\\];$`);
  const unescape = (s) => s.replace(/\\(.)/g, '$1');
  const nodes = [];
  const edges = [];
  for (const line of text.split('\n')) {
    let m;
    if ((m = line.match(edge))) {
      edges.push({ from: unescape(m[1]), to: unescape(m[2]), input: unescape(m[3]), follows: !!m[4] });
    } else if ((m = line.match(node))) {
      nodes.push({ key: unescape(m[1]), lines: m[2].split('\\n').map(unescape) });
    }
  }
  expect(nodes.length, 'the DOT has nodes').toBeGreaterThan(0);
  return { nodes, edges };
}

/** The keys of the nodes that reach `key` along the edges (itself included). */
function reaching(edges, key) {
  const found = new Set([key]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) {
      if (found.has(e.to) && !found.has(e.from)) grew = found.add(e.from);
    }
  }
  return found;
}

/** The keys of the nodes `key` reaches along the edges (itself included). */
function reachedFrom(edges, key) {
  return reaching(edges.map((e) => ({ from: e.to, to: e.from })), key);
}

/** What the picture shows: its boxes' keys and lines, and its edges. */
async function picture(page) {
  const svg = page.getByTestId('graph').locator('svg[role=group]');
  // The graph's wasm loads, and a big lock's analyses may hold the page a moment, before
  // the graph is drawn.
  await expect(svg).toBeVisible({ timeout: 30_000 });
  return svg.evaluate((svg) => ({
    nodes: [...svg.querySelectorAll('[data-node]')].map((box) => ({
      key: box.dataset.node,
      lines: [...box.querySelectorAll('text')].map((t) => t.textContent),
      lit: box.classList.contains('lit'),
    })),
    edges: [...svg.querySelectorAll('.edge')].map((edge) => ({
      from: edge.dataset.from,
      to: edge.dataset.to,
      input: edge.querySelector('title').textContent,
      follows: edge.classList.contains('follows'),
      lit: edge.classList.contains('lit'),
    })),
  }));
}

/** A label as a box shows it: 44 characters at most. */
const short = (s) => ([...s].length > 44 ? `${[...s].slice(0, 43).join('')}…` : s);

const sorted = (items) => items.map((item) => JSON.stringify(item)).sort();

// A lock of some size with follows and copies of a source: the smallest with 40 nodes or more.
const lockOfSomeSize = () => corpus().find((lock) => Object.keys(JSON.parse(lock.lock).nodes).length >= 40);

/** Opens the graph, and waits for its wasm to show its tools and its first box. */
async function openGraph(page) {
  const graph = page.getByRole('region', { name: 'Dependency graph' });
  await graph.getByRole('button', { name: 'Show the graph' }).click();
  await expect(graph.getByRole('button', { name: 'Download SVG' })).toBeVisible({ timeout: 30_000 });
  await expect(graph.locator('[data-node]').first()).toBeVisible();
  return graph;
}

test('the graph is drawn only when asked for: its wasm and styles load on the first opening', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  await openSite(page);
  const graph = page.getByRole('region', { name: 'Dependency graph' });
  await expect(graph.getByRole('button', { name: 'Show the graph' })).toHaveAttribute('aria-expanded', 'false');
  await expect(graph.locator('svg')).toHaveCount(0);
  expect(fetched.filter((url) => /graph(-view|\.css)/.test(url))).toEqual([]);
  await openGraph(page);
  await expect(graph.getByRole('button', { name: 'Hide the graph' })).toHaveAttribute('aria-expanded', 'true');
  for (const file of ['graph-view_loader.js', 'graph-view.js', 'graph-view_bg.wasm', 'graph.css']) {
    expect(fetched.some((url) => url.endsWith(`/${file}`)), file).toBe(true);
  }
  // Hidden and shown again, the same picture: the wasm loads once.
  await graph.getByRole('button', { name: 'Hide the graph' }).click();
  await openGraph(page);
  expect(fetched.filter((url) => url.endsWith('/graph-view_bg.wasm'))).toHaveLength(1);
});

test.describe('360 px wide', () => {
  test.use({ viewport: { width: 360, height: 800 } });
  test('the tools wrap, the picture starts at the root, readable; nothing scrolls sideways', async ({ page }, testInfo) => {
    await openSite(page);
    const graph = await openGraph(page);
    await graph.locator('svg[role=group]').scrollIntoViewIfNeeded();
    await expect(graph.locator('[data-node="root"]')).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: testInfo.outputPath('graph-360.png') });
  });
});

test('a resized window fits the picture again, until the reader moves it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSite(page);
  const graph = await openGraph(page);
  const camera = graph.locator('svg[role=group] g.camera');
  const transform = () => camera.getAttribute('transform');
  const afterPaint = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await afterPaint();
  const wide = await transform();
  await page.setViewportSize({ width: 700, height: 700 });
  await expect.poll(transform).not.toBe(wide);
  const narrow = await transform();
  // What the fit after the resize gave is what "Fit" gives.
  await graph.getByRole('button', { name: 'Fit' }).click();
  await afterPaint();
  expect(await transform()).toBe(narrow);
  // Once zoomed, a resize leaves the picture where the reader put it.
  await graph.getByRole('button', { name: 'Zoom in' }).click();
  const zoomed = await transform();
  expect(zoomed).not.toBe(narrow);
  await page.setViewportSize({ width: 1100, height: 800 });
  await afterPaint();
  expect(await transform()).toBe(zoomed);
});

test('when the graph\'s wasm cannot load, the region says so', async ({ page }) => {
  await page.route('**/graph-view_loader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  expectConsoleErrors(page, /status of 404/);
  await openSite(page);
  const graph = page.getByRole('region', { name: 'Dependency graph' });
  await graph.getByRole('button', { name: 'Show the graph' }).click();
  await expect(graph.getByText('The graph could not be loaded. Reload the page to try again.')).toBeVisible();
});

test.setTimeout(120_000);

corpusTest('every node once and every input an edge, as the engine has them; click and tree in step', async ({ page }, testInfo) => {
  const lock = lockOfSomeSize();
  const engine = engineGraph(lock.lock);
  await openSite(page);
  await pasteLock(page, lock.lock);
  const graph = await openGraph(page);
  await expect(graph.getByRole('button', { name: 'Whole graph' })).toHaveAttribute('aria-pressed', 'true');
  const shown = await picture(page);
  expect(shown.nodes.map((n) => n.key)).toEqual(engine.nodes.map((n) => n.key));
  expect(new Set(shown.nodes.map((n) => n.key)).size).toBe(shown.nodes.length);
  expect(sorted(shown.edges.map(({ lit, ...e }) => e))).toEqual(sorted(engine.edges));
  // Each box names its source, as the engine does.
  expect(shown.nodes.map((n) => n.lines[1])).toEqual(engine.nodes.map((n) => short(n.lines[1])));

  // A click on a nested node's box selects its first tree line; the paths to it light up.
  const nested = engine.edges.find((e) => e.from !== 'root' && !e.follows).to;
  await graph.locator(`[data-node="${nested}"]`).click();
  const line = page.locator('[role=treeitem][aria-selected=true]');
  await expect(line).toHaveCount(1);
  await expect(page.getByTestId('details').locator('dt:text-is("Node") + dd')).toHaveText(nested);
  await expect(graph.locator(`[data-node="${nested}"]`)).toHaveAttribute('aria-current', 'true');
  const lit = await picture(page);
  const expected = reaching(engine.edges, nested);
  expect(lit.nodes.filter((n) => n.lit).map((n) => n.key).sort()).toEqual([...expected].sort());
  expect(lit.edges.filter((e) => e.lit).length).toBe(
    engine.edges.filter((e) => expected.has(e.from) && expected.has(e.to)).length,
  );
  await page.screenshot({ path: testInfo.outputPath('graph-light.png'), fullPage: false });
  await graph.screenshot({ path: testInfo.outputPath('graph-region-light.png') });

  // A line selected in the tree lights its node in the graph.
  const other = page.locator('[role=treeitem][aria-level="1"]').first();
  await other.locator('.name').click();
  const otherKey = await page.getByTestId('details').locator('dt:text-is("Node") + dd').innerText();
  await expect(graph.locator(`[data-node="${otherKey}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(graph.locator('[aria-current]')).toHaveCount(1);
  await expect(graph.locator('[data-node="root"]')).toHaveClass(/\blit\b/);

  await page.emulateMedia({ colorScheme: 'dark' });
  await graph.locator(`[data-node="${nested}"]`).click();
  await graph.screenshot({ path: testInfo.outputPath('graph-region-dark.png') });
});

corpusTest('the keyboard reaches the graph and moves through it', async ({ page }) => {
  const lock = lockOfSomeSize();
  await openSite(page);
  await pasteLock(page, lock.lock);
  const graph = await openGraph(page);
  // Tab from the last button before the picture lands on its one tab stop: the root.
  await expect(graph.locator('[data-node][tabindex="0"]')).toHaveCount(1);
  await graph.getByRole('button', { name: 'Download SVG' }).focus();
  await page.keyboard.press('Tab');
  await expect(graph.locator('[data-node]:focus')).toHaveAttribute('data-node', 'root');
  await page.keyboard.press('ArrowRight');
  const first = await graph.locator('[data-node]:focus').getAttribute('data-node');
  expect(first).not.toBe('root');
  await page.keyboard.press('ArrowDown');
  const second = await graph.locator('[data-node]:focus').getAttribute('data-node');
  expect(second).not.toBe(first);
  await expect(graph.locator('[data-node][tabindex="0"]')).toHaveAttribute('data-node', second);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details').locator('dt:text-is("Node") + dd')).toHaveText(second);
  await expect(graph.locator('[data-node]:focus')).toHaveAttribute('data-node', second);
  // + and - zoom.
  const camera = graph.locator('g.camera');
  const before = await camera.getAttribute('transform');
  await page.keyboard.press('+');
  await expect(camera).not.toHaveAttribute('transform', before);
});

corpusTest('the biggest lock starts by source, one box per source with the engine\'s counts', async ({ page }, testInfo) => {
  const lock = corpus().at(-1);
  const engine = engineGraph(lock.lock, true);
  await openSite(page);
  await pasteLock(page, lock.lock);
  const graph = await openGraph(page);
  const shown = await picture(page);
  await expect(graph.getByRole('button', { name: 'By source' })).toHaveAttribute('aria-pressed', 'true');
  // Every line of the big tree drawn, so that the page above the graph stays still.
  await expect(page.locator('[role=tree][aria-busy]')).toHaveCount(0);
  expect(shown.nodes.map((n) => n.key)).toEqual(engine.nodes.map((n) => n.key));
  expect(shown.nodes.map((n) => n.lines)).toEqual(engine.nodes.map((n) => n.lines.map(short)));
  expect(sorted(shown.edges.map(({ lit, ...e }) => e))).toEqual(sorted(engine.edges));
  await graph.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('graph-by-source.png') });
});

corpusTest('around the selection: what brings it and what it brings', async ({ page }) => {
  const lock = lockOfSomeSize();
  const engine = engineGraph(lock.lock);
  await openSite(page);
  await pasteLock(page, lock.lock);
  const graph = await openGraph(page);
  await graph.getByRole('button', { name: 'Around the selection' }).click();
  await expect(graph.getByText('Select an input, in the tree or the graph')).toBeVisible();
  // A node with inputs of its own, brought by some other node.
  const key = engine.edges.find((e) => e.from !== 'root' && engine.edges.some((f) => f.from === e.to)).to;
  await graph.getByRole('button', { name: 'Whole graph' }).click();
  await graph.locator(`[data-node="${key}"]`).click();
  await graph.getByRole('button', { name: 'Around the selection' }).click();
  await expect(graph.locator(`[data-node="${key}"]`)).toHaveAttribute('aria-current', 'true');
  const shown = await picture(page);
  const expected = new Set([...reaching(engine.edges, key), ...reachedFrom(engine.edges, key)]);
  expect(shown.nodes.map((n) => n.key).sort()).toEqual([...expected].sort());
  expect(shown.nodes.length).toBeLessThan(engine.nodes.length);
});

corpusTest('"Download SVG" saves the whole picture, styles and all', async ({ page }) => {
  const lock = lockOfSomeSize();
  await openSite(page);
  await pasteLock(page, lock.lock);
  const graph = await openGraph(page);
  const boxes = await graph.locator('[data-node]').count();
  expect(boxes).toBeGreaterThan(0);
  await page.keyboard.press('-'); // the file is whole, however the picture is zoomed
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    graph.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dependency-graph.svg');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(text).toMatch(/viewBox="0 0 \d+ \d+"/);
  expect(text).toContain('<style');
  expect(text).toContain('.graph-svg .edge');
  expect(text).toContain('prefers-color-scheme: dark');
  expect(text.match(/data-node="/g)).toHaveLength(boxes);
  expect(text).not.toMatch(/class="[^"]*\blit\b/);
});

test('a hostile lock\'s graph is text: names and urls full of markup stay in titles and labels', async ({ page }) => {
  const hostile = readFileSync(new URL('../hostile.lock', import.meta.url), 'utf8');
  await openSite(page);
  await pasteLock(page, hostile);
  const graph = await openGraph(page);
  const shown = await picture(page);
  expect(shown.nodes.map((n) => n.key).sort()).toEqual(['<img src=x onerror=alert(1)>', 'javascript-url', 'root']);
  expect(shown.edges.map((e) => e.input)).toContain('"><svg onload=alert(3)>');
  // Nothing but the picture's own kinds of element, and no attribute from the lock but data.
  const kinds = await graph.locator('g.camera *').evaluateAll((all) => [...new Set(all.map((e) => e.tagName))].sort());
  expect(kinds).toEqual(['defs', 'g', 'marker', 'path', 'rect', 'text', 'title']);
  await expect(graph.locator('g.camera [onload], g.camera [onerror], g.camera [src]')).toHaveCount(0);
});
