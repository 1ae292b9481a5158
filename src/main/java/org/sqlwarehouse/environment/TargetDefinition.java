package org.sqlwarehouse.environment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A target as declared (in the POM or a profiles.yml output), before the dev schema is derived.
 * Immutable; {@link #toString()} never shows the password.
 */
public final class TargetDefinition {
    private final String name;
    private final String type;
    private final String host;
    private final Integer port;
    private final String database;
    private final String user;
    private final String password;
    private final String schema;
    private final String path;
    private final String url;
    private final Integer threads;
    private final String serverId;
    private final Map<String, String> properties;
    private final Boolean protectedFlag;
    private final String origin;

    private TargetDefinition(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.host = b.host;
        this.port = b.port;
        this.database = b.database;
        this.user = b.user;
        this.password = b.password;
        this.schema = b.schema;
        this.path = b.path;
        this.url = b.url;
        this.threads = b.threads;
        this.serverId = b.serverId;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.protectedFlag = b.protectedFlag;
        this.origin = b.origin;
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.type = type;
        b.host = host;
        b.port = port;
        b.database = database;
        b.user = user;
        b.password = password;
        b.schema = schema;
        b.path = path;
        b.url = url;
        b.threads = threads;
        b.serverId = serverId;
        b.properties.putAll(properties);
        b.protectedFlag = protectedFlag;
        b.origin = origin;
        return b;
    }

    public String name() { return name; }
    public String type() { return type; }
    public String host() { return host; }
    public Integer port() { return port; }
    public String database() { return database; }
    public String user() { return user; }
    public String password() { return password; }
    public String schema() { return schema; }
    public String path() { return path; }
    public String url() { return url; }
    public Integer threads() { return threads; }
    public String serverId() { return serverId; }
    public Map<String, String> properties() { return properties; }
    /** The declared flag, or null when not declared (then {@link TargetProtection} decides). */
    public Boolean protectedFlag() { return protectedFlag; }
    /** Where it was defined, e.g. "pom.xml" or a profiles.yml path. */
    public String origin() { return origin; }

    /** Whether the target is protected, and why: see {@link TargetProtection} for the rule. */
    public TargetProtection.Decision protection() {
        return TargetProtection.decide(this);
    }

    /** Whether verify stages a candidate here instead of replacing live relations; see {@link TargetProtection}. */
    public boolean isProtected() {
        return protection().isProtected();
    }

    @Override
    public String toString() {
        return "Target[" + name + ", type=" + type + ", host=" + host + ", port=" + port + ", database=" + database
                + ", user=" + user + ", password=" + (password == null ? "none" : "****") + ", schema=" + schema
                + ", origin=" + origin + "]";
    }

    public static final class Builder {
        private String name;
        private String type;
        private String host;
        private Integer port;
        private String database;
        private String user;
        private String password;
        private String schema;
        private String path;
        private String url;
        private Integer threads;
        private String serverId;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Boolean protectedFlag;
        private String origin;

        public Builder name(String v) { this.name = v; return this; }
        public Builder type(String v) { this.type = v; return this; }
        public Builder host(String v) { this.host = v; return this; }
        public Builder port(Integer v) { this.port = v; return this; }
        public Builder database(String v) { this.database = v; return this; }
        public Builder user(String v) { this.user = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder schema(String v) { this.schema = v; return this; }
        public Builder path(String v) { this.path = v; return this; }
        public Builder url(String v) { this.url = v; return this; }
        public Builder threads(Integer v) { this.threads = v; return this; }
        public Builder serverId(String v) { this.serverId = v; return this; }
        public Builder properties(Map<String, String> v) {
            this.properties.clear();
            if (v != null) {
                this.properties.putAll(v);
            }
            return this;
        }
        public Builder protectedFlag(Boolean v) { this.protectedFlag = v; return this; }
        public Builder origin(String v) { this.origin = v; return this; }

        public TargetDefinition build() {
            Objects.requireNonNull(name, "target name");
            return new TargetDefinition(this);
        }
    }
}
