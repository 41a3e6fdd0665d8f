import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANGE_KIND_REGISTRY, KIND_LABELS, KIND_WEIGHTS, SUBSTANTIVE_KINDS } from '../../../lambdas/domain/change-kinds/registry';
import { CHANGE_KINDS } from '../../../lambdas/domain/types';
import { kindName } from '../../../lambdas/web/labels';

describe('the change-kind registry', () => {
  it('lists the kinds in the order the README and the JSON contract give them', () => {
    expect(CHANGE_KINDS).toEqual([
      'title',
      'byline',
      'paragraph-added',
      'paragraph-removed',
      'paragraph-edited',
      'paragraph-moved',
      'quote',
      'number',
      'name',
      'correction',
      'update-notice',
      'revert',
      'removed',
      'restored',
      'url-changed',
    ]);
  });

  it('matches the list in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const sentence = /Change `kinds`:([^.]*)\./.exec(readme)?.[1] ?? '';
    expect([...sentence.matchAll(/`([^`]+)`/g)].map((match) => match[1])).toEqual(CHANGE_KINDS);
  });

  it('holds each kind once', () => {
    expect(new Set(CHANGE_KINDS).size).toBe(CHANGE_KIND_REGISTRY.length);
  });

  it.each(CHANGE_KIND_REGISTRY.map((definition) => [definition.kind, definition] as const))(
    'gives %s a label and a weight between 0 and 1',
    (kind, definition) => {
      expect(definition.label.trim()).not.toBe('');
      expect(KIND_LABELS[kind]).toBe(definition.label);
      expect(kindName(kind)).toBe(definition.label);
      expect(KIND_WEIGHTS[kind]).toBe(definition.weight);
      expect(definition.weight).toBeGreaterThanOrEqual(0);
      expect(definition.weight).toBeLessThanOrEqual(1);
    },
  );

  it('gives every page a different label per kind', () => {
    expect(new Set(Object.values(KIND_LABELS)).size).toBe(CHANGE_KINDS.length);
  });

  it('leaves the status kinds to the check planner: no detector reads them from a diff', () => {
    const undetected = CHANGE_KIND_REGISTRY.filter((definition) => definition.detect === undefined).map((definition) => definition.kind);
    expect(undetected).toEqual(['revert', 'removed', 'restored', 'url-changed']);
  });

  it('knows which kinds are the newsroom owning up', () => {
    expect(CHANGE_KIND_REGISTRY.filter((definition) => definition.notice !== undefined).map((definition) => definition.kind)).toEqual([
      'correction',
      'update-notice',
    ]);
  });

  it('counts headline, quote, number, name, cut and reworded paragraphs as substantive', () => {
    expect(SUBSTANTIVE_KINDS).toEqual(['title', 'paragraph-removed', 'paragraph-edited', 'quote', 'number', 'name']);
  });
});
