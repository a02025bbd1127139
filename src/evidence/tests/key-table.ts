/**
 * A compact open-addressing hash table from 53-bit numeric keys to small bit sets. It holds
 * the state of tests that a later element may retry: 9 bytes a slot in typed arrays, where a
 * `Map` of numbers costs ~50–80 bytes an entry and adds GC work on million-test reports.
 */

const INITIAL_SLOTS = 1024;
const TWO_32 = 4294967296;

/** Keys are non-negative integers below 2^53; values are non-zero bytes (0 means empty). */
export class KeyTable {
  private hi = new Uint32Array(INITIAL_SLOTS);
  private lo = new Uint32Array(INITIAL_SLOTS);
  private bits = new Uint8Array(INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  size = 0;

  /** The value stored for `key`, or 0. */
  get(key: number): number {
    const slot = this.find(key);
    return slot < 0 ? 0 : this.bits[slot]!;
  }

  /** Stores `value` (1–255) for `key`. */
  set(key: number, value: number): void {
    let slot = this.find(key);
    if (slot < 0) {
      // Grow at half full: linear probing stays short, and a doubling keeps the cost amortised.
      if ((this.size + 1) * 2 > this.bits.length) this.grow();
      slot = ~this.find(key);
      this.hi[slot] = Math.floor(key / TWO_32);
      this.lo[slot] = key >>> 0;
      this.size++;
    }
    this.bits[slot] = value;
  }

  /** Calls `fn` for every entry, in slot order (the same for the same sequence of keys). */
  forEach(fn: (key: number, value: number) => void): void {
    for (let i = 0; i < this.bits.length; i++) {
      const v = this.bits[i]!;
      if (v !== 0) fn(this.hi[i]! * TWO_32 + this.lo[i]!, v);
    }
  }

  /** The slot holding `key`, or `~slot` of the empty slot where it would go. */
  private find(key: number): number {
    const hi = Math.floor(key / TWO_32);
    const lo = key >>> 0;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      if (this.bits[slot] === 0) return ~slot;
      if (this.lo[slot] === lo && this.hi[slot] === hi) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { hi, lo, bits } = this;
    const slots = bits.length * 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.bits = new Uint8Array(slots);
    this.mask = slots - 1;
    for (let i = 0; i < bits.length; i++) {
      if (bits[i] === 0) continue;
      const slot = ~this.find(hi[i]! * TWO_32 + lo[i]!);
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.bits[slot] = bits[i]!;
    }
  }
}
