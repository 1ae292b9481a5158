package org.sqlwarehouse.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * One {@code <target>} of the plugin configuration, as Maven injects it. Field names are the XML
 * element names of DESIGN.md section 4.
 */
public class TargetConfig {
    private String name;
    private String type;
    private String host;
    private Integer port;
    private String database;
    private String dbname;
    private String user;
    private String password;
    private String schema;
    private String path;
    private String url;
    private Integer threads;
    private String serverId;
    private Map<String, String> properties = new LinkedHashMap<>();
    private Boolean protectedTarget;

    /** {@code <protected>}: a Java keyword, so Maven reaches it through this setter. */
    public void setProtected(Boolean value) {
        this.protectedTarget = value;
    }

    public void setName(String name) { this.name = name; }
    public void setType(String type) { this.type = type; }
    public void setHost(String host) { this.host = host; }
    public void setPort(Integer port) { this.port = port; }
    public void setDatabase(String database) { this.database = database; }
    public void setDbname(String dbname) { this.dbname = dbname; }
    public void setUser(String user) { this.user = user; }
    public void setPassword(String password) { this.password = password; }
    public void setSchema(String schema) { this.schema = schema; }
    public void setPath(String path) { this.path = path; }
    public void setUrl(String url) { this.url = url; }
    public void setThreads(Integer threads) { this.threads = threads; }
    public void setServerId(String serverId) { this.serverId = serverId; }
    public void setProperties(Map<String, String> properties) { this.properties = properties; }

    String name() {
        return name;
    }

    String password() {
        return password;
    }

    String url() {
        return url;
    }

    Map<String, String> properties() {
        return properties == null ? Map.of() : properties;
    }

    TargetDefinition toDefinition(String origin) {
        return TargetDefinition.builder(name == null ? "" : name.trim())
                .type(type == null ? null : type.trim())
                .host(host)
                .port(port)
                .database(database != null ? database : dbname)
                .user(user)
                .password(password)
                .schema(schema)
                .path(path)
                .url(url)
                .threads(threads)
                .serverId(serverId)
                .properties(properties)
                .protectedFlag(protectedTarget)
                .origin(origin)
                .build();
    }
}
