/**
 * The engine's service for the UI and the machine API: applications, their state, findings, fees
 * and decisions.
 */
@org.osgi.annotation.versioning.Version("1.7.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.application;
