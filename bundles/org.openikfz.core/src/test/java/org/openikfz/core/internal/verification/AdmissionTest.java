package org.openikfz.core.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void atMostTheBoundRunAtOnce() {
        Admission admission = new Admission(2, 10, Duration.ofHours(1));
        assertTrue(admission.tryEnter());
        assertTrue(admission.tryEnter());
        assertFalse(admission.tryEnter(), "the third waits for nobody: refused at once");
        admission.leave();
        assertTrue(admission.tryEnter());
    }

    /** FZV § 20(4) counts per application; the bound per vehicle holds across applications, by plate or by FIN. */
    @Test
    void aVehicleOpposedTooOftenIsRefusedUntilItsWindowEnds() {
        Admission admission = new Admission(4, 3, Duration.ofHours(1));
        List<String> vehicle = List.of("K:ERZAB123", "F:WVWZZZ1JZXW000001");
        // three opposed verifications: each keeps the attempt it took
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), admission.reserve(vehicle, T0.plusSeconds(i)));
        }
        assertEquals(Optional.of(Duration.ofMinutes(50)), admission.reserve(vehicle, T0.plus(Duration.ofMinutes(10))));
        // the same vehicle under its FIN alone, from another application
        assertTrue(admission.reserve(List.of("F:WVWZZZ1JZXW000001"), T0.plus(Duration.ofMinutes(10))).isPresent());
        assertEquals(Optional.empty(), admission.reserve(List.of("K:ERZAB124"), T0.plus(Duration.ofMinutes(10))), "another vehicle");
        assertEquals(Optional.empty(), admission.reserve(vehicle, T0.plus(Duration.ofHours(1))), "the window ended");
        assertEquals(Optional.empty(), admission.reserve(vehicle, T0.plus(Duration.ofHours(1))), "a new window counts from one");
    }

    /** A verification that was not opposed gives its attempt back. */
    @Test
    void anAttemptGivenBackDoesNotCount() {
        Admission admission = new Admission(4, 1, Duration.ofHours(1));
        List<String> vehicle = List.of("K:ERZAB123");
        assertEquals(Optional.empty(), admission.reserve(vehicle, T0));
        admission.release(vehicle);
        assertEquals(Optional.empty(), admission.reserve(vehicle, T0), "given back: free again");
        assertTrue(admission.reserve(vehicle, T0).isPresent(), "kept: the bound of one is reached");
    }

    /** Sixteen verifications of one vehicle at once cannot outrun a bound of five: five take an attempt, eleven wait. */
    @Test
    void parallelVerificationsOfOneVehicleCannotOutrunTheBound() throws Exception {
        Admission admission = new Admission(16, 5, Duration.ofHours(1));
        List<Boolean> taken = org.openikfz.core.internal.Races.atOnce(16, () -> admission.reserve(List.of("K:ERZAB123"), T0).isEmpty());
        assertEquals(5, taken.stream().filter(t -> t).count());
    }

    @Test
    void theCountsStayBounded() {
        Admission admission = new Admission(1, 1, Duration.ofHours(1));
        for (int i = 0; i < Admission.MAX_TRACKED + 10; i++) {
            admission.reserve(List.of("K:X" + i), T0);
        }
        assertTrue(admission.reserve(List.of("K:X" + (Admission.MAX_TRACKED + 9)), T0).isPresent(), "the newest is counted");
    }
}
