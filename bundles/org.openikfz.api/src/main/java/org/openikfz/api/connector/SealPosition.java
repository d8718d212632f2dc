package org.openikfz.api.connector;

/**
 * Where a plate seal (Stempelplakette) sits. Its security code proves that this one plate is
 * unstamped (FZV § 21(3)), so the register compares each code with the seal of its own position.
 *
 * @since 1.4
 */
public enum SealPosition {
    /** The seal on the front plate. */
    FRONT,
    /** The seal on the rear plate. */
    REAR,
    /**
     * The seal on the shared part of a Wechselkennzeichen (FZV § 8(1a)), asked only when no other vehicle
     * stays registered with it (2019 memo on § 15g(2) S. 2; FZV 2023 § 21(1) Nr. 1).
     */
    SHARED_PART
}
