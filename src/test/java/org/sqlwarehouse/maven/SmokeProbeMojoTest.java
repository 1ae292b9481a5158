package org.sqlwarehouse.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.junit.jupiter.api.Test;

@MojoTest
class SmokeProbeMojoTest {
    @Test
    @InjectMojo(goal = "compile", pom = "src/test/resources/mojo/params/pom.xml")
    void probe(CompileMojo mojo) throws Exception {
        System.out.println("VARS " + MojoExtension.getVariablesAndValuesFromObject(AbstractWarehouseMojo.class, mojo));
        System.out.println("PROJECT " + mojo.project.getBasedir() + " " + mojo.project.getArtifactId() + " " + mojo.project.getBuild().getDirectory() + " " + mojo.project.getInjectedProfileIds());
        System.out.println("SESSION " + mojo.session + " " + mojo.session.getRequest() + " " + mojo.session.getRequest().getActiveProfiles());
    }
}
