/**
 * The procedure SPI: what a procedure bundle provides (identity, legal basis, dialog, checks,
 * decision policy, fees, outputs). A future i-Kfz stage is one more bundle that registers a
 * {@link org.openikfz.api.procedure.Procedure} service.
 */
@org.osgi.annotation.versioning.Version("2.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.procedure;
