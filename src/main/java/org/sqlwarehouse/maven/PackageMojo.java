package org.sqlwarehouse.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.deps.MavenCoordinates;
import org.sqlwarehouse.deps.PackageArchive;

/**
 * Packs the dbt project as a package archive (a .tar.gz of one folder, as the dbt hub serves them)
 * and attaches it to the module with the classifier {@code dbt}, so that {@code mvn install} or a
 * deploy to the team's repository publishes it and other projects install it with a
 * {@code maven: groupId:artifactId:version} entry in packages.yml.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractMojo {
    /** The dbt project to pack: the folder holding dbt_project.yml. */
    @Parameter(property = "warehouse.projectDirectory", defaultValue = "${project.basedir}")
    protected File projectDirectory;

    /** Where the archive is written. */
    @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}-dbt.tar.gz", readonly = true)
    protected File archive;

    /** Skips the plugin's goals. */
    @Parameter(property = "warehouse.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Component
    protected MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping warehouse:package (warehouse.skip=true)");
            return;
        }
        try {
            int files = PackageArchive.write(projectDirectory.toPath().toAbsolutePath().normalize(),
                    project.getArtifactId(), archive.toPath());
            projectHelper.attachArtifact(project, MavenCoordinates.TYPE, MavenCoordinates.CLASSIFIER, archive);
            if (project.getArtifact().getFile() == null) {
                // the module's own artifact is its POM (the packaging's extension): install and deploy want a file
                project.getArtifact().setFile(project.getFile());
            }
            getLog().info("Packed " + files + " files of the dbt project into " + archive.getName() + " (install it "
                    + "elsewhere with - maven: " + project.getGroupId() + ":" + project.getArtifactId() + ":"
                    + project.getVersion() + " in packages.yml)");
        } catch (WarehouseException e) {
            throw new MojoFailureException(e.describe(), e);
        }
    }
}
