package org.openikfz.check.zfzr.internal;

import org.openikfz.api.text.Texts;

/**
 * The texts of the bundle's two checks, read once: OSGI-INF/l10n/zfzr.properties (German), zfzr_en.properties
 * (English), and any language a fragment adds (each reading looks for every language's file).
 */
final class ZfzrTexts {

    static final Texts TEXTS = Texts.of(ZfzrTexts.class, "OSGI-INF/l10n/zfzr");

    private ZfzrTexts() {
    }
}
