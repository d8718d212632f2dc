package org.openikfz.ui;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@value UiServer#PID}) of the portal's web server. */
@ObjectClassDefinition(name = "Open i-Kfz UI", description = "Where the portal's own web server (Jetty) listens.")
public @interface UiConfig {

    @AttributeDefinition(name = "Host", description = "Address to listen on. The default keeps the portal on this "
            + "machine (behind a reverse proxy); 0.0.0.0 listens on every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "TCP port; 0 takes any free port.")
    int port() default 8080;

    @AttributeDefinition(name = "Session idle timeout (seconds)", min = "1", description = "A browser session nobody used "
            + "for this long ends, and with it what the portal held for it. 30 minutes by default.")
    int sessionIdleSeconds() default 1800;

    @AttributeDefinition(name = "Largest request body (bytes)", min = "1024", description = "Bodies larger than this are "
            + "refused with 413 before they are read (the portal's own requests are far smaller; the machine API takes at "
            + "most 64 KiB). 1 MiB by default.")
    long maxRequestBytes() default 1024 * 1024;
}
