// Parses every Mermaid diagram in the given files with the real mermaid library (as GitHub's renderer
// does), and exits 1 naming each diagram that does not parse. Files ending in .md contribute their
// ```mermaid blocks; any other file is one diagram. mermaid.parse needs a DOM: jsdom provides one.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const version = JSON.parse(readFileSync(new URL('./node_modules/mermaid/package.json', import.meta.url), 'utf8')).version;
mermaid.initialize({ startOnLoad: false });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE…');
  process.exit(2);
}
let diagrams = 0;
let failures = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const blocks = file.endsWith('.md') ? [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(m => m[1]) : [text];
  if (blocks.length === 0) {
    console.error(`${file}: no mermaid diagram found`);
    failures++;
  }
  for (const [i, block] of blocks.entries()) {
    diagrams++;
    try {
      const result = await mermaid.parse(block);
      if (!result || !result.diagramType) throw new Error('mermaid did not recognise the diagram');
    } catch (e) {
      failures++;
      console.error(`${file}: diagram ${i + 1} does not parse: ${String(e.message ?? e).split('\n').slice(0, 4).join(' | ')}`);
    }
  }
}
console.log(`mermaid ${version}: ${diagrams} diagram(s) in ${files.length} file(s), ${failures} failure(s)`);
process.exit(failures > 0 ? 1 : 0);
