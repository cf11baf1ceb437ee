// Drives the detector's page in headless Chromium the way a person would, and prints what the page showed as one
// JSON line for WebPageBrowserTest to check against the API's own answers.
//   node web-page.mjs <base URL> <screenshot dir> <image> <second image> <not an image> <s3 URI> <denied s3 URI>
//                     <image with a valid C2PA manifest>
// With SCREENSHOTS_ONLY=1 it stops after the two screenshots (how the README's were made: docs/).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [base, shots, image, secondImage, notImage, s3Uri, deniedS3Uri, signedImage] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  // The machine has no network beyond loopback: Chromium's own background traffic only produces refusals.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const seen = { consoleErrors: [], pageErrors: [], requestsElsewhere: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
  page.setDefaultTimeout(30_000);
  // A CSP violation is reported on the console as an error; so is a failed load.
  page.on('console', (message) => { if (message.type() === 'error') seen.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      seen.requestsElsewhere.push(url);
    }
  });

  await page.goto(base);
  await page.getByTestId('model').filter({ hasText: 'Model: ' }).waitFor();
  seen.model = await page.getByTestId('model').textContent();

  const detections = page.getByTestId('detection');
  // Waits until the page shows `count` detections, then reads the newest (cards are added on top).
  const newestDetection = async (count) => {
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="detection"]').length === n, count);
    return {
      name: await detections.first().locator('h2').textContent(),
      aiProbability: await detections.first().getByTestId('ai-probability').textContent(),
    };
  };
  await page.getByTestId('files').setInputFiles(image);
  await detections.first().waitFor();
  const card = detections.first();
  const overlay = card.getByTestId('overlay');
  await overlay.waitFor();
  // Rendered means decoded by the browser: a broken data: URL has no natural size.
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await overlay.elementHandle());
  seen.single = {
    name: await card.locator('h2').textContent(),
    verdict: await card.getByTestId('verdict').textContent(),
    aiProbability: await card.getByTestId('ai-probability').textContent(),
    sourceRows: await card.getByTestId('sources').locator('tr').count(),
    sourceCaption: await card.getByTestId('sources').locator('caption').textContent(),
    overlayWidth: await overlay.evaluate((img) => img.naturalWidth),
    overlayHeight: await overlay.evaluate((img) => img.naturalHeight),
  };
  await page.screenshot({ path: path.join(shots, 'web-page-detection.png'), fullPage: true });

  const problems = page.getByTestId('problem');
  await page.getByTestId('files').setInputFiles(notImage);
  await problems.first().waitFor();
  seen.notImage = {
    title: await problems.first().getByTestId('problem-title').textContent(),
    detail: await problems.first().getByTestId('problem-detail').textContent(),
    requestId: await problems.first().getByTestId('request-id').textContent(),
  };
  await page.screenshot({ path: path.join(shots, 'web-page-problem.png'), fullPage: true });
  // The README's screenshots are taken against the Quick start's model, where no S3 server runs.
  if (process.env.SCREENSHOTS_ONLY !== '1') {
    // Two files at once go through the batch route, one card each, in the order picked.
    await page.getByTestId('files').setInputFiles([image, secondImage]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="detection"]').length === 3);
    seen.batch = await detections.evaluateAll((cards) => cards.slice(0, 2).map((c) => ({
      name: c.querySelector('h2').textContent,
      aiProbability: c.querySelector('[data-testid="ai-probability"]').textContent,
    })));

    // Dropped rather than picked: the same path as a person dragging a file from their desktop.
    const bytes = [...readFileSync(secondImage)];
    const dropped = await page.evaluateHandle(({ data, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'image/png' }));
      return transfer;
    }, { data: bytes, name: 'dropped-' + path.basename(secondImage) });
    await page.dispatchEvent('[data-testid="drop"]', 'drop', { dataTransfer: dropped });
    seen.dropped = await newestDetection(4);

    await page.getByTestId('s3uri').fill(s3Uri);
    await page.getByRole('button', { name: 'Score' }).click();
    seen.s3 = await newestDetection(5);
    await page.getByTestId('s3uri').fill(deniedS3Uri);
    await page.getByRole('button', { name: 'Score' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="problem"]').length === 2);
    seen.denied = { title: await problems.first().getByTestId('problem-title').textContent() };

    await page.getByTestId('files').setInputFiles(signedImage);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="detection"]').length === 6);
    const signed = detections.first();
    seen.signed = {
      verdict: await signed.getByTestId('verdict').textContent(),
      basis: await signed.getByTestId('basis').textContent(),
      provenance: await signed.getByTestId('provenance').locator('li').allTextContents(),
    };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
