package org.openikfz.check.zustaendigkeit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Zuständigkeit check, PID {@value #PID}: the area of this Zulassungsbehörde.
 *
 * <p>Postal codes only approximate a district: their areas do not follow district borders, and some
 * codes are shared with a neighbouring district. Operators configure their own list (and list shared
 * codes in {@link #sharedPostalCodes()}, which go to the clerks); the official municipality key (AGS)
 * would be exact, but the identity providers do not deliver it.
 */
@ObjectClassDefinition(id = ZustaendigkeitConfig.PID, name = "Open i-Kfz check: Zuständigkeit",
        description = "FZV Anlage 11 Nr. 1: the postal codes of the residences this Zulassungsbehörde is responsible for.")
public @interface ZustaendigkeitConfig {

    String PID = "org.openikfz.check.zustaendigkeit";

    @AttributeDefinition(name = "Postal codes",
            description = "Postal codes of this authority's area, separated by commas or spaces: exact five-digit codes "
                    + "(09456) or ranges (09456-09488). Required: without it, or with an invalid entry, the check does not start (a "
                    + "district build writes it from districts/<district>.json).")
    String postalCodes() default "";

    @AttributeDefinition(name = "Shared postal codes",
            description = "Postal codes this area shares with a neighbouring district (same syntax): the machine cannot "
                    + "decide them, the clerks do.")
    String sharedPostalCodes() default "";
}
