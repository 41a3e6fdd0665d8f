// Typed reads of raw DynamoDB items. The table may hold items written by hand or
// by another release, so a field of the wrong type is reported, never cast through.
import { CorruptItemError } from '../errors';

export type RawItem = Record<string, unknown>;

function describe(item: RawItem): string {
  return `${String(item.pk)} / ${String(item.sk)}`;
}

function corrupt(item: RawItem, name: string, expected: string): CorruptItemError {
  return new CorruptItemError(`item ${describe(item)}: "${name}" should be ${expected}, found ${JSON.stringify(item[name]) ?? 'nothing'}`);
}

export function stringField(item: RawItem, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw corrupt(item, name, 'a string');
  return value;
}

export function nullableStringField(item: RawItem, name: string): string | null {
  const value = item[name];
  if (value === null) return null;
  if (typeof value !== 'string') throw corrupt(item, name, 'a string or null');
  return value;
}

/** For fields added after data was first stored: an item written before them reads as null. */
export function optionalNullableString(item: RawItem, name: string): string | null {
  return item[name] === undefined ? null : nullableStringField(item, name);
}

export function numberField(item: RawItem, name: string): number {
  const value = item[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw corrupt(item, name, 'a number');
  return value;
}

export function nullableNumberField(item: RawItem, name: string): number | null {
  const value = item[name];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw corrupt(item, name, 'a number or null');
  return value;
}

export function booleanField(item: RawItem, name: string): boolean {
  const value = item[name];
  if (typeof value !== 'boolean') throw corrupt(item, name, 'true or false');
  return value;
}

function listField(item: RawItem, name: string): unknown[] {
  const value = item[name];
  if (!Array.isArray(value)) throw corrupt(item, name, 'a list');
  return value;
}

export function isRawItem(value: unknown): value is RawItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads every entry of a list field with `read`, reporting the whole field when any entry is malformed. */
export function listOf<T>(item: RawItem, name: string, expected: string, read: (entry: unknown) => T | undefined): T[] {
  return listField(item, name).map((entry) => {
    const value = read(entry);
    if (value === undefined) throw corrupt(item, name, expected);
    return value;
  });
}
