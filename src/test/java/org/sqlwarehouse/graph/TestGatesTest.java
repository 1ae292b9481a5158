package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestGatesTest {
    private static boolean isTest(String id) {
        return id.startsWith("test.");
    }

    private static Dag dag(String... edges) throws CycleException {
        Dag.Builder b = Dag.builder();
        for (String edge : edges) {
            String[] ends = edge.split(">");
            b.node(ends[0]).node(ends[1]).edge(ends[0], ends[1]);
        }
        return b.build();
    }

    @Test
    void aTestOnAModelGatesTheModelsThatReadIt() throws Exception {
        Dag gated = TestGates.add(dag("a>b", "b>c", "a>test.t", "a>test.u", "b>test.v"), TestGatesTest::isTest);

        assertThat(gated.upstream("b")).containsExactlyInAnyOrder("a", "test.t", "test.u");
        assertThat(gated.upstream("c")).containsExactlyInAnyOrder("b", "test.v");
        // tests do not wait for each other, and the first nodes gated are enough: c waits for t through b
        assertThat(gated.upstream("test.u")).containsExactly("a");
        assertThat(gated.ancestors("c")).contains("test.t", "test.u", "test.v");
    }

    @Test
    void aTestOfTwoModelsGatesOnlyWhatReadsBoth() throws Exception {
        Dag gated = TestGates.add(dag("a>both", "b>both", "a>only_a", "both>after", "a>test.rel", "b>test.rel"),
                TestGatesTest::isTest);

        assertThat(gated.upstream("both")).contains("test.rel");
        assertThat(gated.upstream("after")).doesNotContain("test.rel");
        assertThat(gated.upstream("only_a")).containsExactly("a");
    }

    @Test
    void aTestOfAModelAndItsOwnUpstreamGatesWhatReadsTheLower() throws Exception {
        Dag gated = TestGates.add(dag("a>b", "b>c", "a>test.rel", "b>test.rel"), TestGatesTest::isTest);

        assertThat(gated.upstream("c")).containsExactlyInAnyOrder("b", "test.rel");
        assertThat(gated.upstream("b")).containsExactly("a");
    }

    @Test
    void withoutTestsTheGraphIsTheSame() throws Exception {
        Dag plain = dag("a>b", "b>c");
        assertThat(TestGates.add(plain, TestGatesTest::isTest)).isSameAs(plain);
    }

    @Test
    void aFailedTestSkipsWhatItGatesAndNothingElse() throws Exception {
        ReadyQueue queue = new ReadyQueue(TestGates.add(dag("a>b", "b>c", "a>test.t", "x>y"), TestGatesTest::isTest));
        assertThat(queue.takeReady()).containsExactlyInAnyOrder("a", "x");
        queue.succeeded("a");
        queue.succeeded("x");
        assertThat(queue.takeReady()).containsExactlyInAnyOrder("test.t", "y");
        assertThat(queue.failed("test.t")).containsExactly("b", "c");
        queue.succeeded("y");
        assertThat(queue.isDone()).isTrue();
    }
}
