// check-mermaid.mjs parses every ```mermaid block of the Markdown files
// given as arguments with the mermaid package's own parser (mermaid.parse),
// so a diagram that GitHub would refuse to render fails CI. mermaid needs a
// DOM even to parse; jsdom provides one. Usage:
//   NODE_PATH=<dir>/node_modules node scripts/check-mermaid.mjs FILE.md...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.NODE_PATH || process.cwd(), 'x.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ['DOMParser', 'Element', 'HTMLElement', 'Node']) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const { default: mermaid } = await import(require.resolve('mermaid'));
mermaid.initialize({ startOnLoad: false });

let blocks = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const re = /^```mermaid\n([\s\S]*?)^```$/gm;
  for (let m; (m = re.exec(text)); ) {
    blocks++;
    const line = text.slice(0, m.index).split('\n').length;
    try {
      await mermaid.parse(m[1]);
    } catch (e) {
      failed++;
      console.error(`${file}:${line}: ${String(e.message || e).split('\n').slice(0, 4).join(' ')}`);
    }
  }
}
console.log(`check-mermaid: ${blocks} diagrams, ${failed} failed to parse`);
process.exit(failed > 0 || blocks === 0 ? 1 : 0);
