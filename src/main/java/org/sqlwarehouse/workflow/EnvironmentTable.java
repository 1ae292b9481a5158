package org.sqlwarehouse.workflow;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sqlwarehouse.report.BuildLog;

/** warehouse:environments' table, one environment a line, columns padded to their widest value. */
final class EnvironmentTable {
    private EnvironmentTable() {
    }

    static void print(List<EnvironmentSummary> environments, String project, String target, String stateTarget,
            BuildLog log) {
        if (environments.isEmpty()) {
            log.info("No environment of project '" + project + "' in the database of target '" + target
                    + "': no schema's state records its relations.");
            return;
        }
        List<String> header = new ArrayList<>(List.of("SCHEMA", "PROTECTED", "TARGETS", "RELATIONS", "LAST BUILT",
                "BY", "COMMIT"));
        if (stateTarget != null) {
            header.add("DIFFERS FROM " + stateTarget.toUpperCase(Locale.ROOT));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        SimpleDateFormat time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        for (EnvironmentSummary e : environments) {
            List<String> row = new ArrayList<>(List.of(e.schema(), e.isProtected() ? "yes" : "no",
                    e.declaredBy().isEmpty() ? "-" : String.join(", ", e.declaredBy()),
                    String.valueOf(e.relations()), e.lastBuiltAt() == null ? "-" : time.format(e.lastBuiltAt()),
                    e.lastBuiltBy() == null ? "-" : e.lastBuiltBy(), shortCommit(e.gitCommit())));
            if (stateTarget != null) {
                row.add(String.valueOf(e.differences()));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        log.info("Environments of project '" + project + "' in the database of target '" + target + "':");
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i)));
                if (i < row.size() - 1) {
                    line.append(' ');
                }
            }
            log.info(line.toString().stripTrailing());
        }
    }

    private static String shortCommit(String commit) {
        if (commit == null || commit.isBlank()) {
            return "-";
        }
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
