package org.sqlwarehouse.environment;

/**
 * The selected target, ready to connect: its definition, the schema models go to (the declared one
 * or the user's dev schema) and whether it is a protected shared environment.
 */
public record ResolvedTarget(TargetDefinition definition, String schema, boolean devSchema, int threads) {
    public static final int DEFAULT_THREADS = 4;

    public String name() {
        return definition.name();
    }

    public String type() {
        return definition.type();
    }

    public boolean isProtected() {
        return definition.isProtected();
    }

    /** Whether the target is protected, and why. */
    public TargetProtection.Decision protection() {
        return definition.protection();
    }

    /**
     * Resolves the schema (a target without one gets the user's dev schema) and the thread count
     * (an override, else the target's, else 4).
     */
    public static ResolvedTarget resolve(TargetDefinition definition, String devSchemaPrefix, String user,
            Integer threadsOverride) throws org.sqlwarehouse.WarehouseException {
        boolean dev = definition.schema() == null || definition.schema().isBlank();
        String schema = dev ? DevSchemaNaming.devSchema(devSchemaPrefix, user) : definition.schema();
        int threads = threadsOverride != null ? threadsOverride
                : definition.threads() != null ? definition.threads() : DEFAULT_THREADS;
        if (threads < 1) {
            throw new org.sqlwarehouse.WarehouseException("threads must be at least 1, got " + threads
                    + " for target '" + definition.name() + "'.");
        }
        return new ResolvedTarget(definition, schema, dev, threads);
    }
}
