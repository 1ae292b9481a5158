package org.sqlwarehouse.compile;

import org.sqlwarehouse.jinja.PyMapping;
import org.sqlwarehouse.project.BatchWindow;

/**
 * {@code model.batch} while a microbatch model renders for one batch, as dbt 1.9 has it:
 * {@code id} (20240917), {@code event_time_start} and {@code event_time_end} (UTC datetimes).
 */
final class BatchContext implements PyMapping {
    private final BatchWindow window;

    BatchContext(BatchWindow window) {
        this.window = window;
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "id" -> window.id();
            case "event_time_start" -> TemplateDateTime.attached(window.start(), TemplateTimezone.UTC);
            case "event_time_end" -> TemplateDateTime.attached(window.end(), TemplateTimezone.UTC);
            default -> MISSING;
        };
    }

    @Override
    public Object getItem(Object key) {
        return key instanceof String name ? getAttr(name) : MISSING;
    }

    @Override
    public String toString() {
        return "{'id': '" + window.id() + "', 'event_time_start': " + BatchWindow.literal(window.start())
                + ", 'event_time_end': " + BatchWindow.literal(window.end()) + "}";
    }

    /**
     * {@code model} in a template: for now only its {@code batch}, the batch being built or none
     * outside a microbatch model's batch.
     */
    static final class Model implements PyMapping {
        @Override
        public Object getAttr(String name) {
            if (!"batch".equals(name)) {
                return MISSING;
            }
            RenderState state = RenderState.current();
            return state == null || state.batch == null ? null : new BatchContext(state.batch);
        }

        @Override
        public Object getItem(Object key) {
            return key instanceof String name ? getAttr(name) : MISSING;
        }

        @Override
        public String toString() {
            return "<model>";
        }
    }
}
