// Everything by keyboard, with the focus in sight: the tree as a WAI-ARIA tree.
import { test, expect, openSite } from './lockscope.js';

const focused = (page) => page.locator('[role=treeitem]:focus');
const focusedPath = (page) => page.getByTestId('details').locator('h2');

async function tabIntoTree(page) {
  for (let presses = 0; presses < 15; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page).count()) === 1) return;
  }
  throw new Error('Tab never reached the tree');
}

test('Tab reaches the tree, and the focus is drawn', async ({ page }) => {
  await openSite(page);
  await tabIntoTree(page);
  await expect(focused(page)).toHaveAttribute('aria-level', '1');
  const outline = await focused(page).evaluate((row) => getComputedStyle(row).outlineStyle);
  expect(outline).not.toBe('none');
});

test('arrows, Home and End move through the lines; the details follow', async ({ page }) => {
  await openSite(page);
  await tabIntoTree(page);
  const rows = page.locator('[role=treeitem]:visible');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  const name = await rows.nth(1).locator('.name').innerText();
  await expect(focusedPath(page)).toHaveText(new RegExp(`(^|/)${name}$`));
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
});

test('Left collapses a parent, Right expands it and then enters it', async ({ page }) => {
  await openSite(page);
  const parent = page.locator('[role=treeitem][aria-expanded]').first();
  await parent.click();
  const level = Number(await parent.getAttribute('aria-level'));
  const shown = page.locator('[role=treeitem]:visible');
  const shownBefore = await shown.count();

  await page.keyboard.press('ArrowLeft');
  await expect(parent).toHaveAttribute('aria-expanded', 'false');
  // Its children hid: the line right below it is no deeper than it.
  const below = parent.locator('xpath=following-sibling::*[not(@hidden)][1]');
  expect(Number((await below.getAttribute('aria-level')) ?? 0)).toBeLessThanOrEqual(level);
  expect(await shown.count()).toBeLessThan(shownBefore);

  await page.keyboard.press('ArrowRight');
  await expect(parent).toHaveAttribute('aria-expanded', 'true');
  await expect(shown).toHaveCount(shownBefore);
  await page.keyboard.press('ArrowRight');
  await expect(focused(page)).toHaveAttribute('aria-level', String(level + 1));
  await page.keyboard.press('ArrowLeft');
  await expect(parent).toBeFocused();
});

test('Enter on a follows line goes to the input it follows', async ({ page }) => {
  await openSite(page);
  const follows = page.locator('[role=treeitem].follows').first();
  const target = (await follows.locator('.jump').innerText()).replace(/'/g, '');
  await follows.click();
  await page.keyboard.press('Enter');
  await expect(focusedPath(page)).toHaveText(target);
  await expect(focused(page)).not.toHaveClass(/follows/);
});

test('the filter narrows the tree to matching names and their parents', async ({ page }) => {
  await openSite(page);
  const name = await page.locator('[role=treeitem][aria-level="2"] .name').first().innerText();
  await page.getByLabel('Filter by name').fill(name.toUpperCase());
  const shown = page.locator('[role=treeitem]:visible');
  for (const row of await shown.all()) {
    const rowName = await row.locator('.name').innerText();
    const isParent = (await row.getAttribute('aria-expanded')) !== null;
    expect(rowName.includes(name) || isParent).toBe(true);
  }
  await expect(page.getByText(/named like “/)).toBeVisible();
  await page.getByLabel('Filter by name').fill('');
  await expect(shown).toHaveCount(await page.locator('[role=treeitem]').count());
});

test('a lock typed into the paste box shows with Ctrl+Enter', async ({ page }) => {
  await openSite(page);
  await page.getByLabel('Paste the text of a flake.lock').focus();
  await page.keyboard.insertText('{"nodes":{"root":{}},"root":"root","version":7}');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('status')).toContainText('the pasted text');
  await expect(page.getByText('This flake has no inputs.')).toBeVisible();
});
