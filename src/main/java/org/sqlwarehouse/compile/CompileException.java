package org.sqlwarehouse.compile;

import java.util.List;
import org.sqlwarehouse.WarehouseException;

/** One or more template errors, each naming its file and line. */
public class CompileException extends WarehouseException {
    private final List<String> problems;

    public CompileException(List<String> problems, String hint) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " compile errors:" + System.lineSeparator() + "  "
                        + String.join(System.lineSeparator() + "  ", problems), hint);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
