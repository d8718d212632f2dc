/**
 * Validated, immutable value types of the i-Kfz procedures: {@link org.openikfz.api.value.Kennzeichen}
 * (with {@link org.openikfz.api.value.Saison} and {@link org.openikfz.api.value.Fahrzeugklasse}),
 * {@link org.openikfz.api.value.Fin}, the security codes {@link org.openikfz.api.value.PlakettenCode},
 * {@link org.openikfz.api.value.Zb1Code} and {@link org.openikfz.api.value.Zb2Code},
 * {@link org.openikfz.api.value.Evb} and {@link org.openikfz.api.value.Iban}; the {@link org.openikfz.api.value.Land} of an authority.
 *
 * <p>Every type is created from user text with a static {@code of(String)} that normalises the input
 * and throws a {@link org.openikfz.api.value.ValueValidationException} whose message tells a citizen,
 * in German or English, what is wrong and how to fix it; {@code check(String)} returns a
 * {@link org.openikfz.api.value.ValidationResult} instead of throwing.
 *
 * <p>Secrets stay secret: the security codes and the IBAN never show their value in
 * {@code toString()} (codes print as {@code ***}, the IBAN masked), and no error message repeats a
 * security code or an IBAN.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.value;
