// The page's whole behaviour: send what the user picks to the detection routes, draw what comes back. No library,
// no build step; everything is built with DOM calls (never innerHTML), so nothing from an answer can become markup.
'use strict';
// Every URL is relative: deployed, the page lives under the API stage's path (https://…/prod/), locally at /.

const SOURCE_NAMES = {
  real: 'Real photograph', sd21: 'Stable Diffusion 2.1', sdxl: 'SDXL', sd3: 'Stable Diffusion 3',
  dalle3: 'DALL-E 3', midjourney6: 'Midjourney v6', 'other-generator': 'another generator',
};
// What the route takes by name; anything else (a .txt, a HEIC the browser names) goes as bytes for the server to
// probe, so the answer is the API's own 415 "not a supported image" rather than a refusal of the declared type.
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'];
// Files per batch request: the server's default MAX_BATCH_ITEMS is 16; fewer keeps each body small.
const BATCH_SIZE = 8;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function headers(extra) {
  const all = Object.assign({}, extra);
  const key = document.getElementById('apikey').value.trim();
  if (key) all['x-api-key'] = key;
  return all;
}

// A problem (RFC 9457) from the answer, or one in the same shape when the answer is not one.
async function problemOf(response) {
  try {
    const body = await response.json();
    if (body && body.title) return body;
  } catch (ignored) { /* not JSON: described below */ }
  return { status: response.status, title: response.statusText || 'Request failed',
    detail: 'the server answered ' + response.status + ' without a problem description' };
}

async function call(path, init) {
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { problem: { status: 0, title: 'No answer', detail: 'the server could not be reached: ' + e.message } };
  }
  // The id the server logged this request under: what an operator needs to find out more about a refusal.
  const requestId = response.headers.get('X-Request-Id');
  if (!response.ok) return { problem: Object.assign(await problemOf(response), { requestId }) };
  return { body: await response.json(), requestId };
}

function percent(p) {
  return (100 * p).toFixed(1) + '%';
}

function bar(fraction, className, marker) {
  const track = el('div', { class: 'track ' + (className || '') });
  const fill = el('div', { class: 'fill' });
  fill.style.width = Math.max(0, Math.min(100, 100 * fraction)) + '%';
  track.append(fill);
  if (marker !== undefined) {
    const line = el('div', { class: 'threshold', title: 'threshold ' + marker });
    line.style.left = 100 * marker + '%';
    track.append(line);
  }
  return track;
}

// What the image's metadata says, one sentence per finding; nothing for an image without any.
function provenanceLines(provenance) {
  if (!provenance) {
    return [];
  }
  const lines = [];
  const c2pa = provenance.c2pa;
  if (c2pa && c2pa.present) {
    lines.push(c2pa.valid
      ? 'C2PA manifest valid' + (c2pa.trusted ? ', signer trusted' : ', signer not on the trust list')
        + (c2pa.signer ? ' (' + c2pa.signer.subject + ')' : '')
      : 'C2PA manifest invalid: ' + c2pa.failure.code + ' (' + c2pa.failure.detail + ')');
  }
  if (provenance.digitalSourceType) {
    lines.push('Digital source type ' + provenance.digitalSourceType.code + ' (from '
      + provenance.digitalSourceType.from + ')');
  }
  for (const hint of provenance.generatorHints || []) {
    lines.push(hint.field + ' names ' + hint.value + (hint.label ? ' → ' + (SOURCE_NAMES[hint.label] || hint.label) : ''));
  }
  if (provenance.agreesWithModel === false) {
    lines.push('The metadata points to ' + provenance.indicates + ', the pixels do not.');
  }
  return lines;
}

function detectionCard(name, preview, detection) {
  const generated = detection.verdict === 'ai-generated';
  const card = el('article', { class: 'card ' + (generated ? 'generated' : 'real'), 'data-testid': 'detection' });
  card.append(el('h2', { text: name }));
  card.append(el('p', { class: 'verdict', 'data-testid': 'verdict',
    text: generated ? 'AI-generated' : 'Real photograph' }));
  if (detection.basis === 'provenance') {
    card.append(el('p', { class: 'basis', 'data-testid': 'basis',
      text: 'Decided by the image\'s valid C2PA manifest; the network alone says '
        + (detection.modelVerdict === 'ai-generated' ? 'AI-generated' : 'real') }));
  }

  const ai = el('div', { class: 'ai' },
    el('p', { 'data-testid': 'ai-probability',
      text: 'P(AI) ' + detection.aiProbability.toFixed(3) + ' (threshold ' + detection.threshold.toFixed(2) + ')' }),
    bar(detection.aiProbability, 'ai-bar', detection.threshold));
  card.append(ai);

  const source = detection.source;
  const sources = el('table', { class: 'sources', 'data-testid': 'sources' });
  sources.append(el('caption', { text: 'Source: ' + (SOURCE_NAMES[source.label] || source.label)
      + (source.confident ? ' (confident)' : ' (not confident: no source stands out)') }));
  for (const [label, p] of Object.entries(detection.sourceProbabilities)) {
    const row = el('tr', { class: label === source.label ? 'top' : '' },
      el('th', { scope: 'row', text: SOURCE_NAMES[label] || label }),
      el('td', {}, bar(p)),
      el('td', { class: 'num', text: percent(p) }));
    sources.append(row);
  }
  card.append(sources);

  const figures = el('div', { class: 'figures' });
  if (preview) {
    figures.append(el('figure', {}, el('img', { src: preview, alt: 'the image sent' }),
      el('figcaption', { text: 'sent' })));
  }
  const explanation = detection.explanation;
  if (explanation && explanation.overlayPng) {
    figures.append(el('figure', {},
      el('img', { src: 'data:image/png;base64,' + explanation.overlayPng, 'data-testid': 'overlay',
        alt: 'activation map over the crop the network saw' }),
      el('figcaption', { text: 'activation map: pale where it looks generated' })));
  }
  card.append(figures);

  const provenance = provenanceLines(detection.provenance);
  if (provenance.length > 0) {
    const list = el('ul', { class: 'provenance', 'data-testid': 'provenance' });
    for (const line of provenance) {
      list.append(el('li', { text: line }));
    }
    card.append(list);
  }

  const model = detection.model;
  const t = detection.timingsMs;
  const image = detection.image;
  card.append(el('p', { class: 'meta', text: image.width + '×' + image.height + ' ' + image.format
      + ' · ' + model.name + ' ' + model.version + ' (' + model.precision + ')'
      + ' · fetch ' + t.fetch + ' ms, decode ' + t.decode + ' ms, provenance ' + t.provenance
      + ' ms, preprocess ' + t.preprocess
      + ' ms, inference ' + t.inference + ' ms' }));
  return card;
}

function problemCard(name, problem) {
  return el('article', { class: 'card problem', 'data-testid': 'problem' },
    el('h2', { text: name }),
    el('p', { class: 'verdict', 'data-testid': 'problem-title',
      text: (problem.status ? problem.status + ' ' : '') + problem.title }),
    el('p', { 'data-testid': 'problem-detail', text: problem.detail || '' }),
    problem.requestId ? el('p', { class: 'meta', 'data-testid': 'request-id', text: 'request id ' + problem.requestId })
      : null);
}

function pending(name) {
  return el('article', { class: 'card pending' }, el('h2', { text: name }), el('p', { text: 'Scoring…' }));
}

function show(card) {
  document.getElementById('results').prepend(card);
}

async function scoreOne(file) {
  const placeholder = pending(file.name);
  show(placeholder);
  const answer = await call('v1/detections?explain=true', {
    method: 'POST', body: file,
    headers: headers({ 'Content-Type': IMAGE_TYPES.includes(file.type) ? file.type : 'application/octet-stream' }),
  });
  placeholder.replaceWith(answer.problem ? problemCard(file.name, answer.problem)
    : detectionCard(file.name, URL.createObjectURL(file), answer.body));
}

function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function scoreBatch(files) {
  const placeholders = files.map((file) => pending(file.name));
  // Prepended one by one, the first file would end at the bottom: in reverse, the batch reads in the order picked.
  placeholders.slice().reverse().forEach(show);
  let items;
  try {
    items = await Promise.all(files.map(async (file) => ({ imageBase64: await base64Of(file) })));
  } catch (e) {
    placeholders.forEach((p, i) => p.replaceWith(problemCard(files[i].name,
      { title: 'Unreadable file', detail: 'the browser could not read it: ' + e.message })));
    return;
  }
  const answer = await call('v1/detections:batch?explain=true', {
    method: 'POST', body: JSON.stringify({ items }), headers: headers({ 'Content-Type': 'application/json' }),
  });
  placeholders.forEach((placeholder, i) => {
    const name = files[i].name;
    if (answer.problem) {
      placeholder.replaceWith(problemCard(name, answer.problem));
      return;
    }
    const result = answer.body.results[i];
    placeholder.replaceWith(result.error ? problemCard(name, result.error)
      : detectionCard(name, URL.createObjectURL(files[i]), result));
  });
}

async function scoreFiles(list) {
  const files = Array.from(list);
  if (files.length === 1) return scoreOne(files[0]);
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    await scoreBatch(files.slice(start, start + BATCH_SIZE));
  }
}

async function scoreS3(uri) {
  const placeholder = pending(uri);
  show(placeholder);
  const answer = await call('v1/detections?explain=true', {
    method: 'POST', body: JSON.stringify({ s3Uri: uri }), headers: headers({ 'Content-Type': 'application/json' }),
  });
  placeholder.replaceWith(answer.problem ? problemCard(uri, answer.problem) : detectionCard(uri, null, answer.body));
}

async function showModel() {
  const target = document.getElementById('model');
  try {
    // /health answers 503 with the reason when no model is loaded: worth showing as it is.
    const health = await (await fetch('health', { headers: headers() })).json();
    const model = health.model;
    target.textContent = health.status === 'UP'
      ? 'Model: ' + model.name + ' ' + model.version + ' (' + model.precision + ')'
      : 'No model loaded: ' + health.detail;
  } catch (e) {
    target.textContent = 'Model: unknown (the server could not be asked: ' + e.message + ')';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const drop = document.getElementById('drop');
  const input = document.getElementById('files');
  input.addEventListener('change', () => {
    if (input.files.length) scoreFiles(input.files).finally(() => { input.value = ''; });
  });
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer.files.length) scoreFiles(event.dataTransfer.files);
  });
  document.getElementById('s3form').addEventListener('submit', (event) => {
    event.preventDefault();
    const uri = document.getElementById('s3uri').value.trim();
    if (uri) scoreS3(uri);
  });
  showModel();
});
