/**
 * What the engine offers the back office: the clerks' decisions (FZV § 19(1) S. 4), the reviewers'
 * revocations (FZV § 23(3)), the clerk's letter, and a case's dialog data as the clerks may see them.
 * The back office's desks (their own bundle) use only this, the SPI and the store's API; the engine's
 * rules stay in the engine.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.core.casework;
