// Texts as integer token ids, for diffing: equal tokens get equal ids, so
// every comparison is an integer compare. All texts of one diff share one
// interner and one set of flat arrays, so tokenizing a sentence allocates
// nothing per token, and a run of tokens becomes text again as one slice.
import { contentWordOf } from './similarity';
import { isSpaceToken, isSpaceTokenAt, tokenEnd } from './tokens';

/**
 * One tokenized text: its tokens are `tokenFrom .. tokenTo` in the store, token k
 * spanning `text.slice(starts[k], starts[k + 1])`; its words (tokens that are not
 * whitespace, what the diff aligns) are `wordFrom .. wordTo` of `wordPositions`/`wordIds`.
 */
export interface TokenizedText {
  text: string;
  store: TokenStore;
  tokenFrom: number;
  tokenTo: number;
  wordFrom: number;
  wordTo: number;
}

/** Flat arrays holding the tokens of every text of one diff; replaced as they grow, so read them at use. */
export interface TokenStore {
  starts: Int32Array;
  ids: Int32Array;
  /** Store positions of word tokens. */
  wordPositions: Int32Array;
  wordIds: Int32Array;
}

export function isSpaceAt(tokenized: TokenizedText, position: number): boolean {
  return isSpaceTokenAt(tokenized.text, tokenized.store.starts[position] ?? 0);
}

/** Text of store tokens `from` (inclusive) to `to` (exclusive), both within `tokenized`. */
export function tokenText(tokenized: TokenizedText, from: number, to: number): string {
  const starts = tokenized.store.starts;
  return tokenized.text.slice(starts[from] ?? 0, starts[to] ?? 0);
}

const NO_CONTENT_WORD = -1;
const EMPTY_SLOT = -1;

function grownInt32(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(capacity, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * Gives equal tokens equal ids; one interner serves every text of one diff.
 * An open-addressing table keyed by a hash of the token's characters finds a
 * token's id without cutting the token out of its text.
 */
export class TokenInterner {
  readonly store: TokenStore;
  private tokenCount = 0;
  private wordCount = 0;
  private readonly tokens: string[] = [];
  private hashes = new Int32Array(256);
  private spaceFlags = new Uint8Array(256);
  private contentIds = new Int32Array(256);
  private slots = new Int32Array(1024).fill(EMPTY_SLOT);
  // Single ASCII characters (a space, a comma) are half of all tokens; they skip the hash table.
  private readonly asciiIds = new Int32Array(0x80).fill(EMPTY_SLOT);
  private readonly contentWordIds = new Map<string, number>();

  /** `expectedCharacters`: roughly how much text will be tokenized, so the store seldom has to grow. */
  constructor(expectedCharacters = 0) {
    // Prose runs about a token per three characters (a word, a space) and a word per six.
    const tokens = Math.max(64, Math.ceil(expectedCharacters / 3));
    const words = Math.max(32, Math.ceil(expectedCharacters / 6));
    this.store = { starts: new Int32Array(tokens), ids: new Int32Array(tokens), wordPositions: new Int32Array(words), wordIds: new Int32Array(words) };
  }

  /** How many distinct content words (see similarity.ts) the interned tokens hold; content ids are below this. */
  get contentWordCount(): number {
    return this.contentWordIds.size;
  }

  /** The content-word id of a token id (lower-cased, stop words dropped), or -1 when it carries no meaning. */
  contentIdOf(id: number): number {
    return this.contentIds[id] ?? NO_CONTENT_WORD;
  }

  private idOfRange(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] ?? EMPTY_SLOT;
      if (id === EMPTY_SLOT) return this.add(text.slice(start, end), hash, slot);
      if (this.hashes[id] === hash) {
        const token = this.tokens[id] ?? '';
        if (token.length === length && text.startsWith(token, start)) return id;
      }
    }
  }

  private add(token: string, hash: number, slot: number): number {
    const id = this.tokens.length;
    this.tokens.push(token);
    if (id >= this.hashes.length) {
      this.hashes = grownInt32(this.hashes, id + 1);
      this.contentIds = grownInt32(this.contentIds, id + 1);
      const spaceFlags = new Uint8Array(this.hashes.length);
      spaceFlags.set(this.spaceFlags);
      this.spaceFlags = spaceFlags;
    }
    this.hashes[id] = hash;
    this.spaceFlags[id] = isSpaceToken(token) ? 1 : 0;
    const word = contentWordOf(token);
    let contentId = NO_CONTENT_WORD;
    if (word !== null) {
      contentId = this.contentWordIds.get(word) ?? this.contentWordIds.size;
      this.contentWordIds.set(word, contentId);
    }
    this.contentIds[id] = contentId;
    this.slots[slot] = id;
    // Keep the table at most half full so probe runs stay short.
    if (2 * this.tokens.length > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    const mask = slots.length - 1;
    for (let id = 0; id < this.tokens.length; id++) {
      let slot = (this.hashes[id] ?? 0) & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }

  /** Makes room for `tokens` more tokens (and as many words) past the first `token`/`word`. */
  private reserve(token: number, word: number, tokens: number): void {
    const store = this.store;
    if (store.starts.length < token + tokens) {
      store.starts = grownInt32(store.starts, token + tokens);
      store.ids = grownInt32(store.ids, token + tokens);
    }
    if (store.wordPositions.length < word + tokens) {
      store.wordPositions = grownInt32(store.wordPositions, word + tokens);
      store.wordIds = grownInt32(store.wordIds, word + tokens);
    }
  }

  tokenized(text: string): TokenizedText {
    const tokenFrom = this.tokenCount;
    const wordFrom = this.wordCount;
    let token = tokenFrom;
    let word = wordFrom;
    let { starts, ids, wordPositions, wordIds } = this.store;
    for (let at = 0; at < text.length; ) {
      // Room for this token and the end marker; grown by doubling, so rarely.
      if (token + 2 > starts.length || word + 1 > wordIds.length) {
        this.reserve(token, word, 2);
        ({ starts, ids, wordPositions, wordIds } = this.store);
      }
      const end = tokenEnd(text, at);
      const code = text.charCodeAt(at);
      let id: number;
      if (end === at + 1 && code < 0x80) {
        id = this.asciiIds[code] ?? EMPTY_SLOT;
        if (id === EMPTY_SLOT) this.asciiIds[code] = id = this.idOfRange(text, at, end);
      } else id = this.idOfRange(text, at, end);
      starts[token] = at;
      ids[token] = id;
      if (this.spaceFlags[id] === 0) {
        wordPositions[word] = token;
        wordIds[word] = id;
        word++;
      }
      token++;
      at = end;
    }
    if (token + 1 > starts.length) {
      this.reserve(token, word, 1);
      ({ starts } = this.store);
    }
    starts[token] = text.length;
    // The end marker keeps its slot, so the next text starts after it.
    this.tokenCount = token + 1;
    this.wordCount = word;
    return { text, store: this.store, tokenFrom, tokenTo: token, wordFrom, wordTo: word };
  }
}
