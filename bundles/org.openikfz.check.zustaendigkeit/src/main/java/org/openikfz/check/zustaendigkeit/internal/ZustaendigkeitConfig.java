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

    /**
     * The Erzgebirgskreis (Saxony), the platform's first authority: the postal codes of its towns and
     * municipalities (Aue-Bad Schlema, Annaberg-Buchholz, Marienberg, Stollberg, Schwarzenberg, Zschopau, ...).
     */
    String ERZGEBIRGSKREIS = "08280, 08289, 08294, 08297, 08301, 08304, 08309, 08312, 08315, 08318, 08321, 08324, "
            + "08325, 08326, 08328, 08340, 08344, 08349, 08352, 08359, "
            + "09221, 09235, 09366, 09376, 09380, 09385, 09387, 09390, 09392, 09394, 09395, 09399, 09405, 09419, 09423, "
            + "09427, 09429, 09430, 09432, 09435, 09437, 09439, 09456, 09465, 09468, 09471, 09474, 09477, 09481, "
            + "09484, 09487, 09488, 09496, 09509, 09514, 09518, 09526, 09548, 09579";

    @AttributeDefinition(name = "Postal codes",
            description = "Postal codes of this authority's area, separated by commas or spaces: exact five-digit codes "
                    + "(09456) or ranges (09456-09488). An invalid entry keeps the check from starting.")
    String postalCodes() default ERZGEBIRGSKREIS;

    @AttributeDefinition(name = "Shared postal codes",
            description = "Postal codes this area shares with a neighbouring district (same syntax): the machine cannot "
                    + "decide them, the clerks do.")
    String sharedPostalCodes() default "";
}
