// The biggest lock of the corpus: its tree draws a first screenful at once and the other
// lines just after (busy until then); lines drawn later follow the tree's state as well.
import { corpusTest, expect, openSite, pasteLock, corpus } from './lockscope.js';

const biggest = corpus().at(-1);
const lineCount = (biggest?.metadata.split('\n').length ?? 2) - 2; // "Inputs:" and the final newline

corpusTest('every line is drawn, and then the tree is not busy', async ({ page }) => {
  await openSite(page);
  await pasteLock(page, biggest.lock);
  const tree = page.getByRole('tree');
  await expect(tree).not.toHaveAttribute('aria-busy');
  await expect(page.locator('[role=treeitem]')).toHaveCount(lineCount);
});

corpusTest('the last lines collapse, expand, filter and select like the first', async ({ page }) => {
  await openSite(page);
  await pasteLock(page, biggest.lock);
  await expect(page.getByRole('tree')).not.toHaveAttribute('aria-busy');
  const last = page.locator('[role=treeitem]:not([aria-level="1"])').last();
  const index = Number((await last.getAttribute('id')).replace('row-', ''));
  expect(index, 'the last nested line is far down').toBeGreaterThan(lineCount / 2);

  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(last).toBeHidden();
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(last).toBeVisible();

  const name = await last.locator('.name').innerText();
  await page.getByLabel('Filter by name').fill(name);
  await expect(last).toBeVisible();
  await expect(page.locator('[role=treeitem]:visible').first()).toHaveAttribute('aria-level', '1');
  await page.getByLabel('Filter by name').fill('');

  // On its name: a click on a follows line's target would go to that target.
  await last.locator('.name').click();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('tabindex', '0');
  await expect(page.locator('[role=treeitem][aria-selected]')).toHaveCount(1);
  await expect(page.locator('[role=treeitem][tabindex="0"]')).toHaveCount(1);
});

corpusTest('duplicates are flagged on lines drawn after the first screen too', async ({ page }) => {
  await openSite(page);
  await pasteLock(page, biggest.lock);
  await expect(page.getByTestId('duplicates')).toContainText('copies');
  // The same node on two lines: flagged on both or on neither, wherever each was drawn.
  const flags = await page.locator('[role=treeitem]').evaluateAll((lines) => {
    const byName = new Map();
    for (const line of lines) {
      if (line.classList.contains('follows')) continue;
      const path = line.querySelector('.name').textContent + '@' + line.textContent.split(': ').at(-1);
      byName.set(path, [...(byName.get(path) ?? []), line.classList.contains('duplicate')]);
    }
    return { total: lines.filter((l) => l.classList.contains('duplicate')).length, byName: [...byName] };
  });
  expect(flags.total, 'the biggest lock has duplicated sources').toBeGreaterThan(0);
  const lastFlagged = await page.locator('[role=treeitem].duplicate').last().getAttribute('id');
  expect(Number(lastFlagged.replace('row-', '')), 'a line far down is flagged').toBeGreaterThan(lineCount / 2);
  for (const [line, seen] of flags.byName) {
    expect(new Set(seen).size, `${line}: flagged on some of its lines only`).toBe(1);
  }
});
