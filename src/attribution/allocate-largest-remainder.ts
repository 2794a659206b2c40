/**
 * Splits an integer total into integer parts proportional to integer weights so that the parts sum
 * EXACTLY to the total (Hamilton / largest-remainder method). Every part gets the floor of its exact
 * quota; the units left over go one each to the largest remainders. Ties on the remainder go to the
 * larger weight, then to the earlier index, so the result is deterministic for a given order.
 * A negative total is split as its absolute value and negated. All weights 0 → all parts 0.
 */
export function allocateLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) return allocateLargestRemainder(-total, weights).map((part) => -part);
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const sum = weights.reduce((acc, w) => acc + w, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const floors = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w) => (total * w) % sum);
  let leftover = total - floors.reduce((acc, f) => acc + f, 0n);
  const order = weights
    .map((w, index) => ({ w, index, r: remainders[index] ?? 0n }))
    .sort((a, b) =>
      a.r !== b.r ? (b.r > a.r ? 1 : -1) : a.w !== b.w ? (b.w > a.w ? 1 : -1) : a.index - b.index,
    );
  for (const { index } of order) {
    if (leftover === 0n) break;
    floors[index] = (floors[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return floors;
}

/** Float weights → integer weights at a fixed resolution, so float noise never decides a split. */
export function toIntegerWeights(weights: readonly number[]): bigint[] {
  const sum = weights.reduce((acc, w) => acc + w, 0);
  if (!(sum > 0)) return weights.map(() => 0n);
  return weights.map((w) => BigInt(Math.round((w / sum) * 1e12)));
}
