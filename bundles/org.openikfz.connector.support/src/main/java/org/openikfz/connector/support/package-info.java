/**
 * The connector kit: what every connector to an external system needs — bounded waiting
 * ({@link org.openikfz.connector.support.Resilience}: timeout per attempt, bounded retries, circuit
 * breaker, health and last error with secrets redacted), an HTTP client with mutual TLS
 * ({@link org.openikfz.connector.support.TlsSettings}) and OAuth2 client-credentials tokens
 * ({@link org.openikfz.connector.support.OAuth2ClientCredentials}). Connectors generated from the
 * archetype use it; it holds no state of its own beyond the objects a connector creates.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.connector.support;
