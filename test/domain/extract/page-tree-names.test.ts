// Tag and attribute names are recognised where they stand in the markup, and
// the closers of skipped elements found by their name: whatever the case, and
// with names outside ASCII, the tree is the one lower-casing each name gives.
import { describe, expect, it } from 'vitest';
import type { ChildNode } from '../../../lambdas/domain/extract/dom';
import { buildPageTree } from '../../../lambdas/domain/extract/page-tree';
import { WorkBudget } from '../../../lambdas/domain/extract/work-budget';

function shape(nodes: ChildNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return JSON.stringify(node.data);
      const attribs = Object.entries(node.attribs)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      return `${node.name}${attribs ? `[${attribs}]` : ''}(${shape(node.children)})`;
    })
    .join(' ');
}

function tree(html: string, allAttributes = false): string {
  const built = buildPageTree(html, { limits: { maxChars: 1e6, maxDepth: 100, maxElements: 1000 }, budget: new WorkBudget(1000), allAttributes });
  return shape(built.root.children);
}

describe('names in the markup', () => {
  it('are read without regard to ASCII case, keeping only the attributes read unless all are asked for', () => {
    expect(tree('<DIV CLASS="a" iD="b" Data-X="c"><P Role=note>One</P></DIV>')).toBe('div[class=a id=b](p[role=note]("One"))');
    expect(tree('<DIV CLASS="a" iD="b" Data-X="c"><P>One</P></DIV>', true)).toBe('div[class=a id=b data-x=c](p("One"))');
    expect(tree('<My-Widget Class="z">t</my-WIDGET>')).toBe('my-widget[class=z]("t")');
    expect(tree('<p XML:LANG="de" ClAsS="x" class="second">a</p>')).toBe('p[xml:lang=de class=x]("a")');
  });

  it('are lower-cased as toLowerCase does when they hold characters outside ASCII', () => {
    // The Kelvin sign lower-cases to "k": this is a <link>, void, so the paragraph is its sibling.
    expect(tree('<lin\u212a rel="x"><p>a</p>')).toBe('link[rel=x]() p("a")');
    // "İ" lower-cases to "i" and a combining dot: no script, so its text stays.
    expect(tree('<SCR\u0130PT>x</SCR\u0130PT>')).toBe('scri\u0307pt("x")');
    expect(tree('<p \u0130D="x" \u212aey="y">a</p>')).toBe('p("a")');
    expect(tree('<p \u0130D="x" \u212aey="y">a</p>', true)).toBe('p[i\u0307d=x key=y]("a")');
  });
});

describe('the closers of skipped elements', () => {
  it('are their name in any case, then any whitespace, then ">"', () => {
    expect(tree('<p>a<SCRIPT>var s = "</scriptx>";</SCRIPT\n >b</p>')).toBe('p("ab")');
    expect(tree('<p>a<script>x</script\u00a0>b</p>')).toBe('p("ab")');
    expect(tree('<p>a<script>x</ script>y</Script>b</p>')).toBe('p("ab")');
    expect(tree('<p>a<style>p{}</STYLE>b<style>q{}</style >c</p>')).toBe('p("abc")');
    expect(tree('<p>a<script>never closed</p>')).toBe('p("a")');
    expect(tree('<div><nav>links</NAV >text</div>')).toBe('div("text")');
    expect(tree('<div>a<textarea></textarea\t\r\n>b</div>')).toBe('div("ab")');
  });
});
