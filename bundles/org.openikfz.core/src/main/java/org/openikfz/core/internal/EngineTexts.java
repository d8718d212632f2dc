package org.openikfz.core.internal;

import org.openikfz.api.text.Texts;

/**
 * The engine's texts, read once for all its classes: OSGI-INF/l10n/engine.properties (German), engine_en.properties
 * (English), and any language a fragment of the core bundle adds.
 */
public final class EngineTexts {

    public static final Texts TEXTS = Texts.of(EngineTexts.class, "OSGI-INF/l10n/engine");

    private EngineTexts() {
    }
}
