package org.openikfz.simulator.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Client authentication, token lifetime and revocation. */
class TokenStoreTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-06-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final TokenStore store = new TokenStore("openikfz-portal", "s3cret-value", Duration.ofSeconds(300), clock);

    @Test
    void onlyTheConfiguredCredentialsAuthenticate() {
        assertTrue(store.authenticates("openikfz-portal", "s3cret-value"));
        assertFalse(store.authenticates("openikfz-portal", "s3cret-valuE"));
        assertFalse(store.authenticates("openikfz-portal", ""));
        assertFalse(store.authenticates("other", "s3cret-value"));
        assertFalse(store.authenticates(null, null));
    }

    @Test
    void aTokenIsValidForItsLifetimeOnly() {
        TokenStore.Issued issued = store.issue();
        assertEquals(300, issued.expiresIn());
        assertTrue(issued.accessToken().length() >= 40, "256 random bits");
        assertFalse(issued.toString().contains(issued.accessToken()));
        assertTrue(store.valid(issued.accessToken()));
        clock.now = clock.now.plusSeconds(299);
        assertTrue(store.valid(issued.accessToken()));
        clock.now = clock.now.plusSeconds(1);
        assertFalse(store.valid(issued.accessToken()), "expired");
    }

    @Test
    void unknownTokensAndRevokedTokensAreInvalid() {
        TokenStore.Issued a = store.issue();
        TokenStore.Issued b = store.issue();
        assertNotEquals(a.accessToken(), b.accessToken());
        assertFalse(store.valid(null));
        assertFalse(store.valid(a.accessToken() + "x"));
        assertEquals(2, store.revokeAll());
        assertFalse(store.valid(a.accessToken()));
        assertFalse(store.valid(b.accessToken()));
    }

    @Test
    void theLifetimeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TokenStore("a", "b", Duration.ZERO, clock));
    }
}
