package io.threadstats.aggregation;

/**
 * What every bucket of one engine shares: the close gate, the budgets, and where sealed
 * distribution chunks wait.
 *
 * @param gate buckets are opened inside it
 * @param chunks distribution chunks of the most values one point carries, reused
 * @param setExactMembers the most members a set counts exactly
 * @param sealed full distribution chunks waiting for delivery
 */
record BucketContext(CloseGate gate, ChunkPool chunks, int setExactMembers, SealedChunks sealed) {
}
