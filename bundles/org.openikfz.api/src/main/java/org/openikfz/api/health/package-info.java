/**
 * The platform's health as a load balancer or monitoring sees it: each background job's last run,
 * success and failure; whether the platform is ready to take applications; its metrics in the
 * Prometheus text format. No personal data.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.health;
