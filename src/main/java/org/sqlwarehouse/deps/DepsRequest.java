package org.sqlwarehouse.deps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sqlwarehouse.report.BuildLog;

/** What warehouse:deps is asked to do; made with {@link #builder()}. */
public final class DepsRequest {
    /** dbt's public package hub. */
    public static final String DEFAULT_HUB_URL = "https://hub.getdbt.com";

    private final Path projectDirectory;
    private final String fallbackName;
    private final String hubUrl;
    private final boolean upgrade;
    private final boolean offline;
    private final List<HttpProxy> proxies;
    private final BuildLog log;
    private final ArtifactResolver artifacts;

    private DepsRequest(Builder b) {
        this.projectDirectory = Objects.requireNonNull(b.projectDirectory, "projectDirectory").toAbsolutePath().normalize();
        this.fallbackName = b.fallbackName;
        this.hubUrl = b.hubUrl == null || b.hubUrl.isBlank() ? DEFAULT_HUB_URL : b.hubUrl.strip();
        this.upgrade = b.upgrade;
        this.offline = b.offline;
        this.proxies = List.copyOf(b.proxies);
        this.log = b.log == null ? BuildLog.SILENT : b.log;
        this.artifacts = b.artifacts == null ? ArtifactResolver.NONE : b.artifacts;
    }

    /** Resolves packages published as Maven artifacts. */
    public ArtifactResolver artifacts() {
        return artifacts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path projectDirectory() {
        return projectDirectory;
    }

    /** The project name without a dbt_project.yml: the artifactId. */
    public String fallbackName() {
        return fallbackName;
    }

    public String hubUrl() {
        return hubUrl;
    }

    /** Resolve again, ignoring package-lock.yml, as {@code dbt deps --upgrade}. */
    public boolean upgrade() {
        return upgrade;
    }

    /** Maven's -o: nothing may reach the network. */
    public boolean offline() {
        return offline;
    }

    public List<HttpProxy> proxies() {
        return proxies;
    }

    public BuildLog log() {
        return log;
    }

    public static final class Builder {
        private Path projectDirectory;
        private String fallbackName;
        private String hubUrl;
        private boolean upgrade;
        private boolean offline;
        private final List<HttpProxy> proxies = new ArrayList<>();
        private BuildLog log;
        private ArtifactResolver artifacts;

        private Builder() {
        }

        public Builder projectDirectory(Path value) {
            projectDirectory = value;
            return this;
        }

        public Builder fallbackName(String value) {
            fallbackName = value;
            return this;
        }

        public Builder hubUrl(String value) {
            hubUrl = value;
            return this;
        }

        public Builder upgrade(boolean value) {
            upgrade = value;
            return this;
        }

        public Builder offline(boolean value) {
            offline = value;
            return this;
        }

        public Builder proxies(List<HttpProxy> value) {
            proxies.clear();
            proxies.addAll(value);
            return this;
        }

        public Builder log(BuildLog value) {
            log = value;
            return this;
        }

        public Builder artifacts(ArtifactResolver value) {
            artifacts = value;
            return this;
        }

        public DepsRequest build() {
            return new DepsRequest(this);
        }
    }
}
