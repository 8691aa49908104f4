import { readFileSync } from 'node:fs';

/** A fenced code block of a Markdown file, with the heading it sits under. */
export interface CodeBlock {
  /** The first word of the info string: `graphql`, `sh`, `text`… */
  readonly lang: string;
  /** The other words of the info string: `run`, `no-run`, `allow-empty`… */
  readonly flags: readonly string[];
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above the block. */
  readonly heading: string;
}

/** Reads every fenced block (``` or ~~~, indented or not) of a Markdown file, in order. */
export function codeBlocks(path: string | URL): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]!);
    if (h) heading = h[1]!.trim();
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const words = info!.trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j]!.trim().startsWith(fence!) && lines[j]!.trim().replace(/[`~]/g, '') === '') break;
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    blocks.push({ lang: words[0] ?? '', flags: words.slice(1), code: body.join('\n'), line: i + 1, heading });
    i = j;
  }
  return blocks;
}

/** The relative link targets of a Markdown file (`[text](target)`), without anchors. */
export function relativeLinks(path: string | URL): string[] {
  const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
  const links: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    links.push(target.replace(/#.*$/, ''));
  }
  return links;
}
