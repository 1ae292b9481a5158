package org.sqlwarehouse.compile;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A project macro that can hand back a value with dbt's {@code {{ return(x) }}} instead of its
 * rendered text: return() stores the value in the innermost call's frame.
 */
final class ReturningMacro extends MacroFunction {
    /** One frame per macro call in progress on this thread. */
    private static final ThreadLocal<Deque<Object[]>> FRAMES = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Object NOTHING = new Object();

    ReturningMacro(MacroFunction macro) {
        super(macro, macro.getName());
    }

    @Override
    public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
        Deque<Object[]> frames = FRAMES.get();
        Object[] frame = {NOTHING};
        frames.push(frame);
        try {
            Object rendered = super.doEvaluate(argMap, kwargMap, varArgs);
            return frame[0] == NOTHING ? rendered : frame[0];
        } finally {
            frames.pop();
        }
    }

    /** Records the value of return(); the first one in a call wins, as execution stops there in dbt. */
    static boolean setReturn(Object value) {
        Deque<Object[]> frames = FRAMES.get();
        if (frames.isEmpty()) {
            return false;
        }
        Object[] frame = frames.peek();
        if (frame[0] == NOTHING) {
            frame[0] = value;
        }
        return true;
    }
}
