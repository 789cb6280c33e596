package org.domainchat.search;

/**
 * What the archive status page shows about the index.
 *
 * @param documents          searchable messages (-1 when unknown)
 * @param watermark          the newest archive id that searches can find (every older one is searchable too)
 * @param newestIndexedAt    archive time of the newest indexed message (epoch ms, 0 before the first)
 * @param lastLagMillis      at the last refresh, how long the oldest newly visible message had waited since it was
 *                           archived (-1 before the first)
 * @param lastError          the indexer's last error while it is failing, else null
 */
public record IndexStatus(long documents, long sizeBytes, long watermark, long newestIndexedAt, long lastLagMillis,
                          RebuildProgress.Snapshot rebuild, String lastError) {
}
