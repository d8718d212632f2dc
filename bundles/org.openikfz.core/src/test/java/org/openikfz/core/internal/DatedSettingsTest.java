package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatedSettingsTest {

    @Test
    void theProvisionalProofAllowsTenDaysUntilTheEndOf2025AndFourteenSince() {
        DatedSettings settings = DatedSettings.bundled();
        // FZV §§ 31–32: 10 days under the 2023 text, 14 days since 31 December 2025
        assertEquals(10, settings.provisionalValidityDays(LocalDate.of(2025, 12, 30)));
        assertEquals(14, settings.provisionalValidityDays(LocalDate.of(2025, 12, 31)));
        assertEquals(14, settings.provisionalValidityDays(LocalDate.of(2026, 12, 2)));
        assertEquals(10, settings.provisionalValidityDays(LocalDate.of(2023, 9, 1)));
    }
}
