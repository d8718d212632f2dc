package org.openikfz.api.backoffice;

/** Per procedure: automated decisions, how many were drawn for review, and the reviews' outcomes. */
public record ReviewStatistics(String procedure, long decided, long drawnAtRandom, long selected, long open, long confirmed,
        long revoked) {
}
