// Block-aware text: one paragraph per paragraph, heading, list item, quote or
// cell; no words glued across tags; no words split by inline markup.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third] = PROSE as [string, string, string];

describe('block boundaries', () => {
  it('keeps paragraph, heading, list item and blockquote boundaries', () => {
    const html = pageWith(
      `<p>${first}</p><h2>What happens next</h2><ul><li>Four new routes open in April.</li><li>Timetables are published in January.</li></ul>` +
        `<blockquote><p>“This is the biggest change to the network in twenty years,” the transport director said.</p></blockquote><p>${second}</p><p>${third}</p>`,
    );
    expect(extract(html).paragraphs).toEqual([
      first,
      'What happens next',
      'Four new routes open in April.',
      'Timetables are published in January.',
      '“This is the biggest change to the network in twenty years,” the transport director said.',
      second,
      third,
    ]);
  });

  it('never glues the words of neighbouring blocks, even with no whitespace between the tags', () => {
    const html = pageWith(
      `<p>${first}</p><div>Routes</div><div>open in April.</div><p>${second}</p><table><tr><td>Route 12</td><td>Hospital</td></tr></table><p>${third}</p>`,
    );
    const { text } = extract(html);
    expect(text).not.toMatch(/RoutesOpen|Routesopen|12Hospital/);
    expect(text).toContain('Routes\n\nopen in April.');
  });

  it('keeps a word whole when inline markup splits it, and separates words split by <br>', () => {
    const html = pageWith(
      `<p>The coun<b>cil</b> voted <em>on</em> Tuesday<br>to expand the network, adding four routes to the hospital district by spring.</p><p>${second}</p><p>${third}</p>`,
    );
    expect(extract(html).paragraphs[0]).toBe('The council voted on Tuesday\nto expand the network, adding four routes to the hospital district by spring.');
  });

  it('ends a paragraph at a double <br>, as old templates write paragraphs', () => {
    const html = pageWith(`<div>${first}<br><br>${second}<br/><br/>${third}</div>`);
    expect(extract(html).paragraphs).toEqual([first, second, third]);
  });

  it('normalises no-break, zero-width and repeated spaces so invisible differences never count as edits', () => {
    const html = pageWith(
      `<p>The\u00a0council   voted\u200b on\n\tTuesday to expand the bus network, adding four routes that will connect the suburbs.</p><p>${second}</p><p>${third}</p>`,
    );
    expect(extract(html).paragraphs[0]).toBe('The council voted on Tuesday to expand the bus network, adding four routes that will connect the suburbs.');
  });

  it('decodes character references in the body', () => {
    const html = pageWith(`<p>Fares rise by 5&nbsp;% &amp; passes by &pound;2 &mdash; the council said.</p><p>${first}</p><p>${second}</p>`);
    expect(extract(html).paragraphs[0]).toBe('Fares rise by 5 % & passes by £2 — the council said.');
  });

  it("keeps pull quotes and tables that a template wraps in a <figure>, but not the figure's caption", () => {
    const html = pageWith(
      `<p>${first}</p><figure class="pullquote"><blockquote><p>“We waited ten years for this route.”</p></blockquote><figcaption>A nurse at the hospital</figcaption></figure>` +
        `<figure class="table"><table><tr><td>Route 12</td><td>Every 10 minutes</td></tr></table><figcaption>Source: transport department</figcaption></figure><p>${second}</p><p>${third}</p>`,
    );
    expect(extract(html).paragraphs).toEqual([first, '“We waited ten years for this route.”', 'Route 12 | Every 10 minutes', second, third]);
  });

  it('has text equal to the paragraphs joined by blank lines', () => {
    const result = extract(pageWith(`<p>${first}</p><h2>Next</h2><p>${second}</p>`));
    expect(result.text).toBe(result.paragraphs.join('\n\n'));
    expect(result.paragraphs.length).toBe(3);
  });
});
