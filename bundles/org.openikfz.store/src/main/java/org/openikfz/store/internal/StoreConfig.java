package org.openikfz.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the store, PID {@value #PID}; without a configuration the defaults apply. */
@ObjectClassDefinition(
        id = StoreConfig.PID,
        name = "Open i-Kfz store",
        description = "The database of the portal: embedded H2 by default, PostgreSQL in production.")
public @interface StoreConfig {

    String PID = "org.openikfz.store";

    /** The placeholder in {@link #url()} for the platform's home directory. */
    String HOME_PLACEHOLDER = "${openikfz.home}";

    /** Framework (or system) property naming the platform's home; default the working directory. */
    String HOME_PROPERTY = "openikfz.home";

    @AttributeDefinition(
            name = "JDBC URL",
            description = "jdbc:h2:... or jdbc:postgresql://host:port/db. ${openikfz.home} stands for"
                    + " the platform's home directory (framework property openikfz.home, default the"
                    + " working directory).")
    String url() default "jdbc:h2:file:" + HOME_PLACEHOLDER + "/data/openikfz;DB_CLOSE_ON_EXIT=FALSE";

    @AttributeDefinition(name = "User")
    String user() default "sa";

    /**
     * Property {@code .password}: the leading dot keeps it out of the service properties of the
     * store (OSGi convention for private properties), so nobody reads it off the service registry.
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    /** Property {@code audit.keyFile}. */
    @AttributeDefinition(name = "Audit key file",
            description = "The key of the audit trail's hash chain, made at the first start when missing."
                    + " ${openikfz.home} stands for the platform's home directory. Keep a copy apart from the database and its backups:"
                    + " the verification (bin/openikfz audit-verify) needs it.")
    String audit_keyFile() default HOME_PLACEHOLDER + "/data/audit.key";

    /** Property {@code audit.checkpointFile}. */
    @AttributeDefinition(name = "Audit checkpoint file",
            description = "Where the audit chain's signed checkpoints are appended (a line a minute at most, and at every"
                    + " verification, deletion run and shutdown), so that cutting the chain is found. Keep it apart from the"
                    + " database: another volume or host, or ship it to write-once storage. ${openikfz.home} stands for the"
                    + " platform's home directory.")
    String audit_checkpointFile() default HOME_PLACEHOLDER + "/audit/checkpoints.log";

    /** Property {@code pool.size}. */
    @AttributeDefinition(name = "Pool size", description = "Most connections open at once.", min = "1", max = "200")
    int pool_size() default 10;

    /** Property {@code pool.timeout}. */
    @AttributeDefinition(name = "Connection timeout (s)",
            description = "How long a caller waits for a free connection before failing.", min = "1")
    int pool_timeout() default 30;
}
