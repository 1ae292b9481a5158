package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlwarehouse.environment.TargetProtection.Basis;
import org.sqlwarehouse.environment.TargetProtection.Decision;

/**
 * The protection rule as a table: a target's name, its schema (empty: none) and its explicit flag
 * (empty: not given) give whether it is protected, which part of the rule decided and the reason
 * that warehouse:debug prints.
 */
class TargetProtectionTest {

    @ParameterizedTest(name = "{0} schema={1} protected={2} -> {3} ({4})")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # name          | schema    | flag  | protected | basis            | reason
            prod            | analytics |       | true      | PRODUCTION_NAME  | name 'prod' contains 'prod'
            production      | analytics |       | true      | PRODUCTION_NAME  | name 'production' contains 'production'
            PROD            | analytics |       | true      | PRODUCTION_NAME  | name 'PROD' contains 'prod'
            prd             | analytics |       | true      | PRODUCTION_NAME  | name 'prd' contains 'prd'
            prod-eu         | analytics |       | true      | PRODUCTION_NAME  | name 'prod-eu' contains 'prod'
            production_eu   | analytics |       | true      | PRODUCTION_NAME  | name 'production_eu' contains 'production'
            eu.prd          | analytics |       | true      | PRODUCTION_NAME  | name 'eu.prd' contains 'prd'
            prod2           | analytics |       | true      | PRODUCTION_NAME  | name 'prod2' contains 'prod'
            euProd          | analytics |       | true      | PRODUCTION_NAME  | name 'euProd' contains 'prod'
            live            | analytics |       | true      | PRODUCTION_NAME  | name 'live' contains 'live'
            prod            |           |       | true      | PRODUCTION_NAME  | name 'prod' contains 'prod'
            dev-prod-copy   | analytics |       | true      | PRODUCTION_NAME  | name 'dev-prod-copy' contains 'prod'
            staging         | staging   |       | true      | SHARED_SCHEMA    | declared schema 'staging' is shared; say protected: false to build it in place
            ci              | ci        |       | true      | SHARED_SCHEMA    | declared schema 'ci' is shared; say protected: false to build it in place
            analytics       | analytics |       | true      | SHARED_SCHEMA    | declared schema 'analytics' is shared; say protected: false to build it in place
            products        | products  |       | true      | SHARED_SCHEMA    | declared schema 'products' is shared; say protected: false to build it in place
            preprod         | preprod   |       | true      | SHARED_SCHEMA    | declared schema 'preprod' is shared; say protected: false to build it in place
            dev             |           |       | false     | DEV_SCHEMA       | no schema: each user builds into their own dev schema
            ci              |           |       | false     | DEV_SCHEMA       | no schema: each user builds into their own dev schema
            staging         |           |       | false     | DEV_SCHEMA       | no schema: each user builds into their own dev schema
            preprod         |           |       | false     | DEV_SCHEMA       | no schema: each user builds into their own dev schema
            dev             | dbt_alice |       | false     | DEVELOPMENT_NAME | name 'dev' contains 'dev', a development target
            alice_dev       | dbt_alice |       | false     | DEVELOPMENT_NAME | name 'alice_dev' contains 'dev', a development target
            local           | main      |       | false     | DEVELOPMENT_NAME | name 'local' contains 'local', a development target
            Development     | scratch   |       | false     | DEVELOPMENT_NAME | name 'Development' contains 'development', a development target
            sandbox         | sandbox   |       | false     | DEVELOPMENT_NAME | name 'sandbox' contains 'sandbox', a development target
            prod            | analytics | false | false     | EXPLICIT         | explicit protected: false in pom.xml
            prod-eu         | analytics | false | false     | EXPLICIT         | explicit protected: false in pom.xml
            staging         | staging   | false | false     | EXPLICIT         | explicit protected: false in pom.xml
            dev             |           | true  | true      | EXPLICIT         | explicit protected: true in pom.xml
            dev             | dbt_alice | true  | true      | EXPLICIT         | explicit protected: true in pom.xml
            """)
    void decidesAndSaysWhy(String name, String schema, Boolean flag, boolean expected, Basis basis, String reason)
            throws Exception {
        TargetDefinition target = TargetDefinition.builder(name).type("postgres").schema(schema).protectedFlag(flag)
                .origin("pom.xml").build();

        Decision decision = TargetProtection.decide(target);

        assertThat(decision.isProtected()).isEqualTo(expected);
        assertThat(decision.basis()).isEqualTo(basis);
        assertThat(decision.reason()).isEqualTo(reason);
        assertThat(target.isProtected()).isEqualTo(expected);
        // the selected target, resolved, keeps the decision of its definition
        assertThat(ResolvedTarget.resolve(target, "dbt_", "alice", null).protection()).isEqualTo(decision);
    }

    @Test
    void aBlankSchemaIsNoSchema() {
        TargetDefinition blank = TargetDefinition.builder("staging").schema("  ").build();
        assertThat(TargetProtection.decide(blank).basis()).isEqualTo(Basis.DEV_SCHEMA);
    }

    @Test
    void theOriginOfAnExplicitFlagLeavesOutWhereCredentialsCameFrom() {
        TargetDefinition resolved = TargetDefinition.builder("qa").schema("qa").protectedFlag(false)
                .origin("pom.xml, credentials from settings.xml server 'warehouse-qa'").build();
        assertThat(TargetProtection.decide(resolved).reason()).isEqualTo("explicit protected: false in pom.xml");
        TargetDefinition fromProfiles = TargetDefinition.builder("qa").schema("qa").protectedFlag(true)
                .origin("/home/alice/.dbt/profiles.yml").build();
        assertThat(TargetProtection.decide(fromProfiles).describe())
                .isEqualTo("yes (explicit protected: true in /home/alice/.dbt/profiles.yml)");
    }

    @Test
    void namesSplitIntoWholeWords() {
        assertThat(TargetProtection.words("prod-eu")).containsExactly("prod", "eu");
        assertThat(TargetProtection.words("production_EU.2")).containsExactly("production", "eu", "2");
        assertThat(TargetProtection.words("euProd2")).containsExactly("eu", "prod", "2");
        assertThat(TargetProtection.words("products")).containsExactly("products");
        assertThat(TargetProtection.words("")).isEmpty();
    }
}
