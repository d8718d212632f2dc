/**
 * Interfaces of the external systems (KBA/ZFZR, Fachverfahren, ePayment) and their value types.
 * Real connectors and the embedded simulators both implement them, interchangeable by configuration.
 */
@org.osgi.annotation.versioning.Version("1.7.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.connector;
