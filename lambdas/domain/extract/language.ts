// The page language as a BCP 47 tag ("en", "en-US", "pt-BR").
const TAG = /^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?$/i;

export function toLanguageTag(value: string): string | null {
  const match = TAG.exec(value.trim());
  if (!match?.[1]) return null;
  const [, language, script, region] = match;
  let tag = language.toLowerCase();
  if (script) tag += `-${script.charAt(0).toUpperCase()}${script.slice(1).toLowerCase()}`;
  if (region) tag += `-${region.toUpperCase()}`;
  return tag;
}
