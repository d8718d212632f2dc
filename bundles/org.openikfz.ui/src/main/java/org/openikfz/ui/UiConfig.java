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
}
