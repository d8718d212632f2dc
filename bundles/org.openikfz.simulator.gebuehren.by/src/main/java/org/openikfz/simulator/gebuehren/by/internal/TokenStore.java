package org.openikfz.simulator.gebuehren.by.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Access tokens the simulated token endpoint issued (in memory: a restart revokes them all, as a
 * real authorisation server's key rotation would). Tokens are random 256-bit values; the client is
 * authenticated by comparing its credentials in constant time.
 */
final class TokenStore {

    /** A token as issued: the value and its lifetime in seconds. */
    record Issued(String accessToken, long expiresIn) {
        @Override
        public String toString() {
            return "Issued[***, " + expiresIn + " s]";
        }
    }

    private final String clientId;
    private final String clientSecret;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new HashMap<>(); // token → expiry; guarded by this

    TokenStore(String clientId, String clientSecret, Duration lifetime, Clock clock) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetimeSeconds must be positive");
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether these are the configured client credentials (constant time). */
    boolean authenticates(String id, String secret) {
        if (id == null || secret == null) {
            return false;
        }
        boolean idOk = MessageDigest.isEqual(id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean secretOk = MessageDigest.isEqual(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return idOk & secretOk;
    }

    /** A new token valid for the configured lifetime; expired ones are forgotten. */
    synchronized Issued issue() {
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> !now.isBefore(expiry));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, now.plus(lifetime));
        return new Issued(token, lifetime.toSeconds());
    }

    /** Whether the token was issued here and has not expired or been revoked. */
    synchronized boolean valid(String token) {
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Revokes every token issued so far; returns how many were still valid. */
    synchronized int revokeAll() {
        Instant now = clock.instant();
        int valid = (int) tokens.values().stream().filter(now::isBefore).count();
        tokens.clear();
        return valid;
    }
}
