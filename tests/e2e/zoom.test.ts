import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support';

// The text-zoom test injects a style sheet, which the strict Content-Security-Policy refuses.
test.use({ bypassCSP: true });

const pages = [
  '/',
  '/film',
  '/meedoen',
  '/meedoen/inwoner',
  '/privacy',
  '/resultaten/krachtig-oud-worden',
  '/mijn-inzending',
  '/bedankt',
  '/over',
  '/toegankelijkheid',
];

/** Elements whose text is cut off: content wider or taller than a box that hides overflow. */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main *, header *, footer *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const hides = [style.overflowX, style.overflowY].some((o) => o === 'hidden' || o === 'clip');
        if (
          !hides ||
          !el.textContent?.trim() ||
          el.closest('.dm-visually-hidden, [hidden], [aria-hidden="true"]')
        )
          return false;
        return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const path of pages) {
  test(`${path} reflows at 200% zoom and at 320 px without loss`, async ({ page }) => {
    // 200% browser zoom of a 1280 × 800 screen is a 640 × 400 CSS-pixel viewport.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(path);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await clippedText(page)).toEqual([]);

    // WCAG 1.4.10: 320 CSS pixels wide (400% zoom) still needs no sideways scrolling.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  test(`${path} keeps all text when only the text is made twice as large`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(path);
    const before = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    // The browser's "text only" zoom: the root font size doubles; rem/em-based text must follow.
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    const after = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(after).toBeGreaterThanOrEqual(before * 1.9);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await clippedText(page)).toEqual([]);
  });
}

for (const path of pages) {
  test(`${path} has touch targets of at least 44 × 44 px`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('a, button, input, select, textarea, summary, video')]
        .filter((el) => {
          if (el.closest('[aria-hidden="true"], [hidden]') || (el as HTMLInputElement).type === 'hidden')
            return false;
          // Links inside running text are exempt (WCAG 2.5.8): their line is the target.
          if (el.tagName === 'A' && el.closest('p, li, figcaption, td') && !el.matches('[class*="button"]'))
            return false;
          const box = el.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) return false;
          // A checkbox or radio counts together with its label.
          const label = el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null;
          const height = Math.max(box.height, label?.getBoundingClientRect().height ?? 0);
          const width = box.width + (label?.getBoundingClientRect().width ?? 0);
          return height < 44 || width < 44;
        })
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`,
        ),
    );
    expect(small).toEqual([]);
  });
}

// Staff work on laptops, but also on a phone or a tablet at a stop: no page of theirs may need
// sideways scrolling either (the theme board once did, by 788 px, from a long question in a select).
const staffPages = [
  '/staff',
  '/staff/moderatie',
  '/staff/themas',
  '/staff/themas/krachtig-oud-worden',
  '/staff/dashboard',
  '/staff/export',
  '/staff/roadtour/',
  '/staff/roadtour/nieuw',
  '/staff/logboek',
  '/staff/outbox',
  '/staff/verwijderverzoek',
  '/staff/beheer/medewerkers',
];

test('staff pages reflow at 320 px without sideways scrolling', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'beheer@doemee.test');
  await page.setViewportSize({ width: 320, height: 640 });
  const wide: string[] = [];
  for (const path of staffPages) {
    await page.goto(path);
    // The islands are rendered on the server too, so their controls count before hydration.
    await page.waitForLoadState('load');
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) wide.push(`${path}: ${overflow}px`);
  }
  expect(wide).toEqual([]);
});
