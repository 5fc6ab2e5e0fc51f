// The lock at a glance: the readable tree (each line's name, short source, revision and age
// against `lockscope show --json`), the switch to Nix's text, the overview's figures against
// `lockscope dups --json` and `lockscope check --format json`, the findings grouped by code
// (what was found and what to do in columns of their own) and their Markdown against
// `lockscope check --format markdown`; and screenshots, light,
// dark and 360 px wide, saved in the test output for people to look at.
import {
  copyWith,
  test,
  corpusTest,
  expect,
  openSite,
  pasteLock,
  corpus,
  spreadBySize,
  lockscope,
  showNixText,
} from './lockscope.js';

const locks = spreadBySize(corpus(), 24);

/** The engine's `time::age_in_words`: the largest whole unit a person would say. */
function ageInWords(secs) {
  if (secs < 0) return 'in the future';
  const units = [[365 * 86_400, 'year'], [30 * 86_400, 'month'], [7 * 86_400, 'week'], [86_400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [unit, name] of units) {
    const n = Math.floor(secs / unit);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/** Every line of the tree as the readable mode shows it, with its input path. */
async function readableLines(page) {
  await expect(page.locator('[role=tree][aria-busy]')).toHaveCount(0);
  return page.getByRole('treeitem').evaluateAll((items) => {
    const path = [];
    return items.map((item) => {
      const level = Number(item.getAttribute('aria-level'));
      const text = (selector) => item.querySelector(selector)?.textContent ?? null;
      path.length = level - 1;
      path.push(text('.name'));
      return {
        path: path.join('/'),
        follows: item.classList.contains('follows'),
        source: text('.brief .source'),
        rev: text('.brief .rev'),
        age: text('.brief .age'),
        notFlake: text('.brief .tag') === 'not a flake',
        shown: item.querySelector('.brief .source')?.checkVisibility() ?? false,
      };
    });
  });
}

// The lines of a big lock are all laid out, to be read.
test.describe('readable lines', () => {
  test.use({ viewport: { width: 1280, height: 30_000 } });
  for (const lock of locks) {
    corpusTest(`${lock.name}: each line says what lockscope show --json says`, async ({ page }) => {
      const document = JSON.parse(lockscope('show', '--json', lock.file));
      const byPath = new Map();
      for (const input of document.inputs) for (const p of input.paths) byPath.set(p.join('/'), input);
      await openSite(page);
      await pasteLock(page, lock.lock);
      await expect(page.getByTestId('status')).toContainText('the pasted text');
      const before = Date.now() / 1000;
      const lines = await readableLines(page);
      const after = Date.now() / 1000;
      for (const line of lines) {
        const input = byPath.get(line.path);
        if (line.follows || input === undefined) {
          // A follows line says what it follows, in words; one that leads nowhere has no node.
          expect(line.source, line.path).toBeNull();
          continue;
        }
        expect(line.shown, line.path).toBe(true);
        expect(line.source, line.path).toBe(input.short_source);
        expect(line.rev, line.path).toBe(input.rev === null ? null : [...input.rev].slice(0, 12).join(''));
        if (input.last_modified === null) expect(line.age, line.path).toBeNull();
        else {
          const ages = [before, after].map((now) => ageInWords(Math.floor(now) - input.last_modified));
          expect(ages, line.path).toContain(line.age);
        }
        expect(line.notFlake, line.path).toBe(!input.flake);
      }
    });
  }
});

corpusTest("the switch shows Nix's text and back, keeping the selection and the filter, and is remembered", async ({ page }) => {
  const lock = locks.at(-1);
  await openSite(page);
  await pasteLock(page, lock.lock);
  const tree = page.getByTestId('tree');
  const nixText = page.getByRole('button', { name: "Nix's text" });
  await expect(nixText).toHaveAttribute('aria-pressed', 'false');
  // Readable by default: Nix's text (with its narHash) is hidden, the short source shows.
  const nixLine = tree.locator('[role=treeitem]:not([hidden]) .rest').first();
  await expect(nixLine).toBeHidden();
  await expect(tree.locator('[role=treeitem]:not([hidden]) .brief .source').first()).toBeVisible();
  const first = page.locator('[role=treeitem]').first();
  await first.click();
  await page.getByLabel('Filter by name').fill('nixpkgs');
  await nixText.click();
  await expect(nixText).toHaveAttribute('aria-pressed', 'true');
  await expect(nixLine).toBeVisible();
  await expect(nixLine).toContainText('narHash');
  await expect(tree.locator('[role=treeitem]:not([hidden]) .brief .source').first()).toBeHidden();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Filter by name')).toHaveValue('nixpkgs');
  await expect(page.locator('[role=treeitem][hidden]').first()).toBeAttached();
  // The full reference is in each line's title, in both modes.
  expect(await first.getAttribute('title')).toMatch(/^\S+: \S+/);
  await page.reload();
  await expect(page.getByRole('treeitem').first()).toBeVisible();
  await expect(nixText).toHaveAttribute('aria-pressed', 'true');
  await nixText.click();
  await expect(nixText).toHaveAttribute('aria-pressed', 'false');
});

/** The corpus lock with the most nodes (the bench's), and what the CLI says of it. */
function biggest() {
  const lock = locks.at(-1);
  return {
    lock,
    dups: JSON.parse(lockscope('dups', '--json', lock.file)),
    check: JSON.parse(lockscope('check', '--format', 'json', lock.file)),
    show: JSON.parse(lockscope('show', '--json', lock.file)),
  };
}

corpusTest("the overview's figures are the engine's, each a link to its panel", async ({ page }) => {
  test.setTimeout(60_000);
  const { lock, dups, check, show } = biggest();
  await openSite(page);
  await pasteLock(page, lock.lock);
  const overview = page.getByRole('navigation', { name: 'Overview' });
  const item = (target) => overview.locator(`a[href="#${target}"]`);
  const levels = ['error', 'warning', 'info'].map((level) => check.findings.filter((f) => f.level === level).length);
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  await expect(item('tree-panel')).toHaveText(
    `${plural(Object.keys(show.root_inputs).length, 'input')} at the root, ${plural(dups.nodes, 'node')} in the lock`,
  );
  await expect(item('duplicates-title')).toHaveText(
    `${dups.groups.length} duplicated source${dups.groups.length === 1 ? '' : 's'}; follows lines save ${plural(dups.nodes_saved, 'node')}`,
  );
  await expect(item('findings-title')).toHaveText(
    `${plural(check.findings.length, 'finding')} ${plural(levels[0], 'error')}, ${plural(levels[1], 'warning')}, ${plural(levels[2], 'note')}`,
  );
  await expect(item('nixpkgs-title').locator('.figure')).toHaveText(`${check.nixpkgs.length} Nixpkgs`);
  await expect(item('nixpkgs-title')).toContainText('unmaintained');
  // The oldest root input: the root inputs' nodes, by their last change.
  const roots = show.inputs.filter((input) => input.paths.some((p) => p.length === 1) && input.last_modified !== null);
  const oldest = roots.reduce((a, b) => (b.last_modified < a.last_modified ? b : a));
  const oldestLink = overview.locator('a[href^="#row-"]');
  await expect(oldestLink).toContainText('the oldest root input');
  const name = (await oldestLink.locator('.words').innerText()).match(/^(\S+), the oldest root input$/)[1];
  expect(show.inputs.find((input) => input.paths.some((p) => p.length === 1 && p[0] === name)).last_modified).toBe(oldest.last_modified);
  await oldestLink.click();
  await expect(page.getByTestId('details').locator('h2')).toHaveText(name);
  // A link goes to its panel and leaves the address alone.
  const address = page.url();
  await item('findings-title').click();
  await expect(page.locator('#findings-title')).toBeFocused();
  expect(page.url()).toBe(address);
});

corpusTest('findings are grouped by code, worst first, and copy as the CLI\'s Markdown', async ({ page }) => {
  test.setTimeout(60_000);
  const { lock, check } = biggest();
  const markdown = lockscope('check', '--format', 'markdown', lock.file);
  await openSite(page);
  await pasteLock(page, lock.lock);
  const findings = page.getByTestId('findings');
  await expect(findings.getByText('Checking…')).toHaveCount(0);
  // One heading per code, in the order of each code's first (worst) finding, with its count.
  const codes = [...new Set(check.findings.map((f) => f.code))];
  const headings = findings.locator('h3');
  await expect(headings).toHaveCount(codes.length);
  const counts = codes.map((code) => check.findings.filter((f) => f.code === code).length);
  const shown = await headings.allInnerTexts();
  expect(shown.map((h) => Number(h.match(/\((\d+) findings?\)$/)[1]))).toEqual(counts);
  expect(shown[0]).toMatch(new RegExp(`^${check.findings[0].level}`, 'i'));
  await expect(findings.locator('tbody tr')).toHaveCount(check.findings.length);
  // Each row: the input, what was found, since when, and apart what to do, as the CLI's JSON
  // says (the group's rows in the JSON's order; a level unlike the group's precedes the words).
  await expect(findings.locator('thead').first().locator('th')).toHaveText(['Input', 'What', 'Last changed', 'What to do']);
  const rows = await findings.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
  const grouped = codes.flatMap((code) => check.findings.filter((f) => f.code === code));
  expect(rows.map(([, what, , action]) => [what.replace(/^(error|warning|info) /i, ''), action]))
    .toEqual(grouped.map((f) => [f.message, f.action ?? '']));
  expect(grouped.some((f) => f.action)).toBe(true);
  const copied = await copyWith(page, findings, 'Copy as Markdown');
  // The same report but for its title (the lock's name, and whether a run fails) and the
  // moment the ages were measured.
  const body = (text) => text.split('\n').slice(1).map((line) => line.replace(/ages measured at .* UTC/, 'ages measured at …'));
  expect(body(copied)).toEqual(body(markdown));
});

// Screenshots for people to look at (and the best for README): a mid-size lock with findings
// and duplicates, light and dark at 1440 px, and 360 px wide.
const screenshotLock = () => locks.find((lock) => lock.lock.length > 40_000) ?? locks.at(-1);
for (const [name, viewport, colorScheme] of [
  ['light', { width: 1440, height: 1000 }, 'light'],
  ['dark', { width: 1440, height: 1000 }, 'dark'],
  ['phone', { width: 360, height: 800 }, 'light'],
]) {
  corpusTest(`screenshot: ${name}, nothing scrolls sideways`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await openSite(page);
    await pasteLock(page, screenshotLock().lock);
    await expect(page.getByTestId('findings').getByText('Checking…')).toHaveCount(0);
    await page.getByTestId('overview').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
    await page.getByTestId('findings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-findings.png`) });
    await showNixText(page);
    await page.getByTestId('tree').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-nix-text.png`) });
  });
}
