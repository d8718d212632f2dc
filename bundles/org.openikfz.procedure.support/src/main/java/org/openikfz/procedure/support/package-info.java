/**
 * Law content the procedures share (as {@code org.openikfz.connector.support} is for connectors): the steps and
 * rules of FZV §§ 21, 22 and 26 that every registration procedure asks, with their texts. It changes with the
 * ordinance; the SPI does not.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.procedure.support;
