// The explorer page evaluates every quantity with its bundled mathjs (see quantityTable.ts).
export function precomputedQuantity(_key: string): number | undefined {
  return undefined;
}
