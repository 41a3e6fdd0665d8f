// Every heuristic word list compiles to the matcher its rule uses, and that
// matcher accepts each phrase of the list (in the context the rule reads it)
// while still refusing plain prose.
import { describe, expect, it } from 'vitest';
import { blockMatchers } from '../../../lambdas/domain/extract/boilerplate';
import { chromeLineMatchers } from '../../../lambdas/domain/extract/chrome-check';
import { sectionMatchers } from '../../../lambdas/domain/extract/sequence';
import * as blockPhrases from '../../../lambdas/domain/extract/vocabulary/block-phrases';
import { classWordMatcher } from '../../../lambdas/domain/extract/vocabulary/class-matcher';
import * as classNames from '../../../lambdas/domain/extract/vocabulary/class-names';
import { expand, patternOf } from '../../../lambdas/domain/extract/vocabulary/notation';
import { errorPageSigns, errorTitleOpenings, pageWalls } from '../../../lambdas/domain/extract/vocabulary/page-walls';
import * as sectionPhrases from '../../../lambdas/domain/extract/vocabulary/section-phrases';
import { pageSignMatchers } from '../../../lambdas/domain/page-quality';

const PROSE = 'The city council voted on Tuesday to expand the bus network, adding four routes to the hospital district.';

interface Case {
  list: string;
  entries: readonly string[];
  matcher: RegExp;
  /** The text the rule sees when the phrase is there. */
  inContext: (phrase: string) => string;
}

const B = blockPhrases;
const S = sectionPhrases;
const as = (phrase: string): string => phrase;

const TEXT_CASES: Case[] = [
  { list: 'labelPhrases', entries: B.labelPhrases, matcher: blockMatchers.label, inContext: as },
  { list: 'promptOpenings', entries: B.promptOpenings, matcher: blockMatchers.prompt, inContext: (p) => `${p} our team` },
  { list: 'promptOpeningWords', entries: B.promptOpeningWords, matcher: blockMatchers.prompt, inContext: (p) => `${p}: the full story` },
  { list: 'creditLabels', entries: B.creditLabels, matcher: blockMatchers.credit, inContext: (p) => `${p}: Jane Doe` },
  { list: 'creditLinks', entries: B.creditLinks, matcher: blockMatchers.credit, inContext: (p) => `Photo ${p}: Jane Doe` },
  { list: 'photoAgencies', entries: B.photoAgencies, matcher: blockMatchers.credit, inContext: (p) => `Jane Doe/${p}` },
  { list: 'agenciesAlone', entries: B.agenciesAlone, matcher: blockMatchers.credit, inContext: (p) => `(${p})` },
  { list: 'viaAgencies', entries: B.viaAgencies, matcher: blockMatchers.credit, inContext: (p) => `SANA via ${p}` },
  { list: 'agenciesAtEnd', entries: B.agenciesAtEnd, matcher: blockMatchers.credit, inContext: (p) => `Jane Doe ${p}` },
  {
    list: 'trailingCreditLabels',
    entries: B.trailingCreditLabels,
    matcher: blockMatchers.trailingCredit,
    inContext: (p) => `Buses wait at the central depot. ${p}: Jane Doe`,
  },
  {
    list: 'parenthesisedCreditWords',
    entries: B.parenthesisedCreditWords,
    matcher: blockMatchers.trailingCredit,
    inContext: (p) => `Buses wait at the central depot. (${p}/Jane Doe)`,
  },
  { list: 'stampVerbs', entries: B.stampVerbs, matcher: blockMatchers.stamp, inContext: (p) => `${p} 5 minutes ago` },
  { list: 'updateVerbs', entries: B.updateVerbs, matcher: blockMatchers.updateStamp, inContext: (p) => `${p} July 14, 2016` },
  { list: 'elapsedUnits', entries: B.elapsedUnits, matcher: blockMatchers.stamp, inContext: (p) => `5 ${p} ago` },
  { list: 'readingActivities', entries: B.readingActivities, matcher: blockMatchers.stamp, inContext: (p) => `4 min ${p}` },
  { list: 'readingTimeLabels', entries: B.readingTimeLabels, matcher: blockMatchers.stamp, inContext: (p) => `${p}: 4 minutes` },
  { list: 'engagementCounters', entries: B.engagementCounters, matcher: blockMatchers.stamp, inContext: (p) => `1204 ${p}` },
  { list: 'weekdayStems', entries: B.weekdayStems, matcher: blockMatchers.dateOnly, inContext: (p) => `${p}, 14 Jul 2016` },
  { list: 'monthStems', entries: B.monthStems, matcher: blockMatchers.dateOnly, inContext: (p) => `14 ${p} 2016` },
  { list: 'disclosureTerms', entries: B.disclosureTerms, matcher: blockMatchers.disclosureTerms, inContext: (p) => `Note: ${p}.` },
  { list: 'selfReferences', entries: B.selfReferences, matcher: blockMatchers.selfReference, inContext: (p) => `Note: ${p}.` },
  { list: 'tagListLabels', entries: B.tagListLabels, matcher: blockMatchers.tagList, inContext: (p) => `${p}: Buses, Budget` },
  { list: 'siteLinkPhrases', entries: B.siteLinkPhrases, matcher: chromeLineMatchers.siteLink, inContext: (p) => `Read our ${p} here` },
  { list: 'contactLabels', entries: B.contactLabels, matcher: chromeLineMatchers.contactLabel, inContext: (p) => `${p}: (217) 555-0110` },
  { list: 'streetWords', entries: B.streetWords, matcher: chromeLineMatchers.street, inContext: (p) => `100 North Main ${p}, Springfield` },
  { list: 'chromeHeadings', entries: S.chromeHeadings, matcher: sectionMatchers.chromeHeading, inContext: as },
  { list: 'chromeHeadingLeads', entries: S.chromeHeadingLeads, matcher: sectionMatchers.chromeHeading, inContext: (p) => `${p} this week` },
  { list: 'chromeHeadingOpenings', entries: S.chromeHeadingOpenings, matcher: sectionMatchers.chromeHeading, inContext: (p) => `${p} the Gazette` },
  {
    list: 'writerTrades',
    entries: S.writerTrades,
    matcher: sectionMatchers.writerTrade,
    inContext: (p) => `Jane Doe is a freelance ${p} based in Leeds.`,
  },
  { list: 'errorTitleOpenings', entries: errorTitleOpenings, matcher: pageSignMatchers.errorTitle, inContext: (p) => `${p} | The Gazette` },
  { list: 'errorPageSigns.phrases', entries: errorPageSigns.phrases, matcher: pageSignMatchers.errorBody, inContext: (p) => `Oh no. ${p}. Go home.` },
];

for (const wall of pageWalls) {
  const matcher = pageSignMatchers.walls.find(([, reason]) => reason === wall.reason)?.[0];
  if (!matcher) throw new Error(`no matcher for ${wall.reason}`);
  TEXT_CASES.push({ list: `pageWalls ${wall.reason}`, entries: wall.phrases, matcher, inContext: (p) => `Notice. ${p} Thank you.` });
  for (const rule of wall.inOrder ?? []) {
    TEXT_CASES.push({ list: `pageWalls ${wall.reason} first`, entries: rule.first, matcher, inContext: (p) => `${p}: ${expand(rule.then[0] ?? '')[0]}` });
  }
}
for (const rule of errorPageSigns.inOrder) {
  const then = expand(rule.then[0] ?? '')[0];
  TEXT_CASES.push({
    list: 'errorPageSigns.inOrder first',
    entries: rule.first,
    matcher: pageSignMatchers.errorBody,
    inContext: (p) => `${p} the page you wanted to ${then}`,
  });
  TEXT_CASES.push({
    list: 'errorPageSigns.inOrder then',
    entries: rule.then,
    matcher: pageSignMatchers.errorBody,
    inContext: (p) => `Sorry, we couldn't quite ${p} it`,
  });
}

describe('heuristic word lists compile to matchers that accept their own entries', () => {
  it.each(TEXT_CASES.map((c) => [c.list, c] as const))('%s', (_list, c) => {
    const phrases = c.entries.flatMap(expand);
    expect(phrases.length).toBeGreaterThan(0);
    const refused = phrases.filter((phrase) => !c.matcher.test(c.inContext(phrase)));
    expect(refused).toEqual([]);
    expect(c.matcher.test(PROSE)).toBe(false);
  });

  const classLists = Object.entries(classNames).filter(
    (entry): entry is [string, classNames.ClassWords] => typeof entry[1] === 'object' && !Array.isArray(entry[1]),
  );

  it.each(classLists)('class words %s', (_list, words) => {
    const matcher = classWordMatcher(words);
    const names = Object.values(words).flatMap((entries: readonly string[]) => entries.flatMap(expand));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !matcher.test(name))).toEqual([]);
    expect(names.filter((name) => !matcher.test(`wrapper ${name.toUpperCase()} box`))).toEqual([]);
    expect(matcher.test('x9 q7')).toBe(false);
  });

  it('class words bound by a word edge need one', () => {
    expect(classWordMatcher(classNames.unlikelyClassWords).test('head-ads-box')).toBe(true);
    expect(classWordMatcher(classNames.unlikelyClassWords).test('roads')).toBe(false);
    expect(classWordMatcher(classNames.inArticleChromeClassWords).test('adwrapper_top')).toBe(true);
    expect(classWordMatcher(classNames.inArticleChromeClassWords).test('post-tags')).toBe(true);
    expect(classWordMatcher(classNames.inArticleChromeClassWords).test('tagsearch')).toBe(false);
    expect(classWordMatcher(classNames.inArticleChromeClassWords).test('hidden-xs')).toBe(false);
    expect(classWordMatcher(classNames.negativeClassWords).test('x hid')).toBe(true);
    expect(classWordMatcher(classNames.negativeClassWords).test('hide')).toBe(false);
  });
});

describe('the phrase notation', () => {
  it('expands alternatives, optional parts and placeholders', () => {
    expect(expand('sign{,-}up')).toEqual(['signup', 'sign-up']);
    expect(expand('{a,b {c,d}}x')).toEqual(['ax', 'b cx', 'b dx']);
    expect(expand('<number> comment{,s}')).toEqual(['12 comment', '12 comments']);
    expect(expand('sorry{,\\,} we')).toEqual(['sorry we', 'sorry, we']);
  });

  it('takes every other character literally', () => {
    const pattern = new RegExp(`^${patternOf('attention required{,!} | cloudflare (beta)?')}$`, 'i');
    expect(pattern.test('Attention Required! | Cloudflare (beta)?')).toBe(true);
    expect(pattern.test('attention required  cloudflare beta')).toBe(false);
  });

  it('refuses a malformed entry when the list is compiled', () => {
    expect(() => expand('share {this,on')).toThrow(/unclosed/);
    expect(() => expand('share this}')).toThrow(/stray/);
    expect(() => expand('<phrase> here')).toThrow(/placeholder/);
  });
});
