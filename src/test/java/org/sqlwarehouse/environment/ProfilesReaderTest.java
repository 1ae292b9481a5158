package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;

class ProfilesReaderTest {
    private static final String SECRET = "p@ss: w#rd 'q' \"dq\" & *x !y %z";

    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("profiles.yml"), yaml);
    }

    private ProfileTargets read(String yaml, String profile, Map<String, String> env) throws Exception {
        return ProfilesReader.read(write(yaml), profile, env);
    }

    /** An error in the structure, which read() itself reports. */
    private WarehouseException failure(String yaml, String profile, Map<String, String> env) throws IOException {
        Path file = write(yaml);
        WarehouseException e = catchThrowableOfType(WarehouseException.class,
                () -> ProfilesReader.read(file, profile, env));
        return checked(e, file);
    }

    /** An error in an output, which read() leaves to the rendering of that output: targets() reports it. */
    private WarehouseException renderFailure(String yaml, String profile, Map<String, String> env) throws Exception {
        Path file = write(yaml);
        ProfileTargets targets = ProfilesReader.read(file, profile, env);
        return checked(catchThrowableOfType(WarehouseException.class, targets::targets), file);
    }

    private static WarehouseException checked(WarehouseException e, Path file) {
        assertThat(e).as("expected a WarehouseException").isNotNull();
        assertThat(e.getMessage()).contains(file.toString());
        assertThat(e.getHint()).as("every error has a hint").isNotBlank();
        return e;
    }

    /** Everything a user or a log could see of an exception. */
    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        if (e instanceof WarehouseException w) {
            text += "\n" + w.describe();
        }
        return text;
    }

    // ---------------------------------------------------------------- mapping

    @Test
    void dbtPostgresProfileAsUsersWriteIt() throws Exception {
        String yaml = """
                jaffle_shop:
                  target: dev
                  outputs:
                    dev:
                      type: postgres
                      host: localhost
                      user: alice
                      pass: "%s"
                      port: 5432
                      dbname: analytics
                      schema: dbt_alice
                      threads: 4
                      keepalives_idle: 0 # default 0, indicating the system default
                      connect_timeout: 10
                      sslmode: prefer
                      search_path: public, extra
                      application_name: jaffle
                      retries: 1
                      role: transformer
                """.formatted(SECRET.replace("\"", "\\\""));
        Path file = write(yaml);
        ProfileTargets profile = ProfilesReader.read(file, "jaffle_shop", Map.of());

        assertThat(profile.file()).isEqualTo(file);
        assertThat(profile.profile()).isEqualTo("jaffle_shop");
        assertThat(profile.defaultTarget()).isEqualTo("dev");
        assertThat(profile.targets()).hasSize(1);
        TargetDefinition dev = profile.targets().get(0);
        assertThat(dev.name()).isEqualTo("dev");
        assertThat(dev.type()).isEqualTo("postgres");
        assertThat(dev.host()).isEqualTo("localhost");
        assertThat(dev.user()).isEqualTo("alice");
        assertThat(dev.password()).isEqualTo(SECRET);
        assertThat(dev.port()).isEqualTo(5432);
        assertThat(dev.database()).isEqualTo("analytics");
        assertThat(dev.schema()).isEqualTo("dbt_alice");
        assertThat(dev.threads()).isEqualTo(4);
        assertThat(dev.path()).isNull();
        assertThat(dev.url()).isNull();
        assertThat(dev.serverId()).isNull();
        assertThat(dev.protectedFlag()).isNull();
        assertThat(dev.origin()).isEqualTo(file.toString());
        // in any order: they go into java.util.Properties; dbt-postgres's own fields are translated by
        // its dialect, after the others
        assertThat(dev.properties()).containsOnly(
                entry("tcpKeepAlive", "true"),
                entry("connectTimeout", "10"),
                entry("sslmode", "prefer"),
                entry("ApplicationName", "jaffle"),
                entry("retries", "1"),
                entry("role", "transformer"),
                entry("options", "-c search_path=public,\\ extra"));
        assertThat(dev.toString()).doesNotContain(SECRET).contains("****");
        assertThat(profile.toString()).doesNotContain(SECRET);
    }

    @Test
    void aliasesAndWarehouseFields() throws Exception {
        String yaml = """
                p:
                  outputs:
                    prod:
                      type: postgres
                      url: jdbc:postgresql://db:5432/wh
                      username: bob
                      password: pw
                      database: wh
                      server_id: warehouse-prod
                      protected: false
                    ci:
                      type: postgres
                      serverId: ci-db
                      protected: "yes"
                """;
        ProfileTargets profile = read(yaml, "p", Map.of());
        assertThat(profile.defaultTarget()).isNull();
        assertThat(profile.names()).containsExactly("prod", "ci");
        TargetDefinition prod = profile.target("prod").orElseThrow();
        assertThat(prod.url()).isEqualTo("jdbc:postgresql://db:5432/wh");
        assertThat(prod.user()).isEqualTo("bob");
        assertThat(prod.password()).isEqualTo("pw");
        assertThat(prod.database()).isEqualTo("wh");
        assertThat(prod.serverId()).isEqualTo("warehouse-prod");
        assertThat(prod.protectedFlag()).isFalse();
        assertThat(prod.isProtected()).isFalse();
        assertThat(prod.properties()).isEmpty();
        TargetDefinition ci = profile.target("ci").orElseThrow();
        assertThat(ci.serverId()).isEqualTo("ci-db");
        assertThat(ci.protectedFlag()).isTrue();
        assertThat(profile.target("nope")).isEmpty();
    }

    @Test
    void dbtDuckDbProfileWithPath() throws Exception {
        String yaml = """
                jaffle:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                      path: target/jaffle.duckdb
                      threads: 1
                      extensions:
                        - httpfs
                        - parquet
                      settings:
                        s3_region: "{{ env_var('AWS_REGION', 'eu-west-1') }}"
                        memory_limit: 2
                    mem:
                      type: duckdb
                      path: ':memory:'
                """;
        ProfileTargets profile = read(yaml, "jaffle", Map.of());
        assertThat(profile.names()).containsExactly("dev", "mem");
        TargetDefinition dev = profile.targets().get(0);
        assertThat(dev.type()).isEqualTo("duckdb");
        assertThat(dev.path()).isEqualTo("target/jaffle.duckdb");
        assertThat(dev.threads()).isEqualTo(1);
        assertThat(dev.schema()).isNull();
        assertThat(dev.host()).isNull();
        assertThat(dev.properties()).containsExactly(
                entry("extensions", "[\"httpfs\",\"parquet\"]"),
                entry("settings", "{\"s3_region\":\"eu-west-1\",\"memory_limit\":2}"));
        TargetDefinition mem = profile.targets().get(1);
        assertThat(mem.path()).isEqualTo(":memory:");
        assertThat(mem.properties()).isEmpty();
    }

    @Test
    void postgresExtrasAreOnlyTranslatedForPostgres() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: duckdb
                      path: dev.duckdb
                      search_path: main
                      connect_timeout: 5
                """;
        TargetDefinition dev = read(yaml, "p", Map.of()).targets().get(0);
        assertThat(dev.properties()).containsExactly(entry("search_path", "main"), entry("connect_timeout", "5"));
    }

    @Test
    void searchPathJoinsExplicitOptions() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      search_path: "a b"
                      options: -c statement_timeout=5000
                """;
        TargetDefinition dev = read(yaml, "p", Map.of()).targets().get(0);
        assertThat(dev.properties())
                .containsExactly(entry("options", "-c statement_timeout=5000 -c search_path=a\\ b"));
    }

    @Test
    void topLevelConfigIsIgnoredAndOtherProfilesAreNotRead() throws Exception {
        String yaml = """
                config:
                  send_anonymous_usage_stats: false
                other:
                  outputs:
                    x:
                      host: "{{ env_var('NOT_SET_ANYWHERE') }}"
                mine:
                  target: b
                  outputs:
                    a:
                      type: duckdb
                    b:
                      type: duckdb
                """;
        ProfileTargets profile = read(yaml, "mine", Map.of());
        assertThat(profile.names()).containsExactly("a", "b");
        assertThat(profile.defaultTarget()).isEqualTo("b");
    }

    @Test
    void anchorsAliasesAndMergeKeysWorkAsInPyYaml() throws Exception {
        String yaml = """
                p:
                  target: dev
                  outputs:
                    dev: &base
                      type: postgres
                      host: db.local
                      port: 5432
                      schema: dbt_dev
                    prod:
                      <<: *base
                      schema: analytics
                      host: &prodhost db.prod
                    replica:
                      <<: *base
                      host: *prodhost
                """;
        ProfileTargets profile = read(yaml, "p", Map.of());
        assertThat(profile.names()).containsExactly("dev", "prod", "replica");
        TargetDefinition prod = profile.target("prod").orElseThrow();
        assertThat(prod.type()).isEqualTo("postgres");
        assertThat(prod.host()).isEqualTo("db.prod");
        assertThat(prod.port()).isEqualTo(5432);
        assertThat(prod.schema()).isEqualTo("analytics");
        TargetDefinition replica = profile.target("replica").orElseThrow();
        assertThat(replica.host()).isEqualTo("db.prod");
        assertThat(replica.schema()).isEqualTo("dbt_dev");
    }

    @Test
    void emptyValuesAreUnsetAndNumbersAsStringsStayAsWritten() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      schema:
                      password: 0123
                      user: ~
                      extra:
                      host: "{{ env_var('PG_HOST', '') }}"
                      sslmode: "{{ env_var('PG_SSLMODE', none) }}"
                    empty:
                      type: postgres
                      password: ""
                """;
        ProfileTargets profile = read(yaml, "p", Map.of());
        TargetDefinition dev = profile.targets().get(0);
        assertThat(dev.schema()).isNull();
        assertThat(dev.user()).isNull();
        assertThat(dev.password()).isEqualTo("0123");
        assertThat(dev.host()).as("a template rendering to nothing leaves the field unset").isNull();
        assertThat(dev.properties()).isEmpty();
        assertThat(profile.targets().get(1).password()).as("an empty password as written").isEmpty();
    }

    // ---------------------------------------------------------------- env_var

    @Test
    void envVarWithAndWithoutDefault() throws Exception {
        String yaml = """
                p:
                  target: "{{ env_var('DBT_TARGET', 'dev') }}"
                  outputs:
                    dev:
                      type: postgres
                      host: "{{ env_var('PG_HOST') }}"
                      user: '{{ env_var("PG_USER", "fallback") }}'
                      schema: "{{ env_var('PG_SCHEMA', 'dbt_' ~ 'me') }}"
                      dbname: "db_{{ env_var('PG_DB', 'x') }}"
                    ci:
                      type: duckdb
                """;
        ProfileTargets unset = read(yaml, "p", Map.of("PG_HOST", "pg.example"));
        assertThat(unset.defaultTarget()).isEqualTo("dev");
        TargetDefinition dev = unset.targets().get(0);
        assertThat(dev.host()).isEqualTo("pg.example");
        assertThat(dev.user()).isEqualTo("fallback");
        assertThat(dev.schema()).isEqualTo("dbt_me");
        assertThat(dev.database()).isEqualTo("db_x");

        ProfileTargets set = read(yaml, "p", Map.of("PG_HOST", "h", "PG_USER", "carol", "PG_SCHEMA", "s",
                "PG_DB", "y", "DBT_TARGET", "ci"));
        assertThat(set.defaultTarget()).isEqualTo("ci");
        assertThat(set.targets().get(0).user()).isEqualTo("carol");
        assertThat(set.targets().get(0).schema()).isEqualTo("s");
        assertThat(set.targets().get(0).database()).isEqualTo("db_y");
    }

    @Test
    void numberAndBoolFilters() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      port: "{{ env_var('PG_PORT') | int }}"
                      threads: "{{ env_var('THREADS', '8') | as_number }}"
                      protected: "{{ env_var('PROTECTED', 'True') | as_bool }}"
                      schema: "{{ env_var('SCHEMA', 123) | as_text }}"
                      connect_timeout: "{{ env_var('TIMEOUT', 7) | as_native }}"
                """;
        TargetDefinition dev = read(yaml, "p", Map.of("PG_PORT", "6543")).targets().get(0);
        assertThat(dev.port()).isEqualTo(6543);
        assertThat(dev.threads()).isEqualTo(8);
        assertThat(dev.protectedFlag()).isTrue();
        assertThat(dev.schema()).isEqualTo("123");
        assertThat(dev.properties()).containsExactly(entry("connectTimeout", "7"));
    }

    @Test
    void secretsFromTheEnvironmentStayIntact() throws Exception {
        String value = "a: b # c {{ d }} {% e %} 'f\" \\g";
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      password: "{{ env_var('DB_PASS') }}"
                """;
        TargetDefinition dev = read(yaml, "p", Map.of("DB_PASS", value)).targets().get(0);
        assertThat(dev.password()).isEqualTo(value);
    }

    @Test
    void missingEnvVarNamesTheVariableTheFileAndTheLine() throws Exception {
        String yaml = """
                p:
                  target: dev
                  outputs:
                    dev:
                      type: postgres
                      host: localhost
                      password: "{{ env_var('DBT_PASSWORD') }}"
                """;
        WarehouseException e = renderFailure(yaml, "p", Map.of("OTHER", "x"));
        assertThat(e.getMessage())
                .contains("profiles.yml line 7:")
                .contains("'DBT_PASSWORD'")
                .contains("'password' of output 'dev' of profile 'p'");
        assertThat(e.getHint()).contains("DBT_PASSWORD").contains("env_var('DBT_PASSWORD', 'default')");
    }

    @Test
    void unknownFunctionsFiltersAndNamesFail() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      host: "{{ var('h') }}"
                """;
        assertThat(renderFailure(yaml, "p", Map.of()).getMessage()).contains("line 5:").contains("unknown function 'var'");
        String filter = yaml.replace("var('h')", "env_var('H', 'x') | shout");
        assertThat(renderFailure(filter, "p", Map.of()).getMessage()).contains("line 5:").contains("unknown filter 'shout'");
        String name = yaml.replace("var('h')", "target.name");
        assertThat(renderFailure(name, "p", Map.of()).getMessage()).contains("line 5:").contains("'target' is undefined");
        String notNumber = yaml.replace("var('h')", "env_var('H', 'abc') | as_number");
        assertThat(renderFailure(notNumber, "p", Map.of()).getMessage()).contains("line 5:")
                .contains("'abc' is not a number");
    }

    // ---------------------------------------------------------------- errors with lines

    @Test
    void malformedYamlGivesTheLine() throws IOException {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      host: localhost: 5432
                """;
        WarehouseException e = failure(yaml, "p", Map.of());
        assertThat(e.getMessage()).contains("line 5:").contains("malformed YAML")
                .contains("mapping values are not allowed here");

        String tabs = "p:\n  outputs:\n\tdev:\n";
        assertThat(failure(tabs, "p", Map.of()).getMessage()).contains("line 3:").contains("TAB");
    }

    @Test
    void malformedYamlNeverQuotesTheLine() throws IOException {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      password: "hunter2-topsecret
                      user: x
                """;
        WarehouseException e = failure(yaml, "p", Map.of());
        assertThat(e.getMessage()).contains("malformed YAML").contains("starts on line 5");
        assertThat(everything(e)).doesNotContain("hunter2-topsecret").doesNotContain("hunter2");
    }

    @Test
    void unknownProfileListsTheProfilesThatExist() throws IOException {
        String yaml = """
                config:
                  use_colors: false
                jaffle:
                  outputs:
                    dev: {type: duckdb}
                shop:
                  outputs:
                    dev: {type: duckdb}
                """;
        WarehouseException e = failure(yaml, "jafle", Map.of());
        assertThat(e.getMessage()).contains("no profile 'jafle'").contains("Profiles in the file: jaffle, shop.")
                .doesNotContain("config");
        assertThat(failure(yaml, "config", Map.of()).getHint()).contains("reserved");
        assertThat(failure("", "p", Map.of()).getMessage()).contains("Profiles in the file: none");
    }

    @Test
    void profileWithoutOutputs() throws IOException {
        String yaml = """
                a:
                  outputs:
                    dev: {type: duckdb}
                p:
                  target: dev
                """;
        assertThat(failure(yaml, "p", Map.of()).getMessage()).contains("line 4:").contains("profile 'p' has no outputs");
        String empty = """
                p:
                  target: dev
                  outputs:
                """;
        assertThat(failure(empty, "p", Map.of()).getMessage()).contains("line 3:").contains("has no outputs");
        String notAMapping = """
                p: dev
                """;
        assertThat(failure(notAMapping, "p", Map.of()).getMessage()).contains("line 1:")
                .contains("profile 'p' is not a mapping");
    }

    @Test
    void outputThatIsNotAMapping() throws IOException {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: duckdb
                    prod: postgres
                """;
        assertThat(failure(yaml, "p", Map.of()).getMessage()).contains("line 5:")
                .contains("output 'prod' of profile 'p' is not a mapping");
    }

    @Test
    void outputWithoutType() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: duckdb
                    prod:
                      host: db
                      password: "%s"
                """.formatted(SECRET.replace("\"", "\\\""));
        WarehouseException e = renderFailure(yaml, "p", Map.of());
        assertThat(e.getMessage()).contains("line 5:").contains("output 'prod' of profile 'p' has no 'type'");
        assertThat(e.getHint()).contains("type: postgres");
        assertThat(everything(e)).doesNotContain(SECRET);

        String blank = yaml.replace("host: db", "type: \"{{ env_var('T', '') }}\"");
        assertThat(renderFailure(blank, "p", Map.of()).getMessage()).contains("line 6:").contains("empty 'type'");
    }

    @Test
    void defaultTargetNamingNoOutput() throws IOException {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: duckdb
                    ci:
                      type: duckdb
                  target: prod
                """;
        WarehouseException e = failure(yaml, "p", Map.of());
        assertThat(e.getMessage()).contains("line 7:").contains("target 'prod'").contains("Outputs: dev, ci.");
        assertThat(e.getHint()).contains("'prod'");
    }

    @Test
    void portAndThreadsMustBeNumbers() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      password: "%s"
                      port: fivefourthreetwo
                      threads: 4
                """.formatted(SECRET.replace("\"", "\\\""));
        WarehouseException port = renderFailure(yaml, "p", Map.of());
        assertThat(port.getMessage()).contains("line 6:")
                .contains("'port' of output 'dev' of profile 'p' must be a whole number, got 'fivefourthreetwo'");
        assertThat(everything(port)).doesNotContain(SECRET);

        String threads = yaml.replace("fivefourthreetwo", "5432").replace("threads: 4", "threads: four");
        assertThat(renderFailure(threads, "p", Map.of()).getMessage()).contains("line 7:")
                .contains("'threads' of output 'dev' of profile 'p' must be a whole number, got 'four'");

        String fromEnv = yaml.replace("fivefourthreetwo", "\"{{ env_var('PORT') }}\"");
        assertThat(renderFailure(fromEnv, "p", Map.of("PORT", "54x")).getMessage()).contains("line 6:")
                .contains("got '54x'");

        String decimal = yaml.replace("fivefourthreetwo", "5432.5");
        assertThat(renderFailure(decimal, "p", Map.of()).getMessage()).contains("line 6:").contains("whole number");

        String outOfRange = yaml.replace("fivefourthreetwo", "70000");
        assertThat(renderFailure(outOfRange, "p", Map.of()).getMessage()).contains("line 6:")
                .contains("between 1 and 65535");

        String zeroThreads = yaml.replace("fivefourthreetwo", "5432").replace("threads: 4", "threads: 0");
        assertThat(renderFailure(zeroThreads, "p", Map.of()).getMessage()).contains("line 7:").contains("at least 1");
    }

    @Test
    void otherFieldErrorsHaveLines() throws Exception {
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      protected: maybe
                """;
        assertThat(renderFailure(yaml, "p", Map.of()).getMessage()).contains("line 5:").contains("must be true or false");

        String twoNames = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      pass: a
                      password: b
                """;
        WarehouseException e = renderFailure(twoNames, "p", Map.of());
        assertThat(e.getMessage()).contains("line 6:").contains("'pass' (line 5) and 'password'");

        String list = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      host: [a, b]
                """;
        assertThat(renderFailure(list, "p", Map.of()).getMessage()).contains("line 5:").contains("single value");

        String topList = "- p\n- q\n";
        assertThat(failure(topList, "p", Map.of()).getMessage()).contains("line 1:").contains("top level");
    }

    @Test
    void linesAreRightFurtherDownALargerFile() throws Exception {
        String yaml = """
                # profiles for the team

                first:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                      path: a.duckdb

                second:
                  target: prod
                  outputs:
                    dev:
                      type: postgres
                      port: 5432
                    prod:
                      type: postgres
                      host: db
                      # the production port
                      port: "{{ env_var('PROD_PORT', 'x') }}"
                """;
        assertThat(renderFailure(yaml, "second", Map.of()).getMessage()).contains("line 20:")
                .contains("'port' of output 'prod' of profile 'second'");
    }

    @Test
    void noPasswordInAnyMessage() throws Exception {
        // a password with broken Jinja: a parser's message would quote it
        String yaml = """
                p:
                  outputs:
                    dev:
                      type: postgres
                      password: "hunter2{{ oops"
                """;
        WarehouseException broken = renderFailure(yaml, "p", Map.of());
        assertThat(broken.getMessage()).contains("line 5:").contains("'password'").contains("never closed");
        assertThat(everything(broken)).doesNotContain("hunter2");

        String syntax = yaml.replace("hunter2{{ oops", "{{ 'hunter2' + + }}");
        WarehouseException bad = renderFailure(syntax, "p", Map.of());
        assertThat(bad.getMessage()).contains("line 5:").contains("cannot render 'password'");
        assertThat(everything(bad)).doesNotContain("hunter2");

        String asNumber = yaml.replace("hunter2{{ oops", "{{ env_var('PW') | as_number }}");
        WarehouseException filter = renderFailure(asNumber, "p", Map.of("PW", "hunter2"));
        assertThat(everything(filter)).doesNotContain("hunter2");

        String token = yaml.replace("password", "token");
        assertThat(everything(renderFailure(token, "p", Map.of()))).doesNotContain("hunter2");
    }

    // ---------------------------------------------------------------- lazy rendering

    private static final String DEV_AND_PROD = """
            p:
              target: "{{ env_var('DBT_TARGET', 'dev') }}"
              outputs:
                dev:
                  type: duckdb
                  path: dev.duckdb
                prod:
                  type: postgres
                  host: db.prod
                  user: deployer
                  password: "{{ env_var('PROD_PASSWORD') }}"
            """;

    @Test
    void unsetEnvVarInAnOutputNotSelectedDoesNotFail() throws Exception {
        Path file = write(DEV_AND_PROD);
        ProfileTargets profile = ProfilesReader.read(file, "p", Map.of());
        assertThat(profile.defaultTarget()).isEqualTo("dev");
        assertThat(profile.names()).containsExactly("dev", "prod");
        TargetDefinition dev = profile.target("dev").orElseThrow();
        assertThat(dev.type()).isEqualTo("duckdb");
        assertThat(dev.path()).isEqualTo("dev.duckdb");
        assertThat(dev.origin()).isEqualTo(file.toString());
        assertThat(profile.target("nope")).isEmpty();
        assertThat(profile.toString()).contains("dev", "prod").doesNotContain("PROD_PASSWORD");
    }

    @Test
    void unsetEnvVarFailsTheOutputThatNeedsIt() throws Exception {
        Path file = write(DEV_AND_PROD);
        ProfileTargets profile = ProfilesReader.read(file, "p", Map.of());

        WarehouseException prod = catchThrowableOfType(WarehouseException.class, () -> profile.target("prod"));
        checked(prod, file);
        assertThat(prod.getMessage())
                .contains("profiles.yml line 11:")
                .contains("'PROD_PASSWORD'")
                .contains("'password' of output 'prod' of profile 'p'");
        assertThat(prod.getHint()).contains("PROD_PASSWORD").contains("env_var('PROD_PASSWORD', 'default')");
        // an error is not kept: asking again fails again
        assertThat(catchThrowableOfType(WarehouseException.class, () -> profile.target("prod")))
                .hasMessage(prod.getMessage());
        // and the output that was fine still is
        assertThat(profile.target("dev")).isPresent();

        WarehouseException all = catchThrowableOfType(WarehouseException.class, profile::targets);
        checked(all, file);
        assertThat(all.getMessage()).contains("line 11:").contains("'PROD_PASSWORD'");
    }

    @Test
    void theSelectedOutputFailsOnlyWhenAskedFor() throws Exception {
        Path file = write(DEV_AND_PROD);
        ProfileTargets profile = ProfilesReader.read(file, "p", Map.of("DBT_TARGET", "prod"));
        assertThat(profile.defaultTarget()).as("target: is rendered by read()").isEqualTo("prod");
        assertThat(catchThrowableOfType(WarehouseException.class, () -> profile.target("prod")).getMessage())
                .contains("line 11:").contains("'PROD_PASSWORD'");

        ProfileTargets set = ProfilesReader.read(file, "p", Map.of("DBT_TARGET", "prod", "PROD_PASSWORD", "s3cret"));
        TargetDefinition prod = set.target("prod").orElseThrow();
        assertThat(prod.password()).isEqualTo("s3cret");
        assertThat(set.target("prod").orElseThrow()).as("rendered once, then kept").isSameAs(prod);
        assertThat(set.targets()).extracting(TargetDefinition::name).containsExactly("dev", "prod");
        assertThat(set.targets().get(1)).isSameAs(prod);
    }

    @Test
    void invalidFieldsOfAnOutputNotSelectedDoNotFail() throws Exception {
        String yaml = """
                p:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                    broken:
                      host: db
                      port: fivefourthreetwo
                      protected: maybe
                      schema: "{{ var('s') }}"
                """;
        Path file = write(yaml);
        ProfileTargets profile = ProfilesReader.read(file, "p", Map.of());
        assertThat(profile.names()).containsExactly("dev", "broken");
        assertThat(profile.target("dev").orElseThrow().type()).isEqualTo("duckdb");
        WarehouseException broken = catchThrowableOfType(WarehouseException.class, () -> profile.target("broken"));
        checked(broken, file);
        assertThat(broken.getMessage()).contains("line 6:").contains("output 'broken' of profile 'p' has no 'type'");
    }

    @Test
    void theDefaultTargetIsRenderedAndCheckedByRead() throws Exception {
        String unset = DEV_AND_PROD.replace("'DBT_TARGET', 'dev'", "'DBT_TARGET'");
        WarehouseException e = failure(unset, "p", Map.of());
        assertThat(e.getMessage()).contains("line 2:").contains("'DBT_TARGET'").contains("'target' of profile 'p'");

        String missing = DEV_AND_PROD.replace("'DBT_TARGET', 'dev'", "'DBT_TARGET', 'qa'");
        assertThat(failure(missing, "p", Map.of()).getMessage()).contains("line 2:").contains("target 'qa'")
                .contains("Outputs: dev, prod.");
        assertThat(failure(DEV_AND_PROD, "p", Map.of("DBT_TARGET", "staging")).getMessage())
                .contains("target 'staging'");
    }

    @Test
    void anOutputThatIsNotAMappingFailsReadEvenWhenNotSelected() throws IOException {
        String yaml = DEV_AND_PROD + "    ci: duckdb\n";
        assertThat(failure(yaml, "p", Map.of()).getMessage()).contains("line 12:")
                .contains("output 'ci' of profile 'p' is not a mapping");
    }

    @Test
    void targetsBuiltInCode() throws Exception {
        Path file = tmp.resolve("profiles.yml");
        TargetDefinition dev = TargetDefinition.builder("dev").type("duckdb").origin(file.toString()).build();
        TargetDefinition ci = TargetDefinition.builder("ci").type("duckdb").origin(file.toString()).build();
        ProfileTargets profile = new ProfileTargets(file, "p", "ci", List.of(dev, ci));
        assertThat(profile.file()).isEqualTo(file);
        assertThat(profile.profile()).isEqualTo("p");
        assertThat(profile.defaultTarget()).isEqualTo("ci");
        assertThat(profile.names()).containsExactly("dev", "ci");
        assertThat(profile.target("ci")).containsSame(ci);
        assertThat(profile.target("x")).isEmpty();
        assertThat(profile.targets()).containsExactly(dev, ci);
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void anAliasBombFailsFastNamingTheFile() throws Exception {
        StringBuilder yaml = new StringBuilder("p:\n  outputs:\n    dev:\n      type: duckdb\n");
        yaml.append("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            yaml.append("]\n");
        }

        WarehouseException e = failure(yaml.toString(), "p", Map.of());

        assertThat(e.getMessage()).contains("alias bomb");
    }

    @Test
    void aRepeatedKeyIsReportedWithFileAndLine() throws Exception {
        Path file = write("p:\n  outputs:\n    dev: {type: duckdb}\n  outputs:\n    ci: {type: duckdb}\n");
        List<String> warnings = new java.util.ArrayList<>();

        ProfileTargets targets = ProfilesReader.read(file, "p", Map.of(), warnings);

        assertThat(targets.names()).containsExactly("ci");
        assertThat(warnings).singleElement().asString().contains(file + " line 4").contains("'outputs'");
    }
}
