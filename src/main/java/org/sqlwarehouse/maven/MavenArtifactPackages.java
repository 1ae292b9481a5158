package org.sqlwarehouse.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.deps.ArtifactResolver;
import org.sqlwarehouse.deps.MavenCoordinates;

/**
 * Packages published as Maven artifacts, resolved as any dependency is: from the reactor, the local
 * repository and the project's repositories (a team's repository manager), offline with -o.
 */
final class MavenArtifactPackages implements ArtifactResolver {
    private final RepositorySystem repositorySystem;
    private final MavenSession session;
    private final List<RemoteRepository> repositories;

    MavenArtifactPackages(RepositorySystem repositorySystem, MavenSession session, List<RemoteRepository> repositories) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public Path resolve(MavenCoordinates coordinates) throws WarehouseException {
        DefaultArtifact artifact = new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(),
                coordinates.classifier(), MavenCoordinates.TYPE, coordinates.version());
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, repositories, null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new WarehouseException("Cannot resolve the package " + coordinates + " (" + artifact + "): "
                    + e.getMessage(), "Publish it with mvn install (or to the team's repository) from its warehouse "
                            + "module, whose warehouse:package goal attaches it; offline (-o), it must be in the local "
                            + "repository already.", e);
        }
    }
}
