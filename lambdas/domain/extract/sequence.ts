// Judging blocks by their neighbours. Chrome gathers at the edges of the
// article box (a kicker and the title above the story, price cards and
// sign-up prompts below it), and responsive templates print the same story
// twice; a block's own words cannot tell those apart, its place can.
import type { Block } from './blocks';

const SENTENCE_END = /[.!?…:;"”’)\]]$/;

/** Prose a reader came for: a long run of text that is mostly not links. */
function isProse(block: Block): boolean {
  if (block.heading) return false;
  if (block.chars >= 80 && block.linkChars < block.chars * 0.35) return true;
  return block.chars >= 40 && block.linkChars === 0 && SENTENCE_END.test(block.text);
}

/** A label-like block: too short to be prose and not a sentence. */
function isLabel(block: Block): boolean {
  return !block.heading && block.chars < 60 && !SENTENCE_END.test(block.text);
}

export function trimEdges(blocks: Block[]): Block[] {
  let first = blocks.findIndex(isProse);
  if (first < 0) return blocks;
  let last = blocks.length - 1;
  while (last > first && !isProse(blocks[last] as Block)) last--;
  const kept: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (index < first) {
      // Above the story: the title (an h1) and labels such as kickers, dates and reading times.
      if (block.tag === 'h1' || isLabel(block)) continue;
    } else if (index > last) {
      // Below the story: a heading with no prose after it, or a run of labels.
      if (block.heading || isLabel(block)) continue;
    }
    kept.push(block);
  }
  return kept;
}

/** Responsive templates repeat the story for another screen size; a block seen before is not news. */
export function dropRepeats(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  const kept: Block[] = [];
  for (const block of blocks) {
    if (block.chars >= 20) {
      if (seen.has(block.text)) continue;
      seen.add(block.text);
    }
    kept.push(block);
  }
  return kept;
}

// Headings that open a section of chrome rather than a part of the story.
const CHROME_HEADING =
  /^(?:about (?:the )?(?:authors?|reviewers?|writers?|editors?|contributors?)|(?:meet )?the authors?|author(?:'s)? bio|disclaimers?|related(?: \w+){0,2}|recent(?: \w+){0,2}|more (?:from|on|in|like this|to (?:read|explore))\b.*|(?:you (?:may|might) )?also like|recommended(?: \w+){0,2}|(?:most )?popular(?: \w+){0,2}|trending(?: \w+){0,2}|(?:read|watch|listen|up)(?: this)? next|keep reading|further reading|comments?|\d+ comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|share(?: this)?(?: \w+)?|follow us|sign up\b.*|subscribe\b.*|(?:get|join) (?:our|the) newsletter|newsletter|contact us|get in touch|testimonials?|categories|tags|topics|popular tags|latest (?:news|posts|articles|stories)|top stories|editor'?s picks|in (?:other|case you missed)\b.*|advertisement)\s*[:.!]?$/i;

function headingLevel(block: Block): number {
  const level = Number(block.tag.charAt(1));
  return block.tag.length === 2 && block.tag.charAt(0) === 'h' && level >= 1 && level <= 6 ? level : 7;
}

/** A chrome heading takes the blocks under it along, up to the next heading of its rank or higher. */
export function dropChromeSections(blocks: Block[]): Block[] {
  const kept: Block[] = [];
  let skippingBelow = 0;
  for (const block of blocks) {
    if (block.heading) {
      const level = headingLevel(block);
      if (skippingBelow !== 0 && level <= skippingBelow) skippingBelow = 0;
      if (CHROME_HEADING.test(block.text)) {
        skippingBelow = level;
        continue;
      }
    }
    if (skippingBelow === 0) kept.push(block);
  }
  return kept;
}
