package org.sqlwarehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sqlwarehouse.report.BuildLog;

/**
 * modules.datetime, modules.pytz, modules.itertools, toyaml and fromyaml against Python itself:
 * each template of python-modules-cases.txt is rendered by Jinja2 with Python's modules and dbt's
 * YAML helpers (one python3 process for all), and by our renderer; the output must be the same, or
 * both must fail. Skipped, saying why, without a python3 that has jinja2, pytz and yaml, unless
 * WAREHOUSE_JINJA2_REQUIRED=true (CI), where that is a failure.
 */
class PythonModulesDifferentialTest {
    /** Short names every case may use. */
    private static final String PREFIX = "{% set datetime = modules.datetime %}{% set pytz = modules.pytz %}"
            + "{% set it = modules.itertools %}";

    private static List<String> cases;
    private static List<Map<String, String>> expected;
    private static String missing;

    @BeforeAll
    static void renderWithPython() throws Exception {
        cases = loadCases();
        String configured = System.getenv("WAREHOUSE_PYTHON");
        List<String> candidates = configured != null ? List.of(configured) : List.of("python3", "/usr/bin/python3");
        String python = null;
        for (String candidate : candidates) {
            if (canImport(candidate)) {
                python = candidate;
                break;
            }
        }
        if (python == null) {
            missing = "no python3 of " + candidates + " can import jinja2, pytz and yaml";
            if ("true".equalsIgnoreCase(System.getenv("WAREHOUSE_JINJA2_REQUIRED"))) {
                fail("WAREHOUSE_JINJA2_REQUIRED=true but " + missing);
            }
            return;
        }
        expected = runPython(python);
    }

    private static List<String> loadCases() throws Exception {
        Path file = Path.of(PythonModulesDifferentialTest.class.getResource("/python-modules-cases.txt").toURI());
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static boolean canImport(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import jinja2, pytz, yaml").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Map<String, String>> runPython(String python) throws Exception {
        Path script = Path.of(PythonModulesDifferentialTest.class.getResource("/python-modules-render.py").toURI());
        ProcessBuilder builder = new ProcessBuilder(python, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // both sides read naive datetimes in the same zone
        builder.environment().put("TZ", java.util.TimeZone.getDefault().getID());
        Process p = builder.start();
        ObjectMapper json = new ObjectMapper();
        byte[] input = json.writeValueAsBytes(cases.stream().map(c -> PREFIX + c).toList());
        Thread writer = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // the read below reports what went wrong
            }
        });
        writer.start();
        byte[] output = p.getInputStream().readAllBytes();
        writer.join();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the python script's exit code").isZero();
        return json.readValue(output, new TypeReference<>() { });
    }

    private static void assumePython() {
        Assumptions.assumeTrue(missing == null, () -> "Skipping the Python modules differential test: " + missing
                + " (install python3 with jinja2, pytz and yaml, or set WAREHOUSE_PYTHON to one that has them)");
    }

    /** What our renderer makes of a template: its output, or its problems. */
    private record Rendered(String output, List<String> problems) {
    }

    private static Rendered renderOurs(TemplateRenderer renderer, String template) {
        RenderState state = new RenderState("models/m.sql", Map.of(), Map.of(), n -> null, n -> null, false,
                BuildLog.SILENT);
        String output = renderer.render(template, state, Map.of());
        return new Rendered(output, List.copyOf(state.problems));
    }

    static TemplateRenderer renderer() {
        return new TemplateRenderer(List.of(), Map.of("project_name", "shop", "modules", new TemplateObjects.Modules()),
                BuildLog.SILENT);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseRendersAsPythonRendersIt() {
        assumePython();
        assertThat(expected).hasSameSizeAs(cases);
        TemplateRenderer renderer = renderer();
        int[] passed = {0};
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String template = cases.get(i);
            Map<String, String> want = expected.get(i);
            tests.add(DynamicTest.dynamicTest((i + 1) + ": " + template, () -> {
                Rendered got = renderOurs(renderer, PREFIX + template);
                if (want.containsKey("error")) {
                    assertThat(got.problems()).as("Python raised %s; we rendered %s", want.get("error"), got.output())
                            .isNotEmpty();
                } else {
                    assertThat(got.problems()).as("Python rendered %s", want.get("output")).isEmpty();
                    assertThat(got.output()).isEqualTo(want.get("output"));
                }
                passed[0]++;
            }));
        }
        tests.add(DynamicTest.dynamicTest("summary", () -> {
            System.out.println("Python modules differential: " + passed[0] + " of " + cases.size()
                    + " templates render as Python renders them");
            assertThat(passed[0]).isEqualTo(cases.size());
        }));
        return tests.stream();
    }

    /** What depends on the clock: only its shape can be checked. */
    @Test
    void nowAndTodayHaveTheShapeOfTheirKind() {
        TemplateRenderer renderer = renderer();
        String template = PREFIX + "{{ datetime.datetime.now() }}|{{ datetime.datetime.utcnow() }}|"
                + "{{ datetime.date.today() }}|{{ datetime.datetime.now(pytz.utc) }}|"
                + "{{ datetime.datetime.now(pytz.timezone('Asia/Kolkata')) }}|{{ datetime.datetime.now().tzinfo }}|"
                + "{{ datetime.datetime.now(pytz.utc) > datetime.datetime(2024, 1, 1, tzinfo=pytz.utc) }}";
        Rendered got = renderOurs(renderer, template);
        assertThat(got.problems()).isEmpty();
        String[] parts = got.output().split("\\|");
        String naive = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?";
        assertThat(parts[0]).matches(naive);
        assertThat(parts[1]).matches(naive);
        assertThat(parts[2]).matches("\\d{4}-\\d\\d-\\d\\d");
        assertThat(parts[3]).matches(naive + "\\+00:00");
        assertThat(parts[4]).matches(naive + "\\+05:30");
        assertThat(parts[5]).isEqualTo("None");
        assertThat(parts[6]).isEqualTo("True");
    }
}
