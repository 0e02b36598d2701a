import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { say } from '../bot/transcript-helpers';
import {
  answerAfter,
  ask,
  describeBrowser,
  launchBrowser,
  screenshot,
  startBot,
  watch,
  type RunningBot,
} from './browser';

/**
 * A site of another origin (another port) with the snippet of the README, and styles that would spoil the
 * widget if they reached it.
 */
function hostPage(botUrl: string): string {
  return `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>Cổng thông tin điện tử tỉnh</title>
    <style>
      * { color: rgb(200, 0, 0) !important; font-size: 9px !important; font-family: serif !important; }
      button { background: rgb(255, 0, 0) !important; border-radius: 0 !important; }
      div, iframe { display: none !important; }
    </style>
  </head>
  <body>
    <a href="#tin-tuc">Tin tức</a>
    <button class="own">Nút của trang</button>
    <script src="${botUrl}/widget.js" data-title="Hỏi đáp thủ tục" async></script>
  </body>
</html>`;
}

describeBrowser('the widget on another site', () => {
  let bot: RunningBot;
  let host: http.Server;
  let hostUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;

  beforeAll(async () => {
    [bot, browser] = await Promise.all([startBot(), launchBrowser()]);
    host = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(bot.url));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => host?.close(resolve));
    await browser?.close();
    await bot?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    page = await context.newPage();
    seen = watch(page);
  });
  afterEach(async () => {
    await context.close();
  });

  const launcher = () => page.getByRole('button', { name: 'Hỏi đáp thủ tục' });
  const style = (selector: string, property: string) =>
    page.evaluate(
      `getComputedStyle(document.querySelector('motcua-widget').shadowRoot.querySelector(${JSON.stringify(selector)})).${property}`,
    );

  it("adds a button that the site's styles do not reach, and that leaves the site's own alone", async () => {
    await page.goto(hostUrl);
    await launcher().waitFor();
    expect(await style('.launcher', 'fontSize')).toBe('18px');
    expect(await style('.launcher', 'backgroundColor')).toBe('rgb(11, 79, 138)');
    expect(await style('.launcher', 'color')).toBe('rgb(255, 255, 255)');
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    const own = (property: string) =>
      page.evaluate(`getComputedStyle(document.querySelector('button.own')).${property}`);
    expect(await own('borderRadius')).toBe('0px');
    expect(await own('fontSize')).toBe('9px');
    // Nothing is loaded from the bot but the widget until the citizen opens it.
    expect(await page.locator('iframe').count()).toBe(0);
    expect(seen.problems).toEqual([]);
  });

  it('opens the chat in an iframe from its own origin, answers a question, and closes', async () => {
    await page.goto(hostUrl);
    await launcher().click();
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    const frame = page.locator('iframe[title="Hỏi đáp thủ tục"]');
    expect(await frame.getAttribute('src')).toBe(`${bot.url}/?embed=1`);
    const chat = page.frameLocator('iframe[title="Hỏi đáp thủ tục"]');
    expect(await answerAfter(chat, 0)).toEqual([
      `${say('greeting')}\n${say('what_i_do')}`,
      say('menu_prompt'),
    ]);
    const answer = await ask(chat, 'doi giay phep lai xe het bn tien');
    expect(answer[0]).toContain('135.000 đồng');
    await screenshot(page, 'widget-desktop');

    await page.getByRole('button', { name: 'Đóng khung hỏi đáp' }).click();
    expect(await frame.isVisible()).toBe(false);
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    // Opened again, the conversation is still there.
    await launcher().click();
    await expect(chat.locator('.from-user > p').allTextContents()).resolves.toEqual([
      'doi giay phep lai xe het bn tien',
    ]);
    expect(seen.problems).toEqual([]);
  });

  it('works with the keyboard: Tab to the button, Enter opens, type and Enter asks, Escape closes', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(hostUrl);
    await launcher().waitFor();
    const onLauncher = () => page.evaluate("document.activeElement?.tagName === 'MOTCUA-WIDGET'");
    for (let i = 0; i < 6 && !(await onLauncher()); i++) await page.keyboard.press('Tab');
    expect(await onLauncher()).toBe(true);
    await page.keyboard.press('Enter');
    const chat = page.frameLocator('iframe[title="Hỏi đáp thủ tục"]');
    await answerAfter(chat, 0);
    // Opening puts the cursor in the chat's box to type in.
    await chat.locator('#input:focus').waitFor();
    await page.keyboard.type('lam ly lich tu phap o dau');
    await page.keyboard.press('Enter');
    expect((await answerAfter(chat, 2)).length).toBeGreaterThan(0);
    await screenshot(page, 'widget-mobile');
    await page.keyboard.press('Escape');
    await page.locator('iframe').waitFor({ state: 'hidden' });
    expect(await onLauncher()).toBe(true);
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(seen.problems).toEqual([]);
  });
});
