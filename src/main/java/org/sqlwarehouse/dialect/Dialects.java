package org.sqlwarehouse.dialect;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;

/** Finds the dialect for a target type among the providers on the classpath. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forType(String type) throws WarehouseException {
        Map<String, DialectProvider> providers = providers();
        if (type == null || type.isBlank()) {
            throw new WarehouseException("The target has no <type>.",
                    "Set <type> to one of: " + String.join(", ", providers.keySet()) + ".");
        }
        DialectProvider provider = providers.get(type.trim().toLowerCase(java.util.Locale.ROOT));
        if (provider == null) {
            throw new WarehouseException("Unsupported target type '" + type + "'. Supported: "
                    + String.join(", ", providers.keySet()) + ".",
                    "Other databases come in through a DialectProvider on the plugin's classpath.");
        }
        return provider.create();
    }

    /** The dialect of a type, if a provider on the classpath serves it. */
    public static java.util.Optional<Dialect> find(String type) {
        if (type == null || type.isBlank()) {
            return java.util.Optional.empty();
        }
        DialectProvider provider = providers().get(type.trim().toLowerCase(java.util.Locale.ROOT));
        return java.util.Optional.ofNullable(provider).map(DialectProvider::create);
    }

    private static Map<String, DialectProvider> providers() {
        Map<String, DialectProvider> byType = new TreeMap<>();
        for (DialectProvider p : ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader())) {
            byType.putIfAbsent(p.type(), p);
        }
        return byType;
    }
}
