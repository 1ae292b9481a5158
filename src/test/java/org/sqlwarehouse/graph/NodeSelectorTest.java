package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {

    /*
     * The fixture, project "shop":
     *
     *   seeds/raw_customers.csv -> models/staging/stg_customers.sql ----------------\
     *   seeds/raw_orders.csv    -> models/staging/stg_orders.sql -------> marts/customers.sql
     *                           \                               \-----> marts/orders.sql -> marts/finance/revenue.sql
     *                            -> staging_old/legacy_orders.sql       /              \--> reporting/daily_revenue.sql
     *   source raw.payments     -> models/staging/stg_payments.sql ----/                |       -> reporting/weekly_revenue.sql
     *     (models/staging/sources.yml)        (and to customers)                        \--> test not_null_orders_id
     *
     * staging: views tagged staging (stg_orders also nightly); marts: tables in schema marts.
     */
    private static final Dag DAG;
    private static final Map<String, SelectableNode> NODES = new LinkedHashMap<>();

    static {
        add("seed", "raw_customers", "seeds/raw_customers.csv", List.of("shop", "raw_customers"),
                Set.of(), Map.of("materialized", "seed"));
        add("seed", "raw_orders", "seeds/raw_orders.csv", List.of("shop", "raw_orders"),
                Set.of(), Map.of("materialized", "seed"));
        NODES.put("source.shop.raw.payments", new SelectableNode("source.shop.raw.payments", "payments", "source",
                "models/staging/sources.yml", List.of("shop", "staging", "raw", "payments"), Set.of(), Map.of()));
        add("model", "stg_customers", "models/staging/stg_customers.sql", List.of("shop", "staging", "stg_customers"),
                Set.of("staging"), view("staging"));
        add("model", "stg_orders", "models/staging/stg_orders.sql", List.of("shop", "staging", "stg_orders"),
                Set.of("staging", "nightly"), view("staging", "nightly"));
        add("model", "stg_payments", "models/staging/stg_payments.sql", List.of("shop", "staging", "stg_payments"),
                Set.of("staging"), view("staging"));
        add("model", "legacy_orders", "models/staging_old/legacy_orders.sql",
                List.of("shop", "staging_old", "legacy_orders"), Set.of("deprecated"), view("deprecated"));
        add("model", "customers", "models/marts/customers.sql", List.of("shop", "marts", "customers"),
                Set.of("nightly", "finance"), table(Map.of("tags", List.of("nightly", "finance"))));
        add("model", "orders", "models/marts/orders.sql", List.of("shop", "marts", "orders"),
                Set.of("nightly"), table(Map.of("tags", List.of("nightly"), "meta", Map.of("owner", "finance"),
                        "retries", 3, "enabled", true)));
        add("model", "revenue", "models/marts/finance/revenue.sql", List.of("shop", "marts", "finance", "revenue"),
                Set.of("finance"), table(Map.of("tags", List.of("finance"))));
        add("model", "daily_revenue", "models/reporting/daily_revenue.sql",
                List.of("shop", "reporting", "daily_revenue"), Set.of("reporting", "nightly"),
                Map.of("materialized", "incremental", "tags", List.of("reporting", "nightly")));
        add("model", "weekly_revenue", "models/reporting/weekly_revenue.sql",
                List.of("shop", "reporting", "weekly_revenue"), Set.of("reporting"), view("reporting"));
        add("test", "not_null_orders_id", "models/marts/schema.yml", List.of("shop", "marts", "not_null_orders_id"),
                Set.of(), Map.of("severity", "ERROR"));

        Dag.Builder b = Dag.builder();
        NODES.keySet().forEach(b::node);
        edge(b, "raw_customers", "stg_customers");
        edge(b, "raw_orders", "stg_orders");
        edge(b, "raw_orders", "legacy_orders");
        edge(b, "payments", "stg_payments");
        edge(b, "stg_customers", "customers");
        edge(b, "stg_orders", "customers");
        edge(b, "stg_payments", "customers");
        edge(b, "stg_orders", "orders");
        edge(b, "stg_payments", "orders");
        edge(b, "orders", "revenue");
        edge(b, "orders", "daily_revenue");
        edge(b, "daily_revenue", "weekly_revenue");
        edge(b, "orders", "not_null_orders_id");
        try {
            DAG = b.build();
        } catch (CycleException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> view(String... tags) {
        return Map.of("materialized", "view", "schema", "staging", "tags", List.of(tags));
    }

    private static Map<String, Object> table(Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(extra);
        config.put("materialized", "table");
        config.put("schema", "marts");
        return config;
    }

    private static void add(String type, String name, String path, List<String> fqn, Set<String> tags,
            Map<String, Object> config) {
        String id = type + ".shop." + name;
        NODES.put(id, new SelectableNode(id, name, type, path, fqn, tags, config));
    }

    private static String id(String name) {
        return NODES.values().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture node " + name)).uniqueId();
    }

    private static void edge(Dag.Builder b, String from, String to) {
        b.edge(id(from), id(to));
    }

    /** Names of the selected nodes, in the order returned. */
    private static List<String> sel(String select) throws SelectionException {
        return sel(select, null);
    }

    private static List<String> sel(String select, String exclude) throws SelectionException {
        List<String> names = new ArrayList<>();
        for (String id : NodeSelector.select(DAG, NODES, select, exclude)) {
            names.add(NODES.get(id).name());
        }
        return names;
    }

    /** The given fixture names in the dag's topological order: what a selection of them must return. */
    private static List<String> topo(String... names) {
        Set<String> wanted = new HashSet<>(List.of(names));
        assertThat(wanted).hasSize(names.length);
        List<String> result = new ArrayList<>();
        for (String id : DAG.topologicalOrder()) {
            String name = NODES.get(id).name();
            if (wanted.remove(name)) {
                result.add(name);
            }
        }
        assertThat(wanted).as("unknown fixture names").isEmpty();
        return result;
    }

    private static List<String> all() {
        return topo(NODES.values().stream().map(SelectableNode::name).toArray(String[]::new));
    }

    private static SelectionException error(String select, String exclude) {
        return catchThrowableOfType(() -> NodeSelector.select(DAG, NODES, select, exclude), SelectionException.class);
    }

    // ---- whole-project selections ----

    @Test
    void nullOrBlankSelectSelectsEveryNodeInTopologicalOrder() throws Exception {
        assertThat(NodeSelector.select(DAG, NODES, null, null)).isEqualTo(DAG.topologicalOrder());
        assertThat(NodeSelector.select(DAG, NODES, " \t ", "")).isEqualTo(DAG.topologicalOrder());
    }

    @Test
    void resultIsInTopologicalOrderWhateverTheExpressionOrder() throws Exception {
        List<String> ids = NodeSelector.select(DAG, NODES, "weekly_revenue raw_orders orders stg_orders", null);

        assertThat(ids).containsExactly(
                "seed.shop.raw_orders", "model.shop.stg_orders", "model.shop.orders", "model.shop.weekly_revenue");
    }

    @Test
    void selectorMatchingNothingIsAnEmptyResultNotAnError() throws Exception {
        assertThat(sel("no_such_model")).isEmpty();
        assertThat(sel("+no_such_model+")).isEmpty();
        assertThat(sel("tag:nope,orders")).isEmpty();
    }

    // ---- names, fqn and folders ----

    @Test
    void bareNameSelectsThatNode() throws Exception {
        assertThat(sel("stg_orders")).containsExactly("stg_orders");
        assertThat(sel("payments")).containsExactly("payments");
        assertThat(sel("fqn:stg_orders")).containsExactly("stg_orders");
    }

    @Test
    void spacesMakeAUnion() throws Exception {
        assertThat(sel("customers   stg_orders raw_customers")).isEqualTo(topo("raw_customers", "stg_orders", "customers"));
        assertThat(sel("orders orders")).containsExactly("orders");
    }

    @Test
    void folderNameSelectsEveryNodeInThatTopLevelFolder() throws Exception {
        List<String> staging = topo("payments", "stg_customers", "stg_orders", "stg_payments");

        assertThat(sel("staging")).as("not staging_old").isEqualTo(staging);
        assertThat(sel("shop.staging")).isEqualTo(staging);
        assertThat(sel("fqn:shop.staging.*")).isEqualTo(staging);
        assertThat(sel("marts")).isEqualTo(topo("customers", "orders", "revenue", "not_null_orders_id"));
        assertThat(sel("marts.finance")).containsExactly("revenue");
        assertThat(sel("shop.marts.finance.revenue")).containsExactly("revenue");
        assertThat(sel("staging.stg_orders")).containsExactly("stg_orders");
    }

    @Test
    void fqnMatchesWholePartsOnly() throws Exception {
        assertThat(sel("stg")).isEmpty();
        assertThat(sel("shop.stag")).isEmpty();
        assertThat(sel("finance")).as("finance is nested under marts, not a top-level folder").isEmpty();
    }

    @Test
    void projectNameSelectsEverything() throws Exception {
        assertThat(sel("shop")).isEqualTo(all());
        assertThat(sel("package:shop")).isEqualTo(all());
        assertThat(sel("package:other")).isEmpty();
    }

    @Test
    void fqnWildcardPartSpansTheRestOfTheName() throws Exception {
        assertThat(sel("fqn:*.finance.*")).containsExactly("revenue");
        assertThat(sel("fqn:shop.*.revenue")).containsExactly("revenue");
        assertThat(sel("fqn:shop.*")).isEqualTo(all());
        assertThat(sel("shop.report*")).isEqualTo(topo("daily_revenue", "weekly_revenue"));
    }

    @Test
    void wildcardsInNames() throws Exception {
        assertThat(sel("stg_*")).isEqualTo(topo("stg_customers", "stg_orders", "stg_payments"));
        assertThat(sel("stg_?ayments")).containsExactly("stg_payments");
        assertThat(sel("*_revenue")).isEqualTo(topo("daily_revenue", "weekly_revenue"));
        assertThat(sel("stg_[co]*")).isEqualTo(topo("stg_customers", "stg_orders"));
        assertThat(sel("stg_[!co]*")).containsExactly("stg_payments");
        assertThat(sel("stg_[z-a]*")).as("an invalid set is literal").isEmpty();
        assertThat(sel("stg_orders[")).as("an unclosed [ is literal").isEmpty();
        assertThat(sel("stg.orders")).as("a dot is no wildcard").isEmpty();
    }

    // ---- paths and files ----

    @Test
    void pathSelectsAFolderWithOrWithoutTrailingSlash() throws Exception {
        List<String> staging = topo("payments", "stg_customers", "stg_orders", "stg_payments");

        assertThat(sel("path:models/staging")).as("not models/staging_old").isEqualTo(staging);
        assertThat(sel("path:models/staging/")).isEqualTo(staging);
        assertThat(sel("models/staging")).isEqualTo(staging);
        assertThat(sel("models/staging/")).isEqualTo(staging);
        assertThat(sel("./models//staging")).isEqualTo(staging);
        assertThat(sel("models\\staging")).isEqualTo(staging);
        assertThat(sel("path:models/marts")).as("nested folders and yml-defined nodes too")
                .isEqualTo(topo("customers", "orders", "revenue", "not_null_orders_id"));
        assertThat(sel("path:seeds")).isEqualTo(topo("raw_customers", "raw_orders"));
    }

    @Test
    void pathSelectsAFile() throws Exception {
        assertThat(sel("path:models/staging/stg_orders.sql")).containsExactly("stg_orders");
        assertThat(sel("models/staging/stg_orders.sql")).containsExactly("stg_orders");
        assertThat(sel("seeds/raw_orders.csv")).containsExactly("raw_orders");
    }

    @Test
    void pathMatchesWholeSegments() throws Exception {
        assertThat(sel("path:models/stag")).isEmpty();
        assertThat(sel("path:models/staging/stg_orders")).as("the file is stg_orders.sql").isEmpty();
        assertThat(sel("path:staging")).as("relative to the project directory").isEmpty();
    }

    @Test
    void pathWildcards() throws Exception {
        assertThat(sel("path:models/*/stg_o*.sql")).containsExactly("stg_orders");
        assertThat(sel("models/staging*")).isEqualTo(
                topo("payments", "stg_customers", "stg_orders", "stg_payments", "legacy_orders"));
        assertThat(sel("path:models/**/revenue.sql")).containsExactly("revenue");
        assertThat(sel("path:**/*_revenue.sql")).isEqualTo(topo("daily_revenue", "weekly_revenue"));
        assertThat(sel("seeds/*.csv")).isEqualTo(topo("raw_customers", "raw_orders"));
    }

    @Test
    void fileNameWithExtensionSelectsByFileName() throws Exception {
        assertThat(sel("stg_orders.sql")).containsExactly("stg_orders");
        assertThat(sel("raw_orders.csv")).containsExactly("raw_orders");
        assertThat(sel("file:stg_orders.sql")).containsExactly("stg_orders");
        assertThat(sel("file:stg_orders")).containsExactly("stg_orders");
        assertThat(sel("file:*.csv")).isEqualTo(topo("raw_customers", "raw_orders"));
        assertThat(sel("file:sources.yml")).containsExactly("payments");
    }

    // ---- tags, config, resource types, sources ----

    @Test
    void tagMethod() throws Exception {
        assertThat(sel("tag:nightly")).isEqualTo(topo("stg_orders", "customers", "orders", "daily_revenue"));
        assertThat(sel("tag:fin*")).isEqualTo(topo("customers", "revenue"));
        assertThat(sel("tag:Nightly")).as("case-sensitive, as dbt").isEmpty();
    }

    @Test
    void configMethodComparesStringForms() throws Exception {
        assertThat(sel("config.materialized:view"))
                .isEqualTo(topo("stg_customers", "stg_orders", "stg_payments", "legacy_orders", "weekly_revenue"));
        assertThat(sel("config.materialized:incremental")).containsExactly("daily_revenue");
        assertThat(sel("config.schema:marts")).isEqualTo(topo("customers", "orders", "revenue"));
        assertThat(sel("config.retries:3")).containsExactly("orders");
        assertThat(sel("config.enabled:true")).containsExactly("orders");
        assertThat(sel("config.enabled:True")).as("booleans ignore case").containsExactly("orders");
        assertThat(sel("config.severity:error")).as("severity ignores case").containsExactly("not_null_orders_id");
        assertThat(sel("config.materialized:Table")).as("other values do not").isEmpty();
        assertThat(sel("config.no_such_key:x")).isEmpty();
    }

    @Test
    void configMethodListMembershipAndNestedKeys() throws Exception {
        assertThat(sel("config.tags:reporting")).isEqualTo(topo("daily_revenue", "weekly_revenue"));
        assertThat(sel("config.meta.owner:finance")).containsExactly("orders");
        assertThat(sel("config.materialized.x:table")).as("not a map").isEmpty();
    }

    @Test
    void resourceTypeMethod() throws Exception {
        assertThat(sel("resource_type:seed")).isEqualTo(topo("raw_customers", "raw_orders"));
        assertThat(sel("resource_type:source")).containsExactly("payments");
        assertThat(sel("resource_type:test")).containsExactly("not_null_orders_id");
        assertThat(sel("resource_type:model")).hasSize(9);
        assertThat(sel("resource_type:snapshot")).isEmpty();
    }

    @Test
    void sourceMethod() throws Exception {
        assertThat(sel("source:raw")).containsExactly("payments");
        assertThat(sel("source:raw.payments")).containsExactly("payments");
        assertThat(sel("source:shop.raw.pay*")).containsExactly("payments");
        assertThat(sel("source:other")).isEmpty();
        assertThat(sel("source:raw.orders")).isEmpty();
        assertThat(sel("source:raw+")).isEqualTo(topo("payments", "stg_payments", "customers", "orders", "revenue",
                "daily_revenue", "weekly_revenue", "not_null_orders_id"));
    }

    // ---- intersections ----

    @Test
    void commasMakeAnIntersection() throws Exception {
        assertThat(sel("tag:nightly,config.materialized:table")).isEqualTo(topo("customers", "orders"));
        assertThat(sel("tag:nightly,resource_type:model,marts")).isEqualTo(topo("customers", "orders"));
        assertThat(sel("path:models/staging,tag:nightly")).containsExactly("stg_orders");
    }

    @Test
    void intersectionAppliesAfterGraphOperators() throws Exception {
        assertThat(sel("+orders,tag:staging")).isEqualTo(topo("stg_orders", "stg_payments"));
        assertThat(sel("tag:staging,+orders")).isEqualTo(topo("stg_orders", "stg_payments"));
        assertThat(sel("+customers,orders+")).isEmpty();
        assertThat(sel("stg_orders+,+orders")).isEqualTo(topo("stg_orders", "orders"));
    }

    @Test
    void unionOfIntersections() throws Exception {
        assertThat(sel("tag:nightly,config.materialized:table resource_type:seed"))
                .isEqualTo(topo("raw_customers", "raw_orders", "customers", "orders"));
    }

    // ---- graph operators ----

    @Test
    void leadingPlusAddsAllAncestors() throws Exception {
        assertThat(sel("+orders")).isEqualTo(topo("raw_orders", "payments", "stg_orders", "stg_payments", "orders"));
        assertThat(sel("+weekly_revenue")).isEqualTo(topo("raw_orders", "payments", "stg_orders", "stg_payments",
                "orders", "daily_revenue", "weekly_revenue"));
    }

    @Test
    void trailingPlusAddsAllDescendants() throws Exception {
        assertThat(sel("orders+"))
                .isEqualTo(topo("orders", "revenue", "daily_revenue", "weekly_revenue", "not_null_orders_id"));
        assertThat(sel("raw_orders+")).isEqualTo(topo("raw_orders", "stg_orders", "legacy_orders", "customers",
                "orders", "revenue", "daily_revenue", "weekly_revenue", "not_null_orders_id"));
    }

    @Test
    void plusOnBothSides() throws Exception {
        assertThat(sel("+stg_payments+")).isEqualTo(topo("payments", "stg_payments", "customers", "orders",
                "revenue", "daily_revenue", "weekly_revenue", "not_null_orders_id"));
    }

    @Test
    void depthLimitedOperators() throws Exception {
        assertThat(sel("1+orders")).isEqualTo(topo("stg_orders", "stg_payments", "orders"));
        assertThat(sel("2+orders")).isEqualTo(topo("raw_orders", "payments", "stg_orders", "stg_payments", "orders"));
        assertThat(sel("orders+1"))
                .isEqualTo(topo("orders", "revenue", "daily_revenue", "not_null_orders_id"));
        assertThat(sel("orders+2"))
                .isEqualTo(topo("orders", "revenue", "daily_revenue", "weekly_revenue", "not_null_orders_id"));
        assertThat(sel("1+daily_revenue+1")).isEqualTo(topo("orders", "daily_revenue", "weekly_revenue"));
        assertThat(sel("0+orders+0")).containsExactly("orders");
        assertThat(sel("99999999999+weekly_revenue")).isEqualTo(sel("+weekly_revenue"));
    }

    @Test
    void depthCountsFromTheWholeMatchedSet() throws Exception {
        // stg_* are one edge from the seeds and the source; 1+ adds exactly those.
        assertThat(sel("1+stg_*")).isEqualTo(topo("raw_customers", "raw_orders", "payments",
                "stg_customers", "stg_orders", "stg_payments"));
        assertThat(sel("tag:staging+1")).isEqualTo(topo("stg_customers", "stg_orders", "stg_payments",
                "customers", "orders"));
    }

    @Test
    void atAddsDescendantsAndTheirAncestors() throws Exception {
        // customers also needs stg_orders and stg_payments (and their parents) to be built.
        assertThat(sel("@stg_customers")).isEqualTo(topo("raw_customers", "raw_orders", "payments",
                "stg_customers", "stg_orders", "stg_payments", "customers"));
        assertThat(sel("+stg_customers+")).isEqualTo(topo("raw_customers", "stg_customers", "customers"));
        assertThat(sel("@daily_revenue")).isEqualTo(topo("raw_orders", "payments", "stg_orders", "stg_payments",
                "orders", "daily_revenue", "weekly_revenue"));
        assertThat(sel("@weekly_revenue")).isEqualTo(sel("+weekly_revenue"));
    }

    @Test
    void graphOperatorsWorkWithMethods() throws Exception {
        assertThat(sel("+tag:finance")).isEqualTo(topo("raw_customers", "raw_orders", "payments", "stg_customers",
                "stg_orders", "stg_payments", "customers", "orders", "revenue"));
        assertThat(sel("path:models/reporting+")).isEqualTo(topo("daily_revenue", "weekly_revenue"));
        assertThat(sel("1+config.materialized:incremental")).isEqualTo(topo("orders", "daily_revenue"));
        assertThat(sel("@resource_type:test")).isEqualTo(sel("+not_null_orders_id"));
    }

    // ---- exclude ----

    @Test
    void excludeRemovesFromTheSelection() throws Exception {
        assertThat(sel(null, "tag:nightly")).isEqualTo(topo("raw_customers", "raw_orders", "payments",
                "stg_customers", "stg_payments", "legacy_orders", "revenue", "weekly_revenue", "not_null_orders_id"));
        assertThat(sel("+orders", "resource_type:seed source:raw"))
                .isEqualTo(topo("stg_orders", "stg_payments", "orders"));
        assertThat(sel("marts", "orders+")).containsExactly("customers");
        assertThat(sel("staging", "tag:staging,tag:nightly"))
                .isEqualTo(topo("payments", "stg_customers", "stg_payments"));
        assertThat(sel("orders", "orders")).isEmpty();
        assertThat(sel("orders", "  ")).containsExactly("orders");
        assertThat(sel("orders", "no_such_model")).containsExactly("orders");
    }

    @Test
    void excludeDoesNotPruneWhatItsSelectionReachedThroughIt() throws Exception {
        // Exclusion is a set difference, applied last: orders' descendants stay selected.
        assertThat(sel("+daily_revenue+", "orders"))
                .isEqualTo(topo("raw_orders", "payments", "stg_orders", "stg_payments", "daily_revenue", "weekly_revenue"));
    }

    // ---- errors ----

    @Test
    void testTypeTellsGenericFromSingularDataTests() throws Exception {
        Map<String, SelectableNode> nodes = new java.util.LinkedHashMap<>();
        nodes.put("test.p.unique_x", new SelectableNode("test.p.unique_x", "unique_x", "test", "models/x.yml",
                List.of("p", "unique_x"), Set.of(), Map.of()));
        nodes.put("test.p.no_gaps", new SelectableNode("test.p.no_gaps", "no_gaps", "test", "tests/no_gaps.sql",
                List.of("p", "no_gaps"), Set.of(), Map.of()));
        Dag.Builder dag = Dag.builder();
        nodes.keySet().forEach(dag::node);
        assertThat(NodeSelector.select(dag.build(), nodes, "test_type:generic", null)).containsExactly("test.p.unique_x");
        assertThat(NodeSelector.select(dag.build(), nodes, "test_type:singular", null)).containsExactly("test.p.no_gaps");
        assertThat(NodeSelector.select(dag.build(), nodes, "test_type:data", null)).hasSize(2);
        assertThat(NodeSelector.select(dag.build(), nodes, "test_type:unit", null)).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> NodeSelector.select(dag.build(), nodes, "test_type:schema", null)))
                .hasMessageContaining("unknown test type 'schema'. Test types: unit, data, generic, singular");
    }

    @Test
    void unknownMethodListsTheSupportedOnes() {
        SelectionException e = error("foo:bar", null);

        assertThat(e).hasMessageContaining("Invalid select expression 'foo:bar'")
                .hasMessageContaining("unknown selection method 'foo'")
                .hasMessageContaining("tag, path, file, fqn, package, source, resource_type, test_type, state, config.<key>")
                .hasMessageContaining("Valid forms:");
    }

    @Test
    void unknownMethodSuggestsTheClosest() {
        assertThat(error("orders tga:nightly", null))
                .hasMessageContaining("Invalid selector 'tga:nightly' in select expression 'orders tga:nightly'")
                .hasMessageContaining("did you mean 'tag'?");
        assertThat(error("materialized:table", null)).hasMessageContaining("unknown selection method 'materialized'");
    }

    @Test
    void emptyAtomsAreErrors() {
        assertThat(error("orders,,customers", null)).hasMessageContaining("empty selector between commas");
        assertThat(error("tag:nightly, orders", null))
                .hasMessageContaining("'tag:nightly,'")
                .hasMessageContaining("without spaces");
        assertThat(error(",orders", null)).hasMessageContaining("empty selector");
        assertThat(error(",", null)).hasMessageContaining("empty selector");
    }

    @Test
    void malformedGraphOperatorsAreErrors() {
        for (String bad : List.of("++orders", "orders++", "1+2+orders", "+orders+1+", "@@orders", "or+ders")) {
            assertThat(error(bad, null)).as(bad).hasMessageContaining("malformed graph operator")
                    .hasMessageContaining("+x, N+x, x+, x+N or @x");
        }
        assertThat(error("@+orders", null)).hasMessageContaining("'@' and a leading '+' cannot be combined");
        assertThat(error("@2+orders", null)).hasMessageContaining("cannot be combined");
    }

    @Test
    void operatorsOrMethodsWithoutValueAreErrors() {
        for (String bad : List.of("+", "@", "3+", "@+", "+tag:", "tag:+")) {
            assertThat(error(bad, null)).as(bad).isNotNull();
        }
        assertThat(error("+", null)).hasMessageContaining("nothing to select");
        assertThat(error("tag:", null)).hasMessageContaining("method 'tag' needs a value, e.g. tag:nightly");
        assertThat(error("config.materialized:", null)).hasMessageContaining("config.materialized:table");
    }

    @Test
    void badMethodArgumentsAreErrors() {
        assertThat(error("config:table", null)).hasMessageContaining("needs a key, e.g. config.materialized:table");
        assertThat(error("config.:table", null)).hasMessageContaining("empty key");
        assertThat(error("tag.x:nightly", null)).hasMessageContaining("the tag method takes no '.<key>'");
        assertThat(error("resource_type:models", null))
                .hasMessageContaining("unknown resource type 'models' (did you mean 'model'?)")
                .hasMessageContaining("model, seed, test, source");
        assertThat(error("source:a.b.c.d", null)).hasMessageContaining("source:<source_name>.<table_name>");
    }

    @Test
    void errorsInExcludeAreReportedAsSuch() {
        assertThat(error("orders", "orders foo:bar"))
                .hasMessageContaining("Invalid selector 'foo:bar' in exclude expression 'orders foo:bar'");
        // Checked even when the selection is empty and exclusion would not be evaluated.
        assertThat(error("no_such_model", "++x")).hasMessageContaining("Invalid exclude expression '++x'");
    }

    @Test
    void aLaterErrorIsFoundEvenAfterValidSelectors() {
        assertThatThrownBy(() -> NodeSelector.select(DAG, NODES, "orders +customers tag:nightly,bogus:x", null))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("'bogus:x'");
    }

    // ---- inputs ----

    @Test
    void dagNodesWithoutFactsAreReachedByGraphOperatorsOnly() throws Exception {
        Dag dag = Dag.builder().node("a").node("b").node("c").edge("a", "b").edge("b", "c").build();
        Map<String, SelectableNode> nodes = new HashMap<>();
        nodes.put("b", new SelectableNode("b", "b", "model", null, null, null, null));
        nodes.put("not_in_dag", new SelectableNode("not_in_dag", "b", "model", null, null, null, null));

        assertThat(NodeSelector.select(dag, nodes, "+b+", null)).containsExactly("a", "b", "c");
        assertThat(NodeSelector.select(dag, nodes, "a", null)).isEmpty();
        assertThat(NodeSelector.select(dag, nodes, null, "b")).containsExactly("a", "c");
        assertThat(NodeSelector.select(dag, nodes, "path:models", null)).as("no path").isEmpty();
    }

    @Test
    void selectableNodeCopiesItsCollectionsAndToleratesNulls() {
        List<String> fqn = new ArrayList<>(List.of("p", "x"));
        Set<String> tags = new LinkedHashSet<>(List.of("b", "a"));
        Map<String, Object> config = new HashMap<>();
        config.put("schema", null);
        SelectableNode node = new SelectableNode("model.p.x", "x", "model", "models/x.sql", fqn, tags, config);
        fqn.add("y");
        tags.add("c");

        assertThat(node.fqn()).containsExactly("p", "x");
        assertThat(node.tags()).containsExactly("b", "a");
        assertThat(node.config()).containsEntry("schema", null);
        SelectableNode bare = new SelectableNode("model.p.y", "y", "model", null, null, null, null);
        assertThat(bare.fqn()).isEmpty();
        assertThat(bare.tags()).isEmpty();
        assertThat(bare.config()).isEmpty();
    }

    // ---- scale ----

    /**
     * 10,000 nodes in 100 layers of 100; node (l, i) depends on (l-1, i) and (l-1, (i*7+3) % 100).
     * Checked against Dag's own ancestor/descendant queries.
     */
    @Test
    void largeGraphMatchesDagQueries() throws Exception {
        int layers = 100;
        int width = 100;
        Dag.Builder b = Dag.builder();
        Map<String, SelectableNode> nodes = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < width; i++) {
                String name = (l == layers / 2 ? "mart_" : "m" + l + "_") + i;
                String id = "model.big." + name;
                b.node(id);
                Set<String> tags = i % 10 == 0 ? Set.of("nightly") : Set.of();
                Map<String, Object> config = Map.of("materialized", l % 3 == 0 ? "table" : "view");
                nodes.put(id, new SelectableNode(id, name, "model", "models/l" + l + "/" + name + ".sql",
                        List.of("big", "l" + l, name), tags, config));
                if (l > 0) {
                    String prev = l - 1 == layers / 2 ? "mart_" : "m" + (l - 1) + "_";
                    b.edge("model.big." + prev + i, id);
                    b.edge("model.big." + prev + ((i * 7 + 3) % width), id);
                }
            }
        }
        Dag dag = b.build();

        List<String> result = NodeSelector.select(dag, nodes, "+mart_1+ tag:nightly,config.materialized:table", null);

        Set<String> expected = new HashSet<>(dag.ancestors("model.big.mart_1"));
        expected.add("model.big.mart_1");
        expected.addAll(dag.descendants("model.big.mart_1"));
        for (SelectableNode n : nodes.values()) {
            if (n.tags().contains("nightly") && n.config().get("materialized").equals("table")) {
                expected.add(n.uniqueId());
            }
        }
        assertThat(result).containsExactlyInAnyOrderElementsOf(expected);
        List<String> order = new ArrayList<>(dag.topologicalOrder());
        order.retainAll(expected);
        assertThat(result).isEqualTo(order);


        // @: mart_1, its descendants, and their ancestors; every descendant leads to the last layer,
        // so the ancestors of the last-layer descendants cover the rest.
        Set<String> at = new HashSet<>(dag.descendants("model.big.mart_1"));
        at.add("model.big.mart_1");
        for (String d : List.copyOf(at)) {
            if (d.startsWith("model.big.m" + (layers - 1) + "_")) {
                at.addAll(dag.ancestors(d));
            }
        }
        assertThat(at).hasSizeLessThan(dag.size());
        assertThat(NodeSelector.select(dag, nodes, "@mart_1", null)).containsExactlyInAnyOrderElementsOf(at);
        at.removeIf(id -> id.startsWith("model.big.m" + (layers - 1) + "_"));
        assertThat(NodeSelector.select(dag, nodes, "@mart_1", "path:models/l" + (layers - 1)))
                .containsExactlyInAnyOrderElementsOf(at);
    }

    @Test
    void longChainsDoNotOverflowTheStack() throws Exception {
        int n = 20_000;
        Dag.Builder b = Dag.builder();
        Map<String, SelectableNode> nodes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "model.p.n" + i;
            b.node(id);
            nodes.put(id, new SelectableNode(id, "n" + i, "model", null, List.of("p", "n" + i), null, null));
            if (i > 0) {
                b.edge("model.p.n" + (i - 1), id);
            }
        }
        Dag dag = b.build();

        assertThat(NodeSelector.select(dag, nodes, "n0+", null)).hasSize(n);
        assertThat(NodeSelector.select(dag, nodes, "+n19999", null)).hasSize(n);
        assertThat(NodeSelector.select(dag, nodes, "@n0", null)).hasSize(n);
        assertThat(NodeSelector.select(dag, nodes, "n100+5", null)).containsExactly(
                "model.p.n100", "model.p.n101", "model.p.n102", "model.p.n103", "model.p.n104", "model.p.n105");
    }
}
