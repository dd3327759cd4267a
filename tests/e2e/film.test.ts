import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const filmFile = path.resolve(import.meta.dirname, '../../content/film/krachtig-oud-worden.md');

/** The transcript paragraphs of the content file, as a reader sees them. */
function transcriptParagraphs(): string[] {
  const body = readFileSync(filmFile, 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

test('the film page has an accessible player, captions, the transcript and the way to the questions', async ({
  page,
  request,
  baseURL,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  const response = await page.goto('/film');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Film .*\| Doe Mee Zoetermeer/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /film/i);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The intro says how long the film is.
  await expect(page.locator('main')).toContainText(/De film duurt \d+ (seconden|minuten?)/);

  const video = page.locator('main video');
  await expect(video).toHaveCount(1);
  await expect(video).toHaveAttribute('controls', '');
  await expect(video).toHaveAttribute('preload', 'metadata');
  await expect(video).toHaveAttribute('playsinline', '');
  expect(await video.getAttribute('autoplay')).toBeNull();
  expect(await video.evaluate((v: HTMLVideoElement) => ({ autoplay: v.autoplay, paused: v.paused }))).toEqual(
    {
      autoplay: false,
      paused: true,
    },
  );

  // The film itself: served as MP4, with byte ranges so that players can seek.
  const videoUrl = await video.locator('source').evaluate((s: HTMLSourceElement) => s.src);
  const head = await request.get(videoUrl, { headers: { range: 'bytes=0-1023' } });
  expect(head.status()).toBe(206);
  expect(head.headers()['content-type']).toMatch(/^video\/mp4/);

  // Captions: a default Dutch track that serves WebVTT, and the browser reads its cues.
  const track = video.locator('track[kind="captions"][default]');
  await expect(track).toHaveCount(1);
  await expect(track).toHaveAttribute('srclang', 'nl');
  await expect(track).toHaveAttribute('label', 'Nederlands');
  const vttUrl = await track.evaluate((t: HTMLTrackElement) => t.src);
  const vtt = await request.get(vttUrl);
  expect(vtt.status()).toBe(200);
  expect(vtt.headers()['content-type']).toMatch(/^text\/vtt/);
  expect(await vtt.text()).toMatch(/^\uFEFF?WEBVTT/);
  await expect
    .poll(() => track.evaluate((t: HTMLTrackElement) => ({ state: t.readyState, mode: t.track.mode })))
    .toEqual({ state: 2 /* HTMLTrackElement.LOADED */, mode: 'showing' });
  expect(await track.evaluate((t: HTMLTrackElement) => t.track.cues?.length ?? 0)).toBeGreaterThan(0);

  // The poster loads as an image.
  const posterUrl = await video.evaluate((v: HTMLVideoElement) => v.poster);
  expect(posterUrl).not.toBe('');
  const posterWidth = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img.naturalWidth;
  }, posterUrl);
  expect(posterWidth).toBeGreaterThan(0);

  // The full transcript, paragraph by paragraph, under its own heading.
  const transcript = page.getByRole('region', { name: 'Tekst van de film' });
  await expect(transcript).toBeVisible();
  const paragraphs = transcriptParagraphs();
  expect(paragraphs.length).toBeGreaterThan(0);
  for (const paragraph of paragraphs) await expect(transcript).toContainText(paragraph);

  // Straight on to the questions.
  const toQuestions = page.getByRole('link', { name: 'Naar de vragen' });
  expect(await toQuestions.count()).toBeGreaterThan(0);
  for (const link of await toQuestions.all()) await expect(link).toHaveAttribute('href', '/meedoen');

  // No JavaScript, nothing from another site.
  await expect(page.locator('script')).toHaveCount(0);
  const origin = new URL(baseURL as string).origin;
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
});

test('the keyboard reaches the player and then the link to the questions', async ({ page }) => {
  await page.goto('/film');
  const reached: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      if (el.tagName === 'VIDEO') return 'video';
      if (el instanceof HTMLAnchorElement) return `link:${el.getAttribute('href')}:${el.textContent?.trim()}`;
      return el.tagName.toLowerCase();
    });
    reached.push(focused);
    if (focused === 'link:/meedoen:Naar de vragen') break;
  }
  const atVideo = reached.indexOf('video');
  const atLink = reached.indexOf('link:/meedoen:Naar de vragen');
  expect(atVideo, `focus order: ${reached.join(' → ')}`).toBeGreaterThanOrEqual(0);
  expect(atLink, `focus order: ${reached.join(' → ')}`).toBeGreaterThan(atVideo);
  // Enter on the focused link follows it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/meedoen$/);
});

test('the header links to the film', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Film' }).click();
  await expect(page).toHaveURL(/\/film$/);
});
